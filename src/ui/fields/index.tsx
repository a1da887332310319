// The one place a question type picks its control. The controls are render functions of the
// props and the question narrowed to its type (no component of their own: they hold no state).
import { optionGroup, selectField } from "./ChoiceField";
import { consentField } from "./ConsentField";
import type { FieldProps } from "./parts";
import { textField } from "./TextField";

export function Field(p: FieldProps) {
  const { q } = p;
  // Every type not named here is a text-like one: textField takes only those, so a new type in
  // the schema fails to compile here (as "not assignable to TextType") until it has a control.
  switch (q.type) {
    case "select":
      return selectField(p, q);
    case "radio":
    case "multiselect":
      return optionGroup(p, q);
    case "consent":
      return consentField(p, q);
    default:
      return textField(p, q);
  }
}
