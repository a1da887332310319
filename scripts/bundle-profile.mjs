#!/usr/bin/env node
// Where the script tag's bytes go. Rebuilds the IIFE minified with a source map into a temp
// folder, attributes every output byte to its source module, and reports for each module
// (or package) its minified bytes and its marginal brotli cost: how much smaller the
// brotli'd bundle gets without that module's bytes. Usage: node scripts/bundle-profile.mjs [rows]
import { build } from "vite";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(join(tmpdir(), "pp-profile-"));
await build({
  root,
  configFile: join(root, "vite.config.ts"),
  mode: "iife",
  logLevel: "silent",
  build: { outDir: out, sourcemap: true, emptyOutDir: true },
});
const code = readFileSync(join(out, "progressive-profile.js"), "utf8");
const map = JSON.parse(readFileSync(join(out, "progressive-profile.js.map"), "utf8"));
rmSync(out, { recursive: true, force: true });

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function decodeVlq(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

// owner[line][column] = index of the source that produced that output character.
const lines = code.split("\n");
const UNMAPPED = -2;
const owner = lines.map((line) => new Int32Array(line.length).fill(-1));
let source = 0;
map.mappings.split(";").forEach((line, li) => {
  const segments = line ? line.split(",").map(decodeVlq) : [];
  let column = 0;
  segments.forEach((segment, i) => {
    column += segment[0];
    if (segment.length > 1) source += segment[1];
    const end = i + 1 < segments.length ? column + segments[i + 1][0] : lines[li].length;
    // A one-field segment maps to no source: text the bundler generated or inlined (the
    // `?inline` stylesheet is one string with no mapping). It is counted apart, not charged
    // to whichever module came before it.
    owner[li].fill(segment.length > 1 ? source : UNMAPPED, column, end);
  });
});

const moduleName = (path) => {
  const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  return m ? `${m[1]}/${m[2]}` : path.replace(/^.*?\/src\//, "src/");
};
const packageName = (name) => (name.startsWith("src/") ? "src (ours)" : name.split("/").slice(0, name.startsWith("@") ? 2 : 1).join("/"));
const brotli = (text) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const full = brotli(code);

function profile(groupOf) {
  const groups = new Map();
  map.sources.forEach((path, index) => {
    const group = groupOf(moduleName(path));
    if (!groups.has(group)) groups.set(group, new Set());
    groups.get(group).add(index);
  });
  groups.set("(no source: inlined styles.css, bundler glue)", new Set([UNMAPPED]));
  return [...groups].map(([group, ids]) => {
    let bytes = 0;
    const rest = lines
      .map((line, li) => {
        let kept = "";
        for (let k = 0; k < line.length; k++) {
          if (ids.has(owner[li][k])) bytes++;
          else kept += line[k];
        }
        return kept;
      })
      .join("\n");
    return { group, bytes, brotli: full - brotli(rest) };
  }).sort((a, b) => b.brotli - a.brotli);
}

const rows = Number(process.argv[2] ?? 30);
const table = (title, list) => {
  console.log(`\n${title}\n| ${"minified".padStart(8)} | ${"brotli".padStart(6)} | module |`);
  for (const r of list) console.log(`| ${String(r.bytes).padStart(8)} | ${String(r.brotli).padStart(6)} | ${r.group} |`);
};
console.log(`script tag: ${code.length} bytes minified, ${full} bytes brotli (marginal cost: brotli without the module's bytes)`);
table("by package:", profile(packageName));
table(`top ${rows} modules:`, profile((n) => n).slice(0, rows));
