/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { scriptTagPlugins } from "./scripts/script-tag-plugins.ts";

// One config, four build targets chosen by `mode` (scripts/build.mjs runs each):
//   iife       → dist/progressive-profile.js, the self-contained script tag
//   lib        → dist/progressive-profile.mjs, for bundlers
//   lib-server → dist/server.mjs, for Node backends
//   cli        → dist/cli.mjs, the `progressive-profile` bin (Node, dependencies bundled)
// Vitest uses the same file: core and config run in node (a DOM import fails there),
// everything that needs a browser-ish global runs in happy-dom.
const jsx = { runtime: "automatic" as const, importSource: "preact" };

export default defineConfig(({ mode }) => {
  const shared = { oxc: { jsx }, publicDir: false as const };
  if (mode === "iife") {
    return {
      ...shared,
      plugins: scriptTagPlugins(),
      define: { __PP_SCRIPT_TAG__: "true" },
      build: {
        outDir: "dist",
        emptyOutDir: false,
        // The code needs ES2022 at runtime anyway (Object.hasOwn, structuredClone); a lower
        // syntax target would only add helpers for class fields.
        target: "es2022",
        minify: true,
        sourcemap: false,
        // UTF-8 output, read as UTF-8 whatever the host page's charset: the file starts with a
        // byte order mark (scripts/compile-hint.mjs).
        // The minifier's extra passes are meant to take most of the build's time: rolldown's
        // warning that a plugin does (PLUGIN_TIMINGS) is noise in `npm start`'s output.
        rolldownOptions: { output: { charset: "utf8" as const }, checks: { bundlerTimings: false } },
        lib: {
          entry: "src/script-tag.ts",
          formats: ["iife" as const],
          name: "ProgressiveProfileBundle",
          fileName: () => "progressive-profile.js",
        },
      },
    };
  }
  // Each ESM entry built on its own, so neither imports a chunk the two share: that chunk
  // re-exported zod/mini's namespace, and esbuild, unable to tree-shake a namespace that escapes,
  // then bundled all of zod (521 KB minified for an app importing mount(); vite: 127 KB).
  if (mode === "lib" || mode === "lib-server") {
    const entry: Record<string, string> = mode === "lib" ? { "progressive-profile": "src/index.ts" } : { server: "src/server.ts" };
    return {
      ...shared,
      build: {
        outDir: "dist",
        emptyOutDir: false,
        target: "es2022",
        minify: false,
        sourcemap: true,
        lib: {
          entry,
          formats: ["es" as const],
          fileName: (_format: string, name: string) => `${name}.mjs`,
        },
        rolldownOptions: { external: [/^preact/, /^@preact\//, /^zod/, /^idb-keyval/] },
      },
    };
  }
  if (mode === "cli") {
    return {
      ...shared,
      build: {
        outDir: "dist",
        emptyOutDir: false,
        target: "node20",
        minify: false,
        ssr: "src/cli.ts",
        rolldownOptions: { output: { entryFileNames: "cli.mjs", banner: "#!/usr/bin/env node" } },
      },
      ssr: { noExternal: true },
    };
  }
  return {
    ...shared,
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: "node",
            environment: "node",
            include: ["src/core/**/*.test.ts", "src/config/**/*.test.ts", "src/server.test.ts", "src/cli.test.ts"],
          },
        },
        {
          extends: true,
          test: {
            name: "dom",
            environment: "happy-dom",
            include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
            exclude: ["src/core/**", "src/config/**", "src/server.test.ts", "src/cli.test.ts"],
          },
        },
      ],
    },
  };
});
