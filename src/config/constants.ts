// Plain constants of the config contract (SPEC §4), kept free of zod so that the core,
// the UI and the CLI can read them without pulling the schema in.

export const QUESTION_TYPES = [
  "text",
  "textarea",
  "email",
  "tel",
  "url",
  "number",
  "date",
  "select",
  "radio",
  "multiselect",
  "consent",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const FORMATS = ["json", "form", "segment"] as const;
export const CREDENTIALS = ["omit", "include"] as const;
export const DISPLAY_MODES = ["floating", "inline", "modal"] as const;
export const POSITIONS = ["bottom-right", "bottom-left", "top-right", "top-left"] as const;

/** A text question's default `maxLength` (cross-field.ts checks `minLength` against it). */
export const DEFAULT_TEXT_MAX_LENGTH = 500;
/** A textarea question's default `maxLength`. */
export const DEFAULT_TEXTAREA_MAX_LENGTH = 5000;

/** The longest event name a stage's `when.event` may give (longer ones no stage can wait for). */
export const EVENT_NAME_MAX = 64;

/** Id and locale formats, which the delivered message and the UI's locale choice check too. */
export const LIMITS = {
  idPattern: /^[a-z0-9_-]{1,64}$/,
  questionIdPattern: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
  // Not a country's code written for its language ("jp" for Japanese "ja", "cn" for "zh"…): no
  // language has these codes, so text under them would never be shown.
  localePattern: /^(?!(?:[Jj][Pp]|[Cc][Nn]|[Gg][Rr]|[Dd][Kk]|[Cc][Zz]|[Uu][Aa])(?:-|$))[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
} as const;

/** Default `autocomplete` per type, so browsers fill what they already know. */
export const DEFAULT_AUTOCOMPLETE: Partial<Record<QuestionType, string>> = {
  email: "email",
  tel: "tel",
  url: "url",
};

/** Built-in UI text keys (SPEC §4); every one is overridable per locale in `strings`. */
export const UI_STRING_KEYS = [
  "next",
  "back",
  "submit",
  "skip",
  "notNow",
  "close",
  "progress",
  "required",
  "saving",
  "saveFailed",
  "tooShort",
  "tooLong",
  "pattern",
  "email",
  "tel",
  "url",
  "number",
  "integer",
  "min",
  "max",
  "step",
  "date",
  "dateMin",
  "dateMax",
  "option",
  "minSelected",
  "maxSelected",
  "consent",
  "policy",
  "form",
  "requiredMark",
] as const;
export type UiStringKey = (typeof UI_STRING_KEYS)[number];

/** `"today"` in a date question's `min`/`max` means the person's current date. */
export const TODAY = "today";

/** A date question's `min`/`max`: YYYY-MM-DD or "today" (whether the day exists is checked apart). */
export const DATE_BOUND_PATTERN = /^(today|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/;
