// Reading zod schemas by path: which schema a JSON path leads to (following a tagged union by
// the value's own tag), and how to say in words what it accepts ("an integer from 1 to 20").
// zod's issues say what failed; this says what was wanted.
import { wholeNumber, z } from "./zod";
import { patternHints } from "./schema";
import { hasOwn, isRecord, oneOf, type PathSegment } from "./config-error";

export type Schema = z.core.$ZodType;

/** The parts of zod's schema definitions this module reads. */
export interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  keyType?: Schema;
  options?: Schema[];
  checks?: { _zod: { def: CheckDef } }[];
  values?: unknown[];
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  maximum?: number;
  pattern?: RegExp;
}

const defOf = (schema: Schema) => schema._zod.def as unknown as Def;

/**
 * What an optional, default or nullable schema wraps (the only kinds with an inner type we
 * use): what a message describes.
 */
export function unwrap(schema: Schema): { schema: Schema; def: Def } {
  let def = defOf(schema);
  while (def.innerType) {
    schema = def.innerType;
    def = defOf(schema);
  }
  return { schema, def };
}

const shapeOf = (schema: Schema) => unwrap(schema).def.shape ?? {};

/**
 * Whether a union is the questions' one: objects told apart by their literal `type`. Other
 * unions (showIf, localized text) have no such key.
 */
export const isTagged = (def: Def | undefined): def is Def & { options: Schema[] } =>
  !!def?.options && hasOwn(shapeOf(def.options[0]!), "type");

/** The `type` an option of the questions' union has (`"text"` for the text question). */
export const typeOf = (option: Schema): unknown => unwrap(shapeOf(option).type!).def.values?.[0];

export interface Located {
  /** The schema expected at the path, unwrapped; a question resolved to its own type's schema. */
  schema?: Schema;
  /** The tagged union the schema was picked from (a question's), if any. */
  union?: Def;
  /** The raw value at the path, and whether its key exists at all. */
  value: unknown;
  present: boolean;
}

/** A tagged union narrowed to the option for this value's tag. */
function narrow(schema: Schema, value: unknown): { schema: Schema; union?: Def } {
  const u = unwrap(schema);
  const option = isTagged(u.def) && isRecord(value) ? u.def.options.find((o) => typeOf(o) === value.type) : undefined;
  return option ? { schema: unwrap(option).schema, union: u.def } : { schema: u.schema };
}

/** One step down a schema: a key of an object, the values of a record, the items of an array. */
function child(schema: Schema, seg: PathSegment): Schema | undefined {
  const { def } = unwrap(schema);
  if (def.type === "object") return def.shape?.[seg];
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  if (def.type === "union") {
    // the first option that has this key or these items (a map of texts, showIf's shapes)
    for (const option of def.options ?? []) {
      const found = child(option, seg);
      if (found) return found;
    }
  }
  return undefined;
}

export function locate(root: Schema, input: unknown, path: readonly PathSegment[]): Located {
  let at: { schema?: Schema; union?: Def } = narrow(root, input);
  let value = input;
  let present = true;
  for (const seg of path) {
    const next = at.schema && child(at.schema, seg);
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
  const options = def.options ?? [];
  switch (def.type) {
    case "string": {
      const regex = checks.find((c) => c.pattern)?.pattern;
      if (regex) return patternHints.get(String(regex)); // every format we check has a name
      const max = checks.find((c) => c.check === "max_length")?.maximum;
      const short = max !== undefined && max <= 1000 ? ` of at most ${max} characters` : "";
      return checks.some((c) => c.check === "min_length") ? `a non-empty string${short}` : `a string${short}`;
    }
    case "number":
      return numberText(checks);
    case "boolean":
      return "true or false";
    case "literal": {
      const values = def.values ?? [];
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
      if (isTagged(def)) return `an object such as { "type": ${JSON.stringify(typeOf(options[0]!))}, … }`;
      if (options.map((o) => unwrap(o).def.type).join() === "string,record") return 'text: a string, or a map from locale to string such as { "en": "…" }';
      return oneOf(options.map((o) => describeSchema(o)?.replace("true or false", "true/false")), false);
    }
    default:
      return undefined;
  }
}

function numberText(checks: CheckDef[]): string {
  const noun = checks.includes(wholeNumber._zod.def) ? "an integer" : "a number";
  const bound = (name: string) => {
    const c = checks.find((k) => k.check === name);
    return c && { value: c.value!, inclusive: c.inclusive !== false };
  };
  const lo = bound("greater_than");
  const hi = bound("less_than");
  if (lo && hi && lo.inclusive && hi.inclusive) return `${noun} from ${lo.value} to ${hi.value}`;
  const parts = [lo && `${lo.inclusive ? "≥" : ">"} ${lo.value}`, hi && `${hi.inclusive ? "≤" : "<"} ${hi.value}`];
  return [noun, ...parts.filter(Boolean)].join(" ");
}
