import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configWarnings } from "./lint";
import { validateJsonText } from "./source-map";
import { validate } from "./validate";
import { B2B_EXAMPLE } from "./test-fixtures";

/** A valid config asking `questions` at visit 1; its warnings as "path: message". */
function warningsOf(questions: Record<string, unknown>): string[] {
  const result = validate({ id: "lint", version: 1, endpoint: "/api", stages: [{ when: { visit: 1 }, ask: Object.keys(questions) }], questions });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return configWarnings(result.config).map((w) => `${w.path}: ${w.message}`);
}

const sizes = { type: "select", label: "Size", options: [{ value: "1-10", label: "1–10" }, { value: "1000+", label: "1000+" }] };

describe("a showIf that can never be true", () => {
  it("waits for an option its question does not have (a typo), or a value of another type", () => {
    expect(
      warningsOf({
        size: sizes,
        big: { type: "text", label: "Big", showIf: { question: "size", equals: "1000" } },
        either: { type: "text", label: "Either", showIf: { question: "size", in: ["1-10", 1000] } },
        age: { type: "number", label: "Age" },
        old: { type: "text", label: "Old", showIf: { question: "age", equals: "65" } },
      }),
    ).toEqual([
      'questions.big.showIf.equals: "size" has no option "1000" (did you mean "1000+"?), so this question is never asked',
      'questions.either.showIf.in[1]: "size" answers text, found 1000, so this question is never asked',
      'questions.old.showIf.equals: "age" answers numbers, found "65" (a string), so this question is never asked',
    ]);
  });

  it("waits for a consent to be false: unticked is no answer, so it points at answered: false", () => {
    const news = { type: "consent", label: "News" };
    expect(warningsOf({ news, why: { type: "text", label: "Why not", showIf: { question: "news", equals: false } } })).toEqual([
      'questions.why.showIf.equals: "news" is a consent, whose only answer is true (unticked is no answer: use { "answered": false }), found false (a boolean), so this question is never asked',
    ]);
    expect(warningsOf({ news, how: { type: "text", label: "How", showIf: { question: "news", equals: true } } })).toEqual([]);
    expect(warningsOf({ news, why: { type: "text", label: "Why not", showIf: { question: "news", answered: false } } })).toEqual([]);
  });

  it("says nothing of values a question can give, nor of a question no stage asks (data-known may answer it)", () => {
    expect(warningsOf({ size: sizes, big: { type: "text", label: "Big", showIf: { question: "size", in: ["1000+", "1-10"] } } })).toEqual([]);
  });
});

describe("a pattern", () => {
  it("written as a JavaScript literal /…/ matches nothing", () => {
    expect(warningsOf({ code: { type: "text", label: "Code", pattern: "/^[A-Z]{2}\\d{4}$/" } })).toEqual([
      "questions.code.pattern: the slashes of a JavaScript literal /…/ are part of the pattern here, so no answer matches them; write it without them",
    ]);
  });

  it("with a repeated group made only of repeats can freeze the page", () => {
    const warned = (pattern: string) => warningsOf({ name: { type: "text", label: "Name", pattern } });
    expect(warned("^([A-Za-z]+\\s?)*$")).toEqual([
      'questions.name.pattern: a repeated group made only of repeats, as "([A-Za-z]+\\\\s?)*", can take seconds to check a long answer that does not match, and the page freezes meanwhile; give each round a part it must match once (\\s[A-Za-z]+ rather than [A-Za-z]+\\s?)',
    ]);
    for (const pattern of ["(a+)+", "(?:\\d*)*", "(x|\\w+){2,}", "([\\p{L}]+[-']?)+"]) expect(warned(pattern)).toHaveLength(1);
  });

  it("of the usual kinds says nothing", () => {
    // The same name pattern with a part each round must match once, a fixed count, a class with ( in it.
    for (const pattern of ["[A-Z]{2}\\d{4}", "\\d{3}-\\d{4}", "(\\+81|0)\\d{9,10}", "[^/]+/[^/]+", "(ab)+c", "^[A-Za-z]+(\\s[A-Za-z]+)*$", "(\\d{3}-?)+", "[(]\\d+[)]"]) {
      expect(warningsOf({ code: { type: "text", label: "Code", pattern } })).toEqual([]);
    }
  });
});

it("the example config has no warnings", () => {
  const result = validateJsonText(readFileSync(B2B_EXAMPLE, "utf8"));
  expect(result.ok && result.warnings).toEqual([]);
});

it("a warning points at its value in the file", () => {
  const text = `{
  "id": "lint", "version": 1, "endpoint": "/api",
  "stages": [{ "when": { "visit": 1 }, "ask": ["news", "why"] }],
  "questions": {
    "news": { "type": "consent", "label": "News" },
    "why": { "type": "text", "label": "Why", "showIf": { "question": "news", "equals": false } }
  }
}`;
  const result = validateJsonText(text);
  expect(result.ok && result.warnings.map((w) => [w.line, w.column, w.path])).toEqual([[6, 88, "questions.why.showIf.equals"]]);
});

it("keys that differ only in case: one language, one header", () => {
  const result = validate({
    id: "lint",
    version: 1,
    endpoint: "/api",
    headers: { Authorization: "Bearer a", authorization: "Bearer b" },
    strings: { EN: { next: "NEXT" }, en: { next: "Next" } },
    stages: [{ when: { visit: 1 }, ask: ["email"] }],
    questions: { email: { type: "email", label: { EN: "EMAIL", en: "Email" } } },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(configWarnings(result.config).map((w) => `${w.path}: ${w.message}`)).toEqual([
    'headers.authorization: "Authorization" and "authorization" differ only in case, and name the same header (both go, joined into one value); keep one',
    'questions.email.label.en: "EN" and "en" differ only in case, and name the same language (the first listed is shown); keep one',
    'strings.en: "EN" and "en" differ only in case, and name the same language (the first listed is shown); keep one',
  ]);
});
