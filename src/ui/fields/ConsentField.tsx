// A checkbox to agree to something, with the policy it refers to linked beside it.
import type { QuestionOf } from "../../config/schema";
import { help, requiredMark, spokenRequired, type FieldProps } from "./parts";

export function consentField(p: FieldProps, q: QuestionOf<"consent">) {
  return (
    <>
      <div class="op">
        <input
          type="checkbox"
          id={p.id}
          checked={p.value as boolean}
          aria-invalid={p.invalid}
          aria-describedby={p.describedBy}
          onChange={(e) => p.onInput(e.currentTarget.checked)}
        />
        <label for={p.id} id={p.labelId}>
          {p.label}
          {spokenRequired(p)}
        </label>
        {requiredMark(p)}
      </div>
      {help(p)}
      {/* Outside the label, so following the link never ticks the box. The schema only
          admits https URLs, so no javascript: link can reach here. */}
      {q.policyUrl ? (
        <a href={q.policyUrl} target="_blank" rel="noopener noreferrer" lang={p.uiLang}>
          {p.ui.policy}
        </a>
      ) : null}
      {p.error}
    </>
  );
}
