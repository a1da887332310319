// "Known from the CRM": one field per question, in the question's own terms (a choice
// offers its options), empty meaning unknown. What is filled in is passed to the plan and to
// the preview as `known`, the way a host passes data-known.
import type { Config, Question } from "../../src/config/schema";
import { localize } from "../../src/i18n/locale";
import { questionName } from "./explain";

export interface KnownAnswersProps {
  config: Config;
  values: Record<string, string>;
  onChange(id: string, value: string): void;
}

export function KnownAnswers({ config, values, onChange }: KnownAnswersProps) {
  const ids = Object.keys(config.questions);
  const filled = ids.filter((id) => (values[id] ?? "").trim() !== "").length;
  return (
    <details class="known panel">
      <summary>Known from the CRM ({filled === 0 ? "nothing" : filled === 1 ? "1 answer" : `${filled} answers`})</summary>
      <p class="hint">What your CRM already knows is never asked. Leave a field empty for “unknown”.</p>
      <div class="known-grid">
        {ids.map((id) => (
          <div class="field" key={id}>
            <label for={`known-${id}`}>{questionName(config, id)}</label>
            <KnownInput id={`known-${id}`} question={config.questions[id]!} value={values[id] ?? ""} onInput={(v) => onChange(id, v)} />
          </div>
        ))}
      </div>
    </details>
  );
}

function KnownInput({ id, question, value, onInput }: { id: string; question: Question; value: string; onInput(value: string): void }) {
  const change = (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => onInput(e.currentTarget.value);
  switch (question.type) {
    case "select":
    case "radio":
      return (
        <select id={id} value={value} onChange={change}>
          <option value="">unknown</option>
          {question.options.map((o) => (
            <option key={o.value} value={o.value}>
              {localize(o.label, "en")}
            </option>
          ))}
        </select>
      );
    case "consent":
      return (
        <select id={id} value={value} onChange={change}>
          <option value="">unknown</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      );
    case "number":
      return <input id={id} type="number" value={value} onInput={change} placeholder="unknown" />;
    case "multiselect":
      return <input id={id} value={value} onInput={change} placeholder="values, comma-separated" />;
    default:
      return <input id={id} value={value} onInput={change} placeholder="unknown" />;
  }
}
