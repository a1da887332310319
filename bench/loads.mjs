// Navigation → first question visible, and the long tasks of mount, for the widget and the
// floor page. Loads are interleaved (ABBA: widget, floor, floor, widget, …) so drift in the
// machine's load hits both variants alike; one warm-up round is run first and discarded.
import { withPage, controlsShown, readLog } from "./browser.mjs";

/** Waits after the first question shows, so the rest of mount (writes, sender start) is observed. */
export const SETTLE_MS = 400;

async function loadOnce(browser, origin, variant, cpuRate) {
  const url = `${origin}/page/${variant}.html?endpoint=/api/hold/nav`;
  return withPage(browser, { url, cpuRate }, async (page) => {
    await controlsShown(page, 1, 20_000 * cpuRate);
    await page.waitForTimeout(SETTLE_MS * cpuRate);
    const log = await readLog(page);
    const first = log.controls[0];
    // Every long task from navigation start until the settle wait ends; report.mjs tells the
    // host page's own (before the script arrived) from the mount's.
    const tasks = log.longTasks;
    return {
      visibleMs: first.t,
      control: first.name,
      responseEndMs: log.responseEnd,
      domContentLoadedMs: log.domContentLoaded,
      scriptArrivedMs: log.scriptArrived,
      longTasks: tasks === null ? null : tasks.map((t) => ({ start: t.start, duration: t.duration })),
    };
  });
}

/**
 * `rounds` interleaved rounds at CPU slowdown `cpuRate`. Resolves to
 * { widget: [sample…], floor: [sample…] }, sample i of each taken in the same round.
 */
export async function measureLoads(browser, origin, { rounds, cpuRate = 1, onProgress = () => {} }) {
  const out = { widget: [], floor: [] };
  for (let r = -1; r < rounds; r++) {
    const order = r % 2 === 0 ? ["widget", "floor"] : ["floor", "widget"];
    const round = {};
    for (const variant of order) round[variant] = await loadOnce(browser, origin, variant, cpuRate);
    if (r < 0) continue; // warm-up
    out.widget.push(round.widget);
    out.floor.push(round.floor);
    onProgress(r + 1, rounds);
  }
  return out;
}
