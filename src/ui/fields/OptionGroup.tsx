// A fieldset of options (radio or checkbox), named by its legend. The first control takes the
// field id, so focus handling and the label tests find the group like any other field.
import type { VNode } from "preact";
import type { Option, QuestionOf } from "../../config/schema";
import { Help, Legend, type FieldProps } from "./parts";

export function OptionGroup(props: {
  p: FieldProps<QuestionOf<"radio" | "multiselect">>;
  control(option: Option, id: string): VNode;
}) {
  const { p, control } = props;
  return (
    <fieldset aria-describedby={p.describedBy}>
      <Legend id={p.labelId} text={p.label} required={p.q.required} />
      <Help id={p.helpId} text={p.help} />
      {p.q.options.map((o, i) => (
        <label key={o.value} class="op">
          {control(o, i === 0 ? p.id : `${p.id}-${i}`)}
          {p.t(o.label)}
        </label>
      ))}
    </fieldset>
  );
}
