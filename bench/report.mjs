// Turns one run's raw results into the table rows (figure | measured | target | ok?) and the
// notes that say by how much a missed target is missed and where the time or bytes go.
import { summary, pairedRatios } from "./stats.mjs";
import { TARGET_BROTLI_BYTES } from "../scripts/size-report.mjs";

export const TARGETS = { navRatio: 1.3, longTaskMs: 50, planMs: 2, durableMs: 15, drainPerSecond: 500 };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const fixed = (digits) => (x) => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");
const mmm = (s, f = fixed(1)) => `${f(s.median)} / ${f(s.min)} / ${f(s.max)}`;
const mark = (ok) => (ok === null ? "" : ok ? "✓" : "✗");
const sizes = (s) => `${kb(s.raw)} / ${kb(s.gzip)} / **${kb(s.brotli)}** brotli`;

function navRows(loads, label, note) {
  const widget = summary(loads.widget.map((l) => l.visibleMs));
  const floor = summary(loads.floor.map((l) => l.visibleMs));
  const paired = summary(pairedRatios(loads.widget.map((l) => l.visibleMs), loads.floor.map((l) => l.visibleMs)));
  const ratio = widget.median / floor.median;
  const ok = ratio <= TARGETS.navRatio;
  return {
    ratio,
    ok,
    rows: [
      [`${label}: widget ÷ floor`, `**${ratio.toFixed(2)}×** (per round: ${mmm(paired, fixed(2))})`, `≤ ${TARGETS.navRatio}×${note}`, mark(ok)],
      [`  widget, ms (${widget.n} loads)`, mmm(widget), "", ""],
      [`  floor, ms (${floor.n} loads)`, mmm(floor), "", ""],
    ],
  };
}

function longTasks(loads) {
  const stats = (lists) => {
    const all = lists.flat().map((t) => t.duration);
    return { longest: all.length ? Math.max(...all) : 0, count: all.length, loadsWith: lists.filter((l) => l.length).length, loads: lists.length };
  };
  const per = (variant) => {
    if (loads[variant].some((l) => l.longTasks === null)) return null;
    // A task that starts before the page's one script has arrived is the host page's own (the
    // browser creating the page's JavaScript context and parsing its HTML, with the bench's init
    // script): neither the widget nor the floor has run any code yet. The mount is every task
    // from the script's arrival on (a load that could not tell when it arrived counts every task
    // as the mount's).
    const arrived = (l) => l.scriptArrivedMs ?? 0;
    return {
      mount: stats(loads[variant].map((l) => l.longTasks.filter((t) => t.start >= arrived(l)))),
      page: stats(loads[variant].map((l) => l.longTasks.filter((t) => t.start < arrived(l)))),
      unknown: loads[variant].filter((l) => l.scriptArrivedMs == null).length,
    };
  };
  const widget = per("widget");
  const floor = per("floor");
  const text = (t) =>
    t.count === 0 ? `none over ${TARGETS.longTaskMs} ms in ${t.loads} loads`
    : `longest ${t.longest.toFixed(0)} ms; ${t.count} over ${TARGETS.longTaskMs} ms in ${t.loadsWith} of ${t.loads} loads`;
  const unknown = (v) => (v.unknown ? `, the script's arrival unknown in ${v.unknown} (all their tasks counted as the mount's)` : "");
  const both = (part) =>
    widget === null || floor === null
      ? "not measured (no longtask entries in this browser)"
      : `${text(widget[part])}${unknown(widget)} (floor: ${text(floor[part])}${unknown(floor)})`;
  return { widget: widget?.mount ?? null, mount: both("mount"), page: both("page"), ok: widget === null ? null : widget.mount.count === 0 };
}

