#!/usr/bin/env node
// `npm run bench`: measured speed and size, side by side (issue 8). Builds what it runs from
// the working tree into a temp folder, serves it on 127.0.0.1, drives this machine's Chromium,
// prints the table, writes bench/results.json (with every raw sample) and rewrites the README
// between <!-- bench:start --> and <!-- bench:end -->. Run it alone: it is timing a browser.
// Options: --quick (fewer runs, for trying the bench itself; README and results untouched).
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, platform, release } from "node:os";
import { join } from "node:path";
import { buildAll, root } from "../bench/build.mjs";
import { startServer } from "../bench/server.mjs";
import { launch } from "../bench/browser.mjs";
import { measureLoads, SETTLE_MS } from "../bench/loads.mjs";
import { profileMount } from "../bench/mount-profile.mjs";
import { measureSubmit } from "../bench/submit.mjs";
import { measureDrain } from "../bench/drain.mjs";
import { measureSizes, measurePlan, sizeProfile } from "../bench/static.mjs";
import { tabulate, markdown } from "../bench/report.mjs";
import { TARGET_BROTLI_BYTES } from "./size-report.mjs";

const quick = process.argv.includes("--quick");
const settings = quick
  ? { rounds: 3, throttledRounds: 2, cpuRate: 4, profileLoads: 1, submitRuns: 3, drainRuns: 1, drainCount: 200, planSamples: 50 }
  : { rounds: 30, throttledRounds: 15, cpuRate: 4, profileLoads: 3, submitRuns: 20, drainRuns: 5, drainCount: 1000, planSamples: 300 };
const started = performance.now();
const log = (msg) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);
const progress = (what) => (done, total) => {
  if (done === total || done % 5 === 0) log(`${what} ${done}/${total}`);
};

// The same Chromium check as `npm test` (CHROMIUM_PATH, /usr/bin/chromium, or Debian's package).
execFileSync(process.execPath, [join(root, "scripts/ensure-chromium.mjs")], { stdio: "inherit" });
log("building the widget, the floor page and the plan() entry from the working tree");
const files = await buildAll();
const results = { date: new Date().toISOString(), settings };
try {
  results.sizes = measureSizes(files);
  results.sizeProfile = results.sizes.iife.brotli > TARGET_BROTLI_BYTES ? sizeProfile() : null;
  log("plan() in Node");
  results.plan = measurePlan(files, settings.planSamples);

  // The example config of SPEC §1: both pages embed it; visit 1 asks name, then email.
  const config = JSON.parse(readFileSync(join(root, "demo/public/questions.json"), "utf8"));
  const server = await startServer({ config, files });
  const { browser, version } = await launch();
  results.machine = { node: process.versions.node, chromium: version, cpu: cpus()[0]?.model ?? "unknown CPU", cores: cpus().length, os: `${platform()} ${release()}` };
  try {
    log(`navigation, ${settings.rounds} interleaved rounds`);
    results.loads = await measureLoads(browser, server.origin, { rounds: settings.rounds, onProgress: progress("round") });
    log(`navigation with CPU ${settings.cpuRate}×, ${settings.throttledRounds} rounds`);
    results.loads4x = await measureLoads(browser, server.origin, {
      rounds: settings.throttledRounds,
      cpuRate: settings.cpuRate,
      onProgress: progress("round"),
    });
    log(`CPU profile of the mount at ${settings.cpuRate}×, ${settings.profileLoads} loads per variant`);
    results.mountProfile = await profileMount(browser, server.origin, {
      loads: settings.profileLoads,
      cpuRate: settings.cpuRate,
      settleMs: SETTLE_MS,
      unminifiedFile: files.unminified,
    });
    log(`step submit, ${settings.submitRuns} runs`);
    results.submit = await measureSubmit(browser, server.origin, { runs: settings.submitRuns, onProgress: progress("run") });
    log(`outbox drain of ${settings.drainCount}, ${settings.drainRuns} runs + 1 profiled`);
    results.drain = await measureDrain(browser, server, {
      count: settings.drainCount,
      runs: settings.drainRuns,
      profileScript: join(root, "bench/drain-profile.js"),
      onProgress: progress("drain"),
    });
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(files.dir, { recursive: true, force: true });
}

const table = tabulate(results);
const text = markdown(table, results);
console.log(`\n${text}\n`);
results.ok = table.ok;
if (quick) {
  log("--quick: bench/results.json and the README are left as they were");
} else {
  writeFileSync(join(root, "bench/results.json"), `${JSON.stringify(results, null, 1)}\n`);
  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const [from, to] = [readme.indexOf(start), readme.indexOf(end)];
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section to rewrite`);
  writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${text}\n${readme.slice(to)}`);
  log("wrote bench/results.json and the README's bench section");
}
log("done");
