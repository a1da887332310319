// The card: its container per display mode (and the widget's keyboard boundary), the title,
// progress and close button, the question on screen with its error, the save status and the
// footer buttons; Enter to advance, Escape to close, and where focus goes.
import type { Config } from "../config/schema";
import { baseLanguage, localize, textDirection, textLanguage, textLocale } from "../i18n/locale";
import { formatText, type UiText } from "../i18n/strings";
import { Field } from "./fields";
import type { StepperModel } from "./model";

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
  /** What this showing of the card keeps between its renders (render.ts makes one per showing). */
  card: CardState;
}

/**
 * A card's own state between renders, kept by render.ts (which renders it) rather than in
 * hooks, which would add preact/hooks to the script tag for two refs and two effects.
 */
export interface CardState {
  /** The step's element, whose field takes focus. */
  step: HTMLDivElement | null;
  /** compositionstart/end: the sure signal that an input method is composing. */
  composing: boolean;
  /** The step on screen and its error, as the last render left them. */
  qid?: string;
  error?: unknown;
  /** What focus was last placed for: the step and whether the host's open() asked. */
  placedFor?: string;
  errorSeen?: unknown;
}

export const newCardState = (): CardState => ({ step: null, composing: false });

/**
 * After each render: focus moves to each new step's field, on the first one only in a modal or
 * when the host opened the form (a floating card must not steal focus on load); and a failed
 * check puts focus back on the field, so its error (aria-describedby) is read out.
 */
