#!/usr/bin/env node
// `npm test`: build the artefacts (browser tests run against dist/), unit tests, then
// browser tests in a real Chromium. Extra arguments go to Playwright (e.g. a spec file).
import { spawnSync } from "node:child_process";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
run(process.execPath, ["scripts/build.mjs"]);
run(npx, ["vitest", "run"]);
run(process.execPath, ["scripts/ensure-chromium.mjs"]);
run(npx, ["playwright", "test", ...process.argv.slice(2)]);
