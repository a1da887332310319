// Order confirmation page: tell the widget a purchase happened (SPEC §3 `track`). Stages
// waiting on "purchase" become due and the form opens at once. The widget's script tag is
// async; it has run by the time the window's load event fires.
window.addEventListener("load", () => {
  window.ProgressiveProfile?.ready.then((widget) => widget?.track("purchase"));
});
