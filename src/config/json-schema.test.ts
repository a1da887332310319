import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { addDocs, configJsonSchema, SCHEMA_ID } from "./json-schema";
import { SCHEMA_DOCS } from "./schema-docs";
import { z } from "./zod";
import { getConfigSchema } from "./schema";
import { QUESTION_TYPES } from "./constants";
import { EXAMPLES_DIR } from "./test-fixtures";

const examplesDir = EXAMPLES_DIR;
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, "utf8"));

// What dist/schema.json holds: the CLI prints exactly this, through JSON.
const schema = JSON.parse(JSON.stringify(configJsonSchema())) as Record<string, unknown>;

let compiled: ReturnType<Ajv2020["compile"]> | undefined;
function compile() {
  // ajv's defaults (strict mode: an unknown keyword, format or a malformed schema fails the
  // compile), as a backend developer would write it.
  const ajv = new Ajv2020({ allErrors: true });
  return (compiled ??= ajv.compile(schema));
}

/** Every sub-schema, with the JSON pointer-ish path to it. */
function* walk(node: unknown, path = "#"): Generator<[string, Record<string, unknown>]> {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) yield* walk(n, `${path}/${i}`);
    return;
  }
  yield [path, node as Record<string, unknown>];
  for (const [k, v] of Object.entries(node)) yield* walk(v, `${path}/${k}`);
}

const questionBranches = () => {
  const questions = (schema.properties as Record<string, Record<string, unknown>>).questions!;
  return (questions.additionalProperties as { oneOf: Record<string, unknown>[] }).oneOf;
};

describe("configJsonSchema (dist/schema.json)", () => {
  it("has an id, a title and a description, and names no draft (so every ajv class compiles it)", () => {
    expect(schema).toMatchObject({ $id: SCHEMA_ID, title: expect.any(String), description: expect.any(String), type: "object" });
    expect(schema).not.toHaveProperty("$schema");
  });

  it("compiles in ajv's strict mode and accepts the examples", () => {
    const check = compile();
    const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".json"));
    expect(examples.length).toBeGreaterThan(0);
    for (const f of examples) {
      expect(check(readJson(join(examplesDir, f))), `${f}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
    // The SPEC §4 example: abridged, so only the cross-field rules (not expressible here) fail it.
    const spec = readJson(join(__dirname, "fixtures/spec-example.json"));
    expect(check(spec), JSON.stringify(check.errors)).toBe(true);
  });

  it("rejects a misspelt key where it stands, at every level", () => {
    const check = compile();
    const example = readJson(join(examplesDir, "b2b-onboarding.json"));
    expect(check({ ...example, stagez: [] })).toBe(false);
    expect(check.errors).toContainEqual(expect.objectContaining({ keyword: "additionalProperties", params: { additionalProperty: "stagez" } }));

    const questions = example.questions as Record<string, Record<string, unknown>>;
    expect(check({ ...example, questions: { ...questions, name: { ...questions.name, maxLenght: 3 } } })).toBe(false);
    expect(check({ ...example, display: { mode: "modal", colour: "red" } })).toBe(false);
    expect(check({ ...example, strings: { ja: { nxt: "次へ" } } })).toBe(false);
  });

  it("rejects a question id that every JavaScript object has, as validate() does", () => {
    const check = compile();
    const minimal = (id: string) => ({ id: "x", version: 1, endpoint: "/api", stages: [{ when: { visit: 1 }, ask: [id] }], questions: { [id]: { type: "text", label: "A" } } });
    expect(check(minimal("toString"))).toBe(false);
    expect(check.errors).toContainEqual(expect.objectContaining({ keyword: "not", propertyName: "toString" }));
    expect(check(minimal("constructor"))).toBe(false);
    expect(check(minimal("toStringValue")), JSON.stringify(check.errors)).toBe(true);
  });

  it("rejects a wrong type and an unknown question type", () => {
    const check = compile();
    const example = readJson(join(examplesDir, "b2b-onboarding.json"));
    expect(check({ ...example, version: "1" })).toBe(false);
    expect(check.errors).toContainEqual(expect.objectContaining({ instancePath: "/version", keyword: "type" }));
    const questions = example.questions as Record<string, Record<string, unknown>>;
    expect(check({ ...example, questions: { ...questions, phone: { type: "phonenumber", label: "Phone" } } })).toBe(false);
    // a stage with neither visit nor event
    expect(check({ ...example, stages: [{ when: {}, ask: ["name"] }] })).toBe(false);
  });

  for (const [name, AjvClass] of [["new Ajv()", Ajv], ["new Ajv2020()", Ajv2020]] as const) {
    it(`compiles in a plain ${name} without a strict-mode warning, and checks a config`, () => {
      const warnings: unknown[] = [];
      const logger = { log() {}, warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) };
      const check = new AjvClass({ logger }).compile(schema);
      expect(warnings).toEqual([]);
      const example = readJson(join(examplesDir, "b2b-onboarding.json"));
      expect(check(example), JSON.stringify(check.errors)).toBe(true);
      expect(check({ ...example, maxQuestionsPerVisit: 21 })).toBe(false);
      expect(check({ ...example, colour: "red" })).toBe(false);
    });
  }

  it("accepts $schema, relative URLs and keys with defaults left out", () => {
    const check = compile();
    const minimal = { $schema: "./schema.json", id: "x", version: 1, endpoint: "/api/profile", stages: [{ when: { visit: 1 }, ask: ["a"] }], questions: { a: { type: "text", label: "A" } } };
    expect(check(minimal), JSON.stringify(check.errors)).toBe(true);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.$schema).toMatchObject({ type: "string" });
    expect(check({ ...minimal, endpoint: "/api/with space" })).toBe(false);
    expect(schema.required).toEqual(["id", "version", "stages", "questions"]);
  });

  it("has one oneOf branch per question type, each with its own const type, so editors complete the types", () => {
    const branches = questionBranches();
    const consts = branches.map((b) => ((b.properties as Record<string, Record<string, unknown>>).type!).const);
    expect(consts).toEqual([...QUESTION_TYPES]);
    for (const b of branches) {
      expect(b.additionalProperties).toBe(false);
      expect(b.required).toEqual(expect.arrayContaining(["type", "label"]));
      expect(((b.properties as Record<string, Record<string, unknown>>).type!).description).toEqual(expect.any(String));
    }
  });

  it("closes every object (additionalProperties: false) and has no allOf", () => {
    const nodes = [...walk(schema)];
    expect(nodes.length).toBeGreaterThan(200);
    for (const [path, node] of nodes) {
      expect(node.allOf, path).toBeUndefined();
      if (node.type === "object" && node.properties) expect(node.additionalProperties, path).toBe(false);
    }
  });

  it("describes every key, with no description left over", () => {
    const bare = z.toJSONSchema(getConfigSchema(), { io: "input" }) as Record<string, unknown>;
    expect(addDocs(JSON.parse(JSON.stringify(bare)), SCHEMA_DOCS)).toEqual({ undocumented: [], unused: [] });
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.maxQuestionsPerVisit!.description).toBe("At most this many questions per visit, 1–20 (default 3).");
    const [text, textarea] = questionBranches() as { properties: Record<string, Record<string, unknown>> }[];
    expect(text!.properties.maxLength!.description).toContain("default 500");
    expect(textarea!.properties.maxLength!.description).toContain("default 5000");
    expect(text!.properties.type!.description).toMatch(/^text: /);
  });
});
