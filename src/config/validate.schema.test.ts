// validate(): structural refusals from the schema (unknown keys, wrong types, missing keys,
// formats), the defaults it applies, and the schema being built once.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ABORT_EARLY, prepareValidation, validate } from "./validate";
import { getConfigSchema } from "./schema";
import { errorsOf, examplesDir, expectError, makeConfig, readJson, withQuestions } from "./test-kit";

describe("validate: accepted configs", () => {
  it("accepts every shared example", () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const result = validate(readJson(join(examplesDir, f)));
      expect(result.ok ? [] : result.errors, f).toEqual([]);
    }
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
});

describe("validate: visitTimeoutMinutes", () => {
  it("takes any length above 0 up to a year, fractions of a minute too", () => {
    for (const minutes of [0.05, 0.5, 1, 30, 525_600]) {
      expect(validate(makeConfig({ visitTimeoutMinutes: minutes })), String(minutes)).toMatchObject({ ok: true, config: { visitTimeoutMinutes: minutes } });
    }
    expectError(makeConfig({ visitTimeoutMinutes: 0 }), "visitTimeoutMinutes", "found 0");
    expectError(makeConfig({ visitTimeoutMinutes: -1 }), "visitTimeoutMinutes", "found -1");
    expectError(makeConfig({ visitTimeoutMinutes: 525_601 }), "visitTimeoutMinutes", "found 525601");
  });
});

describe("validate: the public result (SPEC §3)", () => {
  it("gives each problem as exactly { path, message }", () => {
    const result = validate({ ...makeConfig(), id: "Bad Id!", colour: "red" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => Object.keys(e).sort())).toEqual([
      ["message", "path"],
      ["message", "path"],
    ]);
    expect(result.errors.map((e) => e.path)).toEqual(["id", "colour"]);
  });

  it("never throws, even for a value that throws something with no text form when read", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw Object.create(null);
        },
        ownKeys() {
          throw Object.create(null);
        },
      },
    );
    const result = validate(hostile);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors[0]!.message).toContain("cannot be read");
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

  it("parses first with zod's abortEarly, which stops at the first wrong type or value; a refusal still lists every problem", () => {
    const config = makeConfig({ version: "1" as unknown as number, format: "xml" as "json" });
    const early = getConfigSchema().safeParse(config, ABORT_EARLY);
    expect(early.success ? [] : early.error.issues.map((i) => i.path.join("."))).toEqual(["version"]);
    expect(errorsOf(config).map((e) => e.path)).toEqual(["version", "format"]);
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

  it("a misspelt label is one error, not also a missing one", () => {
    const errors = errorsOf(withQuestions({ q: { type: "text", lable: "Q" } }));
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['questions.q.lable: unknown key "lable"; did you mean "label"? ("label" is required and missing)']);
    expectError(withQuestions({ q: { type: "text" } }), "questions.q.label", 'missing; expected text: a string, or a map from locale to string such as { "en": "…" }');
  });

  it("an unknown key of a question, with a suggestion from that type's keys", () => {
    expectError(withQuestions({ name: { type: "text", label: "Name", maxLenght: 3 } }), "questions.name.maxLenght", 'did you mean "maxLength"?');
  });

  it("a key that belongs to other question types says which", () => {
    expectError(
      withQuestions({ name: { type: "text", label: "Name", options: [] } }),
      "questions.name.options",
      '"text" questions have no "options"',
      '"select", "radio" or "multiselect" questions do',
      "minLength, maxLength, pattern, autocomplete",
    );
    expectError(withQuestions({ mail: { type: "email", label: "Email", maxLength: 5 } }), "questions.mail.maxLength", '"email" questions have no "maxLength"');
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

  it("a header value fetch() could not send (a line break, text beyond Latin-1)", () => {
    for (const value of ["日本", "a\nb", "ok 😀"]) {
      expectError(makeConfig({ headers: { "X-Site": value } }), `headers["X-Site"]`, "expected a header value: one line of Latin-1 text", `found ${JSON.stringify(value)}`);
    }
    expect(validate(makeConfig({ headers: { Authorization: "Bearer abc.def", "X-Name": "Zoë" } })).ok).toBe(true);
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

  it("a question whose type is wrong or missing still has its shared keys checked, and keys no type has", () => {
    for (const type of [{ type: "txt" }, {}, { type: 5 }]) {
      const errors = errorsOf(withQuestions({ q: { ...type, lable: "Q", required: "yes", colour: "red" } }));
      // (in the order of the input; a missing type comes last)
      expect(errors.map((e) => e.path).sort()).toEqual(["questions.q.colour", "questions.q.lable", "questions.q.required", "questions.q.type"]);
      expect(errors.find((e) => e.path === "questions.q.lable")).toMatchObject({
        message: 'unknown key "lable"; did you mean "label"? ("label" is required and missing)',
        kind: "unknown-key",
      });
      expect(errors.find((e) => e.path === "questions.q.required")?.message).toBe('expected true or false, found "yes" (a string)');
      expect(errors.find((e) => e.path === "questions.q.colour")?.message).toBe('unknown key "colour": no question type has it');
    }
    // A key of some type is not reported: which type was meant is not known.
    expect(errorsOf(withQuestions({ q: { type: "txt", label: "Q", options: [], min: 1 } })).map((e) => e.path)).toEqual(["questions.q.type"]);
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

  it("a showIf with one misspelt key is reported at that key, with the shapes; with more, at the showIf", () => {
    const config = makeConfig({
      questions: { ...makeConfig().questions, email: { type: "email", label: "E", showIf: { question: "name", equal: "x" } as never } },
    });
    expectError(config, "questions.email.showIf.equal", '"equal" is not a key here (did you mean "equals"?); expected one of { question, equals }, { question, in } or { question, answered }');
    const two = makeConfig({
      questions: { ...makeConfig().questions, email: { type: "email", label: "E", showIf: { qestion: "name", equal: "x" } as never } },
    });
    expectError(two, "questions.email.showIf", "expected one of { question, equals }, { question, in } or { question, answered }, found { qestion, equal }");
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

  it('a "__proto__" key, which JSON keeps but a copied map would drop, is refused wherever it is', () => {
    const text = JSON.stringify(withQuestions({ q: { type: "text", label: "Q" } })).replace('"questions":{', '"questions":{"__proto__":{"type":"nope"},');
    const config = JSON.parse(text.replace('"id":', '"headers":{"__proto__":"x"},"title":{"en":"T","__proto__":"U"},"id":'));
    const errors = errorsOf(config);
    expect(errors.map((e) => e.path)).toEqual(["headers.__proto__", "title.__proto__", "questions.__proto__"]);
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('unknown key "__proto__"'), kind: "unknown-key" });
    // Where zod reports it itself (a strict object), it is reported once.
    expect(errorsOf(JSON.parse('{"__proto__":1,"id":"t","version":1,"stages":[{"when":{"visit":1},"ask":["q"]}],"questions":{"q":{"type":"text","label":"Q"}}}'))).toHaveLength(1);
  });

  it("a config that is not an object", () => {
    for (const v of [null, [], 5, "config", undefined]) {
      expect(errorsOf(v)).toEqual([expect.objectContaining({ path: "", message: expect.stringContaining("expected a config object") })]);
    }
  });
});
