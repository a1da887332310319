// Helpers of the script tag's build steps that edit a library's text (scripts/zod-steps.ts,
// scripts/preact-steps.ts): an edit finds its markers in the pinned version's own text and stops
// the build when they move, and a guard stops it when a module of ours reaches what was cut.
import type { Plugin } from "vite";

/**
 * A plugin that edits the text of library files, one edit per file. Each file must be in the
 * build: another file resolved instead (a new version's exports) would skip its edit without a
 * word, so the build stops. An edit throws when its markers are not in the text.
 */
export function libraryEdit(
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
 * Cuts each of `cuts` (exact text of a pinned library file) once, and stops the build when one is
 * not there exactly once: a library update that moves or repeats it is read again, not trimmed blindly.
 */
export function cutOnce(code: string, id: string, name: string, cuts: [string, string][]): string {
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
export function guardModules(own: RegExp, pattern: RegExp, message: (ids: string) => string): Pick<Plugin, "configResolved" | "renderChunk"> {
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
