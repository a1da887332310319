// zod issues → plain-language ConfigErrors ("expected X, found Y").
//
// A zod issue says what went wrong but rarely what was expected in words a marketer reads:
// `invalid_type` does not carry the bounds of the number it wanted, `invalid_format` carries a
// regular expression. So each issue is explained with the schema found at its path
// (schema-walk.ts) and the raw value there. Used for configs and for delivered messages (server.ts).
import type { z } from "./zod";
import { patternHints } from "./schema";
import { describeSchema, isTagged, locate, typeOf, unwrap, type Located, type Schema } from "./schema-walk";
import {
  configError,
  didYouMean,
  hasOwn,
  isRecord,
  oneOf,
  quote,
  show,
  suggest,
  type ConfigError,
  type PathSegment,
} from "./config-error";

type Issue = z.core.$ZodIssue;

/** What the items of a list are called, by the list's key (plurals add an "s"). */
const NOUNS: Record<string, string> = { stages: "stage", ask: "question id", options: "option", in: "value" };
const count = (n: number, segment: PathSegment | undefined) => `${n} ${NOUNS[String(segment)] ?? "item"}${n === 1 ? "" : "s"}`;

/** Internal: an error plus what the post-pass needs to merge "missing" with a misspelt key. */
type Draft = ConfigError & { missing?: boolean; suggestion?: string; mistyped?: boolean };

const keyOf = (segments: readonly PathSegment[] | undefined) => JSON.stringify(segments ?? []);

/**
 * Explains zod's issues for `input` against `root`: one ConfigError per problem, an unknown
 * key at its own path, and a misspelt required key reported once (as the unknown key, with
 * the suggestion) rather than a second time as "missing".
 */
export function explainIssues(
  issues: readonly Issue[],
  root: Schema,
  input: unknown,
  options: { rootName?: string } = {},
): ConfigError[] {
  const drafts = issues.flatMap((issue) => explain(issue, [], root, input, options.rootName));
  const missing = new Set(drafts.filter((d) => d.missing).map((d) => keyOf(d.pathSegments)));
  const absorbed = new Set<string>();
  for (const d of drafts) {
    if (d.suggestion === undefined) continue;
    const meant = keyOf([...d.pathSegments!.slice(0, -1), d.suggestion]);
    if (!missing.has(meant)) continue;
    absorbed.add(meant);
    d.message += ` (${quote(d.suggestion)} is required and missing)`;
  }
  // zod runs length checks even on a value of the wrong type ([] for a string): the type is the news.
  const mistyped = new Set(drafts.filter((d) => d.mistyped).map((d) => keyOf(d.pathSegments)));
  // Two checks of one value can fail with the same expectation ("" is both too short and not a
  // URL): said once.
  const said = new Set<string>();
  const firstTime = (d: Draft) => {
    const key = keyOf(d.pathSegments) + d.message.split(", found")[0];
    return !said.has(key) && !!said.add(key);
  };
  return drafts
    .filter((d) => !(d.missing && absorbed.has(keyOf(d.pathSegments))))
    .filter((d) => d.mistyped || !mistyped.has(keyOf(d.pathSegments)))
    .filter(firstTime)
    .map(({ missing: _m, suggestion: _s, mistyped: _t, ...error }) => error);
}

