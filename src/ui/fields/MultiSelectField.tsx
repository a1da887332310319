// Several choices: a checkbox group delivered as a list of option values.
import type { QuestionOf } from "../../config/schema";
import { Help, invalidAttr, Legend, type FieldProps } from "./parts";

export function MultiSelectField(p: FieldProps<QuestionOf<"multiselect">>) {
  const { q } = p;
  const chosen = Array.isArray(p.value) ? p.value : [];
  // Keep the options' order whatever order they were ticked in.
  const toggle = (value: string, on: boolean) =>
    p.onInput(q.options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v))));
  return (
    <fieldset aria-describedby={p.describedBy}>
      <Legend id={p.labelId} text={p.label} required={q.required} />
      <Help id={p.helpId} text={p.help} />
      {q.options.map((o, i) => (
        <label key={o.value} class="op">
          <input
            type="checkbox"
            id={i === 0 ? p.id : `${p.id}-${i}`}
            value={o.value}
            checked={chosen.includes(o.value)}
            aria-invalid={invalidAttr(p.invalid)}
            onChange={(e) => toggle(o.value, e.currentTarget.checked)}
          />
          {p.t(o.label)}
        </label>
      ))}
    </fieldset>
  );
}
