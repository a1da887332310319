import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { prepareValidation, validate, type ConfigError, type ValidateOptions } from "./validate";
import { getConfigSchema, patternHints } from "./schema";
import { messageSchemas } from "../message-schema";
import type { ConfigInput } from "./schema";
import { EXAMPLES_DIR } from "./test-fixtures";

const examplesDir = EXAMPLES_DIR;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** A small valid config; tests change one thing in it. */
function makeConfig(overrides: Partial<ConfigInput> = {}): ConfigInput {
  return {
    id: "test",
    version: 1,
    stages: [
      { when: { visit: 1 }, ask: ["name", "email"] },
      { when: { visit: 2 }, ask: ["company", "size"] },
    ],
    questions: {
      name: { type: "text", label: "Name" },
      email: { type: "email", label: "Email" },
      company: { type: "text", label: "Company" },
      size: { type: "select", label: "Size", options: [{ value: "s", label: "Small" }, { value: "l", label: "Large" }] },
    },
    ...overrides,
  };
}

/** A config whose questions are these (each asked in its own stage, in order). */
function withQuestions(questions: Record<string, unknown>): unknown {
  return {
    id: "test",
    version: 1,
    stages: Object.keys(questions).map((id, i) => ({ when: { visit: i + 1 }, ask: [id] })),
    questions,
  };
}

function errorsOf(value: unknown, options: ValidateOptions = { today: "2026-11-25" }): ConfigError[] {
  const result = validate(value, options);
  if (result.ok) throw new Error("expected the config to be refused, but it was accepted");
  return result.errors;
}

/** The one error at `path`, whose message must contain every fragment. */
function expectError(value: unknown, path: string, ...fragments: string[]): ConfigError {
  const errors = errorsOf(value);
  const at = errors.filter((e) => e.path === path);
  expect(at, `errors: ${JSON.stringify(errors.map((e) => `${e.path}: ${e.message}`), null, 2)}`).toHaveLength(1);
  for (const f of fragments) expect(at[0]!.message).toContain(f);
  return at[0]!;
}

describe("validate: accepted configs", () => {
  it("accepts every shared example", () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const result = validate(readJson(join(examplesDir, f)));
      expect(result.ok ? [] : result.errors, f).toEqual([]);
    }
  });

  it("accepts the SPEC §4 example once its abridged questions are filled in", () => {
    const spec = readJson(join(__dirname, "fixtures/spec-example.json")) as Record<string, Record<string, unknown>>;
    // The SPEC abridges `questions`; its stages ask for more. Only those references fail…
    const errors = errorsOf(spec);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.message).toMatch(/is not a question|is not asked by any stage|is asked later/);
    expect(errors.every((e) => e.path.startsWith("stages[") || e.path === "questions.industry.showIf.question")).toBe(true);
    // …and with the example's full question set it passes whole.
    const full = readJson(join(examplesDir, "b2b-onboarding.json")) as { questions: Record<string, unknown> };
    const result = validate({ ...spec, questions: { ...full.questions, ...spec.questions } });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("applies every default", () => {
    const result = validate(makeConfig());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const c = result.config;
    expect(c).toMatchObject({
      format: "json",
      credentials: "omit",
      maxQuestionsPerVisit: 3,
      snoozeVisits: 1,
      visitTimeoutMinutes: 30,
      display: { mode: "floating", position: "bottom-right", delayMs: 0 },
    });
    expect(c.questions.name).toMatchObject({ type: "text", required: false, retain: false, maxLength: 500 });
    expect(validate(withQuestions({ bio: { type: "textarea", label: "Bio" } }))).toMatchObject({
      ok: true,
      config: { questions: { bio: { maxLength: 5000 } } },
    });
    // A partial display object gets the rest of its defaults.
    expect(validate(makeConfig({ display: { mode: "modal" } }))).toMatchObject({
      ok: true,
      config: { display: { mode: "modal", position: "bottom-right", delayMs: 0 } },
    });
  });

  it("accepts endpoints that are https, relative, local http or on the page's origin", () => {
    for (const endpoint of ["https://api.example.com/p", "/api/profile", "api/profile", "http://localhost:8080/p", "http://127.0.0.1/p"]) {
      expect(validate(makeConfig({ endpoint })).ok, endpoint).toBe(true);
    }
    expect(validate(makeConfig({ endpoint: "http://intranet.local/p" }), { pageOrigin: "http://intranet.local" }).ok).toBe(true);
    expect(validate(makeConfig({ endpoint: "//intranet.local/p" }), { pageOrigin: "http://intranet.local" }).ok).toBe(true);
  });

  it("accepts showIf on a question asked earlier in the same stage, and every showIf form", () => {
    const config = makeConfig({
      questions: {
        ...makeConfig().questions,
        size: {
          type: "radio",
          label: "Size",
          options: [{ value: "s", label: "S" }],
          showIf: { question: "company", answered: true },
        },
        email: { type: "email", label: "Email", showIf: { question: "name", in: ["a", 1, true] } },
      },
    });
    expect(validate(config)).toMatchObject({ ok: true });
    const equals = makeConfig({
      questions: { ...makeConfig().questions, company: { type: "text", label: "C", showIf: { question: "email", equals: "x" } } },
    });
    expect(validate(equals)).toMatchObject({ ok: true });
  });
});