function explain(issue: Issue, base: readonly PathSegment[], root: Schema, input: unknown, rootName?: string): Draft[] {
  const path = [...base, ...(issue.path as PathSegment[])];
  const at = locate(root, input, path);
  const expected = () => describeSchema(at.schema);
  const one = (message: string, extra: Partial<Draft> = {}): Draft[] => [{ ...configError(path, message), ...extra }];

  switch (issue.code) {
    case "invalid_type": {
      // describeSchema knows every kind of schema we write.
      const want = (path.length === 0 && rootName) || expected();
      if (!at.present && path.length) return one(`missing; expected ${want}`, { missing: true, mistyped: true });
      if (issue.expected === "int" && typeof at.value === "number") {
        return one(`expected ${want}, found ${at.value}, which is not a whole number`, { mistyped: true });
      }
      return one(`expected ${want}, found ${show(at.value)}`, { mistyped: true });
    }
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const limit = Number(small ? issue.minimum : issue.maximum);
      const value = at.value;
      if (typeof value === "number") return one(`expected ${expected()}, found ${value}`);
      if (typeof value === "string") {
        if (small && limit === 1) return one(`expected ${expected()}, found an empty string ""`);
        return one(`expected ${small ? "at least" : "at most"} ${limit} characters, found ${value.length}`);
      }
      // A list. (zod checks the length of anything that has one, but any other value has also
      // failed its type check there, and that message is the one kept.)
      const { length } = value as unknown[];
      return one(`expected ${small ? "at least" : "at most"} ${count(limit, path[path.length - 1])}, found ${length || "an empty list []"}`);
    }
    case "invalid_format":
      // describeSchema names the format (schema.ts patternHints)
      return one(`expected ${expected() ?? `text in the ${issue.format} format`}, found ${show(at.value, false)}`);
    case "invalid_value":
      // A literal list of ours (format, display.mode…): all strings, all defaulted when missing.
      return one(`expected ${expected() ?? oneOf(issue.values)}, found ${show(at.value, false)}${didYouMean(at.value, issue.values as string[])}`);
    case "unrecognized_keys":
      return issue.keys.map((key) => unknownKey(root, input, path, key));
    case "invalid_key": {
      const inner = issue.issues.find((i) => i.code === "invalid_format");
      const hint = inner?.code === "invalid_format" && inner.pattern ? patternHints.get(inner.pattern) : undefined;
      const key = String(path[path.length - 1]);
      return [{ ...configError(path, `invalid key ${quote(key)}: expected ${hint ?? "a different key"}`, "invalid-key") }];
    }
    case "invalid_union":
      return explainUnion(issue, path, at, root, input);
    default:
      // "custom": a refinement's own message. (Nothing of ours raises the other codes zod has:
      // not_multiple_of, invalid_element.)
      return one(issue.message);
  }
}

function unknownKey(root: Schema, input: unknown, objectPath: readonly PathSegment[], key: string): Draft {
  const at = locate(root, input, objectPath);
  // In showIf's union, the shape the value has most keys of: the branch zod's issue came from.
  const { def } = unwrap(at.schema!);
  const shapes = (def.options ?? [at.schema!]).map((o) => Object.keys(unwrap(o).def.shape!));
  const overlap = (keys: string[]) => keys.filter((k) => hasOwn(at.value as object, k)).length;
  const known = shapes.reduce((best, keys) => (overlap(keys) > overlap(best) ? keys : best));
  const path = [...objectPath, key];
  const hit = suggest(key, known);
  if (hit !== undefined) {
    return { ...configError(path, `unknown key ${quote(key)}; did you mean ${quote(hit)}?`, "unknown-key"), suggestion: hit };
  }
  // A key that belongs to another question type: say which, so "options" on a text question reads right.
  if (at.union && isRecord(at.value)) {
    const owners = at.union.options!.filter((o) => hasOwn(unwrap(o).def.shape ?? {}, key)).map(typeOf);
    if (owners.length) {
      const own = JSON.stringify(at.value.type);
      return {
        ...configError(
          path,
          `unknown key ${quote(key)}: ${own} questions have no ${quote(key)} (${oneOf(owners)} questions do); its keys are: ${known.join(", ")}`,
          "unknown-key",
        ),
      };
    }
  }
  return configError(path, `unknown key ${quote(key)}; expected one of: ${known.join(", ")}`, "unknown-key");
}