export function placeFocus(card: CardState, mode: DisplayMode, focus: boolean | undefined): void {
  const placeFor = `${card.qid} ${focus}`;
  if (placeFor !== card.placedFor) {
    if (card.placedFor !== undefined || mode === "modal" || focus) focusField(card.step);
    card.placedFor = placeFor;
  }
  if (card.error !== card.errorSeen) {
    if (card.error) focusField(card.step);
    card.errorSeen = card.error;
  }
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

/**
 * A floating card goes into the browser's top layer as a manual popover (no light dismiss, no
 * focus change): a transform, filter or z-index on the page's <body> can then neither anchor it
 * to the page, clip it nor cover it. Without popover support it stays position:fixed.
 * In the task after the one that rendered it: showPopover() computes the card's styles there and
 * then (about 4 ms of a 4× throttled CPU), which would lengthen the render's task, the longest
 * the widget runs; the card is on screen, position:fixed, meanwhile. Not while the page has a
 * dialog or modal of its own (its own <dialog>, a cookie consent): above it, the card would
 * cover the page's buttons and take their clicks; it stays position:fixed, under it. (One
 * left in the page hidden keeps the card from the top layer too, which only a transform or a
 * z-index of the page's could then tell.)
 */
const openFloating = (card: HTMLElement | null) => {
  if (card?.showPopover)
    setTimeout(() => {
      if (!card.isConnected || card.popover || document.querySelector("dialog[open],[aria-modal=true]")) return;
      try {
        card.popover = "manual";
        card.showPopover();
      } catch {
        // Outside every boundary here: a card the browser will not lift stays position:fixed
        // (and visible: a popover that is not showing is not displayed).
        card.removeAttribute("popover");
      }
    });
};

/** The field of the step (the chosen radio of a group), which takes focus. */
const focusField = (step: HTMLElement | null) =>
  (step?.querySelector<HTMLElement>("input[type=radio]:checked") ?? step?.querySelector<HTMLElement>("input,select,textarea"))?.focus();

/**
 * Whether the step's date holds input the browser cannot read as a value: a half-typed date has
 * the value "". (Only dates: Firefox also flags an email whose domain it cannot encode.)
 */
const unreadable = (step: HTMLElement | null) => step?.querySelector<HTMLInputElement>("[type=date]")?.validity.badInput === true;

/**
 * A step button acts on the first click of a double click only: the second one (`detail` 2)
 * comes after the step has moved on and would press the next step's button (an empty required
 * field's error, or a step skipped). Keyboard and assistive-technology clicks have `detail` 0.
 */
const firstClick = (act: () => void) => (e: MouseEvent) => {
  if (e.detail < 2) act();
};

/** Where Enter means "next" (SPEC §5): fields and choices, not buttons or links. */
function entersAdvance(e: KeyboardEvent): boolean {
  const tag = (e.target as Element).tagName;
  // In a textarea too, with a keyboard, as in Typeform (Shift+Enter makes the new line). A
  // phone's keyboard has no Shift+Enter: there its return key makes the new line, and Next
  // advances. Ctrl/Cmd+Enter advances everywhere, as in chat and mail apps.
  if (tag === "TEXTAREA") return e.ctrlKey || e.metaKey || (!e.shiftKey && !matchMedia("(pointer:coarse)").matches);
  return tag === "INPUT" || tag === "SELECT";
}

export function Shell(p: ShellProps) {
  const { model, mode, text, idBase, card } = p;
  const closed = model.closed.value;
  const qid = closed ? "" : model.currentId();
  const error = model.errors.value[qid];
  // For placeFocus, once this render is in the page.
  card.qid = qid;
  card.error = error;

  const q = model.question();
  // No step to show (the model closes itself at the end of its list): render nothing rather
  // than throw inside the host page.
  if (closed || q === undefined) return null;
  const t = (value: Parameters<typeof localize>[0]) => localize(value, p.locale);
  const id = `${idBase}-q-${qid}`;
  const ids = { id, labelId: `${id}-l`, helpId: `${id}-h` };
  const errorId = `${id}-e`;
  // `lang` lets screen readers speak a Japanese card on an English page in Japanese (WCAG
  // 3.1.2); `dir` keeps an English card left-to-right on a right-to-left page.
  const lang = textLanguage(p.locale, Object.keys(p.config.strings ?? {}));
  // The marketer's text may be in another language than the card's UI text (labels in German
  // with English buttons, or English labels on a Japanese card): the title and the step say
  // theirs, and the UI text inside the step says the card's again.
  const partLang = (value: Parameters<typeof localize>[0], around = lang) => {
    const part = textLocale(value, p.locale);
    return part !== undefined && baseLanguage(part) !== baseLanguage(around) ? part : undefined;
  };
  const dirOf = (part: string | undefined) => (part ? textDirection(part) : undefined);
  const stepLang = partLang(q.label);
  const uiLang = stepLang ? lang : undefined;
  const titleLang = partLang(p.config.title);
  const errorNote = error ? (
    // An alert as well: after Enter the focus is already in the field, so moving it there
    // again would not make a screen reader read the error.
    <p class="er" id={errorId} role="alert" lang={uiLang} dir={dirOf(uiLang)}>
      {formatText(p.text[error.code], error.params)}
    </p>
  ) : null;
  const help = t(q.help);
  const dismiss = () => void model.dismiss();
  const onKeyDown = (e: KeyboardEvent) => {
    const composing = e.isComposing || e.keyCode === 229;
    // Keys stop at the card's edge, except a plain Escape in an inline form: it does nothing
    // here, and it is the page's (a drawer or dialog of its own that the form sits in).
    if (e.key !== "Escape" || mode !== "inline" || composing) e.stopPropagation();
    if (composing) return;
    // Escape also cancels an IME conversion (above); only a plain Escape closes the form.
    if (e.key === "Escape" && mode !== "inline") {
      e.preventDefault();
      dismiss();
    } else if (e.key === "Enter" && !card.composing && entersAdvance(e)) {
      e.preventDefault();
      void model.next(unreadable(card.step));
    }
  };
  const title = t(p.config.title);
  const index = model.index.value;
  const ahead = model.ahead();
  const saving = model.saving.value;
  // Kept focusable while a save is pending (a disabled button would drop focus to <body>);
  // the model ignores actions until the save settles.
  const busy = saving || undefined;
  // Floating and inline are plain regions: never a focus trap, never role=dialog.
  const Card = mode === "modal" ? "dialog" : "section";
  return (
    <Card
      ref={mode === "modal" ? openModal : mode === "floating" ? openFloating : undefined}
      class={mode === "floating" ? `pp fl ${p.position.replace("-", " ")}` : "pp"}
      lang={lang}
      dir={textDirection(lang)}
      // Named by its title, else by a text of its own: named by the question, the card would
      // share the field's label ("Name" would find both) and change its name at every step.
      aria-labelledby={title ? `${idBase}-title` : undefined}
      aria-label={title ? undefined : text.form}
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
        {title ? (
          <h2 id={`${idBase}-title`} lang={titleLang} dir={dirOf(titleLang)}>
            {title}
          </h2>
        ) : null}
        {/* The card's status: the progress, announced as it changes. */}
        <p class="pg" role="status" aria-live="polite">
          {formatText(text.progress, { current: index + 1, total: index + 1 + ahead })}
        </p>
        {mode === "inline" ? null : (
          <button type="button" class="x" aria-label={text.close} onClick={dismiss}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      <div
        class="st"
        lang={stepLang}
        dir={dirOf(stepLang)}
        ref={(el) => void (card.step = el)}
        // isComposing and keyCode 229 (onKeyDown) cover browsers where the Enter that confirms
        // a conversion arrives just after compositionend (Safari).
        onCompositionStart={() => (card.composing = true)}
        onCompositionEnd={() => (card.composing = false)}
      >
        <Field
          key={qid}
          {...ids}
          q={q}
          label={t(q.label)}
          help={help}
          helpLang={partLang(q.help, stepLang)}
          describedBy={[help ? ids.helpId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined}
          invalid={error && true}
          value={model.raw()}
          onInput={model.input}
          t={t}
          ui={text}
          uiLang={uiLang}
          today={model.today}
          error={errorNote}
        />
      </div>
      <p class={saving || !model.saveFailed.value ? "ss" : "ss bad"} aria-live="polite">
        {saving ? text.saving : model.saveFailed.value ? text.saveFailed : ""}
      </p>
      <div class="ft">
        <button type="button" class="ln" onClick={dismiss}>
          {text.notNow}
        </button>
        {/* One group, so on a narrow card it wraps as a whole to its own row, on the right. */}
        <div class="nv">
          {index > 0 ? (
            <button type="button" aria-disabled={busy} onClick={firstClick(model.back)}>
              {text.back}
            </button>
          ) : null}
          {q.required ? null : (
            <button type="button" aria-disabled={busy} onClick={firstClick(() => void model.skip())}>
              {text.skip}
            </button>
          )}
          <button type="button" class="b1" aria-disabled={busy} onClick={firstClick(() => void model.next(unreadable(card.step)))}>
            {ahead ? text.next : text.submit}
          </button>
        </div>
      </div>
    </Card>
  );
}
