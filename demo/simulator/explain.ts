// The core's reasons (plan().dropped) in a marketer's words, with the detail that makes each
// one actionable: which stage a question waits for, which showIf hides it, when it comes back.
import type { Config, ShowIf } from "../../src/config/schema";
import { localize } from "../../src/i18n/locale";
import type { VisitResult } from "./simulate";

export const REASON_NAMES = {
  answered: "answered",
  known: "known",
  snoozed: "snoozed",
  "hidden-by-showIf": "hidden by showIf",
  "no-date-left": "no date left",
  "not-due": "not due",
  "over-budget": "over budget",
} as const;

/** "Email address (email)": the label marketers wrote, and the id the config uses. */
export function questionName(config: Pick<Config, "questions">, id: string): string {
  const question = config.questions[id];
  return question ? `${localize(question.label, "en")} (${id})` : id;
}

export function explain(config: Config, result: VisitResult, id: string): string {
  const reason = result.dropped[id];
  switch (reason) {
    case "answered": {
      const at = result.answeredAt[id];
      return at === result.visit ? "Answered earlier in this visit." : `Answered at visit ${at}.`;
    }
    case "known":
      return "Already known from the CRM, so it is never asked.";
    case "snoozed":
      return `Skipped recently; asked again ${config.snoozeVisits + 1} visits after the skip.`;
    case "hidden-by-showIf":
      return `Hidden: ${describeShowIf(config, config.questions[id]?.showIf)}.`;
    case "no-date-left": {
      const question = config.questions[id];
      const [min, max] = question?.type === "date" ? [question.min, question.max] : [];
      return `No date left to give today: "min" (${min}) is after "max" (${max}).`;
    }
    case "not-due":
      return notDue(config, id);
    case "over-budget": {
      const later = result.carriedTo[id];
      const limit = `Due, but this visit already asks ${config.maxQuestionsPerVisit} (maxQuestionsPerVisit)`;
      return later ? `${limit}; asked at visit ${later}.` : `${limit}; carried over to a later visit.`;
    }
  }
  return "";
}

function notDue(config: Config, id: string): string {
  const stage = config.stages.find((s) => s.ask.includes(id));
  if (!stage) return "No stage asks it.";
  const { visit, event } = stage.when;
  const when = [visit !== undefined ? `visit ${visit}` : null, event !== undefined ? `after a “${event}” event` : null].filter(Boolean);
  return `Not due yet: its stage starts at ${when.join(" or ")}.`;
}

function describeShowIf(config: Config, showIf: ShowIf | undefined): string {
  if (!showIf) return "its showIf is false";
  const other = questionName(config, showIf.question);
  if ("equals" in showIf) return `shown only when ${other} is ${JSON.stringify(showIf.equals)}`;
  if ("in" in showIf) return `shown only when ${other} is one of ${showIf.in.map((v) => JSON.stringify(v)).join(", ")}`;
  return showIf.answered ? `shown only once ${other} is answered` : `shown only while ${other} is unanswered`;
}
