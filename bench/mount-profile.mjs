// Where the main thread's time goes while the widget mounts: a V8 CPU profile (CDP Profiler)
// of a few throttled loads of the unminified build of the same source, self time attributed
// to source modules through the bundle's `// src/…` / `// node_modules/…` module comments
// (line-level ticks, so code at a module's top level counts for that module). Instrumented,
// so it explains the timed figures and is never one of them.
import { readFileSync } from "node:fs";
import { withPage, controlsShown } from "./browser.mjs";

/** Line (1-based) → the module whose code it is. */
function moduleIndex(file) {
  const starts = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      // From a git worktree whose node_modules is a symlink, the bundler writes the path it
      // resolved ("// ../../main/node_modules/zod/…"): cut it back to "node_modules/…" / "src/…".
      const m = text.replace(/\/\/ \S*?\/(node_modules|src)\//, "// $1/").match(/^\s*\/\/ ((?:node_modules|src)\/\S+)\s*$/);
      if (m) starts.push({ line: i + 1, name: m[1].replace(/^node_modules\//, "") });
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "(bundle wrapper)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].line <= line) (found = starts[mid].name), (lo = mid + 1);
      else hi = mid - 1;
    }
    return found;
  };
}

/** A package for node_modules code, the first folder for ours: zod, preact, src/config, … */
export function groupOf(module) {
  if (module.startsWith("(")) return module;
  const parts = module.split("/");
  if (parts[0] === "src") return parts.length > 2 ? `src/${parts[1]}` : "src (top level)";
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Self time (ms) per label of one CDP profile: "phase\tmodule" for `bundle`'s code (phase
 * "evaluation" under the bundle's top-level function, the script running once as it loads;
 * "mount" for everything after, called back from DOMContentLoaded, IndexedDB, promises), or a
 * category for the rest.
 */
function attribute(profile, bundle) {
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const isTopLevel = (node) => bundle && node.callFrame.url === bundle.url && node.callFrame.lineNumber === 0 && node.callFrame.functionName === "";
  const phaseOf = (node) => {
    for (let n = node; n; n = parent.get(n.id)) if (isTopLevel(n)) return "evaluation";
    return "mount";
  };
  const out = new Map();
  const add = (name, ms) => out.set(name, (out.get(name) ?? 0) + ms);
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    if (bundle && url === bundle.url) {
      const phase = phaseOf(node);
      const ticks = node.positionTicks ?? [];
      const total = ticks.reduce((s, t) => s + t.ticks, 0);
      if (total === 0) add(`${phase}\t${bundle.moduleOf(lineNumber + 1)}`, ms);
      else for (const t of ticks) add(`${phase}\t${bundle.moduleOf(t.line)}`, (ms * t.ticks) / total);
    } else if (url === "") add(functionName.startsWith("(") ? functionName : "(browser built-ins)", ms);
    else if (url.includes("/page/")) add("(host page)", ms);
    else add(/\.js$/.test(url) && !url.includes("__") ? "(page script)" : "(bench probe)", ms);
  }
  return out;
}

async function profileOnce(browser, url, { cpuRate, settleMs }) {
  return withPage(browser, { cpuRate }, async (page, context) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(url, { waitUntil: "commit" });
    await controlsShown(page, 1, 20_000 * cpuRate);
    await page.waitForTimeout(settleMs * cpuRate);
    return (await cdp.send("Profiler.stop")).profile;
  });
}

/** Mean ms per load: busy (not idle), V8's "(program)" (parsing, compiling, style, layout…), GC, and JavaScript. */
function totals(labels) {
  const get = (name) => labels.get(name) ?? 0;
  const all = [...labels.values()].reduce((s, ms) => s + ms, 0);
  const busy = all - get("(idle)");
  const program = get("(program)");
  const gc = get("(garbage collector)");
  const fixed = (x) => Number(x.toFixed(1));
  return { busyMs: fixed(busy), programMs: fixed(program), gcMs: fixed(gc), javascriptMs: fixed(busy - program - gc) };
}

/**
 * Profiles `loads` throttled loads each of the widget, the floor (categories only) and the
 * unminified widget (JavaScript self time per module and per package / src folder), interleaved.
 */
export async function profileMount(browser, origin, { loads, cpuRate, settleMs, unminifiedFile }) {
  const bundle = { url: `${origin}/unminified.js`, moduleOf: moduleIndex(unminifiedFile) };
  const sums = { widget: new Map(), floor: new Map(), "widget-unminified": new Map() };
  for (let i = 0; i < loads; i++) {
    for (const variant of Object.keys(sums)) {
      const url = `${origin}/page/${variant}.html?endpoint=/api/hold/profile`;
      const profile = await profileOnce(browser, url, { cpuRate, settleMs });
      const labels = attribute(profile, variant === "widget-unminified" ? bundle : null);
      for (const [name, ms] of labels) sums[variant].set(name, (sums[variant].get(name) ?? 0) + ms / loads);
    }
  }
  const js = [...sums["widget-unminified"]].filter(([name]) => name.includes("\t"));
  const sumBy = (key) => {
    const m = new Map();
    for (const [name, ms] of js) m.set(key(name), (m.get(key(name)) ?? 0) + ms);
    return round([...m].sort((a, b) => b[1] - a[1]));
  };
  return {
    loads,
    cpuRate,
    widget: totals(sums.widget),
    floor: totals(sums.floor),
    unminified: {
      ...totals(sums["widget-unminified"]),
      /** Our bundle's JavaScript by phase, by phase and package / src folder, and by module. */
      phases: sumBy((name) => name.split("\t")[0]),
      groups: sumBy((name) => `${name.split("\t")[0]}: ${groupOf(name.split("\t")[1])}`),
      modules: sumBy((name) => name.split("\t")[1]),
    },
  };
}

const round = (list) => list.map(([name, ms]) => [name, Number(ms.toFixed(1))]);
