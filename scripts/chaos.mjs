#!/usr/bin/env node
// `npm run chaos -- --rounds N [--seed S] [--actions A] [--minutes M] [--port P]`: the long
// mode of the chaos suite (issue 9). Starts its own e2e server (e2e/server.mjs on another
// port), drives the built dist/progressive-profile.js in Debian's Chromium through seeded
// rounds of faults, reloads, tabs and offline periods, and prints the figures. A failing
// round prints its seed: `npm run chaos -- --rounds 1 --seed <seed>` replays it.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { startServer } from "./chaos/backend.mjs";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.mjs";
import { runChaos, summaryLine } from "./chaos/run.mjs";

function parseArgs(argv) {
  const out = { rounds: 20, seed: null, actions: 24, minutes: 60, port: 4331, sabotage: 0, verbose: 0 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "help" || name === "h") return { help: true };
    const value = Number(argv[++i]);
    if (!(name in out) || !Number.isFinite(value) || value < 0) throw new Error(`unknown or bad option ${argv[i - 1]} ${argv[i] ?? ""}`);
    out[name] = Math.floor(value);
  }
  out.seed ??= Math.floor(Math.random() * 2 ** 31);
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log("usage: npm run chaos -- [--rounds 20] [--seed S] [--actions 24] [--minutes 60] [--port 4331] [--sabotage 1|2] [--verbose 1]");
    return 0;
  }
  if (!existsSync(new URL("../dist/progressive-profile.js", import.meta.url))) {
    console.error("dist/progressive-profile.js is missing: run `npm run build` first.");
    return 2;
  }
  if (args.sabotage) console.log(`sabotage ${args.sabotage}: the widget is broken on purpose; the checks must fail`);
  console.log(`chaos: ${args.rounds} rounds from seed ${args.seed}, ${args.actions} actions each, at most ${args.minutes} min`);
  const server = await startServer(args.port);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const summary = await runChaos({
      browser,
      baseUrl: server.baseUrl,
      seed: args.seed,
      rounds: args.rounds,
      actions: args.actions,
      sabotage: args.sabotage,
      deadline: Date.now() + args.minutes * 60_000,
      onRound: ({ seed, failures, figures, trace }) => {
        const line = `round seed ${seed}: answers ${figures.answers ?? 0}, posts ${figures.posts ?? 0}, reloads ${figures.reloads ?? 0}, tabs ${figures.maxTabs ?? 0}, ${((figures.ms ?? 0) / 1000).toFixed(1)} s`;
        console.log(failures.length ? `${line} — FAILED (replay: npm run chaos -- --rounds 1 --seed ${seed}${args.sabotage ? ` --sabotage ${args.sabotage}` : ""})` : line);
        for (const f of failures) console.log(`  ${f}`);
        if (args.verbose && failures.length) console.log(`  actions:\n    ${(trace ?? []).join("\n    ")}`);
      },
    });
    console.log(summaryLine(summary));
    if (!summary.ok) console.log(`failing seeds: ${summary.failing.map((c) => c.seed).join(", ") || "(no round finished)"}`);
    return summary.ok ? 0 : 1;
  } finally {
    await browser.close();
    server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
