// Tabs of one chaos round: the host page (served by a context route under the e2e server's
// origin), every request each tab makes, and what an end user does in the widget.

/** The host page: the B2B config inline, the script tag with the round's data-* attributes. */
export function hostHtml(config, attributes) {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`)
    .join("");
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chaos host</title></head><body><main><h1>Shop</h1></main><script type="application/json" id="pp-config">${json}</script><script src="/dist/progressive-profile.js"${attrs}></script></body></html>`;
}

/** The header the round's pages add to each request the widget sends with `keepalive`. */
export const KEEPALIVE_MARK = "x-chaos-keepalive";

/**
 * In every page of the round (an init script): a POST the widget sends with `keepalive` says
 * so in a header of its own, so the driver and the backend know each such request for certain
 * (no event tells, and the driver hears of a request a little after the page starts it).
 */
export function markKeepaliveRequests() {
  const send = window.fetch;
  window.fetch = function (input, init) {
    if (!init?.keepalive) return send.call(this, input, init);
    const headers = new Headers(init.headers);
    headers.set("X-Chaos-Keepalive", "1");
    return send.call(this, input, { ...init, headers });
  };
}

/**
 * Records every request of every tab in `context`: origins (privacy figure) and, for POSTs
 * carrying an Idempotency-Key, the interval it was in flight on the client, per tab, and
 * whether it went with keepalive (such a request outlives its page: it never counts as given up).
 */
export function recordRequests(context, tabIdOf) {
  const all = [];
  const open = new Map();
  context.on("request", (request) => {
    const headers = request.headers();
    const key = headers["idempotency-key"] ?? null;
    const entry = {
      url: request.url(),
      method: request.method(),
      key,
      tab: tabIdOf(request),
      start: Date.now(),
      end: null,
      failure: null,
      keepalive: headers[KEEPALIVE_MARK] === "1",
    };
    all.push(entry);
    open.set(request, entry);
  });
  const finish = (request, failure) => {
    const entry = open.get(request);
    if (!entry) return;
    entry.end = Date.now();
    entry.failure = failure;
    open.delete(request);
  };
  // In flight until the response's headers arrive (the e2e server writes each answer whole),
  // or until it fails: a page that never reads the body keeps the request "loading" after.
  context.on("response", (response) => finish(response.request(), null));
  context.on("requestfinished", (request) => finish(request, null));
  context.on("requestfailed", (request) => finish(request, request.failure()?.errorText ?? "failed"));
  return {
    all,
    /** A closed page's requests are aborted, but no event says so. */
    tabClosed(tab, now = Date.now()) {
      for (const [request, entry] of open) {
        if (entry.tab !== tab) continue;
        entry.end = now;
        entry.failure = "tab closed";
        open.delete(request);
      }
    },
    /** Requests still open when the round ends are closed at `now`. */
    close(now = Date.now()) {
      for (const entry of open.values()) entry.end = now;
      open.clear();
    },
  };
}

/** Resolves true once the script tag's widget has mounted (or false after `timeoutMs`). */
export async function widgetReady(page, timeoutMs = 10_000) {
  try {
    await page.waitForFunction(() => Boolean(window.ProgressiveProfile), null, { timeout: timeoutMs });
    return await page.evaluate(
      (ms) => Promise.race([window.ProgressiveProfile.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]),
      timeoutMs,
    );
  } catch {
    return false;
  }
}

/** The id of the question on screen in this tab, or null (no form, closed, page gone). */
export async function currentQuestion(page) {
  try {
    return await page.evaluate(() => {
      const root = document.querySelector("progressive-profile-root")?.shadowRoot;
      const label = root?.querySelector("[id*='-q-'][id$='-l']");
      const match = label ? /-q-(.+)-l$/.exec(label.id) : null;
      return match ? match[1] : null;
    });
  } catch {
    return null;
  }
}

/**
 * Waits until `qid` is on screen and the form is not saving (a save in progress ignores
 * input and clicks, and the step changes under the person's fingers when it ends).
 */
