// Which questions to ask now, and why each other one is not asked (SPEC §5). The widget calls
// plan() again after every answer, skip or track(), so a `showIf` revealed by an answer in
// this visit is asked in this visit when the budget allows.
//
// For an `answered` condition, a question asked before it in this same plan counts as answered
// until the person gets there: the person sees the visit's real length ("1 / 3" for company →
// employees → industry, not "1 / 2" then "2 / 3"), and "Not now" snoozes it with the rest. It is
// never the question on screen: the one it waits on comes first, and the plan made after that
// answer (or skip) decides it for real. A follow-up on one particular answer (`equals`, `in`)
// is for a few people only, so it joins when that answer is given (the card counts it as soon
// as the answer is chosen, before Next: ui/model.ts `ahead`).
import type { Config, Stage } from "../config/schema";
import { resolveDateBound } from "./answer-shapes";
import { isShown } from "./show-if";
import type { AnswerValue, Answers, DropReason, ExplainedPlan, PersonState, Plan } from "./types";

export interface PlanInput {
  config: Pick<Config, "stages" | "questions" | "maxQuestionsPerVisit" | "snoozeVisits">;
  person: Pick<PersonState, "visit" | "answers" | "snoozes" | "events" | "session">;
  /** What the host (`data-known`) and `profileUrl`'s traits already know. */
  known: Answers;
  /**
   * The person's date (YYYY-MM-DD): a date question with no date left to give ("min": "today"
   * is past a fixed "max") is not asked. Without it, date ranges are not looked at.
   */
  today?: string;
}

/** A stage is due from its `when.visit` on, or once its `when.event` was tracked. An empty `when` never is. */
export function isDue(stage: Pick<Stage, "when">, visit: number, events: Readonly<Record<string, number>>): boolean {
  const { when } = stage;
  return (when.visit !== undefined && when.visit <= visit) || (when.event !== undefined && Object.hasOwn(events, when.event));
}

/** A known value that carries information: an empty string or list from a CRM is "unknown". */
function isKnown(known: Answers, id: string): boolean {
  if (!Object.hasOwn(known, id)) return false;
  const value: AnswerValue | null | undefined = known[id];
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  return !Array.isArray(value) || value.length > 0;
}

/**
 * Questions answered or skipped in this visit, in the order they were shown: the session's
 * list first, then answers of this visit the session does not know of (a session lost or
 * reset), oldest first. Only questions of the config count.
 */
function askedInVisit(input: PlanInput): string[] {
  const { config, person } = input;
  const seen = new Set<string>();
  const add = (id: string) => {
    if (Object.hasOwn(config.questions, id)) seen.add(id);
  };
  if (person.session !== null && person.session.visit === person.visit) person.session.asked.forEach(add);
  Object.entries(person.answers)
    .filter(([id, record]) => record.visit === person.visit && !seen.has(id))
    .sort(([a, x], [b, y]) => x.at - y.at || (a < b ? -1 : a > b ? 1 : 0))
    .forEach(([id]) => add(id));
  return [...seen];
}

/** A card's steps for a plan: this visit's answered or skipped questions (behind Back), then those to ask. */
export const stepsOf = (p: Plan): string[] => [...p.askedThisVisit, ...p.ask];

/** The plan for the person's current visit: what the widget asks (it needs no reasons). */
export const plan = (input: PlanInput): Plan => walk(input);

/**
 * The plan, with the reason each other question of the config is not asked (the simulator's).
 * Each question ends up in exactly one of `ask`, `askedThisVisit` or `dropped`. When several
 * reasons apply, the first of answered → known → not-due → snoozed → hidden-by-showIf →
 * no-date-left → over-budget is reported.
 */
export function explainPlan(input: PlanInput): ExplainedPlan {
  const dropped: Record<string, DropReason> = {};
  return { ...walk(input, (id, reason) => (dropped[id] = reason)), dropped };
}

/** `plan`, telling `onDrop` of every question of the config it does not ask, and why. */
function walk(input: PlanInput, onDrop?: (id: string, reason: DropReason) => void): Plan {
  const { config, person, known, today } = input;
  const { visit } = person;
  const askedThisVisit = askedInVisit(input);
  const askedSet = new Set(askedThisVisit);

  // Local answers win over what the host knows: they are the person's own, and newer.
  const values: Record<string, AnswerValue | undefined> = { ...known };
  for (const [id, record] of Object.entries(person.answers)) {
    if (record.value !== undefined) values[id] = record.value;
  }
  const answered = (id: string) => Object.hasOwn(person.answers, id) || isKnown(known, id);

  const due = new Set<string>();
  const ordered: string[] = [];
  const placed = new Set<string>();
  for (const stage of config.stages) {
    const stageDue = isDue(stage, visit, person.events);
    for (const id of stage.ask) {
      // A question asked by two stages is refused by validation; the first one decides here.
      if (placed.has(id) || !Object.hasOwn(config.questions, id)) continue;
      placed.add(id);
      ordered.push(id);
      if (stageDue) due.add(id);
    }
  }
  let budget = Math.max(0, config.maxQuestionsPerVisit - askedThisVisit.length);
  const ask: string[] = [];
  // A question of this visit that a showIf hides now (the person went Back and changed the
  // answer it follows) leaves the card, and counts as unanswered for the showIfs after it, so a
  // chain of follow-ups goes with its first link. (It still counts toward the visit's limit.)
  const hidden = new Set<string>();
  const shown = (id: string) => {
    const visible = isShown(config.questions[id]?.showIf, values, (q) => !hidden.has(q) && (answered(q) || ask.includes(q)));
    if (!visible) hidden.add(id), (values[id] = undefined);
    return visible;
  };
  // Judged in the stages' order, where a showIf points only at a question before it, so a chain
  // of follow-ups goes link by link in whatever order this visit asked them (those no stage asks
  // now, after them, in this visit's order).
  const judged = new Set<string>();
  for (const id of new Set([...ordered, ...askedThisVisit])) if (askedSet.has(id) && shown(id)) judged.add(id);
  // Questions no stage asks are never due, but still get a reason.
  if (onDrop) for (const id of Object.keys(config.questions)) if (!placed.has(id)) ordered.push(id);
  const stillAsked = askedThisVisit.filter((id) => judged.has(id));
  for (const id of ordered) {
    if (askedSet.has(id)) {
      if (hidden.has(id)) onDrop?.(id, "hidden-by-showIf");
      continue;
    }
    const reason = reasonFor(id);
    if (reason === null && budget > 0) {
      ask.push(id);
      budget--;
    } else onDrop?.(id, reason ?? "over-budget");
  }
  return { ask, askedThisVisit: stillAsked };

  /** The first rule that keeps `id` from being asked, or null. */
  function reasonFor(id: string): DropReason | null {
    if (Object.hasOwn(person.answers, id)) return "answered";
    if (isKnown(known, id)) return "known";
    if (!due.has(id)) return "not-due";
    const snoozedAt = Object.hasOwn(person.snoozes, id) ? person.snoozes[id] : undefined;
    // Snoozed at visit s: not asked at s … s + snoozeVisits (a visit count that went back
    // below s, e.g. a host's, stays snoozed).
    if (snoozedAt !== undefined && visit <= snoozedAt + config.snoozeVisits) return "snoozed";
    const question = config.questions[id];
    if (!shown(id)) return "hidden-by-showIf";
    // Date bounds compare as text: YYYY-MM-DD sorts in date order.
    if (today !== undefined && question?.type === "date" && (resolveDateBound(question.min, today) ?? "") > (resolveDateBound(question.max, today) ?? "~")) {
      return "no-date-left";
    }
    return null;
  }
}
