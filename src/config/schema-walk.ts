// Reading zod schemas by path: which schema a JSON path leads to (following a discriminated
// union by the value's own tag), and how to say in words what it accepts ("an integer from 1
// to 20"). zod's issues say what failed; this says what was wanted.
import { z } from "./zod";
import { patternHints } from "./schema";
import { hasOwn, isRecord, oneOf, quote, type PathSegment } from "./config-error";

export type Schema = z.core.$ZodType;

/** The parts of zod's schema definitions this module reads. */
export interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  checks?: { _zod: { def: CheckDef } }[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  format?: string;
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: RegExp;
}

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "nonoptional", "catch"]);

export function unwrap(schema: Schema): { schema: Schema; def: Def } {
  let s = schema;
  for (;;) {
    const def = s._zod.def as unknown as Def;
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return { schema: s, def };
  }
}

/** The JSON kind of a value, and the kind a schema accepts, compared to pick a union option. */
const kindOfValue = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
function kindOfSchema(schema: Schema): string {
  const { def } = unwrap(schema);
  if (def.type === "record") return "object";
  if (def.type === "literal" || def.type === "enum") return typeof literals(def)[0];
  return def.type;
}

export const literals = (def: Def): unknown[] => def.values ?? Object.values(def.entries ?? {});

/** The option of a union that the value was meant for: by discriminator, else by JSON kind. */
function optionFor(def: Def, value: unknown): Schema | undefined {
  const options = def.options ?? [];
  if (def.discriminator !== undefined) {
    if (!isRecord(value)) return undefined;
    const tag = value[def.discriminator];
    return options.find((o) => {
      const field = unwrap(o).def.shape?.[def.discriminator!];
      return field !== undefined && literals(unwrap(field).def).includes(tag);
    });
  }
  return options.find((o) => kindOfSchema(o) === kindOfValue(value));
}

export interface Located {
  /** The schema expected at the path, unwrapped; a question resolved to its own type's schema. */
  schema?: Schema;
  /** The discriminated union the schema was picked from (a question's), if any. */
  union?: Def;
  /** The raw value at the path, and whether its key exists at all. */
  value: unknown;
  present: boolean;
}

/** A discriminated union narrowed to the option for this value's tag. */
function narrow(schema: Schema, value: unknown): { schema: Schema; union?: Def } {
  const u = unwrap(schema);
  if (u.def.type !== "union" || u.def.discriminator === undefined) return { schema: u.schema };
  const option = optionFor(u.def, value);
  return option ? { schema: unwrap(option).schema, union: u.def } : { schema: u.schema };
}

/** One step down a schema: a key of an object, the values of a record, the items of an array. */
function child(schema: Schema, value: unknown, seg: PathSegment): Schema | undefined {
  const { def } = unwrap(schema);
  if (def.type === "object") return def.shape?.[seg];
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  if (def.type === "union") {
    // a plain union: the option of the value's kind, preferring one that has this key
    const fits = (def.options ?? []).filter((o) => kindOfSchema(o) === kindOfValue(value));
    const option = fits.find((o) => hasOwn(unwrap(o).def.shape ?? {}, seg)) ?? fits[0];
    return option && child(option, value, seg);
  }
  return undefined;
}

export function locate(root: Schema, input: unknown, path: readonly PathSegment[]): Located {
  let at: { schema?: Schema; union?: Def } = narrow(root, input);
  let value = input;
  let present = true;
  for (const seg of path) {
    const next = at.schema && child(at.schema, value, seg);
    present = (Array.isArray(value) || isRecord(value)) && hasOwn(value, seg);
    value = present ? (value as Record<PropertyKey, unknown>)[seg] : undefined;
    at = next ? narrow(next, value) : {};
  }
  return { ...at, value, present };
}

/** "an integer from 1 to 20", "a number > 0", "true or false", "one of "json", "form" or "segment"". */
export function describeSchema(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  const { def } = unwrap(schema);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case "string": {
      const regex = checks.find((c) => c.check === "string_format" && c.pattern)?.pattern;
      if (regex) return patternHints.get(String(regex)) ?? `text matching ${String(regex)}`;
      const max = checks.find((c) => c.check === "max_length")?.maximum;
      const short = max !== undefined && max <= 1000 ? ` of at most ${max} characters` : "";
      return checks.some((c) => c.check === "min_length") ? `a non-empty string${short}` : `a string${short}`;
    }
    case "number":
      return numberText(def, checks);
    case "boolean":
      return "true or false";
    case "literal":
    case "enum": {
      const values = literals(def);
      return values.length === 1 ? JSON.stringify(values[0]) : `one of ${oneOf(values)}`;
    }
    case "array":
      return "a list [ … ]";
    case "object": {
      const keys = Object.keys(def.shape ?? {});
      return keys.length <= 4 ? `an object { ${keys.join(", ")} }` : "an object { … }";
    }
    case "record":
      return "an object { … }";
    case "union": {
      if (def.discriminator !== undefined) {
        const first = (def.options ?? [])[0];
        const tag = first && literals(unwrap(unwrap(first).def.shape![def.discriminator]!).def)[0];
        return `an object such as { ${quote(def.discriminator)}: ${JSON.stringify(tag)}, … }`;
      }
      const kinds = (def.options ?? []).map(kindOfSchema);
      if (kinds.join() === "string,object") return 'text: a string, or a map from locale to string such as { "en": "…" }';
      const words = [...new Set((def.options ?? []).map((o) => describeSchema(o)?.replace("true or false", "true/false")))];
      return oneOf(words, false);
    }
    default:
      return undefined;
  }
}

function numberText(def: Def, checks: CheckDef[]): string {
  const noun = def.format?.includes("int") ? "an integer" : "a number";
  const bound = (name: string) => {
    const c = checks.find((k) => k.check === name && Math.abs(k.value ?? Infinity) < Number.MAX_SAFE_INTEGER);
    return c && { value: c.value!, inclusive: c.inclusive !== false };
  };
  const lo = bound("greater_than");
  const hi = bound("less_than");
  if (lo && hi && lo.inclusive && hi.inclusive) return `${noun} from ${lo.value} to ${hi.value}`;
  const parts = [lo && `${lo.inclusive ? "≥" : ">"} ${lo.value}`, hi && `${hi.inclusive ? "≤" : "<"} ${hi.value}`];
  return [noun, ...parts.filter(Boolean)].join(" ");
}
