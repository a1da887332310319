// The shape of one config problem, and the small wording helpers every rule shares, so
// that zod's issues and the cross-field rules read alike: "expected X, found Y".
import type { Config } from "./schema";

export type PathSegment = string | number;

/** One problem of a config: a JSON path and a plain-language message. */
export interface ConfigError {
  /** `stages[1].ask[2]`, `questions.name.type`, `questions["first name"]`; "" is the whole config. */
  path: string;
  /** What was expected and what was found. */
  message: string;
  /** The same path as keys and indices, for locating it in a source text (source-map.ts). */
  pathSegments?: PathSegment[];
  /**
   * What the path points at: a value (the default), or a key of an object — an unknown key
   * or a key that is not a valid id — whose position is the key itself.
   */
  kind?: "value" | "unknown-key" | "invalid-key";
}

/** What `validate()` returns: the config with defaults applied, or every problem found. */
export type ValidationResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["stages", 1, "ask", 2]` → `stages[1].ask[2]`; keys that are not identifiers are quoted. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function configError(
  segments: readonly PathSegment[],
  message: string,
  kind: ConfigError["kind"] = "value",
): ConfigError {
  return { path: formatPath(segments), message, pathSegments: [...segments], kind };
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const hasOwn: (o: object, key: PropertyKey) => boolean = Object.hasOwn;

/** A quoted string, shortened when long: `"phon"`. */
export function quote(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 1)}…` : s);
}

/**
 * What a found value was, for "found …": `"x" (a string)`, `12`, `true`, `null`, `a list of 2`.
 * `typed: false` leaves out "(a string)" where only the string's content was wrong.
 */
export function show(value: unknown, typed = true): string {
  if (typeof value === "string") return typed ? `${quote(value)} (a string)` : quote(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : `${value} (not a JSON number)`;
  if (typeof value === "boolean") return `${value} (a boolean)`;
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length ? `a list of ${value.length}` : "an empty list []";
  if (typeof value === "object") return Object.keys(value).length ? "an object" : "an empty object {}";
  return `a ${typeof value}`;
}

/** `"a", "b" or "c"` (quoted) or `a, b or c` (plain). */
export function oneOf(items: readonly unknown[], quoted = true): string {
  const words = items.map((i) => (quoted && typeof i === "string" ? quote(i) : String(i)));
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** A short list for "known questions: name, email, phone, …"; odd names are quoted. */
export function shortList(items: readonly string[], max = 12): string {
  const words = items.slice(0, max).map((i) => (/^[\w-]+$/.test(i) ? i : quote(i)));
  return items.length > max ? `${words.join(", ")}, …` : words.join(", ");
}

/** Optimal-string-alignment distance: a transposition ("maxLenght") counts as one edit. */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate `word` was most likely meant to be, if one is close enough. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const score = c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase());
    if (score <= limit && score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/** ` (did you mean "phone"?)`, or "" when nothing is close. */
export function didYouMean(word: unknown, candidates: Iterable<string>): string {
  const hit = typeof word === "string" ? suggest(word, candidates) : undefined;
  return hit === undefined ? "" : ` (did you mean ${quote(hit)}?)`;
}
