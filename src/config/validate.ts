// validate(value): the config with defaults applied, or every problem in it, each once.
// zod checks the structure (types, keys, limits); the cross-field rules then run over the raw
// input on their own, so a broken stage does not hide a bad endpoint and vice versa.
import { getConfigSchema } from "./schema";
import { ownKeysOnly } from "../core/own-keys";
import type { z } from "./zod";
import { explainIssues } from "./messages";
import { checkUrl, crossFieldErrors } from "./cross-field";
import { todayOf } from "../core/answer-shapes";
import { errorMessage } from "../errors";
import { configError, hasOwn, isRecord, type ConfigError, type PathSegment, type ValidationResult } from "./config-error";

export type { ConfigError, ValidationResult } from "./config-error";

type ParseContext = z.core.ParseContext<z.core.$ZodIssue>;

export interface ValidateOptions {
  /** The page's origin: an absolute endpoint on it counts as same-origin. */
  pageOrigin?: string;
  /**
   * What `"today"` means for date bounds, as YYYY-MM-DD; default: this device's date. null: a
   * bound of "today" is not compared with a fixed one (mount(): a config is not refused for a
   * `"min": "today"` that has passed its `"max"` since it was written; that question is not asked).
   */
  today?: string | null;
  /**
   * Replaces the config's `endpoint` (data-endpoint; null: none), once the config itself has
   * passed: the result is what validating the config with this endpoint would give (the same
   * errors; the same config, though `endpoint` comes last when the config had none), without
   * parsing the config a second time.
   */
  endpoint?: string | null;
}

/**
 * Builds the schemas `validate` uses, as its first call would (about 4 ms of JavaScript on a
 * desktop, four times that on a slow phone). A caller that can run it in a task of its own, before
 * the task that validates, keeps both tasks shorter; `validate` builds them itself otherwise.
 */
export function prepareValidation(): void {
  getConfigSchema();
}

/**
 * What zod's own `z.validate()` parses with: an object, array or union stops before its next
 * child once one has a wrong type or value (a failed check, such as a length, does not stop it).
 * `ParseContext` does not declare it, but safeParse passes it down to every schema;
 * validate.schema.test.ts checks that it still stops early.
 */
export const ABORT_EARLY = { abortEarly: true } as ParseContext;

/**
 * The public `validate()` (SPEC §3): each problem is exactly `{ path, message }`. The CLI,
 * which also points at the line and column, uses `validateConfig` and its located errors.
 * In a page, an endpoint on the page's own origin passes, as it does for `mount()` there.
 */
export function validate(value: unknown, options?: ValidateOptions): ValidationResult {
  const pageOrigin = options?.pageOrigin ?? (globalThis as { location?: { origin?: string } }).location?.origin;
  const result = validateConfig(value, { ...options, pageOrigin });
  return result.ok ? result : { ok: false, errors: result.errors.map(({ path, message }) => ({ path, message })) };
}

/** `validate`, with each error's path also as segments and what it points at (a value or a key). */
export function validateConfig(input: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    const value = ownKeysOnly(input);
    const configSchema = getConfigSchema();
    // A first parse that stops early: a question's union then gives up on each type it is not
    // after its `type` key, not after every key: a quarter of a valid config's first
    // validation in a fresh page. It accepts exactly what a full parse accepts, with the same
    // result; only a refused config is parsed again, for every problem in it.
    let parsed = configSchema.safeParse(value, ABORT_EARLY);
    if (!parsed.success) parsed = configSchema.safeParse(value);
    const errors = parsed.success ? [] : explainIssues(parsed.error.issues, configSchema, value, { rootName: "a config object { … }" });
    const { pageOrigin, endpoint } = options;
    errors.push(...crossFieldErrors(value, { pageOrigin, today: options.today === undefined ? todayOf(Date.now(), new Date().getTimezoneOffset()) : options.today }));
    const reported = new Set(errors.map((e) => e.path));
    errors.push(...reservedKeys(value).filter((e) => !reported.has(e.path)));
    if (!parsed.success || errors.length) return { ok: false, errors: inInputOrder(errors, value) };
    if (endpoint == null) return { ok: true, config: parsed.data };
    // The rest of the config has passed, so only the endpoint can fail now: its own schema and
    // policy, explained as in the whole config (all at one path, zod's problems first).
    const config = { ...parsed.data, endpoint };
    const issues = configSchema.shape.endpoint.safeParse(endpoint).error?.issues ?? [];
    for (const issue of issues) issue.path.unshift("endpoint");
    const endpointErrors = explainIssues(issues, configSchema, config);
    checkUrl("endpoint", endpoint, pageOrigin, (path, message) => endpointErrors.push(configError(path, message)));
    return endpointErrors.length ? { ok: false, errors: endpointErrors } : { ok: true, config };
  } catch (e) {
    // Never throw into the host: a value zod cannot even walk (a throwing getter, a Proxy…).
    return { ok: false, errors: [{ path: "", message: `expected a JSON config, found a value that cannot be read (${errorMessage(e)})` }] };
  }
}

/**
 * Every `"__proto__"` key in the input. JSON.parse keeps it as data, but a zod record copies its
 * entries by assignment and leaves it out without a word (a strict object reports it as unknown):
 * a question, header or text under that key would vanish from a config that passed.
 */
function reservedKeys(value: unknown, path: PathSegment[] = [], found: ConfigError[] = [], seen = new Set<unknown>()): ConfigError[] {
  // A config is a few levels deep; deeper values are refused by the schema anyway. An object met
  // before (held twice, or inside itself) is not walked again.
  if (path.length > 20 || seen.has(value)) return found;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => reservedKeys(item, [...path, i], found, seen));
  else if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      if (key === "__proto__") found.push(configError([...path, key], 'unknown key "__proto__": JavaScript reserves this name; expected another key', "unknown-key"));
      else reservedKeys(value[key], [...path, key], found, seen);
    }
  }
  return found;
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
