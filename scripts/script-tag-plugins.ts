// The script tag's own build steps (vite.config.ts's `iife` mode), in the order they run: what
// its libraries bring that the page must not share or never runs is kept in or left out, then a
// second minifier pass, then V8's compile hint. Each step that edits a library's text finds its
// markers in the pinned version's own text and stops the build when they move, so a library
// update is read again rather than trimmed blindly. Each is checked by the full browser suite,
// which runs on the built script tag (the unit tests run on src).
// The library edits live in scripts/zod-steps.ts and scripts/preact-steps.ts.
import type { Plugin } from "vite";
import { compileHint } from "./compile-hint.mjs";
import {
  zodForwardOnly,
  zodGlobalsStayInside,
  zodLogicalAssignment,
  zodRecordStringKeys,
  zodSchemaMetadataUnread,
  zodSyncWithoutMemoizer,
  zodUnusedSchemaMethods,
} from "./zod-steps.ts";
import {
  preactComponentQueueUnused,
  preactFunctionComponentsOnly,
  preactNoInnerHtml,
  preactNoSuspenseOrHydration,
  preactOptionsUnused,
  signalsComputedTreeShakable,
} from "./preact-steps.ts";

/**
 * A second compression pass over the minified script tag. oxc's minifier (vite 8's default)
 * leaves about 1 % of the brotli size that terser's compressor folds away (4 passes: the fourth
 * folded 165 B minified, 125 B brotli, more on 2026-11-27, and a fifth finds nothing; the safe
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
          compress: { passes: 4, hoist_funs: true, ecma: 2020, unsafe_methods: true, unsafe_arrows: true, pure_getters: true },
          // Preact's internal vnode and component fields (`__k`, `__e`, …) are kept readable in its
          // dist for its devtools and option hooks, which the script tag has none of: named
          // shorter, consistently across the one file (−60 B median). `__proto__` is a key, not a field.
          mangle: { properties: { regex: /^__(?!proto__$)/, keep_quoted: true } },
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

/** The script tag's plugins, in order. */
export function scriptTagPlugins(): Plugin[] {
  return [
    zodGlobalsStayInside,
    zodLogicalAssignment,
    zodUnusedSchemaMethods,
    preactComponentQueueUnused,
    preactFunctionComponentsOnly,
    preactOptionsUnused,
    preactNoInnerHtml,
    preactNoSuspenseOrHydration,
    zodForwardOnly,
    zodRecordStringKeys,
    zodSyncWithoutMemoizer,
    zodSchemaMetadataUnread,
    signalsComputedTreeShakable,
    terserPass(),
    compileHint({ bom: true }),
  ];
}
