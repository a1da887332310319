import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readConfigFile, runCli, USAGE, type CliIo } from "./cli";
import { B2B_EXAMPLE } from "./config/test-fixtures";

const fixture = (name: string) => relative(process.cwd(), join(__dirname, "config/fixtures", name));
const example = relative(process.cwd(), B2B_EXAMPLE);

/** Runs the CLI against the real file system, capturing what it prints. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile: readConfigFile, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe("progressive-profile validate", () => {
  it("exits 0 with an ok line per good file", async () => {
    expect(await run("validate", example)).toEqual({ code: 0, out: [`${example}: ok`], err: [] });
  });

  it("a valid config with a warning: exit 0, the warning at its line and column, then ok", async () => {
    const file = fixture("warned.json");
    const { code, out } = await run("validate", file);
    expect(code).toBe(0);
    expect(out).toEqual([
      `${file}:8:93: warning: questions.why.showIf.equals: "news" is a consent, whose only answer is true (unticked is no answer: use { "answered": false }), found false (a boolean), so this question is never asked`,
      `${file}: ok (1 warning)`,
    ]);
  });

  it("exits 1 and prints FILE:LINE:COLUMN: path: message for each problem, in file order", async () => {
    const file = fixture("broken.json");
    const { code, out, err } = await run("validate", file);
    expect(code).toBe(1);
    expect(err).toEqual([]);
    expect(out).toEqual([
      // wrong value: at the value
      `${file}:4:14: version: expected an integer ≥ 1, found "2" (a string)`,
      `${file}:5:15: endpoint: expected an https URL, a relative URL (same origin as the page) or http on localhost, 127.0.0.1 or [::1], found "http://api.example.com/profile"`,
      `${file}:7:47: stages[0].ask[1]: "phon" is not a question (did you mean "phone"?); known questions: name, phone`,
      // unknown key: at the key itself
      `${file}:13:7: questions.name.maxLenght: unknown key "maxLenght"; did you mean "maxLength"?`,
    ]);
  });

  it("reports malformed JSON at its own position", async () => {
    const file = fixture("malformed.json");
    expect(await run("validate", file)).toEqual({
      code: 1,
      out: [`${file}:4:1: invalid JSON: unexpected "}" after a comma; JSON allows no trailing comma`],
      err: [],
    });
  });

  it("a problem with the whole config has (root) in the path's place", async () => {
    const io: CliIo = { readFile: () => "[1, 2]", stdout: (l) => out.push(l), stderr: () => {} };
    const out: string[] = [];
    expect(await runCli(["validate", "list.json"], io)).toBe(1);
    expect(out).toEqual(["list.json:1:1: (root): expected a config object { … }, found a list of 2"]);
  });

  it("checks every file given and exits 1 if any is bad", async () => {
    const { code, out } = await run("validate", example, fixture("malformed.json"), example);
    expect(code).toBe(1);
    expect(out).toEqual([`${example}: ok`, expect.stringContaining("invalid JSON"), `${example}: ok`]);
  });

  it("says clearly when a file cannot be read", async () => {
    expect(await run("validate", "no/such/config.json")).toEqual({
      code: 1,
      out: [],
      err: ["no/such/config.json: cannot read it: no such file"],
    });
    const dir = relative(process.cwd(), join(__dirname, "config/fixtures"));
    expect((await run("validate", dir)).err).toEqual([`${dir}: cannot read it: it is a directory, expected a JSON file`]);
  });

  it("a file that is not UTF-8 is said to be so, not shown as characters it does not hold", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pp-cli-encoding-"));
    try {
      const text = await readFile(example, "utf8");
      const utf16 = join(dir, "utf16.json");
      await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
      expect(await run("validate", utf16)).toEqual({ code: 1, out: [], err: [`${utf16}: cannot read it: it is UTF-16 or UTF-32 text; save it as UTF-8, as JSON is`] });
      // Without a byte order mark, and UTF-32: the same.
      const utf16be = join(dir, "utf16be.json");
      await writeFile(utf16be, Buffer.from(text, "utf16le").swap16());
      const utf32 = join(dir, "utf32.json");
      await writeFile(utf32, Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]));
      for (const file of [utf16be, utf32]) expect((await run("validate", file)).err).toEqual([`${file}: cannot read it: it is UTF-16 or UTF-32 text; save it as UTF-8, as JSON is`]);
      // "café" in Latin-1: the é is one byte that UTF-8 cannot read.
      const latin1 = join(dir, "latin1.json");
      await writeFile(latin1, Buffer.from('{ "title": "café" }', "latin1"));
      expect((await run("validate", latin1)).err).toEqual([expect.stringMatching(/latin1\.json: cannot read it: it is not UTF-8 text .*save it as UTF-8/)]);
      // UTF-8 with a byte order mark is UTF-8.
      const bom = join(dir, "bom.json");
      await writeFile(bom, `\uFEFF${text}`);
      expect(await run("validate", bom)).toEqual({ code: 0, out: [`${bom}: ok`], err: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("takes --origin and --today", async () => {
    const text = '{"id":"x","version":1,"endpoint":"http://shop.test/p","stages":[{"when":{"visit":1},"ask":["d"]}],"questions":{"d":{"type":"date","label":"D","min":"today","max":"2026-01-01"}}}';
    const http = { readFile: () => text };
    const column = (needle: string) => text.indexOf(needle) + 1;
    const lines: string[] = [];
    const io = { ...http, stdout: (l: string) => lines.push(l), stderr: (l: string) => lines.push(l) };
    expect(await runCli(["validate", "--origin", "http://shop.test", "--today=2025-12-31", "c.json"], io)).toBe(0);
    expect(await runCli(["validate", "--today", "2026-01-02", "c.json"], io)).toBe(1);
    expect(lines.slice(1)).toEqual([
      `c.json:1:${column('"http:')}: endpoint: expected an https URL, a relative URL (same origin as the page) or http on localhost, 127.0.0.1 or [::1], found "http://shop.test/p"`,
      `c.json:1:${column('"today"')}: questions.d.min: expected min on or before max, found min "today" (2026-01-02) after max "2026-01-01"`,
    ]);
  });
});

describe("progressive-profile schema", () => {
  it("prints the JSON Schema as pretty JSON", async () => {
    const { code, out, err } = await run("schema");
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const schema = JSON.parse(out[0]!);
    expect(schema).toMatchObject({ $id: expect.stringMatching(/schema\.json$/), title: expect.any(String), properties: expect.any(Object) });
    expect(out[0]).toContain('\n  "type": "object"');
  });
});

describe("usage", () => {
  it("--help and -h print the usage and exit 0", async () => {
    for (const flag of ["--help", "-h", "help"]) expect(await run(flag)).toEqual({ code: 0, out: [USAGE], err: [] });
    // After a command too, as most CLIs take it; a file named so goes after "--".
    for (const argv of [["validate", "--help"], ["validate", "a.json", "-h"], ["schema", "--help"]]) {
      expect(await run(...argv)).toEqual({ code: 0, out: [USAGE], err: [] });
    }
    expect((await run("validate", "--", "--help")).err).toEqual(["--help: cannot read it: no such file"]);
    expect(USAGE).toContain("progressive-profile validate");
    expect(USAGE).toContain("progressive-profile schema");
  });

  it("no command, an unknown command or option, or no file is a usage error (exit 2)", async () => {
    for (const argv of [[], ["valdate", "x.json"], ["validate"], ["validate", "--strict", "x.json"], ["validate", "--today", "tomorrow", "x.json"], ["schema", "extra"]]) {
      const { code, out, err } = await run(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(out).toEqual([]);
      expect(err.at(-1)).toBe('Run "progressive-profile --help" for usage.');
    }
    expect((await run("valdate")).err[0]).toBe('progressive-profile: unknown command "valdate"; did you mean "validate"?');
  });

  it("a day that does not exist for --today, or an --origin that is no http(s) origin, is a usage error (exit 2)", async () => {
    for (const argv of [
      ["validate", "--today", "2020-13-01", "x.json"],
      ["validate", "--today=2021-02-29", "x.json"],
      ["validate", "--origin", "notaurl", "x.json"],
      // The file name taken for the missing origin's value is said as such.
      ["validate", "--origin", "x.json"],
    ]) {
      const { code, err } = await run(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(err[0], argv.join(" ")).toMatch(/--today expects a date|--origin expects the page's origin, such as https:\/\/shop\.example\.com, found "(notaurl|x\.json)"/);
    }
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(await readFile(join(__dirname, "../package.json"), "utf8"));
    expect(await run("--version")).toEqual({ code: 0, out: [version], err: [] });
  });
});
