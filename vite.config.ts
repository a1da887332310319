/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from "vite";
import { compileHint } from "./scripts/compile-hint.mjs";

// One config, three build targets chosen by `mode` (scripts/build.mjs runs each):
//   iife   → dist/progressive-profile.js, the self-contained script tag
//   lib    → dist/progressive-profile.mjs + dist/server.mjs, for bundlers and Node backends
//   cli    → dist/cli.mjs, the `progressive-profile` bin (Node, dependencies bundled)
// Vitest uses the same file: core and config run in node (a DOM import fails there),
// everything that needs a browser-ish global runs in happy-dom.
const jsx = { runtime: "automatic" as const, importSource: "preact" };

/**
 * zod keeps its config (and registry) on `globalThis.__zod_global…`. In the script tag that
 * would be a global the widget adds to the host page, and a host page using zod 4 itself
 * would share it: our `jitless` would switch the page's zod, and the page's `z.config()` would
 * change our messages. The IIFE gets a module-local object instead, with `jitless` on from
 * the start (src/config/zod.ts: no `new Function` probe under a strict CSP).
 */
const zodGlobalsStayInside: Plugin = {
  name: "zod-globals-stay-inside",
  transform(code, id) {
    const file = /zod\/v4\/core\/(core|registries)\.js$/.exec(id)?.[1];
    if (!file || !code.includes("globalThis")) return null;
    const scope = file === "core" ? "{ __zod_globalConfig: { jitless: true } }" : "{}";
    return { code: `const zodScope = ${scope};\n${code.replaceAll("globalThis", "zodScope")}`, map: null };
  },
};

/**
 * zod's dist is compiled for a target without logical assignment: each `a.b ??= v` of its source
 * reads `(_a = a).b ?? (_a.b = v)`, with a `var _a` in the function. Written back as `a.b ??= (v)`
 * it does the same (`a` evaluated once, `b` read once, assigned only when nullish, same value),
 * in the script tag's es2022, and the minifier then drops the temporaries (−0.2 KB raw, −66 B brotli).
 */
