// JSON text ↔ config errors: where in the file a path points (line and column, 1-based), and
// where malformed JSON went wrong. Parsing with positions is @humanwhocodes/momoa's job (the
// JSON parser behind ESLint's JSON support); this module only walks its tree. Used by the CLI
// and by anything else that shows errors in an editor (the demo's simulator).
import { parse, type DocumentNode, type MemberNode, type ValueNode } from "@humanwhocodes/momoa";
import { formatPath, quote, type ConfigError, type PathSegment } from "./config-error";
import { validateConfig, type ValidateOptions } from "./validate";
import { configWarnings } from "./lint";
import type { Config } from "./schema";
import { errorMessage } from "../errors";

export interface SourcePosition {
  line: number;
  column: number;
}

/** A ConfigError with the place in the source text it points at. */
export interface LocatedError extends ConfigError, SourcePosition {}

export type JsonTextResult =
  | { ok: true; value: unknown; document: DocumentNode }
  | { ok: false; error: SourcePosition & { message: string } };

/**
 * Result of checking a config file's text: the config (with warnings: lint.ts), or errors; each
 * carries a line and column.
 */
export type TextValidationResult = { ok: true; config: Config; warnings: LocatedError[] } | { ok: false; errors: LocatedError[] };

const BOM = "\uFEFF";

/**
 * Parses JSON text strictly (what a browser's `JSON.parse` accepts), keeping the tree with
 * positions. A leading byte-order mark is ignored, as `fetch().text()` ignores it.
 */
export function parseJsonText(source: string): JsonTextResult {
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  let document: DocumentNode;
  try {
    document = parse(text, { mode: "json" });
  } catch (e) {
    // Valid JSON, perhaps, but too deep for the parser's stack: not a syntax error to point at.
    if (e instanceof RangeError) {
      const message = `nested too deeply to read (over ${TOO_DEEP} levels from here on); a config is a few levels deep`;
      return { ok: false, error: { ...positionOf(text, tooDeepAt(text)), message } };
    }
    const at = e as { line?: number; column?: number; offset?: number; message?: string };
    const offset = at.offset ?? 0;
    // A string left open runs into the next line, and the parser trips over what follows it.
    const open = unclosedString(text, at.line ?? 1);
    if (open) return { ok: false, error: { ...open, message: 'invalid JSON: a string is not closed on this line; a \'"\' is missing' } };
    // Running out of text is reported at odd places (the start, the last token, a comma or a
    // bracket closed before the end); the end is where to look.
    // (Not a comma where a value should be: that is the error, wherever the text ends.)
    const rest = text.slice(offset);
    const early =
      !strayComma(text, offset) &&
      (/end of input/.test(String(at.message)) || LAST_TOKEN.test(rest) || cutOpening(text, offset) || (/^[\s,}\]]*$/.test(rest) && openDepth(text) > 0));
    if (early) {
      const message = text.trim() ? 'the text ends too early; a closing "}", "]" or \'"\' is missing' : "the file is empty; expected a config object { … }";
      return { ok: false, error: { ...positionOf(text, text.trimEnd().length), message: `invalid JSON: ${message}` } };
    }
    const position = { line: at.line ?? 1, column: at.column ?? 1 };
    return { ok: false, error: { ...position, message: `invalid JSON: ${explainSyntax(text, offset, String(at.message))}` } };
  }
  try {
    return { ok: true, value: JSON.parse(text), document };
  } catch (e) {
    // momoa lets a few things through that JSON.parse refuses (a raw tab inside a string).
    const message = errorMessage(e);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const said = /control character/i.test(message) ? "a tab or line break inside a string; write it as \\t or \\n" : message;
    return { ok: false, error: { ...positionOf(text, offset), message: `invalid JSON: ${said}` } };
  }
}

/**
 * The end of the error's line, or the line before it, when that line has an odd number of '"'
 * (escapes aside) and its neighbours do not: a string left open there. (Two odd lines in a row
 * are one string with a raw line break in it, which JSON.parse names later.)
 */
