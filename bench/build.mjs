// Builds everything the bench runs into one temp folder, from the working tree:
//   widget/   the script tag and the ESM entry, with the project's own vite config (as `npm run build`)
//   unminified/ the same script tag left unminified, for the mount CPU profile only: its
//             `// src/…` module comments tell which source line is whose
//   floor/    bench/floor/floor.tsx as an IIFE: the smallest page that does the widget's job (with
//             the script tag's compile hint, scripts/compile-hint.mjs)
//   plan/     bench/plan-entry.ts bundled for Node, to time plan() outside the browser
import { build } from "vite";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compileHint } from "../scripts/compile-hint.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const here = join(root, "bench");
// The same JSX settings as vite.config.ts, for the two bundles that do not use it.
const oxc = { jsx: { runtime: "automatic", importSource: "preact" } };

export async function buildAll() {
  const out = mkdtempSync(join(tmpdir(), "pp-bench-"));
  const project = { root, configFile: join(root, "vite.config.ts"), logLevel: "warn" };
  const widget = join(out, "widget");
  await build({ ...project, mode: "iife", build: { outDir: widget, emptyOutDir: true } });
  await build({ ...project, mode: "lib", build: { outDir: widget, emptyOutDir: false, sourcemap: false } });

  const unminified = join(out, "unminified");
  await build({ ...project, mode: "iife", build: { outDir: unminified, emptyOutDir: true, minify: false } });

  const floor = join(out, "floor");
  await build({
    root: here,
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    oxc,
    // Built as the script tag is in this respect: a build step any page could take is not the widget's edge.
    plugins: [compileHint()],
    build: {
      outDir: floor,
      emptyOutDir: true,
      target: "es2020",
      minify: true,
      lib: { entry: join(here, "floor/floor.tsx"), formats: ["iife"], name: "Floor", fileName: () => "floor.js" },
    },
  });

  const plan = join(out, "plan");
  await build({
    root,
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    build: {
      outDir: plan,
      emptyOutDir: true,
      target: "node20",
      minify: false,
      ssr: join(here, "plan-entry.ts"),
      rolldownOptions: { output: { entryFileNames: "plan-bench.mjs" } },
    },
    ssr: { noExternal: true },
  });
  return {
    dir: out,
    iife: join(widget, "progressive-profile.js"),
    esm: join(widget, "progressive-profile.mjs"),
    widgetDir: widget,
    unminified: join(unminified, "progressive-profile.js"),
    floor: join(floor, "floor.js"),
    plan: join(plan, "plan-bench.mjs"),
  };
}
