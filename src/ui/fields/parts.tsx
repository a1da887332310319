// What every field component receives, and the small pieces they share. Text from the config
// is always rendered as text nodes: Preact never parses a string as HTML.
import type { LocalizedText, Question } from "../../config/schema";
import type { UiText } from "../../i18n/strings";
import type { Raw } from "../raw";

export interface FieldProps {
  q: Question;
  /** Id of the control (or the group's first control); unique per widget instance. */
  id: string;
  label: string;
  /** Id for the element holding the label text, so a card without a title can be named by it. */
  labelId: string;
  help: string;
  helpId: string;
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
  today: string;
}

/** For exhaustive switches: a new question type fails to compile until it is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled question type: ${JSON.stringify(value)}`);
}

/**
 * The question's text as a <label> of the control, a group's <legend> or a checkbox's <span>,
 * with the required mark. The mark is visual only; the control carries `required` for
 * assistive tech.
 */
export function caption(p: FieldProps, Tag: "label" | "legend" | "span" = "label") {
  return (
    <Tag for={Tag === "label" ? p.id : undefined} id={p.labelId}>
      {p.label}
      {p.q.required ? (
        <span class="rq" aria-hidden="true">
          {" *"}
        </span>
      ) : null}
    </Tag>
  );
}

export const help = (p: FieldProps) =>
  p.help ? (
    <p class="hp" id={p.helpId}>
      {p.help}
    </p>
  ) : null;
