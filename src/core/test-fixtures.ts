// Builders for the core's tests: a parsed config (defaults applied) and a person record, each
// overridable in the one place a test cares about.
import { readFileSync } from "node:fs";
import { type Config, type ConfigInput, getConfigSchema } from "../config/schema";
import { newPerson } from "./profile";
import type { PersonState } from "./types";
import { B2B_EXAMPLE } from "../config/test-fixtures";

export function makeConfig(overrides: Partial<ConfigInput> = {}): Config {
  return getConfigSchema().parse({
    id: "test",
    version: 1,
    stages: [{ when: { visit: 1 }, ask: ["a"] }],
    questions: { a: { type: "text", label: "A" } },
    ...overrides,
  });
}

/** SPEC §1's B2B flow, from shared/examples (or the repository's copy of it). */
export function b2bConfig(): Config {
  return getConfigSchema().parse(JSON.parse(readFileSync(B2B_EXAMPLE, "utf8")));
}

export function makePerson(overrides: Partial<PersonState> = {}): PersonState {
  return { ...newPerson({ anonymousId: "a_1", userId: null }), ...overrides };
}
