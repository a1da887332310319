// Answer values the simulator needs: what the simulated person types for each question
// type, and the CRM inputs (always text in a form field) turned into the value the widget
// would get from a real CRM.
import type { Question } from "../../src/config/schema";
import type { AnswerValue } from "../../src/core/types";

/** A plausible, valid answer; choice questions take their first option. */
export function sampleAnswer(question: Question): AnswerValue {
  switch (question.type) {
    case "text":
    case "textarea":
      return "Sample answer";
    case "email":
      return "sample@example.com";
    case "tel":
      return "+1 555 0100";
    case "url":
      return "https://example.com";
    case "number":
      return question.min ?? 1;
    case "date":
      return "1990-01-01";
    case "select":
    case "radio":
      return question.options[0]?.value ?? "";
    case "multiselect":
      return question.options.slice(0, 1).map((o) => o.value);
    case "consent":
      return true;
  }
}

/** A CRM field's text as the question's value type; null when empty or unusable (= unknown). */
export function crmValue(question: Question, raw: string): AnswerValue | null {
  const text = raw.trim();
  if (text === "") return null;
  switch (question.type) {
    case "number": {
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case "consent":
      return text === "yes" ? true : text === "no" ? false : null;
    case "multiselect": {
      const values = text.split(",").map((v) => v.trim()).filter(Boolean);
      return values.length ? values : null;
    }
    default:
      return text;
  }
}
