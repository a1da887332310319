// Invariants of plan() over generated configs and people (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Config, type ConfigInput, getConfigSchema } from "../config/schema";
import { validate } from "../config/validate";
import { makeBenchConfig, makeBenchPerson } from "./bench-fixtures";
import { explainPlan, plan, type PlanInput } from "./plan";
import { recordAnswer } from "./profile";
import { isShown } from "./show-if";
import type { AnswerValue, PersonState } from "./types";

const OPTIONS = ["a", "b", "c"];
const EVENTS = ["purchase", "signup"];
const valueArb: fc.Arbitrary<AnswerValue> = fc.oneof(fc.constantFrom(...OPTIONS), fc.subarray(OPTIONS), fc.boolean());

/** A config of up to 10 questions in stage order; a showIf only points at an earlier question. */
const configArb: fc.Arbitrary<Config> = fc
  .record({
    count: fc.integer({ min: 1, max: 10 }),
    seed: fc.array(fc.tuple(fc.nat(3), fc.nat(9), fc.boolean()), { minLength: 10, maxLength: 10 }),
    cuts: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    whens: fc.array(fc.record({ visit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), event: fc.option(fc.constantFrom(...EVENTS), { nil: undefined }) }), { minLength: 10, maxLength: 10 }),
    unstaged: fc.nat(10),
    maxQuestionsPerVisit: fc.integer({ min: 1, max: 4 }),
    snoozeVisits: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ count, seed, cuts, whens, unstaged, maxQuestionsPerVisit, snoozeVisits }) => {
    const questions: ConfigInput["questions"] = {};
    const stages: ConfigInput["stages"] = [];
    for (let n = 0; n < count; n++) {
      const [form, target, flag] = seed[n] ?? [0, 0, false];
      const earlier = `q${target % Math.max(1, n)}`;
      const showIf = n === 0 || form === 0 ? undefined
        : form === 1 ? { question: earlier, equals: OPTIONS[target % 3] ?? "a" }
        : form === 2 ? { question: earlier, in: ["a", "b"] }
        : { question: earlier, answered: flag };
      questions[`q${n}`] = { type: "select", label: "L", options: OPTIONS.map((v) => ({ value: v, label: v })), showIf };
      // The last `unstaged` questions belong to no stage.
      if (n >= count - (unstaged % count) && n > 0) continue;
      const last = stages[stages.length - 1];
      if (last === undefined || cuts[n]) {
        const when = whens[n] ?? { visit: undefined, event: undefined };
        stages.push({ when: { ...(when.visit !== undefined && { visit: when.visit }), ...(when.event !== undefined && { event: when.event }) }, ask: [`q${n}`] });
      } else last.ask.push(`q${n}`);
    }
    return getConfigSchema().parse({ id: "prop", version: 1, stages, questions, maxQuestionsPerVisit, snoozeVisits });
  });

const subsetOf = <T>(ids: string[], arb: fc.Arbitrary<T>) =>
  fc.array(fc.tuple(fc.constantFrom(...ids), arb)).map((pairs) => Object.fromEntries(pairs));

const inputArb: fc.Arbitrary<PlanInput & { person: PersonState }> = configArb.chain((config) => {
  const ids = [...Object.keys(config.questions), "ghost"];
  return fc
    .record({
      visit: fc.integer({ min: 1, max: 6 }),
      answers: subsetOf(ids, fc.record({ value: fc.option(valueArb, { nil: undefined }), visit: fc.integer({ min: 1, max: 6 }), at: fc.nat(1000), delivered: fc.boolean() })),
      snoozes: subsetOf(ids, fc.integer({ min: 1, max: 6 })),
      events: subsetOf(EVENTS, fc.nat(1000)),
      known: subsetOf(ids, valueArb),
      session: fc.option(fc.record({ sameVisit: fc.boolean(), asked: fc.subarray(ids) }), { nil: null }),
    })
    .map(({ visit, answers, snoozes, events, known, session }) => {
      const person: PersonState = {
        anonymousId: "a", userId: null, visit, lastActivityAt: 1, answers, snoozes, events,
        session: session && { visit: session.sameVisit ? visit : visit - 1, current: null, drafts: {}, asked: session.asked, pendingSkipped: [], dismissed: false },
      };
      return { config, person, known };
    });
});

const answeredOrKnown = ({ person, known }: PlanInput, id: string) =>
  Object.hasOwn(person.answers, id) || (Object.hasOwn(known, id) && !(Array.isArray(known[id]) && known[id].length === 0));

