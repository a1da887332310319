// The script tag's build steps for zod: its globals kept inside the bundle, its dist's lowered
// `??=` written back, and what of its parsers the page never runs cut from its pinned text
// (each checked by the full browser suite and e2e/foundation.spec.ts's validate() parity test).
import type { Plugin } from "vite";
import { guardModules, libraryEdit } from "./library-edits.ts";

/**
 * zod keeps its config (and registry) on `globalThis.__zod_global…`. In the script tag that
 * would be a global the widget adds to the host page, and a host page using zod 4 itself
 * would share it: our `jitless` would switch the page's zod, and the page's `z.config()` would
 * change our messages. The IIFE gets a module-local object instead, with `jitless` on from
 * the start (src/config/zod.ts: no `new Function` probe under a strict CSP).
 */
export const zodGlobalsStayInside: Plugin = {
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
export const zodLogicalAssignment: Plugin = {
  name: "zod-logical-assignment",
  transform(code, id) {
    if (!/[\\/]zod[\\/]v4[\\/]/.test(id) || !code.includes(" ?? (_")) return null;
    const lowered = /\((_[a-z]) = ([\w$.]+(?:\[[\w$]+\])?)\)(\.[\w$]+|\[[\w$]+\]) \?\? \(\1\3 = /g;
    return { code: code.replace(lowered, "$2$3 ??= ("), map: null };
  },
};

/**
 * zod's schemas carry a method for every way an app may call one. The script tag calls only
 * `safeParse()` and `check()` (which clones), and no schema ever leaves it: `validate()` returns
 * the parsed config, errors are plain `{ path, message }`, and the widget, its events and the
 * stored records hold no schema. So nothing in the page can call the others, and they go, with
 * the throwing and async parse helpers and the Standard Schema surface (`~standard`, a lazy
 * getter of zod's base class) that only they bring in: −0.3 KB brotli. `apply` stays, as its
 * call reads like any function's. The methods are cut from zod's own text, so a changed text
 * stops the build; so does a call to one of them in any module of the script tag but zod's
 * (JSON's and Date's `parse` aside), which would be a TypeError there only (the unit tests run
 * on src). (An array's `.with()` would stop it too: then drop "with" from the list.)
 */
const SCHEMA_METHODS_UNUSED = ["with", "parse", "parseAsync", "safeParseAsync", "brand", "register"];

export const zodUnusedSchemaMethods: Plugin = {
  ...libraryEdit("zod-unused-schema-methods", [
    {
      file: /[\\/]zod[\\/]v4[\\/]mini[\\/]schemas\.js$/,
      edit(code, id) {
        // The methods object of ZodMiniType, the class every mini schema extends.
        const start = code.indexOf('export const ZodMiniType = /*@__PURE__*/ core.$constructor("ZodMiniType"');
        const end = code.indexOf("\n});\n", start);
        if (start < 0 || end < 0) throw new Error(`${id}: ZodMiniType is not where zod-unused-schema-methods expects it`);
        const dropped: string[] = [];
        const block = code.slice(start, end).replace(/^ {4}(?:[gs]et )?(\w+)\([^)]*\) \{\n[\s\S]*?^ {4}\},\n/gm, (method, name: string) => {
          if (!SCHEMA_METHODS_UNUSED.includes(name)) return method;
          dropped.push(name);
          return "";
        });
        // `with` is a getter and a setter.
        if (dropped.length !== SCHEMA_METHODS_UNUSED.length + 1) throw new Error(`${id}: zod-unused-schema-methods dropped ${dropped.join(", ") || "nothing"}`);
        return code.slice(0, start) + block + code.slice(end);
      },
    },
    {
      file: /[\\/]zod[\\/]v4[\\/]core[\\/]schemas\.js$/,
      edit(code, id) {
        // $ZodType's methods object: only the `~standard` getter and setter.
        const standard = /\n\}, \{\n(?: {4}\/\/[^\n]*\n)* {4}get "~standard"\(\) \{\n[^\n]*\n {4}\},\n {4}set "~standard"\(value\) \{\n[^\n]*\n {4}\},\n\}\);\n/;
        const found = code.match(standard);
        if (!found || code.indexOf('"~standard"', found.index! + found[0].length) >= 0) throw new Error(`${id}: the "~standard" getter is not where zod-unused-schema-methods expects it`);
        return code.replace(standard, "\n});\n");
      },
    },
  ]),
  ...guardModules(
    /[\\/]zod[\\/]/,
    new RegExp(`(?<!\\b(?:JSON|Date))\\.(?:${SCHEMA_METHODS_UNUSED.join("|")})\\(|~standard`),
    (ids) => `zod-unused-schema-methods: ${ids} calls a zod schema method or reads "~standard", which the script tag's zod leaves out`,
  ),
};