export async function settledOn(page, qid, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const state = await page
      .evaluate(() => {
        const root = document.querySelector("progressive-profile-root")?.shadowRoot;
        const label = root?.querySelector("[id*='-q-'][id$='-l']");
        return { id: label?.id ?? null, busy: root?.querySelector("button.b1")?.getAttribute("aria-disabled") === "true" };
      })
      .catch(() => ({ id: null, busy: true }));
    if (state.id === null || !state.id.endsWith(`-q-${qid}-l`)) return false;
    if (!state.busy) return true;
    await page.waitForTimeout(50).catch(() => {});
  }
  return false;
}

/** Fills the control of question `qid` with `value`, then presses the primary button. */
export async function answerAndSubmit(page, qid, question, value, onTyped = () => {}) {
  const card = page.locator("progressive-profile-root");
  const field = card.locator(`[id$="-q-${qid}"]`);
  if (question.type === "select") await field.selectOption(value, { timeout: 3000 });
  else await field.fill(value, { timeout: 3000 });
  onTyped();
  if (!(await settledOn(page, qid, 500))) throw new Error(`the form left ${qid} before Submit`);
  await card.locator("button.b1").click({ timeout: 3000 });
}

/** Clicks a footer button by its text ("Skip", "Not now"); false when it is not there. */
export async function clickButton(page, name) {
  const qid = await currentQuestion(page);
  // While a save is pending the click would wait and land on whatever step comes next.
  if (qid === null || !(await settledOn(page, qid, 1000))) return false;
  const button = page.locator("progressive-profile-root").getByRole("button", { name, exact: true });
  if ((await button.count().catch(() => 0)) === 0) return false;
  await button.first().click({ timeout: 3000 }).catch(() => {});
  return true;
}

/** Waits until `qid` is no longer the question on screen (the form moved on or closed). */
export async function movedOn(page, qid, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await currentQuestion(page)) !== qid) return true;
    await page.waitForTimeout(50).catch(() => {});
  }
  return false;
}

/** widget.flush() in this tab, waited for at most `timeoutMs`. */
export async function flushTab(page, timeoutMs) {
  try {
    return await page.evaluate(
      (ms) =>
        Promise.race([
          window.ProgressiveProfile.ready.then((w) => w && w.flush()).then(() => true),
          new Promise((r) => setTimeout(() => r(false), ms)),
        ]),
      timeoutMs,
    );
  } catch {
    return false;
  }
}

/**
 * Outbox entries by status, read straight from IndexedDB in this tab; `leased` counts the
 * pending ones still held by a keepalive POST's lease (no tab may send them yet).
 */
export async function outboxStatus(page) {
  return page.evaluate(async () => {
    const counts = { pending: 0, failed: 0, other: 0, leased: 0 };
    // Opening a database that does not exist yet would create it without the widget's store.
    if (!(await indexedDB.databases()).some((d) => d.name === "progressive-profile-outbox")) return counts;
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("progressive-profile-outbox");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (db.objectStoreNames.contains("kv")) {
      const values = await new Promise((resolve, reject) => {
        const req = db.transaction("kv").objectStore("kv").getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const v of values) {
        const status = v && typeof v === "object" ? v.status : undefined;
        if (status === "pending" || status === "failed") counts[status]++;
        else if (status !== undefined) counts.other++;
        if (status === "pending" && v.leaseUntil > Date.now()) counts.leased++;
      }
    }
    db.close();
    return counts;
  });
}

/** The visit number of every person record stored on this device (people database). */
export async function storedVisits(page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === "progressive-profile-people")) return [];
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("progressive-profile-people");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const values = db.objectStoreNames.contains("kv")
      ? await new Promise((resolve, reject) => {
          const req = db.transaction("kv").objectStore("kv").getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        })
      : [];
    db.close();
    return values.filter((v) => v && v.person).map((v) => v.person.visit);
  });
}
