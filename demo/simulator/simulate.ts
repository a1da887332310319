// The simulated visitor: visit after visit, the events the marketer ticked happen at the
// start of the visit, then the person answers every question the widget asks — calling the
// core's own plan() after each answer, as the widget does, so a showIf revealed by an answer
// is asked in the same visit when the budget allows. Pure: no DOM, no storage.
import type { Config } from "../../src/config/schema";
import { todayOf } from "../../src/core/answer-shapes";
import { explainPlan, plan } from "../../src/core/plan";
import { newPerson, recordAnswer, recordEvent } from "../../src/core/profile";
import type { AnswerValue, Answers, DropReason, PersonState } from "../../src/core/types";
import { sampleAnswer } from "./answers";

export interface SimulationInput {
  visits: number;
  /** Visit number → events tracked at the start of that visit. */
  events: Record<number, string[]>;
  /** What the CRM already knows (the widget's `known`). */
  known: Answers;
  /** The date the visits happen on (YYYY-MM-DD), for `"today"` in date bounds; default: today here. */
  today?: string;
}

export interface VisitResult {
  visit: number;
  events: string[];
  /** Questions asked at this visit, in the order the person saw them. */
  asked: string[];
  /**
   * How many steps the form has when it opens: fewer than `asked` when a question's showIf waits
   * for an answer given in this visit (it joins the form once that answer is given).
   */
  firstSteps: number;
  /** Every other question, with the core's reason as of the end of the visit. */
  dropped: Record<string, DropReason>;
  /** For `answered`: the visit it was answered at. */
  answeredAt: Record<string, number>;
  /** For `over-budget`: the later simulated visit that asks it, if any. */
  carriedTo: Record<string, number | null>;
  /** The simulated answers given at this visit. */
  answers: Answers;
}

export function simulate(config: Config, input: SimulationInput): VisitResult[] {
  const results: VisitResult[] = [];
  let person: PersonState = newPerson({ anonymousId: "a_simulated", userId: "simulated" });
  const today = input.today ?? todayOf(Date.now(), new Date().getTimezoneOffset());
  // A fake clock: only the order of answers matters to the core.
  let clock = 1;
  const maxSteps = Object.keys(config.questions).length;

  for (let visit = 1; visit <= input.visits; visit++) {
    person = { ...person, visit, session: null };
    const events = input.events[visit] ?? [];
    for (const event of events) person = recordEvent(person, event, clock++);
    const asked: string[] = [];
    const answers: Answers = {};
    const firstSteps = plan({ config, person, known: input.known, today }).ask.length;
    for (let step = 0; step < maxSteps; step++) {
      const next = plan({ config, person, known: input.known, today }).ask[0];
      if (next === undefined) break;
      const value: AnswerValue = sampleAnswer(config.questions[next]!);
      person = recordAnswer(person, next, value, clock++);
      asked.push(next);
      answers[next] = value;
    }
    const end = explainPlan({ config, person, known: input.known, today });
    const answeredAt: Record<string, number> = {};
    for (const [id, reason] of Object.entries(end.dropped)) {
      if (reason === "answered") answeredAt[id] = person.answers[id]?.visit ?? visit;
    }
    results.push({ visit, events, asked, firstSteps, dropped: end.dropped, answeredAt, carriedTo: {}, answers });
  }

  // A question over this visit's budget is asked later; say when, if the simulation gets there.
  for (const result of results) {
    for (const [id, reason] of Object.entries(result.dropped)) {
      if (reason !== "over-budget") continue;
      result.carriedTo[id] = results.find((r) => r.visit > result.visit && r.asked.includes(id))?.visit ?? null;
    }
  }
  return results;
}

/** What the widget knows at the start of `visit`: the CRM's answers, then everything answered before. */
export function knownBefore(results: VisitResult[], visit: number, crm: Answers): Answers {
  const known: Answers = { ...crm };
  for (const result of results) if (result.visit < visit) Object.assign(known, result.answers);
  return known;
}

/** The events tracked up to and including `visit` (the widget remembers them per person). */
export function eventsUpTo(events: Record<number, string[]>, visit: number): string[] {
  const all = new Set<string>();
  for (let v = 1; v <= visit; v++) for (const event of events[v] ?? []) all.add(event);
  return [...all];
}