function unclosedString(text: string, errorLine: number): SourcePosition | null {
  const lines = text.split("\n");
  const odd = (i: number) => (lines[i]?.replace(/\\./g, "").match(/"/g)?.length ?? 0) % 2 === 1;
  const line = [errorLine - 2, errorLine - 1].find((i) => i >= 0 && odd(i) && !odd(i - 1) && !odd(i + 1));
  return line === undefined ? null : { line: line + 1, column: lines[line]!.trimEnd().length + 1 };
}

/**
 * The depth after each "{", "[", "}" and "]" outside strings, with where that bracket is: the
 * one walk behind `openDepth` and `tooDeepAt`.
 */
function* depths(text: string): Generator<{ depth: number; index: number }> {
  let depth = 0;
  for (const match of text.matchAll(/"(?:[^"\\\n]|\\.)*"|[{}[\]]/g)) {
    const token = match[0];
    if (token.length !== 1) continue; // a string
    depth += token === "{" || token === "[" ? 1 : -1;
    yield { depth, index: match.index };
  }
}

/** How many "{" and "[" outside strings are not closed by the end of `text`. */
function openDepth(text: string): number {
  let last = 0;
  for (const { depth } of depths(text)) last = depth;
  return last;
}

/** Where a file too deep for the parser goes past this many levels is where to look. */
const TOO_DEEP = 1000;

/** The offset of the bracket that opens level TOO_DEEP + 1 (outside strings), else 0. */
function tooDeepAt(text: string): number {
  for (const { depth, index } of depths(text)) if (depth > TOO_DEEP) return index;
  return 0;
}

/** A comma at `offset` right after "[", "{" or another comma: a value is missing before it. */
const strayComma = (text: string, offset: number) => text[offset] === "," && /[[{,]$/.test(text.slice(0, offset).trimEnd());

/** One complete JSON token and nothing after it: the text stopped right there. */
const LAST_TOKEN = /^("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)\s*$/;
/**
 * What opens a value ("{", "[", a minus sign) where a value may start (after ":", "[" or ","),
 * and nothing after it, inside the config: the same. (After a value, it is a missing comma.)
 */
const cutOpening = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  return /^[{[-]\s*$/.test(text.slice(offset)) && /[:[,]$/.test(before.trimEnd()) && openDepth(before) > 0;
};

function positionOf(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** momoa's "Unexpected token RBrace found." → what to fix, in the words of the JSON text. */
/** Spaces and format characters that show as nothing, or as an ordinary space. */
const INVISIBLE = /[\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]/;

function explainSyntax(text: string, offset: number, raw: string): string {
  const ch = text[offset] ?? "";
  const prev = text.slice(0, offset).trimEnd().slice(-1);
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(offset))?.[0];
  // A character nobody sees (a no-break space, a zero-width space, a second byte order mark) or
  // a typographic quote pasted from a word processor is named, since it cannot be seen in the quotes.
  const named = INVISIBLE.test(ch) ? ` (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}, a character that cannot be seen)` : "";
  const found = word ?? JSON.stringify(ch) + named;
  if (/[\u2018\u2019\u201C\u201D]/.test(ch)) return `unexpected ${found}, a typographic quote; JSON needs straight double quotes "`;
  if ((ch === "}" || ch === "]") && prev === ",") return `unexpected "${ch}" after a comma; JSON allows no trailing comma`;
  if (strayComma(text, offset)) return 'unexpected ","; a value is missing before it';
  if (prev && openDepth(text.slice(0, offset)) === 0) return `unexpected ${found} after the end of the config; a file holds one JSON object`;
  if (ch === "/") return 'unexpected "/"; JSON allows no comments';
  if (ch === "'") return "unexpected \"'\"; JSON strings and keys need double quotes";
  if (word && (prev === "{" || prev === ",") && text.slice(offset + word.length).trimStart().startsWith(":")) {
    return `unexpected ${word}; keys need double quotes: "${word}"`;
  }
  if (/["\d}\]el]/.test(prev) && /["{[\d-]/.test(ch)) return `unexpected ${found}; a comma is missing before it`;
  if (word) return `unexpected ${word}; expected a value: "text", a number, true, false, null, { … } or [ … ]`;
  return `unexpected ${found}` + (/^Unexpected/.test(raw) ? "" : ` (${raw})`);
}

/**
 * The position of what `path` points at: the value, or the key itself for an unknown or
 * invalid key. When the path goes past what the text has (a missing key), the position of the
 * deepest part that exists. Duplicate keys: the last one, which is the one JSON.parse keeps.
 */
export function locate(
  source: string | DocumentNode,
  path: readonly PathSegment[],
  kind: ConfigError["kind"] = "value",
): SourcePosition {
  let document: DocumentNode;
  if (typeof source === "string") {
    const parsed = parseJsonText(source);
    if (!parsed.ok) return { line: parsed.error.line, column: parsed.error.column };
    document = parsed.document;
  } else document = source;
  let node: ValueNode = document.body;
  for (const [i, seg] of path.entries()) {
    let next: ValueNode | undefined;
    if (node.type === "Object") {
      const member = lastMember(node.members, String(seg));
      if (member && i === path.length - 1 && kind !== "value") return start(member.name);
      next = member?.value;
    } else if (node.type === "Array" && typeof seg === "number") next = node.elements[seg]?.value;
    if (!next) break;
    node = next;
  }
  return start(node);
}

const start = (node: { loc: { start: SourcePosition } }): SourcePosition => ({
  line: node.loc.start.line,
  column: node.loc.start.column,
});

function lastMember(members: MemberNode[], key: string): MemberNode | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (nameOf(members[i]!) === key) return members[i];
  return undefined;
}

const nameOf = (m: MemberNode) => (m.name.type === "String" ? m.name.value : m.name.name);

/** A key written twice in one object: JSON keeps the last silently, which hides a mistake. */
function duplicateKeys(document: DocumentNode): LocatedError[] {
  const out: LocatedError[] = [];
  // A list of nodes to visit rather than recursion: a file nested thousands deep is still valid
  // JSON, and the CLI reports on it instead of running out of stack.
  const todo: [ValueNode, PathSegment[]][] = [[document.body, []]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [node, path] = next;
    if (node.type === "Array") node.elements.forEach((el, i) => todo.push([el.value, [...path, i]]));
    if (node.type !== "Object") continue;
    const last = new Map<string, MemberNode>();
    for (const m of node.members) last.set(nameOf(m), m);
    for (const m of node.members) {
      const key = nameOf(m);
      const kept = last.get(key)!;
      if (kept !== m) {
        const at = start(kept.name);
        out.push({
          path: formatPath([...path, key]),
          message: `duplicate key ${quote(key)}: it is written again at line ${at.line}, column ${at.column}, and only that last one counts`,
          pathSegments: [...path, key],
          kind: "invalid-key",
          ...start(m.name),
        });
      }
      todo.push([m.value, [...path, key]]);
    }
  }
  return out;
}

/**
 * Checks a config file's text as the CLI does: malformed JSON is one error at its own
 * position; otherwise every problem of `validate()` (plus keys written twice), each with the
 * line and column it points at, in the order they appear in the text. A config without
 * problems comes with its warnings (lint.ts), located the same way.
 */
export function validateJsonText(text: string, options: ValidateOptions = {}): TextValidationResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, errors: [{ path: "", ...parsed.error }] };
  const result = validateConfig(parsed.value, options);
  const inText = (found: ConfigError[]): LocatedError[] => found.map((e) => ({ ...e, ...locate(parsed.document, e.pathSegments ?? [], e.kind) }));
  const inOrder = (found: LocatedError[]) => found.sort((a, b) => a.line - b.line || a.column - b.column);
  const errors = inOrder([...inText(result.ok ? [] : result.errors), ...duplicateKeys(parsed.document)]);
  if (result.ok && errors.length === 0) return { ...result, warnings: inOrder(inText(configWarnings(result.config))) };
  return { ok: false, errors };
}
