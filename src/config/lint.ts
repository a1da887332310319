// Warnings for a config that is valid but will not do what its author means: a follow-up whose
// `showIf` waits for a value its question can never give, a `pattern` that can never match or
// that can freeze the page, two keys of one map that differ only in case. SPEC §4 does not
// refuse these, so `validate()` accepts them; the CLI and the simulator (which only the
// config's author runs) say so, and the script tag carries none of it.
import { configError, didYouMean, quote, show, type ConfigError, type PathSegment } from "./config-error";
import type { Config, Question } from "./schema";

/** The kind of answer a question gives: what its `showIf` values can be compared with. */
function answerKind(q: Question): "text" | "number" | "consent" {
  return q.type === "number" ? "number" : q.type === "consent" ? "consent" : "text";
}

export function configWarnings(config: Config): ConfigError[] {
  const warnings: ConfigError[] = [];
  for (const [id, q] of Object.entries(config.questions)) {
    const warn = (rest: PathSegment[], message: string) => warnings.push(configError(["questions", id, ...rest], message));
    if (q.showIf && !("answered" in q.showIf)) {
      const target = config.questions[q.showIf.question];
      const values: [PathSegment[], unknown][] =
        "equals" in q.showIf ? [[["equals"], q.showIf.equals]] : q.showIf.in.map((value, i) => [["in", i], value]);
      for (const [at, value] of values) {
        const problem = target && never(target, value);
        if (problem) warn(["showIf", ...at], `${quote(q.showIf.question)} ${problem}, so this question is never asked`);
      }
    }
    if ((q.type === "text" || q.type === "textarea") && q.pattern !== undefined) {
      if (/^\/.+\/[dgimsuvy]*$/s.test(q.pattern)) {
        warn(["pattern"], "the slashes of a JavaScript literal /…/ are part of the pattern here, so no answer matches them; write it without them");
      } else {
        const nested = loosePart(q.pattern);
        if (nested) {
          warn(["pattern"], `a repeated group made only of repeats, as ${quote(nested)}, can take seconds to check a long answer that does not match, and the page freezes meanwhile; give each round a part it must match once (\\s[A-Za-z]+ rather than [A-Za-z]+\\s?)`);
        }
      }
    }
  }
  sameKeys(config, [], warnings);
  return warnings;
}

/**
 * Keys of one object that differ only in case: a locale map's "EN" and "en" (one language: the
 * first one listed is shown), `headers`' "Authorization" and "authorization" (one header).
 */
function sameKeys(value: unknown, path: PathSegment[], warnings: ConfigError[]): void {
  if (typeof value !== "object" || value === null) return;
  const seen = new Map<string, string>();
  for (const [key, inner] of Object.entries(value)) {
    const first = seen.get(key.toLowerCase());
    if (first === undefined) seen.set(key.toLowerCase(), key);
    else warnings.push(configError([...path, key], `${quote(first)} and ${quote(key)} differ only in case, and name the same ${path.at(-1) === "headers" ? "header (both go, joined into one value)" : "language (the first listed is shown)"}; keep one`, "unknown-key"));
    sameKeys(inner, [...path, Array.isArray(value) ? Number(key) : key], warnings);
  }
}

/** Why a showIf value can never equal an answer of `target`, or null when it can. */
function never(target: Question, value: unknown): string | null {
  const kind = answerKind(target);
  if (kind === "consent") {
    return value === true ? null : `is a consent, whose only answer is true (unticked is no answer: use { "answered": false }), found ${show(value)}`;
  }
  if (kind === "number" ? typeof value !== "number" : typeof value !== "string") {
    return `answers ${kind === "number" ? "numbers" : "text"}, found ${show(value)}`;
  }
  if ("options" in target) {
    const values = target.options.map((option) => option.value);
    if (!values.includes(value as string)) return `has no option ${show(value, false)}${didYouMean(value, values)}`;
  }
  return null;
}

/** Innermost groups (no group inside) that repeat: `(…)+`, `(…)*`, `(…){2,}`. */
const REPEATED_GROUP = /\(((?:[^()\\]|\\.)*)\)(?:[+*]|\{\d+,\d*\})/g;
/** One atom of a pattern (an escape, a class, a character) and its quantifier. */
const ATOM = /(?:\\[pPu]\{[^}]*\}|\\.|\[(?:[^\]\\]|\\.)*\]|[^\\[])([+*?]|\{\d+(?:,\d*)?\})?\??/g;

/**
 * The first repeated group one of whose alternatives is made only of atoms that may repeat or be
 * left out, `([A-Za-z]+\s?)*` or `(a+)+`: on an answer that almost matches, a backtracking engine
 * (every browser's) tries exponentially many ways to split it between the rounds. A part each
 * round must match once (`(\s[A-Za-z]+)*`) leaves one way. Null when there is none.
 */
function loosePart(pattern: string): string | null {
  for (const [group, inner] of pattern.matchAll(REPEATED_GROUP)) {
    const body = inner!.replace(/^\?(?:[:=!]|<[^>]*>)/, "");
    const loose = (alternative: string) =>
      alternative !== "" &&
      [...alternative.matchAll(ATOM)].every(([, quantifier]) => quantifier !== undefined && !/^\{(\d+)\}$/.test(quantifier));
    if (body.split("|").some(loose)) return group;
  }
  return null;
}