describe("validate: the schema is built once, on demand", () => {
  it("builds it on the first call and keeps it; prepareValidation builds the same one", () => {
    const first = getConfigSchema();
    expect(getConfigSchema()).toBe(first);
    prepareValidation();
    expect(getConfigSchema()).toBe(first);
    expect(validate(makeConfig()).ok).toBe(true);
  });
});

describe("validate: every format checked has a plain-language name", () => {
  it("each regular expression in the config and message schemas is in patternHints", () => {
    const seen = new Set<unknown>();
    const patterns: string[] = [];
    const walk = (schema: unknown): void => {
      if (!schema || typeof schema !== "object" || seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
      for (const check of (def.checks as { _zod: { def: { pattern?: RegExp } } }[] | undefined) ?? []) {
        if (check._zod.def.pattern) patterns.push(String(check._zod.def.pattern));
      }
      for (const key of ["innerType", "element", "keyType", "valueType"]) walk(def[key]);
      for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
      for (const value of Object.values((def.shape as Record<string, unknown> | undefined) ?? {})) walk(value);
    };
    walk(getConfigSchema());
    walk(messageSchemas().delivery);
    expect(patterns.length).toBeGreaterThan(5);
    expect(patterns.filter((p) => !patternHints.has(p))).toEqual([]);
  });
});

describe("validate: structural refusals (the schema)", () => {
  it("an unknown top-level key, at the key itself, with a suggestion", () => {
    const config = { ...makeConfig(), stagez: [] } as Record<string, unknown>;
    const e = expectError(config, "stagez", 'unknown key "stagez"', 'did you mean "stages"?');
    expect(e.kind).toBe("unknown-key");
  });

  it("a misspelt required key is one error, not also a missing one", () => {
    const { stages, ...rest } = makeConfig();
    const errors = errorsOf({ ...rest, stagez: stages });
    expect(errors.map((e) => e.path)).toEqual(["stagez"]);
    expect(errors[0]!.message).toContain('"stages" is required and missing');
  });

  it("an unknown key of a question, with a suggestion from that type's keys", () => {
    expectError(withQuestions({ name: { type: "text", label: "Name", maxLenght: 3 } }), "questions.name.maxLenght", 'did you mean "maxLength"?');
  });

  it("a key that belongs to other question types says which", () => {
    expectError(
      withQuestions({ name: { type: "text", label: "Name", options: [] } }),
      "questions.name.options",
      'a "text" question has no "options"',
      '"select", "radio" or "multiselect" questions do',
      "minLength, maxLength, pattern, autocomplete",
    );
  });

  it("an unknown key with nothing close lists the keys that exist", () => {
    expectError(makeConfig({ display: { colour: "red" } as never }), "display.colour", "expected one of: mode, position, delayMs");
  });

  it("a wrong type says what was expected, with the limits, and what was found", () => {
    expectError(makeConfig({ version: "x" as never }), "version", 'expected an integer ≥ 1, found "x" (a string)');
    expectError(makeConfig({ version: 1.5 }), "version", "expected an integer ≥ 1, found 1.5, which is not a whole number");
    expectError(makeConfig({ maxQuestionsPerVisit: 25 }), "maxQuestionsPerVisit", "expected an integer from 1 to 20, found 25");
    expectError(makeConfig({ credentials: true as never }), "credentials", 'expected one of "omit" or "include", found true (a boolean)');
    expectError(makeConfig({ stages: "all" as never }), "stages", 'expected a list [ … ], found "all" (a string)');
    const withMaxLength = (maxLength: number) =>
      makeConfig({ questions: { ...makeConfig().questions, name: { type: "text", label: "Name", maxLength } } });
    expectError(withMaxLength(0), "questions.name.maxLength", "expected an integer from 1 to 100000, found 0");
  });

  it("a missing required key", () => {
    const { id: _id, ...rest } = makeConfig();
    expectError(rest, "id", "missing; expected 1–64 characters, each a-z, 0-9");
  });

  it("a value outside an enum, with a suggestion", () => {
    expectError(makeConfig({ display: { mode: "modl" as never } }), "display.mode", 'expected one of "floating", "inline" or "modal", found "modl" (did you mean "modal"?)');
  });

  it("an id that does not match its format names the format in words", () => {
    expectError(makeConfig({ id: "B2B Onboarding" }), "id", 'expected 1–64 characters, each a-z, 0-9, "_" or "-", found "B2B Onboarding"');
  });

  it("a question type that does not exist lists the types", () => {
    expectError(
      withQuestions({ phone: { type: "phonenumber", label: "Phone" } }),
      "questions.phone.type",
      'expected one of "text", "textarea", "email", "tel", "url", "number", "date", "select", "radio", "multiselect" or "consent"',
      'found "phonenumber"',
    );
    expectError(withQuestions({ mail: { type: "emial", label: "Mail" } }), "questions.mail.type", 'did you mean "email"?');
    expectError(withQuestions({ mail: { label: "Mail" } }), "questions.mail.type", "missing; expected the question's type", '"consent"');
    expectError(withQuestions({ mail: "email" }), "questions.mail", 'expected an object such as { "type": "text", … }, found "email" (a string)');
  });

  it("a question with a valid type is checked against that type's own keys", () => {
    const errors = errorsOf(withQuestions({ n: { type: "number", label: "N", min: "0", integer: "yes" } }));
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'questions.n.min: expected a number, found "0" (a string)',
      'questions.n.integer: expected true or false, found "yes" (a string)',
    ]);
  });

  it("a question id that is not an id, quoted in the path", () => {
    const e = expectError(withQuestions({ "first name": { type: "text", label: "First name" } }), 'questions["first name"]', "a question id: a letter");
    expect(e.kind).toBe("invalid-key");
  });

  it("localized text: a wrong type, an empty map, a locale that is not one", () => {
    expectError(withQuestions({ a: { type: "text", label: 5 } }), "questions.a.label", 'expected text: a string, or a map from locale to string such as { "en": "…" }, found 5');
    expectError(withQuestions({ a: { type: "text", label: {} } }), "questions.a.label", "expected at least one locale");
    expectError(withQuestions({ a: { type: "text", label: { english: "A" } } }), "questions.a.label.english", 'invalid key "english"', 'a language tag such as "en"');
  });

  it("a showIf of no known shape lists the shapes, and the misspelt key", () => {
    const config = makeConfig({
      questions: { ...makeConfig().questions, email: { type: "email", label: "E", showIf: { question: "name", equal: "x" } as never } },
    });
    expectError(config, "questions.email.showIf", "expected one of { question, equals }, { question, in } or { question, answered }", '"equal" is not a key here (did you mean "equals"?)');
  });

  it("an extra key on a showIf of a known shape lists that shape's keys", () => {
    const config = makeConfig({
      questions: { ...makeConfig().questions, email: { type: "email", label: "E", showIf: { question: "name", answered: true, max: 3 } as never } },
    });
    expectError(config, "questions.email.showIf.max", 'unknown key "max"; expected one of: question, answered');
  });

  it("a theme value that could load something from elsewhere", () => {
    expectError(makeConfig({ theme: { font: "x; background: URL(https://evil.example/x)" } }), "theme.font", "one CSS value, without url()");
  });

  it("a UI string override with a misspelt key", () => {
    expectError(makeConfig({ strings: { ja: { nxt: "次へ" } as never } }), "strings.ja.nxt", 'did you mean "next"?');
  });

  it("a config that is not an object", () => {
    for (const v of [null, [], 5, "config", undefined]) {
      expect(errorsOf(v)).toEqual([expect.objectContaining({ path: "", message: expect.stringContaining("expected a config object") })]);
    }
  });
});