describe("plan invariants", () => {
  it("never asks a question answered locally or known", () => {
    fc.assert(fc.property(inputArb, (input) => plan(input).ask.every((id) => !answeredOrKnown(input, id))));
  });

  it("never exceeds the budget, counting this visit's answered and skipped", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = plan(input);
        return result.ask.length <= Math.max(0, input.config.maxQuestionsPerVisit - result.askedThisVisit.length);
      }),
    );
  });

  it("never asks a question whose showIf is false, counting the questions asked before it in the plan as answered", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // A question of this visit that a showIf now hides counts as unanswered (plan.ts), with
        // its value: a follow-up on it being unanswered may be asked (found by fast-check, 1 run in ~3,400).
        const { ask, dropped } = explainPlan(input);
        const hidden = (q: string) => dropped[q] === "hidden-by-showIf";
        const values: Record<string, AnswerValue | undefined> = { ...input.known };
        for (const [id, record] of Object.entries(input.person.answers)) if (record.value !== undefined && !hidden(id)) values[id] = record.value;
        return ask.every((id, index) => {
          const before = ask.slice(0, index);
          return isShown(input.config.questions[id]?.showIf, values, (q) => (!hidden(q) && answeredOrKnown(input, q)) || before.includes(q));
        });
      }),
    );
  });

  it("the counterexample fast-check found: an answer of this visit that its showIf now hides counts as unanswered for the follow-up on it", () => {
    const select = (showIf?: object) => ({ type: "select", label: "L", options: OPTIONS.map((v) => ({ value: v, label: v })), ...(showIf && { showIf }) });
    const config = getConfigSchema().parse({
      id: "prop",
      version: 1,
      stages: [{ when: { visit: 1 }, ask: ["q0", "q1", "q2", "q4"] }],
      questions: { q0: select(), q1: select({ question: "q0", in: ["a", "b"] }), q2: select({ question: "q1", equals: "a" }), q4: select({ question: "q2", answered: false }) },
    });
    const person: PersonState = {
      anonymousId: "a", userId: null, visit: 3, lastActivityAt: 1, events: {}, snoozes: {}, session: null,
      answers: { q2: { value: undefined, visit: 3, at: 0, delivered: false } },
    };
    const { ask, dropped } = explainPlan({ config, person, known: { q0: ["c"] } });
    expect(dropped.q2).toBe("hidden-by-showIf");
    expect(ask).toEqual(["q4"]);
  });

  it("the question on screen (the first asked) always has its showIf true", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // A question of this visit that its own showIf now hides counts as unanswered (its
        // follow-ups go with it); the plan says which, as "hidden-by-showIf".
        const { ask, dropped } = explainPlan(input);
        const hidden = (q: string) => dropped[q] === "hidden-by-showIf";
        const values: Record<string, AnswerValue | undefined> = { ...input.known };
        for (const [id, record] of Object.entries(input.person.answers)) if (record.value !== undefined && !hidden(id)) values[id] = record.value;
        const first = ask[0];
        return first === undefined || isShown(input.config.questions[first]?.showIf, values, (q) => !hidden(q) && answeredOrKnown(input, q));
      }),
    );
  });

  it("never asks a snoozed question or one of a stage not due", () => {
    fc.assert(
      fc.property(inputArb, ({ config, person, known }) =>
        plan({ config, person, known }).ask.every((id) => {
          const snoozedAt = person.snoozes[id];
          const stage = config.stages.find((s) => s.ask.includes(id));
          const due = stage !== undefined && ((stage.when.visit ?? Infinity) <= person.visit || (stage.when.event !== undefined && stage.when.event in person.events));
          return due && (snoozedAt === undefined || person.visit > snoozedAt + config.snoozeVisits);
        }),
      ),
    );
  });

  it("gives every question of the config exactly one disposition, and nothing else", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = explainPlan(input);
        const all = [...result.ask, ...result.askedThisVisit, ...Object.keys(result.dropped)];
        expect(all.toSorted()).toEqual(Object.keys(input.config.questions).toSorted());
      }),
    );
  });

  it("asks what the explained plan asks: the widget's plan() is explainPlan() without the reasons", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { dropped: _reasons, ...asked } = explainPlan(input);
        expect(plan(input)).toEqual(asked);
      }),
    );
  });

  it("asks in stage order, then ask order", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const order = input.config.stages.flatMap((s) => s.ask);
        const positions = plan(input).ask.map((id) => order.indexOf(id));
        return positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? -1));
      }),
    );
  });

  it("is deterministic and leaves its input untouched", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = structuredClone(input);
        expect(plan(input)).toEqual(plan(copy));
        expect(input).toEqual(copy);
      }),
    );
  });

  it("answering the first asked question never asks it again and keeps the budget", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = plan(input).ask[0];
        if (first === undefined) return true;
        const after = plan({ ...input, person: recordAnswer(input.person, first, "a", 2000) });
        return !after.ask.includes(first) && after.askedThisVisit.includes(first) &&
          after.ask.length + after.askedThisVisit.length <= Math.max(input.config.maxQuestionsPerVisit, after.askedThisVisit.length);
      }),
    );
  });
});

describe("bench fixtures", () => {
  it("make a valid 1,000-question / 100-stage config and a person the plan works on", () => {
    const input = makeBenchConfig(1000, 100);
    expect(validate(input).ok).toBe(true);
    const config = getConfigSchema().parse(input);
    expect(Object.keys(config.questions)).toHaveLength(1000);
    expect(config.stages).toHaveLength(100);
    expect(config.stages.every((s) => s.ask.length === 10)).toBe(true);
    const result = explainPlan({ config, person: makeBenchPerson(input, 60), known: {} });
    expect(result.askedThisVisit).toHaveLength(2);
    expect(result.ask).toHaveLength(3);
    expect(new Set(Object.values(result.dropped))).toEqual(new Set(["answered", "not-due", "snoozed", "hidden-by-showIf", "over-budget"]));
  });
});
