// Choices from the question's options: a <select> with an empty first choice, or a fieldset
// of radio buttons (one value) or checkboxes (a list of values, in the options' order).
import type { QuestionOf } from "../../config/schema";
import { caption, help, type FieldProps } from "./parts";

export function selectField(p: FieldProps, q: QuestionOf<"select">) {
  return (
    <>
      {caption(p)}
      {help(p)}
      <select
        id={p.id}
        class="in"
        value={p.value as string}
        aria-invalid={p.invalid}
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
      {p.error}
    </>
  );
}

/**
 * A fieldset named by its legend. The first control takes the field id, so focus handling and
 * the label tests find the group like any other field. The error (and help) is tied to the
 * group, and while there is an error to each choice as well; both say when it is invalid:
 * whichever a screen reader (or a test) looks at, the field and its error go together, and
 * arrowing through the choices does not repeat the help otherwise.
 */
export function optionGroup(p: FieldProps, q: QuestionOf<"radio" | "multiselect">) {
  const many = q.type === "multiselect";
  // A radio group's value is one string (empty: none chosen), a checkbox group's a list.
  const chosen = [p.value].flat();
  const pick = (value: string, on: boolean) =>
    p.onInput(many ? q.options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v))) : value);
  return (
    <fieldset aria-invalid={p.invalid} aria-describedby={p.describedBy}>
      {caption(p, "legend")}
      {help(p)}
      {/* Above the choices: a long list would leave it out of sight below, with focus on the first. */}
      {p.error}
      {q.options.map((o, i) => (
        <label key={o.value} class="op">
          <input
            type={many ? "checkbox" : "radio"}
            id={i ? `${p.id}-${i}` : p.id}
            name={many ? undefined : p.id}
            value={o.value}
            checked={chosen.includes(o.value)}
            aria-invalid={p.invalid}
            aria-describedby={p.invalid && p.describedBy}
            onChange={(e) => pick(o.value, e.currentTarget.checked)}
          />
          {p.t(o.label)}
        </label>
      ))}
    </fieldset>
  );
}
