// The one place a question type picks its control. A new type in the schema fails to compile
// here (`satisfies never`) until it has one. The controls are render functions of the props and
// the question narrowed to its type (no component of their own: they hold no state).
import { optionGroup, selectField } from "./ChoiceField";
import { consentField } from "./ConsentField";
import type { FieldProps } from "./parts";
import { textField } from "./TextField";

export type { FieldProps } from "./parts";

export function Field(p: FieldProps) {
  const { q } = p;
  switch (q.type) {
    case "text":
    case "textarea":
    case "email":
    case "tel":
    case "url":
    case "number":
    case "date":
      return textField(p, q);
    case "select":
      return selectField(p, q);
    case "radio":
    case "multiselect":
      return optionGroup(p, q);
    case "consent":
      return consentField(p, q);
    default:
      q satisfies never;
      return null;
  }
}
