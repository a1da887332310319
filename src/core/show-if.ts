// Evaluates a question's `showIf` (SPEC §4) against the answers known so far.
import type { ShowIf } from "../config/schema";
import type { AnswerValue } from "./types";

type Scalar = string | number | boolean;

/**
 * Whether a question with this `showIf` may be asked.
 *
 * - `answered: true|false` asks `answered(id)`, so it also works once a delivered value has
 *   been dropped (minimisation keeps only that the question was answered).
 * - `equals: V` on a scalar answer is strict equality (no "1" == 1); on a multiselect
 *   answer it means "V is one of the chosen options" (a list never equals a scalar, so
 *   "contains" is the only useful reading).
 * - `in: [V…]` on a scalar answer means "the answer is one of them"; on a multiselect answer
 *   it means "at least one chosen option is one of them".
 * - With no value for the question (unanswered, or its value dropped) `equals`/`in` are false.
 */
export function isShown(
  showIf: ShowIf | undefined,
  answers: Readonly<Record<string, AnswerValue | undefined>>,
  answered: (id: string) => boolean,
): boolean {
  if (showIf === undefined) return true;
  if ("answered" in showIf) return answered(showIf.question) === showIf.answered;
  const value = Object.hasOwn(answers, showIf.question) ? answers[showIf.question] : undefined;
  if (value === undefined) return false;
  const chosen: readonly Scalar[] = Array.isArray(value) ? value : [value];
  if ("equals" in showIf) return chosen.includes(showIf.equals);
  return chosen.some((item) => showIf.in.includes(item));
}
