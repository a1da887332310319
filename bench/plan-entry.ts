// Times plan() on the generated 1,000-question / 100-stage config, in Node. Bundled by
// bench/build.mjs and run as a child process; prints one JSON line of samples (ms).
import { validate } from "../src/config/validate";
import { makeBenchConfig, makeBenchPerson } from "../src/core/bench-fixtures";
import { explainPlan, plan } from "../src/core/plan";

const WARMUP = 50;
const SAMPLES = Number(process.argv[2] ?? 200);

const checked = validate(makeBenchConfig(1000, 100), { today: "2026-01-01" });
if (!checked.ok) {
  console.error(JSON.stringify(checked.errors.slice(0, 5)));
  process.exit(1);
}
const config = checked.config;
const out: Record<string, { samples: number[]; ask: number; dropped: number }> = {};
// Visit 50: half the stages due; visit 100: every stage due (the most showIf work).
for (const visit of [50, 100]) {
  const input = { config, person: makeBenchPerson(config, visit), known: {} };
  for (let i = 0; i < WARMUP; i++) plan(input);
  const samples: number[] = [];
  let last = plan(input);
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    last = plan(input);
    samples.push(performance.now() - start);
  }
  out[`visit${visit}`] = { samples, ask: last.ask.length, dropped: Object.keys(explainPlan(input).dropped).length };
}
console.log(JSON.stringify(out));