describe("validate: cross-field refusals (SPEC §4)", () => {
  it("a stage asks for a question that does not exist", () => {
    const config = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "email", "phon"] }, { when: { visit: 2 }, ask: ["company", "size"] }] });
    expectError(config, "stages[0].ask[2]", '"phon" is not a question', "known questions: name, email, company, size");
    const close = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "emial"] }, { when: { visit: 2 }, ask: ["company", "size"] }] });
    expectError(close, "stages[0].ask[1]", 'did you mean "email"?');
  });

  it("a question asked by two stages names both", () => {
    const config = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "email"] }, { when: { visit: 2 }, ask: ["company", "size", "email"] }] });
    expectError(config, "stages[1].ask[2]", '"email" is asked by two stages, stages[0] and stages[1]', "expected each question in one stage only");
  });

  it("a question asked twice in one stage", () => {
    const config = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "email", "name"] }, { when: { visit: 2 }, ask: ["company", "size"] }] });
    expectError(config, "stages[0].ask[2]", '"name" is asked twice in this stage (ask[0] and ask[2])');
  });

  it("a stage with neither a visit nor an event", () => {
    const config = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "email"] }, { when: {}, ask: ["company", "size"] }] });
    expectError(config, "stages[1].when", 'expected "visit" (a visit number), "event" (an event name) or both, found neither');
    // a misspelt "vist" is the unknown key's error alone
    const misspelt = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "email"] }, { when: { vist: 2 } as never, ask: ["company", "size"] }] });
    expect(errorsOf(misspelt).map((e) => e.path)).toEqual(["stages[1].when.vist"]);
  });

  const showIf = (on: string, target: string) =>
    makeConfig({ questions: { ...makeConfig().questions, [on]: { type: "text", label: on, showIf: { question: target, answered: true } } } });

  it("a showIf pointing at a question that does not exist", () => {
    expectError(showIf("company", "compny"), "questions.company.showIf.question", '"compny" is not a question (did you mean "company"?)');
  });

  it("a showIf pointing at its own question", () => {
    expectError(showIf("company", "company"), "questions.company.showIf.question", 'expected another question, found "company" itself');
  });

  it("a showIf pointing at a question asked only in a later stage", () => {
    expectError(showIf("email", "company"), "questions.email.showIf.question", '"company" is asked later (stages[1].ask[0]) than "email" (stages[0].ask[1])', "expected a question asked before it");
  });

  it("a showIf pointing at a question asked later in the same stage", () => {
    expectError(showIf("name", "email"), "questions.name.showIf.question", '"email" is asked later');
  });

  it("a showIf pointing at a question no stage asks", () => {
    const base = makeConfig();
    const config = {
      ...base,
      questions: { ...base.questions, spare: { type: "text", label: "Spare" }, company: { type: "text", label: "C", showIf: { question: "spare", answered: true } } },
    };
    expectError(config, "questions.company.showIf.question", '"spare" is not asked by any stage');
  });

  it("a pattern that does not compile reports the regex error", () => {
    expectError(withQuestions({ zip: { type: "text", label: "Zip", pattern: "[0-9" } }), "questions.zip.pattern", 'expected a regular expression, found "[0-9"', "does not compile", "Unterminated character class");
    expect(validate(withQuestions({ zip: { type: "text", label: "Zip", pattern: "\\d{3}-\\d{4}" } })).ok).toBe(true);
  });

  it("repeated option values", () => {
    const options = [{ value: "a", label: "A" }, { value: "b", label: "B" }, { value: "a", label: "A again" }];
    expectError(withQuestions({ pick: { type: "select", label: "Pick", options } }), "questions.pick.options[2].value", '"a" is already the value of options[0]', "expected unique option values");
  });

  it("min > max for a number", () => {
    expectError(withQuestions({ n: { type: "number", label: "N", min: 10, max: 1 } }), "questions.n.min", "expected min ≤ max, found min 10 > max 1");
  });

  it("min > max for a date, with today resolved", () => {
    expectError(withQuestions({ d: { type: "date", label: "D", min: "2020-01-02", max: "2020-01-01" } }), "questions.d.min", 'expected min on or before max, found min "2020-01-02" after max "2020-01-01"');
    const withToday = withQuestions({ d: { type: "date", label: "D", min: "today", max: "2026-01-01" } });
    expectError(withToday, "questions.d.min", 'found min "today" (2026-11-25) after max "2026-01-01"');
    expect(validate(withToday, { today: "2025-06-01" }).ok).toBe(true);
  });

  it("a date that is not in the calendar", () => {
    expectError(withQuestions({ d: { type: "date", label: "D", max: "2025-02-29" } }), "questions.d.max", 'expected a date that exists, found "2025-02-29"');
    expectError(withQuestions({ d: { type: "date", label: "D", max: "2025-13-01" } }), "questions.d.max", 'expected a date as YYYY-MM-DD, or "today"');
  });

  it("minLength > maxLength, the default maxLength included", () => {
    expectError(withQuestions({ t: { type: "text", label: "T", minLength: 10, maxLength: 5 } }), "questions.t.minLength", "expected minLength ≤ maxLength, found minLength 10 > maxLength 5");
    expectError(withQuestions({ t: { type: "text", label: "T", minLength: 600 } }), "questions.t.minLength", "maxLength 500, the default for a text question");
  });

  it("minSelected > maxSelected, and more than there are options", () => {
    const options = [{ value: "a", label: "A" }, { value: "b", label: "B" }];
    expectError(withQuestions({ m: { type: "multiselect", label: "M", options, minSelected: 2, maxSelected: 1 } }), "questions.m.minSelected", "expected minSelected ≤ maxSelected, found minSelected 2 > maxSelected 1");
    expectError(withQuestions({ m: { type: "multiselect", label: "M", options, minSelected: 3 } }), "questions.m.minSelected", "expected at most 2 (the number of options), found minSelected 3");
  });

  it("an endpoint that is neither https, nor same-origin, nor local http, giving the URL found", () => {
    for (const endpoint of ["http://api.example.com/profile", "javascript:alert(1)", "ftp://files.example.com/x", "//other.example.com/p"]) {
      expectError(makeConfig({ endpoint }), "endpoint", "expected an https URL, a relative URL (same origin as the page) or http on localhost/127.0.0.1", `found ${JSON.stringify(endpoint)}`);
    }
    expectError(makeConfig({ profileUrl: "http://crm.example.com/me" }), "profileUrl", 'found "http://crm.example.com/me"');
    const e = errorsOf(makeConfig({ endpoint: "http://other.example/p" }), { pageOrigin: "http://shop.example" });
    expect(e[0]!.message).toContain("the page's origin (http://shop.example)");
  });
});

