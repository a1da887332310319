import { defineConfig } from "@playwright/test";

// Debian's Chromium (never Playwright's download). The flags keep a closed network quiet.
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const E2E_PORT = Number(process.env.PP_E2E_PORT || 4319);

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node e2e/server.mjs`,
    url: `http://127.0.0.1:${E2E_PORT}/health`,
    reuseExistingServer: false,
    env: { PP_E2E_PORT: String(E2E_PORT) },
  },
});
