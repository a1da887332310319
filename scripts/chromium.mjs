// The one place that says which Chromium the browser tests, the bench and the chaos runs use:
// Debian's (never Playwright's download, which cannot reach its CDN here), with flags that
// keep a closed network quiet.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}
