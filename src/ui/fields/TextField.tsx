// One-line and multi-line text-like controls: text, textarea, email, tel, url, number, date.
import type { InputHTMLAttributes } from "preact";
import { DEFAULT_AUTOCOMPLETE } from "../../config/constants";
import type { QuestionOf } from "../../config/schema";
import { resolveDateBound } from "../../core/answer-shapes";
import { assertNever, Help, invalidAttr, Label, textOf, type FieldProps } from "./parts";

export type TextType = "text" | "textarea" | "email" | "tel" | "url" | "number" | "date";

type InputShape = InputHTMLAttributes<HTMLInputElement>;

/**
 * The input's attributes per type. A number uses a text input with a numeric keyboard rather
 * than type="number": the latter reports "" for "1,5" or "abc", so a typo would be submitted
 * as no answer instead of getting the `number` message, and it changes on mouse wheel.
 */
function shape(q: QuestionOf<Exclude<TextType, "textarea">>, today: string): InputShape {
  const autocomplete = q.type === "number" || q.type === "date" ? undefined : (q.autocomplete ?? DEFAULT_AUTOCOMPLETE[q.type]);
  switch (q.type) {
    case "text":
      return { type: "text", autocomplete, maxLength: q.maxLength };
    case "email":
      return { type: "email", autocomplete, spellcheck: false };
    case "url":
      return { type: "url", autocomplete, spellcheck: false };
    case "tel":
      return { type: "tel", autocomplete };
    case "number":
      return { type: "text", inputMode: q.integer ? "numeric" : "decimal" };
    case "date":
      return { type: "date", min: resolveDateBound(q.min, today), max: resolveDateBound(q.max, today) };
    default:
      return assertNever(q);
  }
}

export function TextField(p: FieldProps<QuestionOf<TextType>>) {
  const { q } = p;
  const common = {
    id: p.id,
    class: "in",
    value: textOf(p.value),
    required: q.required,
    placeholder: p.t(q.placeholder) || undefined,
    "aria-invalid": invalidAttr(p.invalid),
    "aria-describedby": p.describedBy,
  };
  const control =
    q.type === "textarea" ? (
      <textarea
        {...common}
        rows={4}
        maxLength={q.maxLength}
        autocomplete={q.autocomplete}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
    ) : (
      <input {...shape(q, p.today)} {...common} onInput={(e) => p.onInput(e.currentTarget.value)} />
    );
  return (
    <>
      <Label for={p.id} id={p.labelId} text={p.label} required={q.required} />
      <Help id={p.helpId} text={p.help} />
      {control}
    </>
  );
}
