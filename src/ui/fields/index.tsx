// The one place a question type picks its control. A new type in the schema fails to compile
// here (assertNever) until it has one.
import { OptionGroup, SelectField } from "./ChoiceField";
import { ConsentField } from "./ConsentField";
import { assertNever, type FieldProps } from "./parts";
import { TextField } from "./TextField";

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
      return <TextField {...p} q={q} />;
    case "select":
      return <SelectField {...p} q={q} />;
    case "radio":
    case "multiselect":
      return <OptionGroup {...p} q={q} />;
    case "consent":
      return <ConsentField {...p} q={q} />;
    default:
      return assertNever(q);
  }
}
