// validate(value): the config with defaults applied, or every problem in it, each once.
// zod checks the structure (types, keys, limits); the cross-field rules then run over the raw
// input on their own, so a broken stage does not hide a bad endpoint and vice versa.
import { getConfigSchema } from "./schema";
import { explainIssues } from "./messages";
import { crossFieldErrors } from "./cross-field";
import { todayOf } from "../core/answer-shapes";
import { hasOwn, isRecord, type ConfigError, type PathSegment, type ValidationResult } from "./config-error";

export type { ConfigError, PathSegment, ValidationResult } from "./config-error";

export interface ValidateOptions {
  /** The page's origin: an absolute endpoint on it counts as same-origin. */
  pageOrigin?: string;
  /** What `"today"` means for date bounds, as YYYY-MM-DD; default: this device's date. */
  today?: string;
}

/**
 * Builds the schemas `validate` uses, as its first call would (about 4 ms of JavaScript on a
 * desktop, four times that on a slow phone). A caller that can run it in a task of its own, before
 * the task that validates, keeps both tasks shorter; `validate` builds them itself otherwise.
 */
export function prepareValidation(): void {
  getConfigSchema();
}

export function validate(value: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    const configSchema = getConfigSchema();
    const parsed = configSchema.safeParse(value);
    const errors = parsed.success ? [] : explainIssues(parsed.error.issues, configSchema, value, { rootName: "a config object { … }" });
    errors.push(...crossFieldErrors(value, { pageOrigin: options.pageOrigin, today: options.today ?? todayOf(Date.now(), new Date().getTimezoneOffset()) }));
    if (parsed.success && errors.length === 0) return { ok: true, config: parsed.data };
    return { ok: false, errors: inInputOrder(errors, value) };
  } catch (e) {
    // Never throw into the host: a value zod cannot even walk (a throwing getter, a Proxy…).
    return { ok: false, errors: [{ path: "", message: `expected a JSON config, found a value that cannot be read (${String(e)})` }] };
  }
}

/** Sorts errors the way the input is written: by the position of each key among its siblings. */
function inInputOrder(errors: ConfigError[], input: unknown): ConfigError[] {
  const rank = (segments: readonly PathSegment[] = []): number[] => {
    const out: number[] = [];
    let node = input;
    for (const seg of segments) {
      if (Array.isArray(node) && typeof seg === "number") out.push(seg);
      else if (isRecord(node) && hasOwn(node, seg)) out.push(Object.keys(node).indexOf(String(seg)));
      else {
        out.push(Number.MAX_SAFE_INTEGER);
        break;
      }
      node = (node as Record<PropertyKey, unknown>)[seg];
    }
    return out;
  };
  const ranked = errors.map((e, i) => ({ e, i, r: rank(e.pathSegments) }));
  ranked.sort((a, b) => {
    for (let k = 0; k < Math.min(a.r.length, b.r.length); k++) if (a.r[k] !== b.r[k]) return a.r[k]! - b.r[k]!;
    return a.r.length - b.r.length || a.i - b.i;
  });
  return ranked.map((x) => x.e);
}