/**
 * zod runs a schema's checks before its parse when decoding backwards (`z.encode()` and kin, the
 * only callers that set `ctx.direction`). The script tag only calls `safeParse()`, forwards, with
 * no context or `{ abortEarly: true }`: the backward branch of `$ZodType`'s run goes (−60 B brotli).
 * The build stops when its text moves, and when any module of the script tag sets a `direction`.
 */
const ZOD_CORE_SCHEMAS = /[\\/]zod[\\/]v4[\\/]core[\\/]schemas\.js$/;

export const zodForwardOnly: Plugin = {
  ...libraryEdit("zod-forward-only", [
    {
      file: ZOD_CORE_SCHEMAS,
      edit(code, id) {
        const canary = /\n {8}const handleCanaryResult = \(canary, payload, ctx\) => \{\n[\s\S]*?\n {8}\};\n(?= {8}inst\._zod\.run = )/;
        const backward = /\n {12}if \(ctx\.direction === "backward"\) \{\n {16}\/\/ run canary[\s\S]*?\n {16}return handleCanaryResult\(canary, payload, ctx\);\n {12}\}\n(?= {12}\/\/ forward\n)/;
        const cut = code.replace(canary, "\n").replace(backward, "\n");
        if (code.length - cut.length < 600 || cut.includes("handleCanaryResult")) throw new Error(`${id}: the backward run of $ZodType is not where zod-forward-only expects it`);
        return cut;
      },
    },
  ]),
  // Any module, zod's own included: only its encode functions set a direction.
  ...guardModules(/(?!)/, /\bdirection\s*:|\.direction\s*(?:\|\||&&|\?\?)?=(?!=)|["'`]direction["'`]/, (ids) => `zod-forward-only: ${ids} may set a parse direction, which the script tag's zod runs forwards only`),
};

/**
 * zod's record parse has a branch for keys that are an enumeration (`z.record(z.enum([…]), …)`:
 * every listed key required) and retries a numeric-looking key that failed as a number (for
 * `z.number()` keys). Every record of the script tag has string keys, a `z.string()` with or
 * without a pattern (src/config/record-keys.test.ts checks each one the project builds): such a key type has no
 * `values`, and a number never passes it, so neither runs. Both go, with the unrecognized-key
 * list only an enumeration fills: 1.3 KB of minified text, which brotli had mostly compressed
 * against the string-key branch, its near twin (−31 B brotli alone on 2026-11-27's code, −234 B
 * with the question-id check that came with it). The build stops when their text moves.
 */
export const zodRecordStringKeys = libraryEdit("zod-record-string-keys", [
  {
    file: ZOD_CORE_SCHEMAS,
    edit(code, id) {
      const start = code.indexOf('export const $ZodRecord = ');
      const end = code.indexOf('export const $ZodMap = ', start);
      if (start < 0 || end < 0) throw new Error(`${id}: $ZodRecord is not where zod-record-string-keys expects it`);
      let record = code.slice(start, end);
      const enumStart = record.indexOf("\n        if (values && !def.partial) {\n");
      const enumEnd = record.indexOf("\n        else {\n", enumStart);
      const retry = /\n {16}\/\/ Numeric string fallback[^\n]*\n {16}const checkNumericKey = [\s\S]*?\n {16}\}\n(?= {16}if \(keyResult\.issues\.length\) \{)/;
      if (enumStart < 0 || enumEnd < 0 || !retry.test(record)) throw new Error(`${id}: $ZodRecord's enumeration branch is not where zod-record-string-keys expects it`);
      // What stays is the string-key branch, as a plain block.
      record = record.slice(0, enumStart) + record.slice(enumEnd + "\n        else ".length);
      record = record.replace(retry, "\n");
      // In what stays, a failing key is an unrecognized one only for an enumeration.
      const enumOnly = [
        /\n {20}else if \(values\) \{\n {24}unrecognized = unrecognized \?\? \[\];\n {24}unrecognized\.push\(key\);\n {20}\}(?=\n {20}else \{)/,
        /\n {12}if \(unrecognized && unrecognized\.length > 0\) \{\n[^}]*\}\);\n {12}\}(?=\n {8}\}\n {8}if \(proms\.length\))/,
      ];
      for (const cut of [...enumOnly, /\n {8}const values = def\.keyType\._zod\.values;/]) {
        if (!cut.test(record)) throw new Error(`${id}: $ZodRecord's unrecognized keys are not where zod-record-string-keys expects them`);
        record = record.replace(cut, "");
      }
      if (/\bvalues\b/.test(record)) throw new Error(`${id}: zod-record-string-keys left a read of the key type's values`);
      return code.slice(0, start) + record + code.slice(end);
    },
  },
]);

