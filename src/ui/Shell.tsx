// The card: its container per display mode (and the widget's keyboard boundary), the title,
// progress and close button, the step, the save status and the footer buttons.
import type { Config } from "../config/schema";
import { localize, textDirection, textLanguage } from "../i18n/locale";
import { formatText, type UiText } from "../i18n/strings";
import type { StepperModel } from "./model";
import { Step, stepIds } from "./Step";

export type DisplayMode = "floating" | "inline" | "modal";

export interface ShellProps {
  config: Config;
  locale: string;
  text: UiText;
  model: StepperModel;
  mode: DisplayMode;
  /** Corner of a floating card: "bottom-right", "bottom-left", "top-right" or "top-left". */
  position: string;
  /** Prefix of every id in this widget instance. */
  idBase: string;
}

// The page's shortcuts (e.g. "/" to search) must not fire while someone types in our fields.
const stop = (e: Event) => e.stopPropagation();

/**
 * A modal is a <dialog> opened with showModal(): the top layer, an inert page and a focus trap
 * for free. Closing it before it is removed gives focus back to where it was before it opened.
 */
const openModal = (card: HTMLElement | null) => {
  const dialog = card as HTMLDialogElement | null;
  dialog?.showModal();
  return () => dialog?.close();
};

export function Shell(p: ShellProps) {
  const { model, mode, text } = p;
  if (model.closed.value) return null;
  const t = (value: Parameters<typeof localize>[0]) => localize(value, p.locale);
  const dismiss = () => void model.dismiss();
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    // Escape also cancels an IME conversion; only a plain Escape closes the form.
    if (e.key !== "Escape" || mode === "inline" || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    dismiss();
  };
  const title = t(p.config.title);
  const qid = model.currentId();
  const index = model.index.value;
  const saving = model.saving.value;
  const failed = model.saveFailed.value;
  // Kept focusable while a save is pending (a disabled button would drop focus to <body>);
  // the model ignores actions until the save settles.
  const busy = saving || undefined;
  // `lang` lets screen readers speak a Japanese card on an English page in Japanese (WCAG
  // 3.1.2); `dir` keeps an English card left-to-right on a right-to-left page.
  const lang = textLanguage(p.locale, Object.keys(p.config.strings ?? {}));
  // Floating and inline are plain regions: never a focus trap, never role=dialog.
  const Card = mode === "modal" ? "dialog" : "section";
  return (
    <Card
      ref={mode === "modal" ? openModal : undefined}
      class={mode === "floating" ? `pp fl ${p.position.replace("-", " ")}` : "pp"}
      lang={lang}
      dir={textDirection(lang)}
      aria-labelledby={title ? `${p.idBase}-title` : stepIds(p.idBase, qid).labelId}
      onKeyDown={onKeyDown}
      onKeyUp={stop}
      onKeyPress={stop}
      onCancel={(e) => {
        // A modal's Escape (or a platform back gesture): "Not now", not a silent close.
        e.preventDefault();
        dismiss();
      }}
    >
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
      <Step model={model} idBase={p.idBase} t={t} ui={text} autoFocus={mode === "modal"} />
      <p class="ss" role="status">
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
          {model.question().required ? null : (
            <button type="button" aria-disabled={busy} onClick={() => void model.skip()}>
              {text.skip}
            </button>
          )}
          <button type="button" class="b1" aria-disabled={busy} onClick={() => void model.next()}>
            {index < model.steps.value.length - 1 ? text.next : text.submit}
          </button>
        </div>
      </div>
    </Card>
  );
}
