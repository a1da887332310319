// The card's content: title, progress, close, the step, status and the footer buttons.
import type { Config } from "../config/schema";
import { localize } from "../i18n/locale";
import { formatText, type UiText } from "../i18n/strings";
import type { StepperModel } from "./model";
import { Step, stepIds } from "./Step";

export type DisplayMode = "floating" | "inline" | "modal";

export interface StepperProps {
  config: Config;
  locale: string;
  text: UiText;
  model: StepperModel;
  mode: DisplayMode;
  idBase: string;
}

/** Id of the element that names the card: the title, or the question's label without one. */
export function cardLabelId(p: Pick<StepperProps, "config" | "locale" | "idBase" | "model">): string | undefined {
  if (localize(p.config.title, p.locale)) return `${p.idBase}-title`;
  const qid = p.model.currentId.value;
  return qid === null ? undefined : stepIds(p.idBase, qid).labelId;
}

export function Stepper(p: StepperProps) {
  const { model, text, mode } = p;
  const q = model.question.value;
  const qid = model.currentId.value;
  if (!q || qid === null) return null;
  const t = (value: Parameters<typeof localize>[0]) => localize(value, p.locale);
  const index = model.index.value;
  const saving = model.saving.value;
  const failed = model.saveFailed.value;
  // Kept focusable while a save is pending (a disabled button would drop focus to <body>);
  // the model ignores actions until the save settles.
  const busy = saving || undefined;
  const dismiss = () => void model.dismiss();
  const title = t(p.config.title);
  return (
    <>
      <div class="hd">
        {title ? <h2 id={`${p.idBase}-title`}>{title}</h2> : null}
        <p class="pg" aria-live="polite">
          {formatText(text.progress, { current: index + 1, total: model.steps.value.length })}
        </p>
        {mode === "inline" ? null : (
          <button type="button" class="x" aria-label={text.close} onClick={dismiss}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      <Step model={model} q={q} qid={qid} idBase={p.idBase} t={t} ui={text} autoFocus={mode === "modal"} />
      <p class={failed && !saving ? "ss bad" : "ss"} role="status">
        {saving ? text.saving : failed ? text.saveFailed : ""}
      </p>
      <div class="ft">
        <button type="button" class="ln" onClick={dismiss}>
          {text.notNow}
        </button>
        {/* One group, so on a narrow card it wraps as a whole to its own row, on the right. */}
        <div class="nv">
          {index > 0 ? (
            <button type="button" aria-disabled={busy} onClick={model.back}>
              {text.back}
            </button>
          ) : null}
          {model.canSkip.value ? (
            <button type="button" aria-disabled={busy} onClick={() => void model.skip()}>
              {text.skip}
            </button>
          ) : null}
          <button type="button" class="b1" aria-disabled={busy} onClick={() => void model.next()}>
            {model.isLast.value ? text.submit : text.next}
          </button>
        </div>
      </div>
    </>
  );
}
