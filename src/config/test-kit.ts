// Helpers shared by the validate.*.test.ts files: a small valid config to change one thing in,
// and the refusals validate() gives for a value. (test-fixtures.ts beside it says where the
// SPEC's example configs are; the declaration build leaves both out.)
import { expect } from "vitest";
import { readFileSync } from "node:fs";
import { validateConfig, type ConfigError, type ValidateOptions } from "./validate";
import type { ConfigInput } from "./schema";
import { EXAMPLES_DIR } from "./test-fixtures";

export const examplesDir = EXAMPLES_DIR;
export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** A small valid config; tests change one thing in it. */
export function makeConfig(overrides: Partial<ConfigInput> = {}): ConfigInput {
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
export function withQuestions(questions: Record<string, unknown>): unknown {
  return {
    id: "test",
    version: 1,
    stages: Object.keys(questions).map((id, i) => ({ when: { visit: i + 1 }, ask: [id] })),
    questions,
  };
}

export function errorsOf(value: unknown, options: ValidateOptions = { today: "2026-11-25" }): ConfigError[] {
  const result = validateConfig(value, options);
  if (result.ok) throw new Error("expected the config to be refused, but it was accepted");
  return result.errors;
}

/** The one error at `path`, whose message must contain every fragment. */
export function expectError(value: unknown, path: string, ...fragments: string[]): ConfigError {
  const errors = errorsOf(value);
  const at = errors.filter((e) => e.path === path);
  expect(at, `errors: ${JSON.stringify(errors.map((e) => `${e.path}: ${e.message}`), null, 2)}`).toHaveLength(1);
  for (const f of fragments) expect(at[0]!.message).toContain(f);
  return at[0]!;
}
