// Account page: "Reset the demo" clears both halves. The browser's half first — the widget
// forgets this person's local answers, snoozes and pending messages — then the form goes to
// the server, which deletes the person's rows and signs them out.
const form = document.getElementById("reset-form");

/** The widget the script tag mounted, or null when it is not on the page (or never came). */
function mountedWidget(timeoutMs) {
  const ready = window.ProgressiveProfile?.ready ?? Promise.resolve(null);
  return Promise.race([ready, new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  try {
    const widget = await mountedWidget(3000);
    await widget?.forget();
  } finally {
    // The server's half runs even if the browser's failed: a reset never half-happens silently.
    form.submit();
  }
});