const zodLogicalAssignment: Plugin = {
  name: "zod-logical-assignment",
  transform(code, id) {
    if (!/[\\/]zod[\\/]v4[\\/]/.test(id) || !code.includes(" ?? (_")) return null;
    const lowered = /\((_[a-z]) = ([\w$.]+(?:\[[\w$]+\])?)\)(\.[\w$]+|\[[\w$]+\]) \?\? \(\1\3 = /g;
    return { code: code.replace(lowered, "$2$3 ??= ("), map: null };
  },
};

/**
 * @preact/signals-core defines its `Computed` class with prototype assignments at the module's
 * top level, which a bundler must keep as side effects even where `computed()` is never called
 * (the widget never does): 1.2 KB of the script tag that never runs. Wrapped in a pure function
 * that returns the class, it goes when unused and stays as it was when used. The markers are
 * the pinned version's own text; a version that moves them stops the build here.
 */
let signalsWrapped = false;
const signalsComputedTreeShakable: Plugin = {
  name: "signals-computed-tree-shakable",
  buildStart() {
    signalsWrapped = false;
  },
  // Another file of the package resolved instead (a new version's exports) would skip the
  // transform without a word: the script tag always has signals-core, so it must have run.
  buildEnd(error) {
    if (!error && !signalsWrapped) this.error("signals-computed-tree-shakable: signals-core.module.js was not in the build");
  },
  transform(code, id) {
    if (!/[\\/]@preact[\\/]signals-core[\\/]dist[\\/]signals-core\.module\.js$/.test(id)) return null;
    signalsWrapped = true;
    const start = code.indexOf("function j(i,t){l.call(this,void 0,t);");
    const end = code.indexOf("function O(i,t){return new j(i,t)}");
    if (start < 0 || end < start) throw new Error(`${id}: the Computed class is not where signals-computed-tree-shakable expects it`);
    const computedClass = code.slice(start, end);
    return { code: `${code.slice(0, start)}var j=/*#__PURE__*/(()=>{${computedClass}return j})();${code.slice(end)}`, map: null };
  },
};

/**
 * A second compression pass over the minified script tag. oxc's minifier (vite 8's default)
 * leaves about 1 % of the brotli size that terser's compressor folds away (3 passes, the safe
 * options plus hoist_funs: function declarations moved to the top of their scope, where JavaScript
 * hoists them anyway, −35 B), and terser's mangler, run again over oxc's short names, picks them by how
 * often they occur, which brotli likes better (−95 B). The source map is chained, so
 * scripts/bundle-profile.mjs still attributes every byte to its module.
 */
function terserPass(): Plugin {
  let minifying = true;
  return {
    name: "terser-pass",
    // The bench's unminified build (for its CPU profile by module) must stay unminified.
    configResolved(config) {
      minifying = config.build.minify !== false;
    },
    async generateBundle(_options, bundle) {
      if (!minifying) return;
      const { minify } = await import("terser");
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        const result = await minify(chunk.code, {
          // unsafe_methods: `{ m: function () {} }` and `{ m: (x) => { … } }` (an arrow without
          // `this`) become `{ m() {} }`; only the object's methods change form, none of them is
          // called with `new` or reads `arguments` (−23 B brotli alone, −27 B after zod-logical-assignment).
          // unsafe_arrows: a function expression without `this` or `arguments` becomes an arrow;
          // nearly all are functions terser inlined and calls at once, and none is called with
          // `new` (−49 B median). pure_getters: reading a property has no side effect, which holds
          // for zod's lazy getters (they compute and keep a value) and for our code (−41 B median).
          compress: { passes: 3, hoist_funs: true, ecma: 2020, unsafe_methods: true, unsafe_arrows: true, pure_getters: true },
          // Preact's internal vnode and component fields (`__k`, `__e`, …) are kept readable in its
          // dist for its devtools and option hooks, which the script tag has none of: named
          // shorter, consistently across the one file (−60 B median). `__proto__` is a key, not a field.
          mangle: { properties: { regex: /^__(?!proto__$)/, keep_quoted: true } },
          format: { ascii_only: true },
          sourceMap: chunk.map ? { content: chunk.map as never } : false,
        });
        chunk.code = result.code ?? chunk.code;
        // The bundler has already put the map in the bundle as an asset of its own: that is the
        // file written, so it is the one that gets terser's chained map.
        const mapAsset = bundle[`${chunk.fileName}.map`];
        if (mapAsset?.type === "asset" && typeof result.map === "string") mapAsset.source = result.map;
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const shared = { oxc: { jsx }, publicDir: false as const };
  if (mode === "iife") {
    return {
      ...shared,
      plugins: [zodGlobalsStayInside, zodLogicalAssignment, signalsComputedTreeShakable, terserPass(), compileHint()],
      define: { __PP_SCRIPT_TAG__: "true" },
      build: {
        outDir: "dist",
        emptyOutDir: false,
        // The code needs ES2022 at runtime anyway (Object.hasOwn, structuredClone); a lower
        // syntax target would only add helpers for class fields.
        target: "es2022",
        minify: true,
        sourcemap: false,
        // ASCII-only output: a Shift_JIS (or any non-UTF-8) host page that serves the script
        // without a charset still reads the Japanese UI text correctly.
        rolldownOptions: { output: { charset: "ascii" as const } },
        lib: {
          entry: "src/script-tag.ts",
          formats: ["iife" as const],
          name: "ProgressiveProfileBundle",
          fileName: () => "progressive-profile.js",
        },
      },
    };
  }
  if (mode === "lib") {
    return {
      ...shared,
      build: {
        outDir: "dist",
        emptyOutDir: false,
        target: "es2022",
        minify: false,
        sourcemap: true,
        lib: {
          entry: { "progressive-profile": "src/index.ts", server: "src/server.ts" },
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
