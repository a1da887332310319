#!/usr/bin/env node
// Prints raw / gzip / brotli sizes of the built bundles (like idb-keyval's size report) and,
// with --check, fails when the script-tag IIFE is over the ratchet below (the budget, once the
// bundle meets it). The ratchet only ever goes down: to the measured size + 1 KB when the bundle
// shrinks.
import { readFileSync, existsSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** The budget of issue 8: the script tag must come under it (not met yet, see README). */
export const BUDGET_BROTLI_BYTES = 24 * 1024;
export const TARGET_BROTLI_BYTES = 20 * 1024;
/**
 * What CI enforces until the budget is met: the smallest measured size + 1 KB, so the bundle
 * never grows more than 1 KB past its smallest. Lower it whenever the bundle shrinks; never raise it.
 */
export const RATCHET_BROTLI_BYTES = 35_196 + 1024; // measured 2026-11-26, the library trims of two size labs (was 35,749 + 1 KB, 35,751 + 1 KB, 38 KB before)

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = ["progressive-profile.js", "progressive-profile.mjs", "server.mjs", "cli.mjs"];

export function measure(path) {
  const raw = readFileSync(path);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = files
    .filter((f) => existsSync(join(root, "dist", f)))
    .map((f) => ({ file: `dist/${f}`, ...measure(join(root, "dist", f)) }));
  console.log("\n| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  const iife = rows.find((r) => r.file === "dist/progressive-profile.js");
  if (!iife) {
    console.error("size-report: dist/progressive-profile.js is missing; run npm run build");
    process.exit(1);
  }
  const over = iife.brotli - BUDGET_BROTLI_BYTES;
  console.log(`\nscript tag: ${kb(iife.brotli)} brotli (budget ${kb(BUDGET_BROTLI_BYTES)}, target ${kb(TARGET_BROTLI_BYTES)})`);
  if (over > 0) console.log(`  over the budget by ${kb(over)}; CI holds it under the ratchet of ${kb(RATCHET_BROTLI_BYTES)}`);
  if (process.argv.includes("--check") && iife.brotli > RATCHET_BROTLI_BYTES) {
    console.error(`size-report: ${kb(iife.brotli)} is over the ratchet of ${kb(RATCHET_BROTLI_BYTES)}: the bundle grew`);
    process.exit(1);
  }
}
