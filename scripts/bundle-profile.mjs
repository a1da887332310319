#!/usr/bin/env node
// Where the script tag's bytes go: rebuilds the IIFE minified with a source map into a temp
// folder and attributes every output byte to its source module, largest first.
import { build } from "vite";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

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

// Decode VLQ mappings: each segment starts a run of bytes belonging to one source.
const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const decode = (s) => {
  const out = [];
  let value = 0, shift = 0;
  for (const ch of s) {
    let digit = chars.indexOf(ch);
    const cont = digit & 32;
    digit &= 31;
    value += digit << shift;
    if (cont) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
};
const lines = code.split("\n");
const bytes = new Map();
let source = 0;
map.mappings.split(";").forEach((line, li) => {
  let col = 0;
  const segs = line ? line.split(",").map(decode) : [];
  const text = lines[li] ?? "";
  segs.forEach((seg, i) => {
    col += seg[0];
    if (seg.length > 1) source += seg[1];
    const next = i + 1 < segs.length ? col + decode(line.split(",")[i + 1])[0] : text.length;
    const name = map.sources[source] ?? "?";
    bytes.set(name, (bytes.get(name) ?? 0) + Math.max(0, next - col));
  });
});
const group = (name) => {
  const m = name.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  return m ? `${m[1]}/${m[2]}` : name.replace(/^.*?\/src\//, "src/");
};
const rows = [...bytes].map(([n, b]) => [group(n), b]).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((s, [, b]) => s + b, 0);
const byPackage = new Map();
for (const [n, b] of rows) {
  const pkg = n.startsWith("src/") ? "src (ours)" : n.split("/").slice(0, n.startsWith("@") ? 2 : 1).join("/");
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + b);
}
console.log(`minified bytes attributed: ${total}`);
console.log("\nby package:");
for (const [p, b] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`  ${String(b).padStart(7)}  ${p}`);
console.log("\ntop modules:");
for (const [n, b] of rows.slice(0, Number(process.argv[2] ?? 25))) console.log(`  ${String(b).padStart(7)}  ${n}`);