/**
 * zod's parsers are written for two callers the page never is: an async parse (each parse and
 * check of a schema may return a Promise, to be awaited), and one that switched on zod's
 * `memoizer` (cycle support: `z.config({ memoizer })`). The script tag parses synchronously only
 * (`safeParse()`; `parseAsync` is cut above, and an async refinement makes `safeParse()` throw in
 * the unit tests, which run on src), and nothing in it configures a memoizer. So in zod's
 * parsers every `x instanceof Promise` is false and the memoizer undefined, and written so, the
 * minifier drops the async and memoizer branches (−0.25 KB brotli, 1.2 KB minified). The build
 * stops when a file still has an `instanceof Promise` after the edit (a form this does not
 * know), when the memoizer is read in another way, and when a module of the script tag but
 * zod's core mentions the memoizer.
 */
const ZOD_SYNC_FILES = /[\\/]zod[\\/]v4[\\/]core[\\/](?:schemas|checks|parse)\.js$/;

export const zodSyncWithoutMemoizer: Plugin = {
  ...libraryEdit(
    "zod-sync-without-memoizer",
    ["schemas", "checks", "parse"].map((name) => ({
      file: new RegExp(`[\\\\/]zod[\\\\/]v4[\\\\/]core[\\\\/]${name}\\.js$`),
      edit(code: string, id: string) {
        const sync = code.replace(/\b[\w$]+ instanceof Promise\b/g, "false");
        if (sync === code || sync.includes("instanceof Promise")) throw new Error(`${id}: zod-sync-without-memoizer expects every "instanceof Promise" as "name instanceof Promise"`);
        if (name !== "schemas") return sync;
        const plain = sync.replace(/\bcore\.globalConfig\.memoizer\b/g, "undefined");
        if (plain === sync || plain.includes("memoizer")) throw new Error(`${id}: zod-sync-without-memoizer expects the memoizer read only as core.globalConfig.memoizer`);
        return plain;
      },
    })),
  ),
  ...guardModules(
    ZOD_SYNC_FILES,
    /memoizer/,
    (ids) => `zod-sync-without-memoizer: ${ids} mentions zod's memoizer, which the script tag's zod parsers leave out`,
  ),
};

/**
 * Each zod schema computes, lazily, what other schemas may ask of it: `values` (the values it
 * accepts: a record with enumeration keys, a discriminated union and `z.enum` read it), `pattern`
 * (a regular expression of what it accepts: template literals and record keys in JSON Schema read
 * it) and `propValues` (an object's literal values by key, for a discriminated union). The script
 * tag has none of those readers (the record's enumeration branch is cut above; its unions are
 * plain), so the getters and the pattern each base type sets go, with the regular expressions they
 * would build (−0.3 KB brotli, 1.5 KB minified). The build stops when one is left after the edit
 * (zod's text moved) and when any module of the script tag, zod's own included, reads one.
 */
const SCHEMA_METADATA = ["values", "pattern", "propValues"];

export const zodSchemaMetadataUnread: Plugin = {
  ...libraryEdit("zod-schema-metadata-unread", [
    {
      file: ZOD_CORE_SCHEMAS,
      edit(code, id) {
        const names = SCHEMA_METADATA.join("|");
        const cut = code
          // util.defineLazyInternal(inst, "values", (zod) => …); on one line, or over several up to its "});"
          .replace(new RegExp(`\\n( +)util\\.defineLazyInternal\\(inst, "(?:${names})", [^\\n]*\\);(?=\\n)`, "g"), "")
          .replace(new RegExp(`\\n( +)util\\.defineLazyInternal\\(inst, "(?:${names})", [^\\n]*\\{\\n[\\s\\S]*?\\n\\1\\}\\);(?=\\n)`, "g"), "")
          .replace(/\n +inst\._zod\.pattern = [^\n]*;(?=\n)/g, "");
        if (cut === code || new RegExp(`defineLazyInternal\\(inst, "(?:${names})"|_zod\\.pattern = `).test(cut)) {
          throw new Error(`${id}: zod-schema-metadata-unread did not find every getter of ${SCHEMA_METADATA.join(", ")} where it expects them`);
        }
        return cut;
      },
    },
  ]),
  // Any module, zod's own included; a write (a literal keeps its values) is no read.
  ...guardModules(
    /(?!)/,
    new RegExp(`\\._zod\\.(?:${SCHEMA_METADATA.join("|")})\\b(?!\\s*=[^=])|\\bpropValues\\b`),
    (ids) => `zod-schema-metadata-unread: ${ids} reads a zod schema's ${SCHEMA_METADATA.join(", ")}, which the script tag's zod leaves out`,
  ),
};
