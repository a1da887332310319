// The ESM build as a bundler project uses it (SPEC §2): an app importing `mount` and `validate`
// from "progressive-profile" (dist/progressive-profile.mjs, its libraries left to the app's
// bundler) is bundled with vite from the built package, and in the browser asks and delivers
// like the script tag. No other test runs the ESM build in a page.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { deliveredCount } from "./support/widget";

const root = resolve(import.meta.dirname, "..");

const app = `
import { mount, validate } from "progressive-profile";

const config = JSON.parse(document.getElementById("pp-config").textContent);
window.esmApp = { valid: validate(config).ok, refused: validate({ ...config, id: "Not An Id" }).ok };
mount({ config, user: "u_esm", visit: 1, locale: "en" }).then((widget) => {
  window.esmApp.mounted = typeof widget.track === "function";
});
`;

/** The app bundled as a site owner's bundler would: the package found under node_modules by its name. */
async function bundleApp(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pp-esm-app-"));
  // vite's build sets NODE_ENV for the process: the test worker's own is put back after it.
  const nodeEnv = process.env.NODE_ENV;
  try {
    const { build } = await import("vite");
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "progressive-profile"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "esm-app", type: "module", private: true }));
    writeFileSync(join(dir, "main.js"), app);
    await build({
      root: dir,
      configFile: false,
      logLevel: "silent",
      build: {
        outDir: join(dir, "out"),
        minify: false,
        lib: { entry: join(dir, "main.js"), formats: ["es"], fileName: () => "app.js" },
      },
    });
    return readFileSync(join(dir, "out", "app.js"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

test("an app bundled from the ESM build validates, mounts, asks and delivers", async ({ page, backend, consoleErrors }) => {
  const bundled = await bundleApp();
  // Bundled from the package's ESM build (unminified, the bundler names the modules it took
  // in), with its libraries, in one file that imports nothing.
  expect(bundled).toContain("dist/progressive-profile.mjs");
  expect(bundled).not.toMatch(/\bfrom\s*["'][^./]|\bimport\s*\(\s*["'][^./]/);
  const config = JSON.stringify(withEndpoint(b2bConfig(), backend.endpoint)).replace(/</g, "\\u003c");
  await page.route("**/t/esm-app.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: bundled }));
  await page.route("**/t/esm.html", (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ESM app</title></head><body><main><h1>App</h1></main><script type="application/json" id="pp-config">${config}</script><script type="module" src="/t/esm-app.js"></script></body></html>`,
    }),
  );
  await page.goto("/t/esm.html");
  // A module that throws as it loads fails here, naming its error, not as a missing field later.
  const mounted = () => page.evaluate(() => (window as unknown as { esmApp?: { mounted?: boolean } }).esmApp?.mounted);
  await expect.poll(async () => consoleErrors.join("\n") || (await mounted())).toBe(true);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ userId: "u_esm", visit: 1, answers: { name: "Ada" }, locale: "en" });
  expect(await page.evaluate(() => (window as unknown as { esmApp: object }).esmApp)).toEqual({ valid: true, refused: false, mounted: true });
  expect(consoleErrors).toEqual([]);
});

test("each ESM entry imports its libraries directly, never a chunk the two share (whose re-exported zod namespace no esbuild app could tree-shake)", () => {
  for (const file of ["dist/progressive-profile.mjs", "dist/server.mjs"]) {
    const text = readFileSync(join(root, file), "utf8");
    expect(text.match(/from\s*"\.\.?\/[^"]*"/g) ?? [], file).toEqual([]);
    expect(text).toMatch(/from "zod\/mini"/);
  }
});
