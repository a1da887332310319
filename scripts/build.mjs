#!/usr/bin/env node
// Builds every artefact of SPEC §2 into dist/, then prints the size report.
//   dist/progressive-profile.js        script tag (IIFE, self-contained)
//   dist/progressive-profile.mjs/.d.ts ESM for bundlers
//   dist/server.mjs/.d.ts              progressive-profile/server for Node backends
//   dist/cli.mjs                       the `progressive-profile` bin
//   dist/schema.json                   JSON Schema of the config, from the zod schema
import { build } from "vite";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { SCRIPT_TAG_START } from "./compile-hint.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const quiet = { logLevel: "warn", root, configFile: join(root, "vite.config.ts") };

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const mode of ["iife", "lib", "lib-server", "cli"]) await build({ ...quiet, mode });
// V8 reads the compile hint only as the script's very first line, after the BOM (scripts/compile-hint.mjs).
if (!readFileSync(join(dist, "progressive-profile.js"), "utf8").startsWith(SCRIPT_TAG_START)) {
  throw new Error("dist/progressive-profile.js does not start with a BOM and V8's compile hint: a plugin after compile-hint changed the file's start");
}
chmodSync(join(dist, "cli.mjs"), 0o755);

// Declarations: tsc (TS 7, native) emits per-module .d.ts under dist/types; two thin
// entry files give the package's `types` and `./server` exports a stable name.
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
addJsExtensions(join(dist, "types"));
writeFileSync(join(dist, "progressive-profile.d.ts"), 'export * from "./types/index.js";\n');
writeFileSync(join(dist, "server.d.ts"), 'export * from "./types/server.js";\n');

// The JSON Schema comes from the same zod schema, through the CLI that prints it.
const schema = execFileSync(process.execPath, [join(dist, "cli.mjs"), "schema"], { encoding: "utf8" });
writeFileSync(join(dist, "schema.json"), schema);

execFileSync(process.execPath, [join(root, "scripts/size-report.mjs"), "--check"], { stdio: "inherit" });

/**
 * tsc copies our extensionless relative imports (`from "./config/schema"`) into the .d.ts
 * files; a Node ESM project (`moduleResolution: node16/nodenext`) cannot follow those, and
 * with skipLibCheck every import of ours would silently become `any`. Each one is given the
 * file it means: `./x.js` for x.d.ts, `./x/index.js` for a folder.
 */
function addJsExtensions(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8").replace(/((?:from |import\()")(\.\.?\/[^"]*)"/g, (match, lead, spec) => {
      if (/\.js$/.test(spec)) return match;
      const target = join(entry.parentPath, spec);
      if (existsSync(`${target}.d.ts`)) return `${lead}${spec}.js"`;
      if (existsSync(join(target, "index.d.ts"))) return `${lead}${spec}/index.js"`;
      throw new Error(`${file}: cannot tell which file ${spec} means`);
    });
    writeFileSync(file, text);
  }
}
