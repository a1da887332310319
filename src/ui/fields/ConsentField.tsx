// A checkbox to agree to something, with the policy it refers to linked beside it.
import type { QuestionOf } from "../../config/schema";
import { Help, invalidAttr, Mark, type FieldProps } from "./parts";

export function ConsentField(p: FieldProps<QuestionOf<"consent">>) {
  const { q } = p;
  return (
    <>
      <label class="op">
        <input
          type="checkbox"
          id={p.id}
          checked={p.value === true}
          required={q.required}
          aria-invalid={invalidAttr(p.invalid)}
          aria-describedby={p.describedBy}
          onChange={(e) => p.onInput(e.currentTarget.checked)}
        />
        <span id={p.labelId}>
          {p.label}
          <Mark required={q.required} />
        </span>
      </label>
      <Help id={p.helpId} text={p.help} />
      {/* Outside the label, so following the link never ticks the box. The schema only
          admits https URLs, so no javascript: link can reach here. */}
      {q.policyUrl ? (
        <a href={q.policyUrl} target="_blank" rel="noopener noreferrer">
          {p.ui.policy}
        </a>
      ) : null}
    </>
  );
}
