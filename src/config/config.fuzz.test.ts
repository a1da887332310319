// Property-based config fuzzing through validate() (issue 9 "Bad input"; as validateConfig, whose
// errors also carry their path as segments): thousands of
// generated, mutated and arbitrary configs. validate() never throws; every refusal names a
// JSON path that exists in the input (or is a clear root message when the input is not an
// object at all); every accepted config validates again as it came out, and plans without
// throwing at any visit. Replay a failure with PP_FUZZ_SEED=<seed printed by fast-check>.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { validConfig, mutated, type Json } from "../../scripts/chaos/fuzz-configs";
import { plan } from "../core/plan";
import { newPerson } from "../core/profile";
import { formatPath, hasOwn, isRecord } from "./config-error";
import { validateConfig as validate } from "./validate";

const PAGE = { pageOrigin: "http://127.0.0.1:4319", today: "2026-11-24" };
const seed = process.env.PP_FUZZ_SEED ? Number(process.env.PP_FUZZ_SEED) : undefined;
const run = (numRuns: number) => ({ numRuns, ...(seed === undefined ? {} : { seed }) });
const example = JSON.parse(readFileSync(new URL("../../demo/public/questions.json", import.meta.url), "utf8")) as Record<string, Json>;

const tally = { configs: 0, accepted: 0, refused: 0, errors: 0 };
afterAll(() => {
  console.log(`config fuzz: ${tally.configs} configs through validate(), ${tally.accepted} accepted, ${tally.refused} refused with ${tally.errors} errors, 0 throws`);
});

/** The value at `segments` below `root`, or `missing`. */
const missing = Symbol("missing");
function at(root: unknown, segments: readonly (string | number)[]): unknown {
  let node = root;
  for (const seg of segments) {
    if ((Array.isArray(node) || isRecord(node)) && hasOwn(node, seg)) node = (node as Record<string | number, unknown>)[seg];
    else return missing;
  }
  return node;
}

/** Checks one validate() result against the input; throws (fails) with the offending error. */
function checkResult(input: unknown): void {
  tally.configs++;
  let result: ReturnType<typeof validate>;
  expect(() => (result = validate(input, PAGE))).not.toThrow();
  result = result!;
  if (result.ok) {
    tally.accepted++;
    checkAccepted(result.config);
    return;
  }
  tally.refused++;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    tally.errors++;
    const where = JSON.stringify(error);
    expect(typeof error.message === "string" && error.message.trim().length > 0, `empty message ${where}`).toBe(true);
    expect(error.message.replace(/"(?:[^"\\]|\\.)*"/g, '""'), where).not.toMatch(/undefined|Invalid input|\[object /);
    if (error.path === "") {
      // A root message only when there is no object to point into.
      expect(!isRecord(input) || /cannot be read/.test(error.message), `root-level error on an object input: ${where}`).toBe(true);
      expect(error.message, where).toMatch(/expected/);
      continue;
    }
    const segments = error.pathSegments ?? [];
    expect(formatPath(segments), `path and segments disagree: ${where}`).toBe(error.path);
    // The path leads into the input: its parent exists; the key itself may be the missing one.
    expect(at(input, segments.slice(0, -1)) !== missing, `path leads nowhere in the input: ${where}`).toBe(true);
    if (error.kind === "unknown-key" || error.kind === "invalid-key") {
      expect(at(input, segments) !== missing, `unknown key that is not in the input: ${where}`).toBe(true);
    }
  }
}

/** An accepted config is a fixed point of validate() and plans at any visit without throwing. */
function checkAccepted(config: NonNullable<Extract<ReturnType<typeof validate>, { ok: true }>["config"]>): void {
  const again = validate(config, PAGE);
  expect(again.ok ? [] : again.errors, "the accepted config, as validate() returned it, is refused").toEqual([]);
  const ids = Object.keys(config.questions);
  for (const visit of [1, 2, 3, 7]) {
    const events: Record<string, number> = visit > 2 ? { purchase: 1, signup: 2 } : {};
    const person = { ...newPerson({ anonymousId: "a", userId: null }), visit, events };
    const p = plan({ config, person, known: visit === 3 ? { [ids[0]!]: "known" } : {} });
    expect(p.ask.length).toBeLessThanOrEqual(config.maxQuestionsPerVisit);
    for (const id of p.ask) expect(ids).toContain(id);
  }
}

// Thousands of runs each: seconds of work that a loaded CI machine can stretch past vitest's
// 5 s default, so these tests get a budget of their own.
describe("validate() under fuzzing", { timeout: 60_000 }, () => {
  it("generated configs are accepted (no false refusals) and plan at every visit", () => {
    fc.assert(
      fc.property(validConfig(), (config) => {
        const result = validate(config, PAGE);
        expect(result.ok ? [] : result.errors).toEqual([]);
        checkResult(config);
      }),
      run(1500),
    );
  });

  it("generated configs with 1–4 mutations: never a throw, every refusal points into the input", () => {
    fc.assert(fc.property(mutated(validConfig()), checkResult), run(3000));
  });

  it("the B2B example with 1–4 mutations", () => {
    fc.assert(fc.property(mutated(fc.constant(example)), checkResult), run(2000));
  });

  it("arbitrary values, JSON texts with odd keys, and unreadable objects", () => {
    const oddJson = fc
      .jsonValue({ maxDepth: 3 })
      .map((v) => JSON.parse(JSON.stringify({ __proto__x: 1, ...(isRecord(v) ? v : { v }) }).replace('"__proto__x"', '"__proto__"')) as unknown);
    const unreadable = fc.constantFrom(
      new Proxy({}, { ownKeys: () => { throw new Error("no keys"); } }),
      Object.defineProperty({ id: "x" }, "version", { enumerable: true, get: () => { throw new Error("getter"); } }),
      Object.create(null) as object,
      new Date(0),
      new Map([["id", "x"]]),
    );
    fc.assert(fc.property(fc.oneof(fc.anything({ withObjectString: true, withNullPrototype: true }), oddJson, unreadable), checkResult), run(1500));
  });
});
