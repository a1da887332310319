// Outbox drain, 1,000 messages, one tab: seed valid outbox entries (the shape putMessage
// writes, see src/storage/outbox.ts) into IndexedDB on the bench origin, load the real widget
// (its sender drains on load) and time until the local backend has every message.
import { readFileSync } from "node:fs";
import { withPage, within } from "./browser.mjs";

/** The sender's messages in flight while the page is visible, read from its source so the reference loop matches it. */
export const SENDER_CONCURRENCY = Number(
  readFileSync(new URL("../src/transport/sender.ts", import.meta.url), "utf8").match(/CONCURRENCY = (\d+)/)?.[1] ??
    Number.NaN,
);
if (!(SENDER_CONCURRENCY > 0)) throw new Error("bench/drain.mjs: no CONCURRENCY = <n> in src/transport/sender.ts");

/** Writes `count` pending entries for person u:u_bench, as the widget would have, in one transaction. */
function seed(page, { count, endpoint, origin }) {
  return page.evaluate(
    ({ count, endpoint, origin }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("progressive-profile-outbox");
        open.onupgradeneeded = () => open.result.createObjectStore("kv");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("kv", "readwrite");
          const store = tx.objectStore("kv");
          const start = Date.now() - count;
          for (let i = 0; i < count; i++) {
            const id = crypto.randomUUID();
            const message = {
              messageId: id,
              configId: "b2b-onboarding",
              configVersion: 1,
              userId: "u_bench",
              anonymousId: "a_bench",
              visit: 1,
              answers: { name: `Person ${i}` },
              skipped: [],
              answeredAt: new Date(start + i).toISOString(),
              locale: "en",
              page: `${origin}/page/widget.html`,
            };
            const target = { endpoint, format: "json", headers: {}, credentials: "omit" };
            const entry = { v: 1, id, personKey: "u:u_bench", message, target, questionIds: ["name"] };
            store.put({ ...entry, createdAt: start + i, attempts: 0, nextAttemptAt: start + i, status: "pending" }, `msg:${id}`);
          }
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count, endpoint, origin },
  );
}

/**
 * One drain of `count` messages. With `profile`, also installs bench/drain-profile.js and
 * samples the main thread's busy time (CDP Performance metrics) — never on a timed run.
 */
export async function drainOnce(browser, server, { count, name, profile = null }) {
  const endpoint = `/api/ok/${name}`;
  return withPage(browser, { url: `${server.origin}/page/blank.html`, probe: false }, async (page, context) => {
    await seed(page, { count, endpoint, origin: server.origin });
    if (profile) await context.addInitScript({ path: profile.script });
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) await cdp.send("Performance.enable");
    const before = cdp ? await cdp.send("Performance.getMetrics") : null;
    const start = performance.now();
    await page.goto(`${server.origin}/page/widget.html?endpoint=/api/ok/${name}-own`, { waitUntil: "commit" });
    await within(server.waitFor(name, count), 180_000, `the drain of ${count} messages`);
    const end = performance.now();
    const times = server.arrivals(name);
    const result = {
      count: times.length,
      totalMs: end - start,
      firstPostMs: times[0] - start,
      perSecond: (count / (end - start)) * 1000,
      steadyPerSecond: ((count - 1) / (times.at(-1) - times[0])) * 1000,
    };
    if (!cdp) return result;
    const after = await cdp.send("Performance.getMetrics");
    const metric = (set, key) => set.metrics.find((m) => m.name === key)?.value ?? 0;
    const busy = (key) => (metric(after, key) - metric(before, key)) * 1000;
    const inPage = await page.evaluate(() => window.__drainProfile.summary());
    return { ...result, mainThread: { taskMs: busy("TaskDuration"), scriptMs: busy("ScriptDuration") }, inPage };
  });
}

/**
 * The reference: `count` POSTs from a page's inline loop (bench/server.mjs FETCH_LOOP), as many in
 * flight as the sender keeps, timed the same way (navigation → the backend has them all).
 */
export async function fetchLoopOnce(browser, server, { count, name }) {
  const query = new URLSearchParams({ endpoint: `/api/ok/${name}`, count: String(count), concurrency: String(SENDER_CONCURRENCY) });
  return withPage(browser, { url: null, probe: false }, async (page) => {
    const start = performance.now();
    await page.goto(`${server.origin}/page/fetch-loop.html?${query}`, { waitUntil: "commit" });
    await within(server.waitFor(name, count), 180_000, `the reference loop's ${count} POSTs`);
    const totalMs = performance.now() - start;
    return { count, totalMs, perSecond: (count / totalMs) * 1000 };
  });
}

/**
 * `runs` timed drains, each followed by a run of the bare fetch loop (interleaved, so machine noise
 * hits both alike), then one profiled drain (instrumented, so not part of the figure).
 */
export async function measureDrain(browser, server, { count, runs, profileScript, onProgress = () => {} }) {
  const samples = [];
  const reference = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await drainOnce(browser, server, { count, name: `drain-${i}` }));
    reference.push(await fetchLoopOnce(browser, server, { count, name: `loop-${i}` }));
    onProgress(i + 1, runs);
  }
  const profile = await drainOnce(browser, server, { count, name: "drain-profile", profile: { script: profileScript } });
  return { samples, reference, concurrency: SENDER_CONCURRENCY, profile };
}
