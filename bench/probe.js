// Injected into every bench page before its own scripts (Playwright addInitScript). Records,
// in performance.now() time (0 = navigation start), what each figure needs:
//   controls      each form control the first time it is in a shadow root and displayed
//   clicks        every click, at the document in the capture phase (before the widget sees it)
//   outboxCommits each outbox "msg:" write, when its transaction commits (= durable)
//   longTasks     every long task (> 50 ms) the page reports
// Both the widget and the floor page run this same script, so its cost falls on both alike.
(() => {
  const log = { controls: [], clicks: [], outboxCommits: [], longTasks: [] };
  const waiters = [];
  log.waitForControl = (count) =>
    new Promise((resolve) => (log.controls.length >= count ? resolve(log.controls) : waiters.push({ count, resolve })));
  Object.defineProperty(window, "__bench", { value: log });

  const roots = [];
  const seen = new WeakSet();
  let polling = false;
  // Looked for in the next animation frame, not in the mutation's microtask: checkVisibility()
  // there would make the browser compute the new elements' styles inside the page's own task
  // (lengthening the task the long-task figure measures, by more for a bigger stylesheet),
  // where a page without this probe computes them in its rendering step. A control counts as
  // visible from the frame that first displays it.
  function scanNextFrame() {
    if (polling) return;
    polling = true;
    requestAnimationFrame(() => {
      polling = false;
      scan();
    });
  }
  function scan() {
    let hidden = false;
    for (const root of roots) {
      for (const el of root.querySelectorAll("input,select,textarea")) {
        if (seen.has(el)) continue;
        if (!el.isConnected || !el.checkVisibility({ visibilityProperty: true })) {
          hidden = true;
          continue;
        }
        seen.add(el);
        log.controls.push({ t: performance.now(), name: el.name || el.id });
      }
    }
    for (const w of waiters.splice(0)) {
      if (log.controls.length >= w.count) w.resolve(log.controls);
      else waiters.push(w);
    }
    // In the DOM but not displayed yet (its host hidden or detached): look again each frame.
    if (hidden) scanNextFrame();
  }
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    new MutationObserver(scanNextFrame).observe(root, { childList: true, subtree: true });
    return root;
  };

  document.addEventListener("click", () => log.clicks.push(performance.now()), true);

  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    const request = put.call(this, value, key);
    if (this.transaction.db.name === "progressive-profile-outbox" && String(key).startsWith("msg:")) {
      const at = performance.now();
      this.transaction.addEventListener("complete", () => log.outboxCommits.push({ put: at, committed: performance.now() }));
    }
    return request;
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) log.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    log.longTasks = null; // not supported: reported as "not measured", never as "none"
  }
})();
