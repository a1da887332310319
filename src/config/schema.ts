// The config contract of SPEC §4, written once. Types (`z.infer`), runtime validation,
// dist/schema.json (`z.toJSONSchema`) and the CLI's messages all come from this module.
//
// Rules for editors (learned from VS Code's JSON language service, see README):
// strict objects at every level, one union branch per question type with its own literal
// discriminator, no intersections, relative URLs allowed, descriptions on what marketers touch.
// Cross-field rules (stage → question references, showIf order, min > max, endpoint policy)
// live in validate.ts, because they must run even when another part of the config is broken.
import { z } from "./zod";
import {
  CREDENTIALS,
  DEFAULTS,
  DISPLAY_MODES,
  FORMATS,
  LIMITS,
  POSITIONS,
  TODAY,
  UI_STRING_KEYS,
  type UiStringKey,
} from "./constants";

const describe = z.describe;

/**
 * Plain-language names of the formats below, by `String(regex)`, so that messages.ts can say
 * "expected a language tag such as "en"…" rather than quote a regular expression.
 */
export const patternHints = new Map<string, string>();
const named = (pattern: RegExp, hint: string) => {
  patternHints.set(String(pattern), hint);
  return z.regex(pattern);
};

const locale = z.string().check(named(LIMITS.localePattern, 'a language tag such as "en", "ja" or "pt-BR"'));

/** A string, or a map from locale to string (`{ "en": "Name", "ja": "お名前" }`). */
export const localizedTextSchema = z.union([
  z.string().check(z.minLength(1), z.maxLength(LIMITS.textLength.max)),
  z
    .record(locale, z.string().check(z.minLength(1), z.maxLength(LIMITS.textLength.max)))
    // `z.minSize` only counts Maps and Sets; a record needs its own check (and its own
    // JSON Schema keyword, so that editors flag `{}` too).
    .check(
      z.refine((map) => Object.keys(map).length > 0, { message: 'expected at least one locale, e.g. { "en": "…" }' }),
      z.meta({ minProperties: 1 }),
    ),
]).check(describe('Text shown to people: a string, or a map from locale to string such as { "en": "Name", "ja": "お名前" }.'));

/** A JSON scalar compared by `showIf.equals` / `showIf.in` and used as an option value. */
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const showIfSchema = z
  .union([
    z.strictObject({
      question: z.string().check(describe("Id of the question whose answer decides.")),
      equals: scalar.check(describe("Show when that answer equals this value.")),
    }),
    z.strictObject({
      question: z.string().check(describe("Id of the question whose answer decides.")),
      in: z.array(scalar).check(z.minLength(1), describe("Show when that answer is one of these values.")),
    }),
    z.strictObject({
      question: z.string().check(describe("Id of the question whose answer decides.")),
      answered: z.boolean().check(describe("true: show once that question is answered; false: show while it is not.")),
    }),
  ])
  .check(describe("Ask this question only when another question's answer matches."));

// Relative URLs are same-origin and welcome, so this is a URI reference, not `z.url()`.
// Which absolute URLs are allowed (https, the page's origin, http on localhost) is a
// cross-field rule in cross-field.ts, since it depends on the page.
const urlReference = z
  .string()
  .check(z.minLength(1), z.maxLength(2048), named(/^\S+$/, "a URL without spaces"), z.meta({ format: "uri-reference" }))
  .check(describe("An https URL, a URL relative to the page, or http on localhost / 127.0.0.1."));

const autocomplete = z
  .string()
  .check(z.minLength(1), z.maxLength(100), describe('HTML autocomplete token, e.g. "name", "email", "organization".'));

const nonNegativeLength = z.int().check(z.gte(0), z.lte(LIMITS.textLength.max));