describe("validate: every problem at once", () => {
  it("a config with five different problems gets five errors", () => {
    const config = {
      ...makeConfig(),
      version: "x", // wrong type
      endpoint: "http://api.example.com/profile", // endpoint policy
      stages: [
        { when: { visit: 1 }, ask: ["name", "phon"] }, // unknown question
        { when: { visit: 2 }, ask: ["company", "size"] },
      ],
      questions: {
        ...makeConfig().questions,
        name: { type: "text", label: "Name", maxLenght: 10 }, // unknown key
        company: { type: "text", label: "Company", pattern: "(" }, // bad regex
      },
    };
    const errors = errorsOf(config);
    // in the order they are written (endpoint was added last)
    expect(errors.map((e) => e.path)).toEqual([
      "version",
      "stages[0].ask[1]",
      "questions.name.maxLenght",
      "questions.company.pattern",
      "endpoint",
    ]);
  });

  it("cross-field rules still run when the structure is broken elsewhere", () => {
    const config = { ...makeConfig(), version: null, display: "modal", stages: [{ when: { visit: 1 }, ask: ["ghost"] }, "?"], questions: { ...makeConfig().questions, n: { type: "number", label: 5, min: 3, max: 1 } } };
    const paths = errorsOf(config).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["version", "display", "stages[0].ask[0]", "stages[1]", "questions.n.label", "questions.n.min"]));
  });

  it("never throws, whatever it is given", () => {
    const cyclic: Record<string, unknown> = { id: "x" };
    cyclic.self = cyclic;
    const getter = Object.defineProperty({}, "id", { enumerable: true, get: () => { throw new Error("boom"); } });
    const odd = [cyclic, getter, { id: 1n }, { questions: { toString: 1, __proto__: 2 } }, { stages: [{ ask: ["constructor"] }] }, Symbol("x"), () => 1];
    for (const value of odd) {
      const result = validate(value);
      expect(result.ok).toBe(false);
      if (!result.ok) for (const e of result.errors) expect(typeof e.message).toBe("string");
    }
  });
});

