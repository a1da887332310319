// The script tag's own build steps (vite.config.ts's `iife` mode), in the order they run: what
// its libraries bring that the page must not share or never runs is kept in or left out, then a
// second minifier pass, then V8's compile hint. Each step that edits a library's text finds its
// markers in the pinned version's own text and stops the build when they move, so a library
// update is read again rather than trimmed blindly. Each is checked by the full browser suite,
// which runs on the built script tag (the unit tests run on src).
import type { Plugin } from "vite";
import { compileHint } from "./compile-hint.mjs";

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
 * A plugin that edits the text of library files, one edit per file. Each file must be in the
 * build: another file resolved instead (a new version's exports) would skip its edit without a
 * word, so the build stops. An edit throws when its markers are not in the text.
 */
function libraryEdit(
  name: string,
  edits: { file: RegExp; edit: (code: string, id: string) => string }[],
): Plugin {
  const edited = new Set<RegExp>();
  return {
    name,
    buildStart() {
      edited.clear();
    },
    buildEnd(error) {
      const missing = edits.filter(({ file }) => !edited.has(file)).map(({ file }) => String(file));
      if (!error && missing.length) this.error(`${name}: no file matching ${missing.join(", ")} was in the build`);
    },
    transform(code, id) {
      const match = edits.find(({ file }) => file.test(id));
      if (!match) return null;
      edited.add(match.file);
      return { code: match.edit(code, id), map: null };
    },
  };
}

/**
 * @preact/signals-core defines its `Computed` class with prototype assignments at the module's
 * top level, which a bundler must keep as side effects even where `computed()` is never called
 * (the widget never does): 1.2 KB of the script tag that never runs. Wrapped in a pure function
 * that returns the class, it goes when unused and stays as it was when used. The markers are
 * the pinned version's own text; a version that moves them stops the build here.
 */
const signalsComputedTreeShakable = libraryEdit("signals-computed-tree-shakable", [
  {
    file: /[\\/]@preact[\\/]signals-core[\\/]dist[\\/]signals-core\.module\.js$/,
    edit(code, id) {
      const start = code.indexOf("function j(i,t){l.call(this,void 0,t);");
      const end = code.indexOf("function O(i,t){return new j(i,t)}");
      if (start < 0 || end < start) throw new Error(`${id}: the Computed class is not where signals-computed-tree-shakable expects it`);
      const computedClass = code.slice(start, end);
      return `${code.slice(0, start)}var j=/*#__PURE__*/(()=>{${computedClass}return j})();${code.slice(end)}`;
    },
  },
]);

/** Preact's own module in the script tag (its JSX runtime is another). */
const PREACT = /[\\/]preact[\\/]dist[\\/]preact\.mjs$/;

/**
 * A build step that cuts exact texts of Preact's pinned module (cutOnce), and stops the build
 * when a module of the script tag but Preact's own matches `reaches` (it would need what was cut).
 */
function preactCut(name: string, cuts: [string, string][], reaches: RegExp, what: string): Plugin {
  return {
    ...libraryEdit(name, [{ file: PREACT, edit: (code, id) => cutOnce(code, id, name, cuts) }]),
    ...guardModules(PREACT, reaches, (ids) => `${name}: ${ids} ${what}, which the script tag's Preact leaves out`),
  };
}

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
const zodUnusedSchemaMethods: Plugin = {
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
 * Preact's Component class brings `setState()` and `forceUpdate()`, and with them the queue that
 * re-renders a component on its own (enqueueRender, its sort and its renderComponent). The
 * widget has no class component, no hooks and no context: its components are plain functions,
 * and the card is rendered whole by one effect (ui/render.ts), each change a new top-level
 * render(). Preact calls `setState` itself only for an error boundary, a component whose
 * constructor has a static `getDerivedStateFromError`, and none of ours has. So the two methods
 * go, and the queue with them (−0.35 KB brotli). The markers are the pinned version's minified
 * text; a version that moves them stops the build, and so does any module of the script tag but
 * Preact's own that calls the two methods or names an error boundary's hooks.
 */
const preactComponentQueueUnused: Plugin = {
  ...libraryEdit("preact-component-queue-unused", [
    {
      file: PREACT,
      edit(code, id) {
        const methods = /(\w+)\.prototype\.setState=function\(\w*(?:,\w+)*\)\{.*?\},\1\.prototype\.forceUpdate=function\(\w*\)\{[^{}]*\},/;
        if (!methods.test(code)) throw new Error(`${id}: setState and forceUpdate are not where preact-component-queue-unused expects them`);
        return code.replace(methods, "");
      },
    },
  ]),
  ...guardModules(
    PREACT,
    /\.setState\(|\.forceUpdate\(|getDerivedStateFromError|componentDidCatch/,
    (ids) => `preact-component-queue-unused: ${ids} calls setState or forceUpdate or defines an error boundary, which the script tag's Preact leaves out`,
  ),
};

/**
 * Cuts each of `cuts` (exact text of a pinned library file) once, and stops the build when one is
 * not there exactly once: a library update that moves or repeats it is read again, not trimmed blindly.
 */
function cutOnce(code: string, id: string, name: string, cuts: [string, string][]): string {
  for (const [from, to] of cuts) {
    const found = code.split(from).length - 1;
    if (found !== 1) throw new Error(`${id}: ${name} expects ${JSON.stringify(from)} once, found it ${found} times`);
    code = code.replace(from, () => to);
  }
  return code;
}

/** The modules of a rendered chunk, each with its code as it stands in the chunk (after tree-shaking). */
type RenderedModules = Record<string, { code: string | null }>;

/**
 * Stops the build when a module of the script tag but the edited library's own (`own`) has
 * `pattern` in its code as it stands in the chunk (after tree-shaking). Checked in the minified
 * build, the one `scripts/build.mjs` ships, where the bundler has already dropped the comments
 * (in the bench's unminified build, a comment that names a method would stop it).
 */
function guardModules(own: RegExp, pattern: RegExp, message: (ids: string) => string): Pick<Plugin, "configResolved" | "renderChunk"> {
  let minifying = true;
  return {
    configResolved(config) {
      minifying = config.build.minify !== false;
    },
    renderChunk(_code, chunk) {
      if (!minifying) return null;
      const modules = (chunk as unknown as { modules: RenderedModules }).modules;
      const users = Object.entries(modules).filter(([id, module]) => !own.test(id) && pattern.test(module.code ?? ""));
      if (users.length) throw new Error(message(users.map(([id]) => id).join(", ")));
      return null;
    },
  };
}

/**
 * Preact's diff serves class components and a function component's `this` (its component
 * instance): lifecycle methods, getDerivedStateFromProps, contexts (`contextType`,
 * `getChildContext`), shouldComponentUpdate and error boundaries. The widget's components are
 * plain functions that use none of it (no `this`, no context: the card is rendered whole from one
 * effect, ui/render.ts), and it imports neither `Component` nor `createContext`. So the diff is
 * told that no component is a class (`prototype.render`, which a class component has), and the
 * minifier drops every branch for one; the context and `this`-method reads go, and the error
 * handler, which only looks for an error boundary among the parents, just rethrows (what it did
 * for the widget: the FORCE flag it set on the parents is read only beside shouldComponentUpdate).
 * −0.3 KB brotli. The markers are the pinned version's minified text; a version that moves them
 * stops the build, and so does any module of the script tag but Preact's own that mentions one of
 * these names, or defines a `render` member (a class component must).
 */
const CLASS_ONLY = [
  "contextType", "getChildContext", "shouldComponentUpdate", "componentWillUpdate", "componentWillReceiveProps",
  "componentWillMount", "componentDidMount", "componentDidUpdate", "getSnapshotBeforeUpdate",
  "getDerivedStateFromProps", "getDerivedStateFromError", "componentDidCatch", "componentWillUnmount", "Component",
];
const preactFunctionComponentsOnly = preactCut(
  "preact-function-components-only",
  [
    ["C=(s=V.prototype)&&s.render,j=(s=V.contextType)&&i[s.__c],L=s?j?j.props.value:s.__:i,", "C=0,L=i,"],
    ["j&&j.sub(d),", ""],
    ["||!(4&d.__g)&&d.shouldComponentUpdate&&!1===d.shouldComponentUpdate(M,d.__s,L)", ""],
    ["d.componentWillUpdate&&d.componentWillUpdate(M,d.__s,L),", ""],
    ["d.getChildContext&&(i=_({},i,d.getChildContext())),", ""],
    [
      "n={__e:function(n,t,r,u){for(var i,o,e;t=t.__;)if((i=t.__c)&&!(1&i.__g)){i.__g|=4;try{if((e=(o=i.constructor)&&o.getDerivedStateFromError)&&i.setState(o.getDerivedStateFromError(n)),i.componentDidCatch&&(i.componentDidCatch(n,u||{}),e=1),e&&8&i.__g)return void(i.__g|=2)}catch(t){n=t}}throw f=0,n}}",
      "n={__e:function(n){throw f=0,n}}",
    ],
    ["if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(t){n.__e(t,r)}", ""],
    ["x.prototype.render=$,", ""],
  ],
  new RegExp(`\\b(?:${CLASS_ONLY.join("|")})\\b|\\.render\\b|["'\`]render["'\`]|\\brender\\s*:|\\brender\\s*\\([^()]*\\)\\s*\\{`),
  "mentions a class component's member",
);

/**
 * Preact calls its `options` hooks (vnode, diff, render, diffed, commit, unmount, root, event,
 * hydration mismatch) at every step, for preact/hooks, preact/compat, preact/debug and devtools.
 * The script tag has none of them, and no module of it but the JSX runtime imports `options`, so
 * every hook is undefined and each call site a read that finds nothing: they go, with `options`
 * from Preact's exports, so that a module that imports it (one of those add-ons, or ours) stops
 * the build (−0.1 KB brotli). The JSX runtime gets an empty object in its place (it reads
 * `options.vnode` only, and `options.attr` in jsxAttr, which the script tag does not use).
 */
const preactOptionsUnused = libraryEdit("preact-options-unused", [
  {
    file: PREACT,
    edit: (code, id) =>
      cutOnce(code, id, "preact-options-unused", [
        ["return!o&&n.vnode&&n.vnode(e),e}", "return e}"],
        ["return u(n.event?n.event(r):r)", "return u(r)"],
        [",(s=n.__b)&&s(r);", ";"],
        ["H=n.__r,", ""],
        ["H&&H(r),", ""],
        ["return(s=n.diffed)&&s(r),l}", "return l}"],
        ["n.__c&&n.__c(r,t),", ""],
        ["l&&(n.__m&&n.__m(r,o),l=!1)", "l&&(l=!1)"],
        ["n.unmount&&n.unmount(t),", ""],
        ["n.__&&n.__(t,r),", ""],
        [",n as options,", ","],
      ]),
  },
  {
    file: /[\\/]preact[\\/]jsx-runtime[\\/]dist[\\/]jsxRuntime\.mjs$/,
    edit: (code, id) =>
      cutOnce(code, id, "preact-options-unused", [
        ['import{options as r,Fragment as t}from"preact";', 'import{Fragment as t}from"preact";var r={};'],
        ["r.vnode&&r.vnode(s),", ""],
      ]),
  },
]);

/**
 * Preact sets an element's `innerHTML` from a `dangerouslySetInnerHTML` prop. The widget never
 * renders HTML from text (SPEC §4: labels are plain text; §8: no `innerHTML`, a Trusted Types page
 * must see no sink), and none of its modules names that prop, so the branch goes: the script tag
 * then holds no `innerHTML` assignment at all. The markers are the pinned version's minified
 * text; the build stops when they move, and when a module of the script tag but Preact's own
 * names the prop or `innerHTML`.
 */
const preactNoInnerHtml = preactCut(
  "preact-no-inner-html",
  [
    ['"dangerouslySetInnerHTML"==s?y=k:', ""],
    ['"dangerouslySetInnerHTML"==s?h=k:', ""],
    ['h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),r.__k=[]):(y&&(t.textContent=""),', "("],
  ],
  /dangerouslySetInnerHTML|innerHTML/,
  "names dangerouslySetInnerHTML or innerHTML",
);

/**
 * zod runs a schema's checks before its parse when decoding backwards (`z.encode()` and kin, the
 * only callers that set `ctx.direction`). The script tag only calls `safeParse()`, forwards, with
 * no context or `{ abortEarly: true }`: the backward branch of `$ZodType`'s run goes (−60 B brotli).
 * The build stops when its text moves, and when any module of the script tag sets a `direction`.
 */
const ZOD_CORE_SCHEMAS = /[\\/]zod[\\/]v4[\\/]core[\\/]schemas\.js$/;
const zodForwardOnly: Plugin = {
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
const zodRecordStringKeys = libraryEdit("zod-record-string-keys", [
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
const zodSyncWithoutMemoizer: Plugin = {
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
const zodSchemaMetadataUnread: Plugin = {
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
    zodForwardOnly,
    zodRecordStringKeys,
    zodSyncWithoutMemoizer,
    zodSchemaMetadataUnread,
    signalsComputedTreeShakable,
    terserPass(),
    compileHint({ bom: true }),
  ];
}
