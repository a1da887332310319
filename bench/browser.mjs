// One Chromium for the whole run (this machine's, never a download), and one fresh browser
// context per page load, so every load starts with an empty cache and an empty IndexedDB.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, chromiumPath } from "../scripts/chromium.mjs";

export const PROBE = fileURLToPath(new URL("./probe.js", import.meta.url));
const executablePath = chromiumPath();

export async function launch() {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  let version = browser.version();
  try {
    const text = execFileSync(executablePath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    version = text.match(/^\S+ [\d.]+/)?.[0] ?? version;
  } catch {
    // browser.version() is enough
  }
  return { browser, version };
}

/**
 * Opens `url` in a fresh context with the probe (and CPU throttling when `cpuRate` > 1), lets
 * `act(page)` drive it, and always closes the context. Resolves to what `act` returns.
 */
export async function withPage(browser, { url, cpuRate = 1, probe = true }, act) {
  const context = await browser.newContext();
  try {
    if (probe) await context.addInitScript({ path: PROBE });
    const page = await context.newPage();
    if (cpuRate > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuRate });
    }
    if (url) await page.goto(url, { waitUntil: "commit" });
    return await act(page, context);
  } finally {
    await context.close();
  }
}

/** `promise`, or a rejection after `ms`; the timer never outlives it. */
export function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Waits (in the page, no polling) until `count` form controls have shown. */
export async function controlsShown(page, count, timeoutMs = 20_000) {
  const shown = page.evaluate((n) => window.__bench.waitForControl(n).then(() => true), count);
  shown.catch(() => {}); // after a timeout the context closes under it
  await within(shown, timeoutMs, `showing question ${count}`);
}

/** The probe's log, plus the navigation entry's milestones. */
export function readLog(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const { controls, clicks, outboxCommits, longTasks } = window.__bench;
    return {
      controls,
      clicks,
      outboxCommits,
      longTasks,
      responseEnd: nav?.responseEnd ?? null,
      domContentLoaded: nav?.domContentLoadedEventStart ?? null,
      // The page's one external script (the widget's, or the floor's) fully received: it runs after.
      scriptArrived: performance.getEntriesByType("resource").find((e) => e.initiatorType === "script")?.responseEnd ?? null,
    };
  });
}
