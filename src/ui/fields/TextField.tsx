// One-line and multi-line text-like controls: text, textarea, email, tel, url, number, date.
import type { InputHTMLAttributes } from "preact";
import { DEFAULT_AUTOCOMPLETE } from "../../config/constants";
import type { QuestionOf } from "../../config/schema";
import { resolveDateBound } from "../../core/answer-shapes";
import { caption, help, requiredItself, type FieldProps } from "./parts";

type InputShape = InputHTMLAttributes<HTMLInputElement>;

/**
 * The types this file renders. A new question type goes here only if a text input really is its
 * control; one that needs another control gets a case of its own in fields/index.tsx.
 */
export type TextType = "text" | "textarea" | "email" | "tel" | "url" | "number" | "date";

/**
 * The input's attributes per type. A number uses a text input with a numeric keyboard rather
 * than type="number": the latter reports "" for "1,5" or "abc", so a typo would be submitted
 * as no answer instead of getting the `number` message, and it changes on mouse wheel.
 */
function shape(q: QuestionOf<Exclude<TextType, "textarea">>, today: string): InputShape {
  switch (q.type) {
    case "number":
      return { type: "text", inputMode: q.integer ? "numeric" : "decimal" };
    case "date":
      return { type: "date", min: resolveDateBound(q.min, today), max: resolveDateBound(q.max, today) };
    default:
      // text, email, tel, url: the browser fills in what it already knows.
      return {
        type: q.type,
        autocomplete: q.autocomplete ?? DEFAULT_AUTOCOMPLETE[q.type],
        spellcheck: q.type === "email" || q.type === "url" ? false : undefined,
        // Preact types each input type apart; each of these four is a text-like input.
      } as InputShape;
  }
}

/**
 * No `maxlength` attribute: the browser would cut a long paste short without a word (and count
 * an emoji as two), so the person would send a clipped answer; `maxLength` is checked on Next
 * with the `tooLong` message instead, like every other rule.
 */
export function textField(p: FieldProps, q: QuestionOf<TextType>) {
  const common = {
    id: p.id,
    class: "in",
    value: p.value as string,
    required: requiredItself(q),
    placeholder: p.t(q.placeholder) || undefined,
    "aria-invalid": p.invalid,
    "aria-describedby": p.describedBy,
    onInput: (e: { currentTarget: { value: string } }) => p.onInput(e.currentTarget.value),
  };
  return (
    <>
      {caption(p)}
      {help(p)}
      {q.type === "textarea" ? (
        <textarea {...common} rows={4} autocomplete={q.autocomplete} />
      ) : (
        <input {...shape(q, p.today)} {...common} />
      )}
      {p.error}
    </>
  );
}
