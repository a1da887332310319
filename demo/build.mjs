// Builds the visitor simulator (demo/simulator/, Preact) into one ES module the demo server
// serves at /assets/build/simulator.js. It imports the project's own source (validate,
// source-map, plan, profile), so the simulator's answers are the widget's and the CLI's.
// The widget itself is not bundled: the page loads the built dist/progressive-profile.js.
//
// Run by demo/server.mjs before it listens; `node demo/build.mjs` builds on its own.
// PP_DEMO_BUILD_DIR puts the output elsewhere (the browser tests use a temp dir, so they
// never race a running `npm start`).
import { build } from "vite";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const demoDir = dirname(fileURLToPath(import.meta.url));

export const SIMULATOR_OUT_DIR = resolve(process.env.PP_DEMO_BUILD_DIR || join(demoDir, ".build"));

export async function buildSimulator({ outDir = SIMULATOR_OUT_DIR } = {}) {
  await build({
    configFile: false,
    root: join(demoDir, "simulator"),
    logLevel: "warn",
    publicDir: false,
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    build: {
      outDir,
      emptyOutDir: true,
      target: "es2022",
      sourcemap: true,
      // A page tool, not the widget: readable output beats a few kilobytes.
      minify: false,
      rolldownOptions: {
        input: join(demoDir, "simulator", "main.tsx"),
        output: { entryFileNames: "simulator.js", chunkFileNames: "[name]-[hash].js" },
      },
    },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSimulator();
  console.log(`simulator built into ${SIMULATOR_OUT_DIR}`);
}
