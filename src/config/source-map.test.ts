import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { locate, parseJsonText, validateJsonText } from "./source-map";
import { B2B_EXAMPLE } from "./test-fixtures";

const text = [
  "{", //                                       line 1
  '  "id": "demo",', //                          line 2
  '  "version": 1,', //                          line 3
  '  "stages": [', //                            line 4
  '    { "when": { "visit": 1 }, "ask": ["name", "phon"] }', // line 5
  "  ],", //                                      line 6
  '  "questions": {', //                         line 7
  '    "name": { "type": "text", "label": "お名前", "maxLenght": 3 }', // line 8
  "  }", //                                       line 9
  "}", //                                         line 10
].join("\n");

/** The 1-based column of `needle` on a 1-based line of `text`. */
const col = (line: number, needle: string) => {
  const at = text.split("\n")[line - 1]!.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not on line ${line}`);
  return at + 1;
};

describe("locate", () => {
  it("finds a value, an array element and a nested key", () => {
    expect(locate(text, ["version"])).toEqual({ line: 3, column: 14 });
    expect(locate(text, ["stages", 0, "ask", 1])).toEqual({ line: 5, column: col(5, '"phon"') });
    expect(locate(text, ["stages", 0, "when", "visit"])).toEqual({ line: 5, column: col(5, "1 }") });
  });

  it("points at the key itself for an unknown key, and at its value otherwise", () => {
    expect(locate(text, ["questions", "name", "maxLenght"], "unknown-key")).toEqual({ line: 8, column: col(8, '"maxLenght"') });
    expect(locate(text, ["questions", "name", "maxLenght"], "value")).toEqual({ line: 8, column: col(8, "3 }") });
  });

  it("counts columns after non-ASCII text as an editor does (UTF-16 code units)", () => {
    // "お名前" is three characters before the key on line 8.
    expect(col(8, '"maxLenght"')).toBe(47);
    expect(locate(text, ["questions", "name", "maxLenght"], "unknown-key").column).toBe(47);
    // An emoji is two code units; a tab is one.
    expect(locate('{\n\t"title": "😀", "version": "one"\n}', ["version"])).toEqual({ line: 2, column: 28 });
  });

  it("falls back to the deepest part that exists for a missing key", () => {
    expect(locate(text, ["questions", "name", "options"])).toEqual({ line: 8, column: col(8, "{") });
    expect(locate(text, ["profileUrl"])).toEqual({ line: 1, column: 1 });
    expect(locate(text, [])).toEqual({ line: 1, column: 1 });
  });

  it("uses the last of duplicate keys, the one JSON.parse keeps", () => {
    expect(locate('{"a": 1,\n "a": 2}', ["a"])).toEqual({ line: 2, column: 7 });
  });
});

describe("parseJsonText", () => {
  const error = (t: string) => {
    const r = parseJsonText(t);
    if (r.ok) throw new Error("expected invalid JSON");
    return r.error;
  };

  it("reports malformed JSON at its own line and column, in words", () => {
    expect(error('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1, message: 'invalid JSON: unexpected "}" after a comma; JSON allows no trailing comma' });
    expect(error('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, column: 3, message: 'invalid JSON: unexpected "\\""; a comma is missing before it' });
    expect(error('{\n  // note\n  "a": 1\n}')).toMatchObject({ line: 2, column: 3, message: expect.stringContaining("JSON allows no comments") });
    expect(error("{\n  id: 1\n}")).toMatchObject({ line: 2, column: 3, message: expect.stringContaining('keys need double quotes: "id"') });
    expect(error("{'a': 1}")).toMatchObject({ line: 1, column: 2, message: expect.stringContaining("double quotes") });
    expect(error('{"a": tru}')).toMatchObject({ line: 1, column: 7, message: expect.stringContaining("unexpected tru; expected a value") });
    expect(error('{\n  "a": [1, 2\n')).toMatchObject({ line: 2, column: 13, message: expect.stringContaining("ends too early") });
    expect(error('{\n  "a": ')).toMatchObject({ line: 2, column: 7, message: expect.stringContaining("ends too early") });
    expect(error("")).toMatchObject({ line: 1, column: 1, message: expect.stringContaining("the file is empty") });
    // Cut off after a comma, or after a complete item: the end, not the comma or the brace.
    expect(error('{\n  "id": "x",\n  "version": 1,\n')).toMatchObject({ line: 3, column: 16, message: expect.stringContaining("ends too early") });
    expect(error('{\n  "stages": [\n    { "ask": ["a"] }\n')).toMatchObject({ line: 3, column: 21, message: expect.stringContaining("ends too early") });
    // Cut off right after what opens a value: the end too, not that opening.
    expect(error('{"a":[{')).toEqual({ line: 1, column: 8, message: 'invalid JSON: the text ends too early; a closing "}", "]" or \'"\' is missing' });
    expect(error('{"a":[\n  [')).toMatchObject({ line: 2, column: 4, message: expect.stringContaining("ends too early") });
    expect(error('{"a":-')).toMatchObject({ line: 1, column: 7, message: expect.stringContaining("ends too early") });
    // After a value, an opening at the end is a missing comma (a stage added without one).
    expect(error('{\n "stages": [\n  { "ask": ["a"] }\n  {')).toMatchObject({ line: 4, column: 3, message: expect.stringContaining("a comma is missing before it") });
    expect(error('{"a": [ {"b": 1} {')).toMatchObject({ message: expect.stringContaining("a comma is missing before it") });
    // After the config's end, an opening is still text after the end.
    expect(error('{"id": "x"} {')).toMatchObject({ message: expect.stringContaining("after the end of the config") });
    // A string left open: its own line, not the next key.
    expect(error('{\n  "id": "x,\n  "version": 1\n}')).toEqual({ line: 2, column: 12, message: 'invalid JSON: a string is not closed on this line; a \'"\' is missing' });
    // A raw line break inside a string is no string left open: a later error is still itself.
    expect(error('{\n  "help": "line one\nline two",\n}')).toMatchObject({ line: 4, message: expect.stringContaining("trailing comma") });
    // Escaped quotes are no string ends; a trailing comma stays a trailing comma.
    expect(error('{\n  "a": "say \\"hi\\"",\n}')).toMatchObject({ line: 3, message: expect.stringContaining("trailing comma") });
  });

  it("a comma where a value should be is pointed at, even when the text also ends too early", () => {
    expect(error('{\n  "stages": [ ,\n')).toEqual({ line: 2, column: 15, message: 'invalid JSON: unexpected ","; a value is missing before it' });
    expect(error('{\n  "ask": ["a",, "b"]\n}')).toEqual({ line: 2, column: 15, message: 'invalid JSON: unexpected ","; a value is missing before it' });
    expect(error('{ , "id": "x" }')).toEqual({ line: 1, column: 3, message: 'invalid JSON: unexpected ","; a value is missing before it' });
  });

  it("text after the config's closing brace is named as such, not as a missing comma", () => {
    expect(error('{"id": "x"} {}')).toEqual({ line: 1, column: 13, message: 'invalid JSON: unexpected "{" after the end of the config; a file holds one JSON object' });
    expect(error('{"id": "x"}\n}')).toEqual({ line: 2, column: 1, message: 'invalid JSON: unexpected "}" after the end of the config; a file holds one JSON object' });
  });

  it("refuses what JSON.parse refuses even when the position parser lets it through", () => {
    expect(error('{\n  "a": "x\ty"\n}')).toMatchObject({ line: 2, column: 10, message: "invalid JSON: a tab or line break inside a string; write it as \\t or \\n" });
  });

  it("names a character that cannot be seen, and a typographic quote, instead of quoting it", () => {
    expect(error('{\n  "a":\u00A01\n}')).toEqual({ line: 2, column: 7, message: 'invalid JSON: unexpected "\u00A0" (U+00A0, a character that cannot be seen)' });
    expect(error('\uFEFF\uFEFF{"a": 1}')).toMatchObject({ line: 1, column: 1, message: expect.stringContaining("(U+FEFF, a character that cannot be seen)") });
    expect(error('{\n  \u201Cid\u201D: "x"\n}')).toMatchObject({ line: 2, column: 3, message: expect.stringContaining('a typographic quote; JSON needs straight double quotes "') });
  });

  it("ignores a byte-order mark, as fetch().text() does", () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toMatchObject({ ok: true, value: { a: 1 } });
  });
});

describe("validateJsonText", () => {
  it("gives every error its line and column, in the order of the text", () => {
    const result = validateJsonText(text);
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((e) => `${e.line}:${e.column} ${e.path}`)).toEqual([
      `5:${col(5, '"phon"')} stages[0].ask[1]`,
      `8:${col(8, '"maxLenght"')} questions.name.maxLenght`,
    ]);
  });

  it("a misspelt key inside a showIf is pointed at, as unknown keys elsewhere are", () => {
    const lines = [
      "{",
      '  "id": "demo", "version": 1,',
      '  "stages": [{ "when": { "visit": 1 }, "ask": ["company", "industry"] }],',
      '  "questions": {',
      '    "company": { "type": "text", "label": "Company" },',
      '    "industry": { "type": "text", "label": "Industry", "showIf": { "question": "company", "answerd": true } }',
      "  }",
      "}",
    ];
    const result = validateJsonText(lines.join("\n"));
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((e) => [e.line, e.column, e.path])).toEqual([[6, lines[5]!.indexOf('"answerd"') + 1, "questions.industry.showIf.answerd"]]);
    expect(result.errors[0]!.message).toMatch(/^"answerd" is not a key here \(did you mean "answered"\?\)/);
  });

  it("flags a key written twice, at the one that is ignored", () => {
    const twice = '{\n  "id": "a",\n  "id": "b",\n  "version": 1,\n  "stages": [{ "when": { "visit": 1 }, "ask": ["a"] }],\n  "questions": { "a": { "type": "text", "label": "A" } }\n}';
    const result = validateJsonText(twice);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ line: 2, column: 3, path: "id", message: expect.stringContaining("written again at line 3, column 3") }],
    });
  });

  it("a file nested thousands deep is reported on, not a crash: its problems if it can be read, else that it is too deep", () => {
    const deep = (levels: number) => `{ "id": ${"[".repeat(levels)}${"]".repeat(levels)} }`;
    const readable = validateJsonText(deep(3000));
    expect(readable.ok).toBe(false);
    expect(!readable.ok && readable.errors.map((e) => e.path)).toContain("id");
    const tooDeep = validateJsonText(deep(20_000));
    // Pointed at where it goes past 1,000 levels: the "{" is level 1, so the 1,000th "[" opens level 1,001.
    expect(tooDeep).toEqual({ ok: false, errors: [{ path: "", line: 1, column: 9 + 999, message: expect.stringMatching(/^nested too deeply to read \(over 1000 levels/) }] });
    // Brackets inside strings are no levels.
    const quoted = `{ "help": "${"[".repeat(5000)}", "x": ${"[".repeat(20_000)}${"]".repeat(20_000)} }`;
    const located = validateJsonText(quoted);
    expect(!located.ok && located.errors[0]).toMatchObject({ line: 1, column: 5000 + 20 + 999 });
  });

  it("accepts the shared example with its defaults applied", () => {
    const example = readFileSync(B2B_EXAMPLE, "utf8");
    expect(validateJsonText(example)).toMatchObject({ ok: true, config: { format: "json", display: { mode: "floating" } } });
  });
});

describe("validateJsonText on any text", () => {
  it("never throws, and every error has a position inside the text", () => {
    const texts = fc.oneof(
      fc.string(),
      fc.json().map((j) => j.slice(0, Math.max(1, j.length - 1))), // cut short
      fc.tuple(fc.json(), fc.nat(20), fc.constantFrom(",", "}", "]", "//", "'", "\n", "\t")).map(([j, at, insert]) => j.slice(0, at) + insert + j.slice(at)),
    );
    fc.assert(
      fc.property(texts, (t) => {
        const result = validateJsonText(t);
        if (result.ok) return;
        const lines = t.split("\n");
        for (const e of result.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines.length);
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeLessThanOrEqual(lines[e.line - 1]!.length + 1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