/** What the CPU profile of the throttled mount says, as one paragraph. */
function profileNote(p) {
  const top = (list, n) => list.slice(0, n).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(", ");
  const u = p.unminified;
  return (
    `Where the main thread goes while mounting at ${p.cpuRate}× CPU (V8 CPU profile, mean of ${p.loads} loads per variant; ms of self time): ` +
    `widget busy ${p.widget.busyMs.toFixed(0)} (JavaScript ${p.widget.javascriptMs.toFixed(0)}, "(program)" — HTML parse, script compile, style, layout — ` +
    `${p.widget.programMs.toFixed(0)}, GC ${p.widget.gcMs.toFixed(0)}) vs floor busy ${p.floor.busyMs.toFixed(0)} (JavaScript ${p.floor.javascriptMs.toFixed(0)}, ` +
    `"(program)" ${p.floor.programMs.toFixed(0)}). The widget's own JavaScript, by phase (an unminified build of the same source, so each line ` +
    `has its module): ${top(u.phases, 2)} — evaluation is the bundle's top level running once as it loads (module-level schemas, tables), ` +
    `mount is everything after. By phase and package: ${top(u.groups, 8)}. Top modules: ${top(u.modules, 8)}.`
  );
}

/** Rows and notes for one run's results (see scripts/bench.mjs for their shape). */
export function tabulate(r) {
  const rows = [];
  const notes = [];
  const sizeOk = r.sizes.iife.brotli <= TARGET_BROTLI_BYTES;
  rows.push(["`dist/progressive-profile.js` (script tag) raw / gzip / brotli", sizes(r.sizes.iife), `brotli ≤ ${kb(TARGET_BROTLI_BYTES)}`, mark(sizeOk)]);
  const chunk = r.sizes.esmChunks.reduce((s, c) => s + c.brotli, 0);
  rows.push(["`dist/progressive-profile.mjs` (ESM, dependencies external)", `${sizes(r.sizes.esm)}${chunk ? ` + ${kb(chunk)} brotli shared chunk` : ""}`, "", ""]);
  rows.push(["floor page bundle (preact + signals + idb-keyval)", sizes(r.sizes.floor), "reference", ""]);
  if (!sizeOk) {
    const over = r.sizes.iife.brotli - TARGET_BROTLI_BYTES;
    notes.push(`**Size misses its target by ${kb(over)} brotli** (${((r.sizes.iife.brotli / TARGET_BROTLI_BYTES - 1) * 100).toFixed(0)} % over; ${(r.sizes.iife.brotli / r.sizes.floor.brotli).toFixed(1)}× the floor bundle). Where the minified bytes go (\`node scripts/bundle-profile.mjs\`):\n\n\`\`\`\n${r.sizeProfile}\n\`\`\``);
  }

  const nav = navRows(r.loads, "navigation → first question visible", "");
  const nav4 = navRows(r.loads4x, `same, CPU throttled ${r.settings.cpuRate}×`, " (for information)");
  rows.push(...nav.rows, ...nav4.rows);
  if (!nav.ok) notes.push(navNote(nav.ratio, r.loads, r.sizes));

  const lt = longTasks(r.loads);
  const lt4 = longTasks(r.loads4x);
  rows.push(["long tasks during mount (the script's arrival → 400 ms after the first question)", lt.mount, `none > ${TARGETS.longTaskMs} ms`, mark(lt.ok)]);
  rows.push(["  before the script arrived (the host page's own navigation task, for information)", lt.page, "", ""]);
  rows.push([`  during mount, CPU throttled ${r.settings.cpuRate}× (window scaled ${r.settings.cpuRate}×)`, lt4.mount, `none > ${TARGETS.longTaskMs} ms`, mark(lt4.ok)]);
  rows.push([`  before the script arrived, CPU throttled ${r.settings.cpuRate}×`, lt4.page, "", ""]);
  for (const [t, label] of [[lt.widget, "unthrottled"], [lt4.widget, `at ${r.settings.cpuRate}× CPU`]]) {
    if (!t || !t.count) continue;
    notes.push(
      `**Long tasks during mount ${label}: ${t.count} over ${TARGETS.longTaskMs} ms (longest ${t.longest.toFixed(0)} ms, ${(t.longest - TARGETS.longTaskMs).toFixed(0)} ms over) ` +
        `in ${t.loadsWith} of ${t.loads} loads.**`,
    );
  }
  if (!nav.ok || !lt.ok || !lt4.ok) notes.push(profileNote(r.mountProfile));

  const plan = summary(r.plan.visit100.samples);
  const plan50 = summary(r.plan.visit50.samples);
  const planOk = plan.median <= TARGETS.planMs;
  rows.push([`\`plan()\`, 1,000 questions / 100 stages, every stage due (Node, ${plan.n} calls), ms`, mmm(plan, fixed(3)), `≤ ${TARGETS.planMs} ms median`, mark(planOk)]);
  rows.push(["  same, half the stages due (visit 50), ms", mmm(plan50, fixed(3)), "", ""]);
  if (!planOk) notes.push(`**plan() takes ${plan.median.toFixed(2)} ms, ${(plan.median - TARGETS.planMs).toFixed(2)} ms over the target.**`);

  const durable = summary(r.submit.map((s) => s.durableMs));
  const next = summary(r.submit.map((s) => s.nextShownMs));
  const durableOk = durable.median <= TARGETS.durableMs;
  rows.push([`step submit (click Next) → message durable in IndexedDB (${durable.n} runs), ms`, mmm(durable), `≤ ${TARGETS.durableMs} ms median`, mark(durableOk)]);
  rows.push(["  click Next → next step's field shown (write + person record + render), ms", mmm(next), "", ""]);
  if (!durableOk) notes.push(`**Step submit → durable takes ${durable.median.toFixed(1)} ms, ${(durable.median - TARGETS.durableMs).toFixed(1)} ms over the target.**`);

  const drain = summary(r.drain.samples.map((s) => s.perSecond));
  const drainOk = drain.median >= TARGETS.drainPerSecond;
  const steady = summary(r.drain.samples.map((s) => s.steadyPerSecond));
  rows.push([`outbox drain, ${r.settings.drainCount} messages, one tab (${drain.n} run${drain.n === 1 ? "" : "s"}), messages/s from navigation`, mmm(drain, fixed(0)), `≥ ${TARGETS.drainPerSecond}/s`, mark(drainOk)]);
  rows.push(["  same, first POST → last POST, messages/s", mmm(steady, fixed(0)), "", ""]);
  const loop = r.drain.reference ? summary(r.drain.reference.map((s) => s.perSecond)) : null;
  const share = loop ? pairedRatios(r.drain.samples.map((s) => s.perSecond), r.drain.reference.map((s) => s.perSecond)) : [];
  if (loop) {
    rows.push([
      `  reference: a bare fetch loop in a page, the same bodies and headers, ${r.drain.concurrency} in flight, no IndexedDB (${loop.n} runs, interleaved), messages/s`,
      mmm(loop, fixed(0)),
      "(this machine's ceiling)",
      "",
    ]);
    rows.push(["  drain ÷ bare loop", `**${(drain.median / loop.median).toFixed(2)}×** (per run: ${mmm(summary(share), fixed(2))})`, "", ""]);
  }
  if (!drainOk) notes.push(drainNote(r.drain.profile, drain.median, r.settings.drainCount, loop, r.drain.concurrency));
  return { rows, notes, ok: { size: sizeOk, nav: nav.ok, longTasks: lt.ok, longTasks4x: lt4.ok, plan: planOk, durable: durableOk, drain: drainOk } };
}

