// Strict-CSP page: counts Content-Security-Policy violations reported on this page (SPEC §8
// wants none). Loaded before the body, so it hears violations from the very first script.
const violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
  report();
});

function report() {
  const status = document.getElementById("csp-status");
  if (!status) return;
  status.className = `csp-status ${violations.length ? "status-bad" : "status-ok"}`;
  status.textContent = violations.length
    ? `${violations.length} policy violation${violations.length === 1 ? "" : "s"} reported: ${violations.join("; ")}`
    : "No policy violation reported on this page.";
}

// Quiet for a moment after load (the widget has mounted and shown its form): say so.
window.addEventListener("load", () => setTimeout(report, 1000));