/** A date as YYYY-MM-DD, or "today". Days that do not exist (02-30) are refused in cross-field.ts. */
const dateBound = z
  .string()
  .check(
    named(/^(today|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/, 'a date as YYYY-MM-DD, or "today"'),
    z.meta({ examples: [TODAY, "2000-01-01"] }),
    describe('A date as YYYY-MM-DD, or "today" (the person\'s current date).'),
  );

export const optionSchema = z.strictObject({
  value: z.string().check(z.minLength(1), z.maxLength(200), describe("What is delivered when this option is chosen.")),
  label: localizedTextSchema,
});

const options = z
  .array(optionSchema)
  .check(
    z.minLength(LIMITS.options.min),
    z.maxLength(LIMITS.options.max),
    describe("The choices, 1–200, each with a unique value."),
  );

/** Keys every question type has. */
const common = {
  label: localizedTextSchema.check(describe("The question, shown as the field's label.")),
  help: z.optional(localizedTextSchema.check(describe("A hint shown under the label."))),
  placeholder: z.optional(localizedTextSchema.check(describe("Shown inside an empty field."))),
  required: z._default(
    z.boolean().check(describe("true: the question cannot be skipped on its own (the form can still be dismissed).")),
    false,
  ),
  showIf: z.optional(showIfSchema),
  retain: z._default(
    z.boolean().check(describe("true: keep the answer on this device after it is delivered (otherwise only the fact it was answered is kept).")),
    false,
  ),
};

const typeLiteral = <T extends string>(type: T, text: string) => z.literal(type).check(describe(text));

export const textQuestionSchema = z.strictObject({
  type: typeLiteral("text", "A one-line text field."),
  ...common,
  minLength: z.optional(nonNegativeLength.check(describe("Fewest characters accepted."))),
  maxLength: z._default(nonNegativeLength.check(describe("Most characters accepted (default 500)."), z.gte(1)), DEFAULTS.textMaxLength),
  pattern: z.optional(z.string().check(z.minLength(1), describe("A regular expression the whole answer must match."))),
  autocomplete: z.optional(autocomplete),
});

export const textareaQuestionSchema = z.strictObject({
  type: typeLiteral("textarea", "A multi-line text field."),
  ...common,
  minLength: z.optional(nonNegativeLength.check(describe("Fewest characters accepted."))),
  maxLength: z._default(nonNegativeLength.check(describe("Most characters accepted (default 5000)."), z.gte(1)), DEFAULTS.textareaMaxLength),
  pattern: z.optional(z.string().check(z.minLength(1), describe("A regular expression the whole answer must match."))),
  autocomplete: z.optional(autocomplete),
});

export const emailQuestionSchema = z.strictObject({
  type: typeLiteral("email", "An email address."),
  ...common,
  autocomplete: z.optional(autocomplete),
});

export const telQuestionSchema = z.strictObject({
  type: typeLiteral("tel", "A phone number."),
  ...common,
  autocomplete: z.optional(autocomplete),
});

export const urlQuestionSchema = z.strictObject({
  type: typeLiteral("url", "A web address."),
  ...common,
  autocomplete: z.optional(autocomplete),
});

export const numberQuestionSchema = z.strictObject({
  type: typeLiteral("number", "A number."),
  ...common,
  min: z.optional(z.number().check(describe("Smallest number accepted."))),
  max: z.optional(z.number().check(describe("Largest number accepted."))),
  step: z.optional(z.number().check(z.gt(0), describe("Accepted numbers are min + a multiple of step (or a multiple of step)."))),
  integer: z.optional(z.boolean().check(describe("true: whole numbers only."))),
});

export const dateQuestionSchema = z.strictObject({
  type: typeLiteral("date", "A date, delivered as YYYY-MM-DD."),
  ...common,
  min: z.optional(dateBound.check(describe('Earliest date accepted: YYYY-MM-DD or "today".'))),
  max: z.optional(dateBound.check(describe('Latest date accepted: YYYY-MM-DD or "today".'))),
});

export const selectQuestionSchema = z.strictObject({
  type: typeLiteral("select", "A drop-down list; one choice."),
  ...common,
  options,
});

export const radioQuestionSchema = z.strictObject({
  type: typeLiteral("radio", "Radio buttons; one choice."),
  ...common,
  options,
});

export const multiselectQuestionSchema = z.strictObject({
  type: typeLiteral("multiselect", "Checkboxes; several choices, delivered as a list."),
  ...common,
  options,
  minSelected: z.optional(z.int().check(z.gte(0), describe("Fewest choices accepted."))),
  maxSelected: z.optional(z.int().check(z.gte(1), describe("Most choices accepted."))),
});

export const consentQuestionSchema = z.strictObject({
  type: typeLiteral("consent", "A checkbox to agree to something; delivered as true/false."),
  ...common,
  policyUrl: z.optional(
    z.string().check(
      named(/^https:\/\/\S+$/, "an https:// URL"),
      z.meta({ format: "uri" }),
      describe("An https link to the policy, shown beside the label."),
    ),
  ),
});

export const questionSchema = z
  .discriminatedUnion("type", [
    textQuestionSchema,
    textareaQuestionSchema,
    emailQuestionSchema,
    telQuestionSchema,
    urlQuestionSchema,
    numberQuestionSchema,
    dateQuestionSchema,
    selectQuestionSchema,
    radioQuestionSchema,
    multiselectQuestionSchema,
    consentQuestionSchema,
  ])
  .check(describe("One question. `type` decides the control and which other keys it takes."));

export const stageSchema = z.strictObject({
  when: z
    .strictObject({
      visit: z.optional(z.int().check(z.gte(1), describe("Due from this visit number on (1 = first visit)."))),
      event: z.optional(
        z.string().check(
          z.minLength(LIMITS.eventName.min),
          z.maxLength(LIMITS.eventName.max),
          describe('Due once the host has called track("this event"), e.g. "purchase".'),
        ),
      ),
    })
    // Neither key set is refused in cross-field.ts; `minProperties` lets editors flag `{}` too.
    .check(
      z.meta({ minProperties: 1 }),
      describe("When this stage is due: at `visit` or later, or once `event` is tracked (either is enough; give at least one)."),
    ),
  ask: z
    .array(z.string().check(z.minLength(1)))
    .check(z.minLength(1), describe("Question ids, in the order they are asked.")),
});

const uiStringShape = Object.fromEntries(
  UI_STRING_KEYS.map((key) => [key, z.optional(z.string().check(z.maxLength(1000)))]),
) as { [K in UiStringKey]: z.ZodMiniOptional<z.ZodMiniString<string>> };

export const uiStringsSchema = z.strictObject(uiStringShape);

const cssValue = z.string().check(
  z.minLength(1),
  z.maxLength(200),
  // Theme values become CSS custom properties; `url(` would let a config make the page
  // request another origin, and braces or semicolons have no place in one value.
  // No `i` flag: JSON Schema patterns have no flags, so the case-insensitivity is spelt out.
  named(
    /^(?![\s\S]*[Uu][Rr][Ll]\()(?![\s\S]*@[Ii][Mm][Pp][Oo][Rr][Tt])[^;{}<>\\]+$/,
    'one CSS value, without url(), @import, ";", "{", "}", "<", ">" or "\\"',
  ),
);

export const displaySchema = z.strictObject({
  mode: z._default(
    z.enum(DISPLAY_MODES).check(describe("floating: a card in a corner; inline: inside the page (data-target); modal: a dialog.")),
    DEFAULTS.displayMode,
  ),
  position: z._default(z.enum(POSITIONS).check(describe("Corner of the floating card.")), DEFAULTS.position),
  delayMs: z._default(
    z.int().check(z.gte(LIMITS.delayMs.min), z.lte(LIMITS.delayMs.max), describe("Wait this long after load before showing.")),
    DEFAULTS.delayMs,
  ),
});

export const themeSchema = z.strictObject({
  accent: z.optional(cssValue.check(describe('Accent colour, e.g. "#4f46e5".'))),
  radius: z.optional(cssValue.check(describe('Corner radius, e.g. "8px".'))),
  font: z.optional(cssValue.check(describe('Font family; "inherit" (default) uses the page\'s.'))),
});

export const configSchema = z.strictObject({
  $schema: z.optional(z.string().check(describe("Where editors find this file's JSON Schema. Ignored by the widget."))),
  id: z.string().check(named(LIMITS.idPattern, '1–64 characters, each a-z, 0-9, "_" or "-"'), describe("This question sequence's id: 1–64 of a-z, 0-9, _ and -.")),
  version: z.int().check(z.gte(1), describe("Bump when the questions change; delivered with every answer.")),
  endpoint: z.optional(urlReference.check(describe("Where answers are POSTed. The script tag's data-endpoint overrides it."))),
  format: z._default(
    z.enum(FORMATS).check(describe("Body of each delivery: json, form (x-www-form-urlencoded) or segment (a Segment identify call).")),
    DEFAULTS.format,
  ),
  headers: z.optional(
    z
      .record(z.string().check(named(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "an HTTP header name such as \"Authorization\"")), z.string().check(z.maxLength(8192)))
      .check(describe('Extra request headers sent with each delivery, e.g. { "Authorization": "Bearer public-key" }.')),
  ),
  credentials: z._default(
    z.enum(CREDENTIALS).check(describe("include: send the page's cookies with deliveries (the backend must allow it).")),
    DEFAULTS.credentials,
  ),
  profileUrl: z.optional(urlReference.check(describe("Optional GET returning { traits } the backend already knows; those questions are not asked."))),
  locale: z.optional(locale.check(describe('Default UI language, e.g. "en" or "ja".'))),
  maxQuestionsPerVisit: z._default(
    z.int().check(
      z.gte(LIMITS.maxQuestionsPerVisit.min),
      z.lte(LIMITS.maxQuestionsPerVisit.max),
      describe("At most this many questions per visit, 1–20 (default 3)."),
    ),
    DEFAULTS.maxQuestionsPerVisit,
  ),
  snoozeVisits: z._default(
    z.int().check(
      z.gte(LIMITS.snoozeVisits.min),
      z.lte(LIMITS.snoozeVisits.max),
      describe('After "Not now" or Skip, wait this many visits before asking again (default 1).'),
    ),
    DEFAULTS.snoozeVisits,
  ),
  visitTimeoutMinutes: z._default(
    z.number().check(
      z.gte(LIMITS.visitTimeoutMinutes.min),
      z.lte(LIMITS.visitTimeoutMinutes.max),
      describe("A new visit starts after this many minutes without activity (default 30)."),
    ),
    DEFAULTS.visitTimeoutMinutes,
  ),
  display: z._default(displaySchema.check(describe("How the form is shown.")), {
    mode: DEFAULTS.displayMode,
    position: DEFAULTS.position,
    delayMs: DEFAULTS.delayMs,
  }),
  theme: z.optional(themeSchema.check(describe("Colours, corner radius and font, as CSS values."))),
  title: z.optional(localizedTextSchema.check(describe("Heading of the form."))),
  stages: z
    .array(stageSchema)
    .check(z.minLength(1), describe("The sequence: which questions are asked at which visit or after which event.")),
  questions: z
    .record(z.string().check(named(LIMITS.questionIdPattern, 'a question id: a letter, then up to 63 letters, digits, "_" or "-"')), questionSchema)
    .check(describe("Every question, by id. The id is the key its answer is delivered under.")),
  strings: z.optional(
    z.record(locale, uiStringsSchema).check(describe('Overrides of built-in UI text by locale and key, e.g. { "ja": { "next": "次へ" } }.')),
  ),
});

/** A config as written by a marketer (defaults not yet applied). */
export type ConfigInput = z.input<typeof configSchema>;
/** A validated config with every default applied. */
export type Config = z.output<typeof configSchema>;
export type Question = z.output<typeof questionSchema>;
export type Stage = z.output<typeof stageSchema>;
export type ShowIf = z.output<typeof showIfSchema>;
export type LocalizedText = z.output<typeof localizedTextSchema>;
export type Option = z.output<typeof optionSchema>;
export type UiStrings = z.output<typeof uiStringsSchema>;
export type Theme = z.output<typeof themeSchema>;
export type Display = z.output<typeof displaySchema>;
export type QuestionOf<T extends Question["type"]> = Extract<Question, { type: T }>;

export { TODAY };
