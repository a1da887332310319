// What every field component receives, and the small pieces they share. Text from the config
// is always rendered as text nodes: Preact never parses a string as HTML.
import type { LocalizedText, Question } from "../../config/schema";
import type { UiText } from "../../i18n/strings";
import type { ComponentChild } from "preact";
import type { Raw } from "../raw";
import { textDirection } from "../../i18n/locale";

export interface FieldProps {
  q: Question;
  /** Id of the control (or the group's first control); unique per widget instance. */
  id: string;
  label: string;
  /** Id of the element holding the question's text (test tools find the step on screen by it). */
  labelId: string;
  help: string;
  helpId: string;
  /** The help's language, when it is another than the question's (a label left in one language, its help translated). */
  helpLang?: string | undefined;
  /** Ids of the help and error texts, for aria-describedby; undefined when neither shows. */
  describedBy: string | undefined;
  /** aria-invalid only when invalid: "false" everywhere would be noise for screen readers. */
  invalid: true | undefined;
  /** The control's raw value, of the shape its type has (see raw.ts). */
  value: Raw;
  onInput(raw: Raw): void;
  /** LocalizedText → the widget's language. */
  t(text: LocalizedText | undefined): string;
  ui: UiText;
  /** The card's language, when the step's own text is in another one (for UI text inside the step). */
  uiLang?: string | undefined;
  today: string;
  /** The error text, when there is one: each kind of field puts it where it is seen (after its control; a group of choices above its choices). */
  error: ComponentChild;
}

/**
 * Whether the control tells a screen reader itself that it is required (`required`). Chromium
 * does so for text-like inputs only: on a date, a select, a radio or a checkbox not yet filled
 * in it reads `required` as "invalid" at once, and has no required state there (`aria-required`
 * neither).
 */
export const requiredItself = (q: Question) => q.required && !/^(date|select|radio|multiselect|consent)$/.test(q.type);

/** The required mark, seen only. */
export const requiredMark = (p: FieldProps) =>
  p.q.required ? (
    <span class="rq" aria-hidden="true">
      {" *"}
    </span>
  ) : null;

/**
 * "required" in words that a screen reader says and no one sees, in the name of a control that
 * cannot say it itself (after a space: the name is also read from the text, as test tools do).
 */
export const spokenRequired = (p: FieldProps) => (p.q.required && !requiredItself(p.q) ? <span class="vh" lang={p.uiLang}> {p.ui.requiredMark}</span> : null);

/**
 * The question's text as the <label> of its control (the question's text, and the unseen
 * "required" where the control cannot say it; the star beside it) or a group's <legend>.
 */
export const caption = (p: FieldProps, Tag: "label" | "legend" = "label") =>
  Tag === "legend" ? (
    <legend id={p.labelId}>
      {p.label}
      {requiredMark(p)}
      {spokenRequired(p)}
    </legend>
  ) : (
    <div class="lb">
      <label for={p.id} id={p.labelId}>
        {p.label}
        {spokenRequired(p)}
      </label>
      {requiredMark(p)}
    </div>
  );

export const help = (p: FieldProps) =>
  p.help ? (
    <p class="hp" id={p.helpId} lang={p.helpLang} dir={p.helpLang ? textDirection(p.helpLang) : undefined}>
      {p.help}
    </p>
  ) : null;
