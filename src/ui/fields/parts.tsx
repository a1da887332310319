// What every field component receives, and the small pieces they share. Text from the config
// is always rendered as text nodes: Preact never parses a string as HTML.
import type { LocalizedText, Question } from "../../config/schema";
import type { UiText } from "../../i18n/strings";
import type { Raw } from "../raw";

export interface FieldProps<Q extends Question = Question> {
  q: Q;
  /** Id of the control (or the group's first control); unique per widget instance. */
  id: string;
  label: string;
  /** Id for the element holding the label text, so a card without a title can be named by it. */
  labelId: string;
  help: string;
  helpId: string;
  /** Ids of the help and error texts, for aria-describedby; undefined when neither shows. */
  describedBy: string | undefined;
  invalid: boolean;
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

/** aria-invalid only when invalid: "false" everywhere would be noise for screen readers. */
export const invalidAttr = (invalid: boolean): true | undefined => (invalid ? true : undefined);

/** The required mark is visual only; the control carries `required` for assistive tech. */
export function Mark({ required }: { required: boolean }) {
  return required ? (
    <span class="rq" aria-hidden="true">
      {" *"}
    </span>
  ) : null;
}

export function Label(p: { for: string; id: string; text: string; required: boolean }) {
  const { text, required } = p;
  return (
    <label for={p.for} id={p.id}>
      {text}
      <Mark required={required} />
    </label>
  );
}

export function Legend({ id, text, required }: { id: string; text: string; required: boolean }) {
  return (
    <legend id={id}>
      {text}
      <Mark required={required} />
    </legend>
  );
}

export function Help({ id, text }: { id: string; text: string }) {
  return text ? (
    <p class="hp" id={id}>
      {text}
    </p>
  ) : null;
}

/** String value of a single-value control (select, radio, text-like). */
export const textOf = (value: Raw): string => (typeof value === "string" ? value : "");
