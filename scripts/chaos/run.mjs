// Runs chaos rounds one after another and sums their figures; shared by `npm run chaos`
// (scripts/chaos.mjs) and the short mode in `npm test` (e2e/chaos.spec.ts).
import { readFileSync } from "node:fs";
import { checkRound } from "./checks.mjs";
import { runRound } from "./round.mjs";

const EXAMPLE = new URL("../../demo/public/questions.json", import.meta.url);

/**
 * Rounds `seed`, `seed + 1`, … (each replayable alone with its own seed). Stops early when
 * `deadline` (epoch ms) passes. `onRound` sees each checked round as it finishes.
 */
export async function runChaos({ browser, baseUrl, seed, rounds, actions, sabotage = 0, deadline = Infinity, onRound = () => {} }) {
  const config = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  const checked = [];
  for (let i = 0; i < rounds && Date.now() < deadline; i++) {
    const roundSeed = (seed + i) >>> 0;
    let check;
    try {
      check = checkRound(await runRound({ browser, baseUrl, config, seed: roundSeed, actions, sabotage }));
    } catch (error) {
      // The harness itself failed (browser gone, server down): a failing round, kept replayable.
      check = { seed: roundSeed, failures: [`round did not finish: ${error?.stack ?? error}`], figures: {} };
    }
    checked.push(check);
    onRound(check);
  }
  return summarise(checked);
}

export function summarise(checked) {
  const total = {};
  for (const { figures } of checked) {
    for (const [name, value] of Object.entries(figures)) {
      if (typeof value === "number") total[name] = (total[name] ?? 0) + value;
      else if (value && typeof value === "object") {
        total[name] ??= {};
        for (const [k, v] of Object.entries(value)) total[name][k] = (total[name][k] ?? 0) + v;
      }
    }
  }
  const failing = checked.filter((c) => c.failures.length > 0);
  return { rounds: checked.length, total, failing, ok: failing.length === 0 && checked.length > 0 };
}

const n = (v) => (v ?? 0).toLocaleString("en-US");

/** The one-line summary, e.g. `rounds 200, answers 1,400, lost 0, concurrent duplicates 0, …`. */
export function summaryLine({ rounds, total }) {
  const t = total;
  const outcomes = Object.entries(t.outcomes ?? {})
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ×${n(v)}`)
    .join(", ");
  return [
    `rounds ${n(rounds)}, answers ${n(t.answers)} (submitted ${n(t.submitted)}; ${n(t.unverified)} left the page right after Submit, unverifiable), lost ${n(t.lost)}, concurrent duplicates ${n(t.concurrentDuplicates)}`,
    `key/messageId mismatches ${n(t.keyMismatches)}, retries that changed the message ${n(t.changedBodies)}, answers nobody submitted ${n(t.phantoms)}, wrong visits ${n(t.visitErrors)}`,
    `requests to other origins ${n(t.foreignRequests)}, exceptions into the page ${n(t.pageErrors)}`,
    `messages ${n(t.messages)}, POSTs ${n(t.posts)} (${outcomes}), backend overlaps with a request the browser had given up ${n(t.serverOverlapsAfterAbort)}`,
    `reloads ${n(t.reloads)}, tabs hidden then closed or reloaded ${n(t.hidden)}, tabs opened ${n(t.tabsOpened)}, offline periods ${n(t.offlinePeriods)}, fault scripts ${n(t.faultScripts)}, ${((t.ms ?? 0) / 1000).toFixed(0)} s`,
  ].join("\n");
}