function explainUnion(
  issue: Extract<Issue, { code: "invalid_union" }>,
  path: PathSegment[],
  at: Located,
  root: Schema,
  input: unknown,
): Draft[] {
  const branches = issue.errors;
  // A question: zod tried every type; what matters is the one its `type` names, or that it names none.
  // (`locate` has already narrowed a question to the option its tag names, if any.)
  const union = at.union ?? (at.schema && unwrap(at.schema).def);
  const options = union?.options ?? [];
  if (isTagged(union) && isRecord(at.value)) {
    const found = at.value.type;
    const tags = options.map(typeOf) as string[];
    const chosen = tags.indexOf(found as string);
    if (chosen >= 0) return branches[chosen]!.flatMap((i) => explain(i, path, root, input));
    const tagPath = [...path, "type"];
    const typeError = hasOwn(at.value, "type")
      ? configError(tagPath, `expected one of ${oneOf(tags)}, found ${show(found, typeof found !== "string")}${didYouMean(found, tags)}`)
      : configError(tagPath, `missing; expected the question's type, one of ${oneOf(tags)}`);
    // Without its type, which keys belong is not known; but the keys every type has are checked
    // (as the first type checked them), and a key that no type has is unknown whatever it is.
    const keysOf = (o: Schema) => Object.keys(unwrap(o).def.shape!);
    const shared = keysOf(options[0]!).filter((k) => k !== "type" && options.every((o) => keysOf(o).includes(k)));
    const anyType = new Set(options.flatMap(keysOf));
    return [
      typeError,
      ...branches[0]!.filter((i) => shared.includes(String(i.path[0]))).flatMap((i) => explain(i, path, root, input)),
      ...Object.keys(at.value)
        .filter((key) => !anyType.has(key))
        .map((key) => {
          const hit = suggest(key, anyType);
          const message = `unknown key ${quote(key)}${hit === undefined ? ": no question type has it" : `; did you mean ${quote(hit)}?`}`;
          return { ...configError([...path, key], message, "unknown-key"), suggestion: hit };
        }),
    ];
  }
  const rootTypeFailure = (b: Issue[]) => b.some((i) => i.code === "invalid_type" && i.path.length === 0);
  const fitting = branches.filter((b) => !rootTypeFailure(b));
  if (fitting.length === 0) {
    // Missing, as for any other required key (so a misspelt "lable" is one error, not two).
    if (!at.present && path.length) return [{ ...configError(path, `missing; expected ${describeSchema(at.schema)}`), missing: true }];
    return [configError(path, `expected ${describeSchema(at.schema)}, found ${show(at.value)}`)];
  }
  // Objects that could be one of several shapes (showIf): prefer the shape the value is
  // closest to: fewest missing or unknown keys, then fewest problems.
  const structural = (b: Issue[]) =>
    b.reduce(
      (n, i) =>
        n +
        (i.code === "unrecognized_keys" ? i.keys.length : 0) +
        (i.path.length === 1 && isRecord(at.value) && !hasOwn(at.value, i.path[0]!) ? 1 : 0),
      0,
    );
  const scored = fitting.map((b) => ({ b, s: structural(b), n: b.length })).sort((x, y) => x.s - y.s || x.n - y.n);
  const [best, second] = scored;
  if (best && (!second || best.s < second.s || (best.s === second.s && best.n < second.n))) {
    return best.b.flatMap((i) => explain(i, path, root, input));
  }
  // A tie: say which shapes are allowed, and point out keys that fit none of them.
  const shapes = options.map((o) => Object.keys(unwrap(o).def.shape ?? {}));
  const allKeys = new Set(shapes.flat());
  const found = isRecord(at.value) ? Object.keys(at.value) : [];
  const strangers = found.filter((k) => !allKeys.has(k));
  const hints = strangers.map((k) => `${quote(k)} is not a key here${didYouMean(k, allKeys)}`);
  const expected = `expected one of ${oneOf(shapes.map((keys) => `{ ${keys.join(", ")} }`), false)}`;
  // One key that fits no shape (a misspelt "equal") is the problem: pointed at, as any unknown key.
  if (strangers.length === 1) return [configError([...path, strangers[0]!], `${hints[0]}; ${expected}`, "unknown-key")];
  return [configError(path, `${expected}, found { ${found.join(", ")} }` + (hints.length ? `; ${hints.join("; ")}` : ""))];
}
