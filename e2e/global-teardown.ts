import { rmSync } from "node:fs";

/** Removes the demo server's temp folder (SQLite file and simulator build; see playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.PP_DEMO_E2E_TMP;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