function navNote(ratio, loads, sizes) {
  const split = (variant) => {
    const dcl = summary(loads[variant].map((l) => l.domContentLoadedMs)).median;
    return { dcl, after: summary(loads[variant].map((l) => l.visibleMs - l.domContentLoadedMs)).median };
  };
  const w = split("widget");
  const f = split("floor");
  return (
    `**Navigation → first question is ${ratio.toFixed(2)}× the floor page, ${((ratio / TARGETS.navRatio - 1) * 100).toFixed(0)} % over the ${TARGETS.navRatio}× target.** ` +
    `Medians: DOMContentLoaded (the page's one synchronous script fetched, compiled and run) at ${w.dcl.toFixed(0)} ms for the widget ` +
    `(${kb(sizes.iife.raw)} of script) vs ${f.dcl.toFixed(0)} ms for the floor (${kb(sizes.floor.raw)}); from there to the first field ` +
    `${w.after.toFixed(0)} ms vs ${f.after.toFixed(0)} ms (the widget validates the config, probes both IndexedDB databases and reads the ` +
    `person before it plans; the floor does one get and one set).`
  );
}

function drainNote(p, perSecond, count, loop, concurrency) {
  const per = (ms) => (ms / count).toFixed(2);
  const tx = Object.entries(p.inPage.transactions)
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .map(([name, t]) => `${name} ×${(t.count / count).toFixed(1)} (${t.meanMs} ms each)`)
    .join(", ");
  return (
    `**Outbox drain reaches ${perSecond.toFixed(0)} messages/s, ${(TARGETS.drainPerSecond - perSecond).toFixed(0)}/s short of ${TARGETS.drainPerSecond}/s ` +
    `(${(TARGETS.drainPerSecond / perSecond).toFixed(1)}× too slow).** ` +
    (loop
      ? `A bare fetch loop on the same page origin (the same bodies and headers, ${concurrency} POSTs in flight, nothing stored) reaches ` +
        `${loop.median.toFixed(0)}/s in the same run${loop.median < TARGETS.drainPerSecond ? ", itself under the target" : ""}: the drain is ` +
        `${((perSecond / loop.median) * 100).toFixed(0)} % of what this machine's browser and loopback carry with one POST per message (SPEC §7). `
      : "") +
    `Profiled run (instrumented, not timed above): ` +
    `${per(p.totalMs)} ms per message wall-clock; per message one POST (${p.inPage.fetch.meanMs} ms round trip to the loopback backend) ` +
    `and IndexedDB transactions by database and mode: ${tx}. The main thread was busy ${((p.mainThread.taskMs / p.totalMs) * 100).toFixed(0)} % ` +
    `of the drain, running script ${((p.mainThread.scriptMs / p.totalMs) * 100).toFixed(0)} %. \`src/transport/sender.ts\` keeps ` +
    `CONCURRENCY = ${concurrency} messages in progress, also while the page is hidden; for each it re-reads the entry, POSTs it and ` +
    `removes it, the re-reads and removals of messages in progress sharing outbox transactions, and \`onDelivered\` (the person record ` +
    `is read and minimised) runs behind the sends, one message at a time.`
  );
}

