// validate(): how refusals read: every format has a plain-language name, every problem is
// reported at once at its path, and no input (fuzzed or odd) throws or yields zod's wording.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { validate } from "./validate";
import { patternHints, getConfigSchema } from "./schema";
import { messageSchemas } from "../message-schema";
import { errorsOf, examplesDir, makeConfig, readJson } from "./test-kit";

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

describe("validate: a country code where a language code belongs", () => {
  it('"jp" for Japanese is refused wherever a language goes, with the code meant; real language tags pass', () => {
    const config = {
      ...makeConfig(),
      locale: "jp",
      title: { en: "About you", JP: "あなたについて" },
      strings: { "cn-hans": { next: "下一步" }, "ja-JP": { next: "次へ" }, "pt-BR": { next: "Próximo" }, uk: { next: "Далі" } },
    };
    const expected = 'a language tag such as "en", "ja" (not the country code "jp") or "pt-BR"';
    expect(errorsOf(config).map((e) => [e.path, e.message])).toEqual([
      ["locale", `expected ${expected}, found "jp"`],
      ["title.JP", `invalid key "JP": expected ${expected}`],
      ['strings["cn-hans"]', `invalid key "cn-hans": expected ${expected}`],
    ]);
  });
});

describe("validate: UI text overrides", () => {
  it("an empty one is refused: a button with no text has no name", () => {
    expect(errorsOf({ ...makeConfig(), strings: { ja: { next: "" } } }).map((e) => [e.path, e.message])).toEqual([
      ["strings.ja.next", 'expected a non-empty string of at most 1000 characters, found an empty string ""'],
    ]);
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
    // Held inside itself three times: walked (and copied) once, not 3^20 times.
    const tangled: Record<string, unknown> = { id: "x" };
    tangled.a = tangled.b = tangled.c = tangled;
    const odd = [cyclic, tangled, getter, { id: 1n }, { questions: { toString: 1, __proto__: 2 } }, { stages: [{ ask: ["constructor"] }] }, Symbol("x"), () => 1];
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
