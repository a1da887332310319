// One question on screen: its control, its error, Enter to advance and focus handling.
import { useEffect, useRef } from "preact/hooks";
import type { LocalizedText } from "../config/schema";
import { formatText, type UiText } from "../i18n/strings";
import { Field } from "./fields";
import type { StepperModel } from "./model";

export interface StepProps {
  model: StepperModel;
  /** Prefix of every id in this widget instance. */
  idBase: string;
  t(text: LocalizedText | undefined): string;
  ui: UiText;
  /** Focus the field on first render too (modal); a floating card must not steal focus on load. */
  autoFocus: boolean;
}

/** Ids of the step's elements; the card's name falls back to the label's. */
export const stepIds = (idBase: string, qid: string) => {
  const id = `${idBase}-q-${qid}`;
  return { id, labelId: `${id}-l`, helpId: `${id}-h`, errorId: `${id}-e` };
};

function focusControl(root: HTMLElement | null): void {
  const target =
    root?.querySelector<HTMLElement>("input[type=radio]:checked") ?? root?.querySelector<HTMLElement>("input,select,textarea");
  target?.focus();
}

/** Where Enter means "next": single-line fields and choices, not buttons, links or a textarea. */
function entersAdvance(target: EventTarget | null, e: KeyboardEvent): boolean {
  if (!(target instanceof Element)) return false;
  const tag = target.tagName;
  // In a textarea Enter is a new line; Ctrl/Cmd+Enter still advances, as in chat and mail apps.
  if (tag === "TEXTAREA") return e.ctrlKey || e.metaKey;
  return tag === "INPUT" || tag === "SELECT";
}

export function Step({ model, idBase, t, ui, autoFocus }: StepProps) {
  const root = useRef<HTMLDivElement>(null);
  // compositionstart/end is the sure signal; isComposing and keyCode 229 cover browsers where
  // the Enter that confirms a conversion arrives just after compositionend (Safari).
  const composing = useRef(false);
  const firstRender = useRef(true);
  const qid = model.currentId();
  const q = model.question();
  const ids = stepIds(idBase, qid);
  const error = model.errors.value[qid];
  const help = t(q.help);
  const describedBy = [help ? ids.helpId : "", error ? ids.errorId : ""].filter(Boolean).join(" ") || undefined;

  useEffect(() => {
    const first = firstRender.current;
    firstRender.current = false;
    if (!first || autoFocus) focusControl(root.current);
  }, [qid]);

  // A failed check puts focus back on the field, so its error (aria-describedby) is read out.
  useEffect(() => {
    if (error) focusControl(root.current);
  }, [error]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || e.isComposing || e.keyCode === 229 || composing.current) return;
    if (!entersAdvance(e.target, e)) return;
    e.preventDefault();
    void model.next();
  };

  return (
    <div
      class="st"
      ref={root}
      onKeyDown={onKeyDown}
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={() => (composing.current = false)}
    >
      <Field
        key={qid}
        q={q}
        id={ids.id}
        labelId={ids.labelId}
        label={t(q.label)}
        help={help}
        helpId={ids.helpId}
        describedBy={describedBy}
        invalid={error && true}
        value={model.raw()}
        onInput={model.input}
        t={t}
        ui={ui}
        today={model.today}
      />
      {error ? (
        <p class="er" id={ids.errorId}>
          {formatText(ui[error.code], error.params)}
        </p>
      ) : null}
    </div>
  );
}
