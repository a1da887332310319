// validate(): the cross-field rules of SPEC §4: stage references, showIf targets and order,
// patterns that compile, unique option values, min ≤ max.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { validate } from "./validate";
import { plan } from "../core/plan";
import { newPerson } from "../core/profile";
import { errorsOf, examplesDir, expectError, makeConfig, readJson, withQuestions } from "./test-kit";

describe("validate: accepted configs", () => {
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

describe("validate: cross-field refusals (SPEC §4)", () => {
  it("a stage asks for a question when there are no questions at all says so", () => {
    const config = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name"] }], questions: {} });
    expect(expectError(config, "stages[0].ask[0]").message).toBe('"name" is not a question; there are no questions yet');
  });

  it("a stage asks for a question that does not exist", () => {
    const config = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "email", "phon"] }, { when: { visit: 2 }, ask: ["company", "size"] }] });
    expectError(config, "stages[0].ask[2]", '"phon" is not a question', "known questions: name, email, company, size");
    const close = makeConfig({ stages: [{ when: { visit: 1 }, ask: ["name", "emial"] }, { when: { visit: 2 }, ask: ["company", "size"] }] });
    expectError(close, "stages[0].ask[1]", 'did you mean "email"?');
  });

  it("a question id that every JavaScript object has (toString, constructor…) is refused; one that only looks like it is not", () => {
    for (const id of ["toString", "constructor", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"]) {
      expectError(withQuestions({ company: { type: "text", label: "C" }, [id]: { type: "text", label: "T" } }), `questions.${id}`, `"${id}"`, "every JavaScript object has");
    }
    const lookalikes = withQuestions({ Constructor: { type: "text", label: "C" }, toStringValue: { type: "text", label: "T" }, valueof: { type: "text", label: "V" } });
    expect(validate(lookalikes)).toMatchObject({ ok: true });
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
    const error = expectError(showIf("company", "company"), "questions.company.showIf.question");
    expect(error.message).toBe('expected another question, found "company" itself; a question cannot depend on its own answer');
  });

  it("a showIf pointing at a question asked only in a later stage", () => {
    expectError(
      showIf("email", "company"),
      "questions.email.showIf.question",
      '"company" is asked later (stages[1].ask[0], from visit 2) than "email" (stages[0].ask[1], from visit 1)',
      "expected a question asked before it",
    );
  });

  it("a showIf pointing at a question asked later in the same stage", () => {
    expectError(showIf("name", "email"), "questions.name.showIf.question", '"email" is asked later');
  });

  it("a showIf pointing at a question listed in an earlier stage that is due only at a later visit", () => {
    const base = makeConfig();
    const withStages = (stages: unknown[]) => ({
      ...base,
      stages,
      questions: { ...base.questions, email: { type: "email", label: "Email", showIf: { question: "company", answered: false } } },
    });
    const followUp = { when: { visit: 1 }, ask: ["name", "email"] };
    expectError(
      withStages([{ when: { visit: 3 }, ask: ["company"] }, followUp]),
      "questions.email.showIf.question",
      '"company" is asked later (stages[0].ask[0], from visit 3) than "email" (stages[1].ask[1], from visit 1)',
    );
    // Due at the same visit and listed first, it is asked first; a stage due on an event alone
    // has no visit to compare (its question may also come from data-known or profileUrl).
    expect(validate(withStages([{ when: { visit: 1 }, ask: ["company"] }, followUp]))).toMatchObject({ ok: true });
    expect(validate(withStages([{ when: { event: "signup" }, ask: ["company"] }, followUp]))).toMatchObject({ ok: true });
    // Due from visit 3 or on a purchase: after a purchase at visit 1 it is asked first.
    expect(validate(withStages([{ when: { visit: 3, event: "purchase" }, ask: ["company"] }, followUp]))).toMatchObject({ ok: true });
  });

  it("accepts a showIf on a question no stage asks: its answer can come from data-known or profileUrl", () => {
    const base = makeConfig();
    const config = {
      ...base,
      questions: { ...base.questions, plan: { type: "text", label: "Plan" }, company: { type: "text", label: "C", showIf: { question: "plan", equals: "pro" } } },
    };
    const result = validate(config);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const asked = (known: Record<string, string>) =>
      plan({ config: result.config, person: { ...newPerson({ anonymousId: "a", userId: null }), visit: 9 }, known }).ask;
    expect(asked({ plan: "pro" })).toContain("company");
    expect(asked({ plan: "free" })).not.toContain("company");
  });

  it("a pattern that does not compile reports the regex error", () => {
    expectError(withQuestions({ zip: { type: "text", label: "Zip", pattern: "[0-9" } }), "questions.zip.pattern", 'expected a regular expression, found "[0-9"', "does not compile", "Unterminated character class");
    // A pattern that would compile only inside the whole-value wrapper ^(?:…)$ is refused too.
    expectError(withQuestions({ zip: { type: "text", label: "Zip", pattern: "a)|(b" } }), "questions.zip.pattern", "does not compile", "Unmatched ')'");
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
});