/** The markdown the bench prints and puts in the README. */
export function markdown({ rows, notes }, r) {
  const lines = [
    `Measured ${r.date.slice(0, 10)} by \`npm run bench\` on ${r.machine.chromium}, Node ${r.machine.node}, ${r.machine.cpu} (${r.machine.cores} cores). ` +
      "**Absolute times are machine-dependent; ratios are the figure of merit.** Browser figures are median / min / max over " +
      `${r.settings.rounds} interleaved page loads per variant (${r.settings.throttledRounds} when throttled), each in a fresh context (empty IndexedDB); raw samples in \`bench/results.json\`. ` +
      "Run `npm run bench` alone on the machine (about 4 minutes): it times a browser.",
    "",
    "| figure | measured (median / min / max) | target | ok? |",
    "| --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
  lines.push(
    "",
    "How: sizes are of the bundles built from the working tree with the project's vite config. A question is *visible* when its field is in the " +
      "shadow root and displayed (`checkVisibility()`, looked at in the next animation frame: checked in the mutation's microtask it made the " +
      "browser compute the new elements' styles inside the page's own task, lengthening the long tasks measured), timed in the page with " +
      "`performance.now()` from navigation start (the widget's 200 ms " +
      "slide-in is not counted). The floor page is built in the same run from `bench/floor/floor.tsx`: the same config and markup, preact + " +
      "@preact/signals + idb-keyval, one labelled input in a Shadow DOM after an IndexedDB visit count. Long tasks come from a `longtask` " +
      "PerformanceObserver; those that start before the page's one script has been received (resource timing's `responseEnd`) are the host " +
      "page's own navigation task, in which no code of the widget's or the floor's has run, and are listed apart. Throttling is CDP `Emulation.setCPUThrottlingRate`. *Durable* is when the IndexedDB transaction that holds the " +
      "outbox message commits, measured from the click (capture phase) on Next, against a backend that never answers. The drain seeds the " +
      "outbox with valid entries, loads the widget and times until a loopback backend answering 200 has every message; its reference, run " +
      "after each drain, is a page whose inline loop POSTs as many messages, built as the widget builds them, with as many in flight, " +
      "timed the same way.",
  );
  if (notes.length) lines.push("", ...notes.flatMap((n) => [n, ""]));
  return lines.join("\n").trimEnd();
}
