import { defineConfig } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, chromiumPath } from "./scripts/chromium.mjs";

export const E2E_PORT = Number(process.env.PP_E2E_PORT || 4319);
// The `npm start` demo server, for e2e/demo.spec.ts and e2e/simulator.spec.ts: its own
// SQLite file and simulator build in a temp dir, so tests never touch demo/data/ or race
// a running `npm start`. Set once in the runner's process (its workers inherit it), so
// e2e/global-teardown.ts removes the same folder when the run ends.
export const DEMO_PORT = 4320;
const demoTmp = (process.env.PP_DEMO_E2E_TMP ??= join(tmpdir(), `pp-demo-e2e-${process.pid}`));

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: `node e2e/server.mjs`,
      url: `http://127.0.0.1:${E2E_PORT}/health`,
      reuseExistingServer: false,
      env: { PP_E2E_PORT: String(E2E_PORT) },
    },
    {
      command: `node demo/server.mjs`,
      url: `http://127.0.0.1:${DEMO_PORT}/health`,
      reuseExistingServer: false,
      // The simulator is built with vite before the server listens.
      timeout: 120_000,
      env: { PORT: String(DEMO_PORT), PP_DEMO_DB: join(demoTmp, "demo.sqlite"), PP_DEMO_BUILD_DIR: join(demoTmp, "build") },
    },
  ],
});
