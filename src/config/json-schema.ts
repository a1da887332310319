// dist/schema.json: the JSON Schema of the config, generated from the zod schema so the two
// never drift. What editors need from it (VS Code's JSON language service above all) is
// settled in schema.ts: `io: "input"` here (keys with a default are optional), strict objects
// (additionalProperties: false), one oneOf branch per question type with its own `const` type
// (so completion offers the types), no allOf, relative URLs allowed. The hover texts come from
// schema-docs.ts, put on each key by its path.
import { wholeNumber, z } from "./zod";
import { TODAY } from "./constants";
import { getConfigSchema, getQuestionSchema } from "./schema";
import { typeOf, unwrap, type Schema } from "./schema-walk";
import { SCHEMA_DOCS } from "./schema-docs";

export const SCHEMA_ID = "https://unpkg.com/progressive-profile/dist/schema.json";

/**
 * Keywords only editors need, by the zod schema they describe, found in the config schema by
 * where they are used. Written in schema.ts as `z.meta()` they would ship in the script tag,
 * with zod's metadata registry, for nothing.
 */
function editorKeywords(config: Schema) {
  const shapeOf = (schema: Schema) => unwrap(schema).def.shape!;
  const inner = (schema: Schema | undefined) => unwrap(schema!).schema;
  const top = shapeOf(config);
  const questions = unwrap(top.questions!).def.valueType!;
  const question = (type: string) => shapeOf(unwrap(questions).def.options!.find((o) => typeOf(o) === type)!);
  return new Map<Schema, Record<string, unknown>>([
    // zod cannot say "a non-empty record" in JSON Schema; editors should flag `{}` too.
    [unwrap(top.title!).def.options![1]!, { minProperties: 1 }], // a map from locale to text
    [shapeOf(unwrap(top.stages!).def.element!).when!, { minProperties: 1 }],
    [inner(question("date").min), { examples: [TODAY, "2000-01-01"] }],
    // A question id may not be a name every object has (cross-field.ts refuses it too).
    [unwrap(top.questions!).def.keyType!, { not: { enum: Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[A-Za-z]/.test(name)) } }],
  ]);
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

export function configJsonSchema(): Record<string, unknown> {
  const configSchema = getConfigSchema();
  const questionSchema = getQuestionSchema();
  const keywords = editorKeywords(configSchema);
  // A deep copy: zod may share one output object between the places a schema is used.
  const generated = JSON.parse(JSON.stringify(z.toJSONSchema(configSchema, {
      io: "input",
      target: "draft-2020-12",
      override: ({ zodSchema, jsonSchema }) => {
        Object.assign(jsonSchema, keywords.get(zodSchema));
        // Our integers (zod.ts) are what z.int() makes them: integers in the safe range.
        if (zodSchema._zod.def.checks?.some((check) => check === wholeNumber)) {
          jsonSchema.type = "integer";
          jsonSchema.minimum ??= Number.MIN_SAFE_INTEGER;
          jsonSchema.maximum ??= Number.MAX_SAFE_INTEGER;
        }
        // Question types differ in their `type` const, so exactly one branch matches: oneOf,
        // as a discriminated union says. schema.ts uses a plain union, which the script tag
        // already carries (a discriminated one would cost it 0.4 KB brotli).
        if (zodSchema === questionSchema) {
          jsonSchema.oneOf = jsonSchema.anyOf;
          delete jsonSchema.anyOf;
        }
      },
    }))) as Node;
  splitTypeLists(generated);
  addDocs(generated, SCHEMA_DOCS);
  // No "$schema": the schema uses nothing beyond draft-07 (no $ref, no 2020-only keyword), and
  // naming a draft makes the other ajv class refuse to compile it (`new Ajv()`, the usual
  // import, does not know the 2020-12 meta-schema; `new Ajv2020()` does not know draft-07).
  // Without it both, and editors, read it as their own draft.
  const { $schema: _draft, ...rest } = generated;
  return {
    $id: SCHEMA_ID,
    title: "progressive-profile config",
    description:
      "A question sequence for the progressive-profile widget: which questions are asked at which visit or after which event, " +
      "and where the answers go. Check a file with `npx progressive-profile validate FILE.json`.",
    ...rest,
  };
}

/**
 * `"type": ["string", "number"]` (zod's output for a union of scalars) as `anyOf` of one type
 * each: the same for an editor, and what a plain `new Ajv2020()` compiles without a
 * strict-mode warning. (For the same reason the schema names no `format`: ajv without
 * ajv-formats refuses an unknown one, and the patterns already say what URLs may be.)
 */
function splitTypeLists(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(splitTypeLists);
  if (!isNode(node)) return;
  if (Array.isArray(node.type)) {
    node.anyOf = node.type.map((type) => ({ type }));
    delete node.type;
  }
  Object.values(node).forEach(splitTypeLists);
}

/**
 * Sets `description` on every key's schema from `docs` (see schema-docs.ts for the paths).
 * Returns the paths that found no text, and the texts that found no path, for the tests.
 */
export function addDocs(root: Node, docs: Readonly<Record<string, string>>): { undocumented: string[]; unused: string[] } {
  const used = new Set<string>();
  const undocumented = new Set<string>();
  const walk = (node: unknown, path: string, variant: string | undefined, isKey: boolean) => {
    if (!isNode(node)) return;
    if (isKey) {
      const key = [`${path}@${variant}`, path].find((k) => docs[k] !== undefined);
      if (key === undefined) undocumented.add(path);
      else {
        node.description = docs[key];
        used.add(key);
      }
    }
    for (const [k, v] of Object.entries(isNode(node.properties) ? node.properties : {})) walk(v, path ? `${path}.${k}` : k, variant, true);
    walk(node.additionalProperties, `${path}.*`, variant, true);
    walk(node.items, `${path}[]`, variant, true);
    for (const branch of [node.oneOf, node.anyOf].flatMap((b) => (Array.isArray(b) ? b : []))) {
      const type = isNode(branch) && isNode(branch.properties) && isNode(branch.properties.type) ? branch.properties.type.const : undefined;
      walk(branch, path, typeof type === "string" ? type : variant, false);
    }
  };
  walk(root, "", undefined, false);
  return { undocumented: [...undocumented], unused: Object.keys(docs).filter((k) => !used.has(k)) };
}
