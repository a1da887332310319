// The figures that need no browser: bundle sizes (and, over target, where the bytes go) and
// plan() on the generated 1,000-question / 100-stage config, timed in a child Node process.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { measure } from "../scripts/size-report.mjs";
import { root } from "./build.mjs";

/** Local chunks an ES module imports (`from "./x.js"`), not the external packages. */
function localChunks(file) {
  const code = readFileSync(file, "utf8");
  return [...code.matchAll(/from\s*["']\.\/([^"']+\.js)["']/g)].map((m) => join(dirname(file), m[1]));
}

export function measureSizes(files) {
  const chunks = localChunks(files.esm).map((path) => ({ path, ...measure(path) }));
  return {
    iife: measure(files.iife),
    esm: measure(files.esm),
    esmChunks: chunks.map(({ path, ...size }) => ({ file: path.split("/").at(-1), ...size })),
    floor: measure(files.floor),
  };
}

/** scripts/bundle-profile.mjs's attribution of the IIFE's minified bytes, as it prints it. */
export function sizeProfile(top = 12) {
  return execFileSync(process.execPath, [join(root, "scripts/bundle-profile.mjs"), String(top)], { encoding: "utf8" }).trim();
}

/** plan() samples in ms, per visit (see bench/plan-entry.ts), from a fresh Node process. */
export function measurePlan(files, samples = 300) {
  const out = execFileSync(process.execPath, [files.plan, String(samples)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1));
}