describe("validate: fuzzed configs", () => {
  const example = readJson(join(examplesDir, "b2b-onboarding.json"));
  const paths = (v: unknown, p: (string | number)[] = []): (string | number)[][] => {
    const out = [p];
    if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...p, i])));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...p, k]));
    return out;
  };
  const targets = paths(example).filter((p) => p.length > 0);

  /** Every refusal names a path and says what was expected in words (no zod defaults). */
  const wellFormed = (value: unknown) => {
    const result = validate(value);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    // each problem once (a value that fails two checks is reported by the first)
    const problems = result.errors.map((e) => `${e.path}: ${e.message}`);
    expect(new Set(problems).size).toBe(problems.length);
    for (const e of result.errors) {
      expect(typeof e.path).toBe("string");
      // quoted names come from the input and may say anything; the words around them may not
      const words = e.message.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      expect(words).not.toMatch(/undefined|Invalid input|\[object /);
    }
  };

  it("one value replaced or removed anywhere in the example: never a throw, always plain messages", () => {
    fc.assert(
      fc.property(fc.nat(targets.length - 1), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (i, replacement, remove) => {
        const copy = structuredClone(example) as Record<string | number, unknown>;
        const path = targets[i]!;
        let parent = copy;
        for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
        const last = path[path.length - 1]!;
        if (!remove) parent[last] = replacement;
        else if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
        wellFormed(copy);
      }),
      { numRuns: 1500 },
    );
  });

  it("anything at all", () => {
    fc.assert(fc.property(fc.anything(), (value) => wellFormed(value)), { numRuns: 500 });
  });
});
