#!/usr/bin/env node
// Makes sure a Chromium is there for Playwright: CHROMIUM_PATH, else /usr/bin/chromium,
// else Debian's package when running as root; otherwise says exactly what to do.
// Playwright's own browser download is never used (it cannot reach its CDN here).
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";
import { chromiumPath } from "./chromium.mjs";

const path = chromiumPath();
if (existsSync(path)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${path} does not exist. Point it at a Chromium binary, or unset it to use /usr/bin/chromium.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    "No Chromium found at /usr/bin/chromium. Install Debian's package and run again:\n" +
      "  sudo apt-get update && sudo apt-get install -y chromium\n" +
      "or set CHROMIUM_PATH to an existing Chromium/Chrome binary.",
  );
  process.exit(1);
}
console.log("No Chromium at /usr/bin/chromium: installing Debian's package (apt-get install -y chromium)…");
try {
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
} catch {
  console.error("apt-get could not install chromium. Install it yourself or set CHROMIUM_PATH.");
  process.exit(1);
}
if (!existsSync(path)) {
  console.error("chromium was installed but /usr/bin/chromium is still missing; set CHROMIUM_PATH.");
  process.exit(1);
}
