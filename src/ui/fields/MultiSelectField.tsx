// Several choices: a checkbox group delivered as a list of option values.
import type { QuestionOf } from "../../config/schema";
import { OptionGroup } from "./OptionGroup";
import { invalidAttr, type FieldProps } from "./parts";

export function MultiSelectField(p: FieldProps<QuestionOf<"multiselect">>) {
  const chosen = Array.isArray(p.value) ? p.value : [];
  // Keep the options' order whatever order they were ticked in.
  const toggle = (value: string, on: boolean) =>
    p.onInput(p.q.options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v))));
  return (
    <OptionGroup
      p={p}
      control={(o, id) => (
        <input
          type="checkbox"
          id={id}
          value={o.value}
          checked={chosen.includes(o.value)}
          aria-invalid={invalidAttr(p.invalid)}
          onChange={(e) => toggle(o.value, e.currentTarget.checked)}
        />
      )}
    />
  );
}
