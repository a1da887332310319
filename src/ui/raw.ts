// A control's raw value per question type (what the control shows and what checkAnswer reads):
// a string for one-line / multi-line / choice controls, string[] for checkboxes, a boolean for
// consent. Drafts come back from storage as `unknown`, so nothing here trusts its input.
import type { Question } from "../config/schema";
import { asText } from "../core/answers";

export type Raw = string | string[] | boolean;

/** `value` (a draft or a submitted answer) as the raw value of `q`'s control; empty when unusable. */
export function toRaw(q: Pick<Question, "type">, value: unknown): Raw {
  switch (q.type) {
    case "multiselect":
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    case "consent":
      return value === true;
    default:
      // A delivered number comes back as a number; the control holds its text.
      return asText(value);
  }
}
