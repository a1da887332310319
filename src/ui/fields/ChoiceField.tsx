// One choice out of a list: a <select> with an empty first choice, or a radio group.
import type { QuestionOf } from "../../config/schema";
import { OptionGroup } from "./OptionGroup";
import { Help, invalidAttr, Label, textOf, type FieldProps } from "./parts";

export function SelectField(p: FieldProps<QuestionOf<"select">>) {
  const { q } = p;
  const value = textOf(p.value);
  return (
    <>
      <Label for={p.id} id={p.labelId} text={p.label} required={q.required} />
      <Help id={p.helpId} text={p.help} />
      <select
        id={p.id}
        class="in"
        value={value}
        required={q.required}
        aria-invalid={invalidAttr(p.invalid)}
        aria-describedby={p.describedBy}
        onChange={(e) => p.onInput(e.currentTarget.value)}
      >
        {/* "No choice yet": an empty value is an unanswered question, not an option. */}
        <option value="">{p.t(q.placeholder)}</option>
        {q.options.map((o) => (
          <option key={o.value} value={o.value}>
            {p.t(o.label)}
          </option>
        ))}
      </select>
    </>
  );
}

export function RadioField(p: FieldProps<QuestionOf<"radio">>) {
  const value = textOf(p.value);
  return (
    <OptionGroup
      p={p}
      control={(o, id) => (
        <input
          type="radio"
          id={id}
          name={p.id}
          value={o.value}
          checked={o.value === value}
          required={p.q.required}
          aria-invalid={invalidAttr(p.invalid)}
          onChange={() => p.onInput(o.value)}
        />
      )}
    />
  );
}
