// The config contract of SPEC §4, written once. Types (`z.infer`), runtime validation,
// dist/schema.json (`z.toJSONSchema`) and the CLI's messages all come from this module.
//
// Rules for editors (learned from VS Code's JSON language service, see README):
// strict objects at every level, one union branch per question type with its own literal
// `type`, no intersections, relative URLs allowed (uri-reference, not `z.url()`).
// For the script tag's size, each kind of zod schema used costs bytes once: so a plain
// `z.union` (messages and json-schema.ts find the branch by its `type`), `z.literal` lists
// rather than `z.enum`, `integer()` (zod.ts) rather than `z.int()`, and no `z.meta`. The
// union tries the types in turn: validating takes about 0.3 ms for a 10-question config and
// 5 ms for 300 questions (a discriminated union: 0.2 and 1.5 ms), for 0.45 KB less script.
// The editor's hover texts live in schema-docs.ts, keyed by path, and the few keywords only
// editors need (formats, examples, minProperties) in json-schema.ts, keyed by the schemas
// exported here: written here with z.meta() they would ship in the script tag for nothing.
// Cross-field rules (stage → question references, showIf order, min > max, endpoint policy)
// live in cross-field.ts, because they must run even when another part of the config is broken.
import { integer, z } from "./zod";
import {
  CREDENTIALS,
  DATE_BOUND_PATTERN,
  DEFAULTS,
  DISPLAY_MODES,
  FORMATS,
  LIMITS,
  POSITIONS,
  TODAY,
  UI_STRING_KEYS,
  type UiStringKey,
} from "./constants";

/**
 * Plain-language names of the formats below, by `String(regex)`, so that messages.ts can say
 * `expected a language tag such as "en"…` rather than quote a regular expression.
 */
export const patternHints = new Map<string, string>();
const named = (pattern: RegExp, hint: string) => {
  patternHints.set(String(pattern), hint);
  return z.regex(pattern);
};

const locale = z.string().check(named(LIMITS.localePattern, 'a language tag such as "en", "ja" or "pt-BR"'));

const nonEmptyText = z.string().check(z.minLength(1), z.maxLength(LIMITS.textLength.max));

/**
 * A map from locale to string (`{ "en": "Name", "ja": "お名前" }`). `z.minSize` only counts
 * Maps and Sets, so a record needs its own check (and its own JSON Schema keyword, so that
 * editors flag `{}` too).
 */
export const textByLocaleSchema = z
  .record(locale, nonEmptyText)
  .check(z.refine((map) => Object.keys(map).length > 0, { message: 'expected at least one locale, e.g. { "en": "…" }' }));

/** A string, or a map from locale to string. */
export const localizedTextSchema = z.union([nonEmptyText, textByLocaleSchema]);

/** A JSON scalar compared by `showIf.equals` / `showIf.in`. */
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const showIfSchema = z.union([
  z.strictObject({ question: z.string(), equals: scalar }),
  z.strictObject({ question: z.string(), in: z.array(scalar).check(z.minLength(1)) }),
  z.strictObject({ question: z.string(), answered: z.boolean() }),
]);

// Relative URLs are same-origin and welcome, so this is a URI reference, not `z.url()`.
// Which absolute URLs are allowed (https, the page's origin, http on localhost) is a
// cross-field rule in cross-field.ts, since it depends on the page.
export const urlReferenceSchema = z.string().check(z.minLength(1), z.maxLength(2048), named(/^\S+$/, "a URL without spaces"));

const autocomplete = z.string().check(z.minLength(1), z.maxLength(100));

const nonNegativeLength = integer().check(z.gte(0), z.lte(LIMITS.textLength.max));

/** A date as YYYY-MM-DD, or "today". Days that do not exist (02-30) are refused in cross-field.ts. */
export const dateBoundSchema = z
  .string()
  .check(named(DATE_BOUND_PATTERN, 'a date as YYYY-MM-DD, or "today"'));

export const optionSchema = z.strictObject({
  value: z.string().check(z.minLength(1), z.maxLength(200)),
  label: localizedTextSchema,
});

/** 1–200 choices; unique values are checked in cross-field.ts. */
const options = z.array(optionSchema).check(z.minLength(LIMITS.options.min), z.maxLength(LIMITS.options.max));

/** Keys every question type has. */
const common = {
  label: localizedTextSchema,
  help: z.optional(localizedTextSchema),
  placeholder: z.optional(localizedTextSchema),
  required: z._default(z.boolean(), false),
  showIf: z.optional(showIfSchema),
  retain: z._default(z.boolean(), false),
};

const pattern = z.string().check(z.minLength(1));

export const textQuestionSchema = z.strictObject({
  type: z.literal("text"),
  ...common,
  minLength: z.optional(nonNegativeLength),
  maxLength: z._default(nonNegativeLength.check(z.gte(1)), DEFAULTS.textMaxLength),
  pattern: z.optional(pattern),
  autocomplete: z.optional(autocomplete),
});

export const textareaQuestionSchema = z.strictObject({
  type: z.literal("textarea"),
  ...common,
  minLength: z.optional(nonNegativeLength),
  maxLength: z._default(nonNegativeLength.check(z.gte(1)), DEFAULTS.textareaMaxLength),
  pattern: z.optional(pattern),
  autocomplete: z.optional(autocomplete),
});

export const emailQuestionSchema = z.strictObject({
  type: z.literal("email"),
  ...common,
  autocomplete: z.optional(autocomplete),
});

export const telQuestionSchema = z.strictObject({
  type: z.literal("tel"),
  ...common,
  autocomplete: z.optional(autocomplete),
});

export const urlQuestionSchema = z.strictObject({
  type: z.literal("url"),
  ...common,
  autocomplete: z.optional(autocomplete),
});

export const numberQuestionSchema = z.strictObject({
  type: z.literal("number"),
  ...common,
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  step: z.optional(z.number().check(z.gt(0))),
  integer: z.optional(z.boolean()),
});

export const dateQuestionSchema = z.strictObject({
  type: z.literal("date"),
  ...common,
  min: z.optional(dateBoundSchema),
  max: z.optional(dateBoundSchema),
});

export const selectQuestionSchema = z.strictObject({
  type: z.literal("select"),
  ...common,
  options,
});

export const radioQuestionSchema = z.strictObject({
  type: z.literal("radio"),
  ...common,
  options,
});

export const multiselectQuestionSchema = z.strictObject({
  type: z.literal("multiselect"),
  ...common,
  options,
  minSelected: z.optional(integer().check(z.gte(0))),
  maxSelected: z.optional(integer().check(z.gte(1))),
});

export const policyUrlSchema = z.string().check(named(/^https:\/\/\S+$/, "an https:// URL"));

export const consentQuestionSchema = z.strictObject({
  type: z.literal("consent"),
  ...common,
  policyUrl: z.optional(policyUrlSchema),
});

export const questionSchema = z.union([
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
]);

/** Neither key given is refused in cross-field.ts; json-schema.ts lets editors flag `{}` too. */
export const stageWhenSchema = z.strictObject({
  visit: z.optional(integer().check(z.gte(1))),
  event: z.optional(z.string().check(z.minLength(LIMITS.eventName.min), z.maxLength(LIMITS.eventName.max))),
});

export const stageSchema = z.strictObject({
  when: stageWhenSchema,
  ask: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
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
  mode: z._default(z.literal(DISPLAY_MODES), DEFAULTS.displayMode),
  position: z._default(z.literal(POSITIONS), DEFAULTS.position),
  delayMs: z._default(integer().check(z.gte(LIMITS.delayMs.min), z.lte(LIMITS.delayMs.max)), DEFAULTS.delayMs),
});

export const themeSchema = z.strictObject({
  accent: z.optional(cssValue),
  radius: z.optional(cssValue),
  font: z.optional(cssValue),
});

const headerName = z.string().check(named(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name such as "Authorization"'));
const questionId = z.string().check(named(LIMITS.questionIdPattern, 'a question id: a letter, then up to 63 letters, digits, "_" or "-"'));

export const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: z.string().check(named(LIMITS.idPattern, '1–64 characters, each a-z, 0-9, "_" or "-"')),
  version: integer().check(z.gte(1)),
  endpoint: z.optional(urlReferenceSchema),
  format: z._default(z.literal(FORMATS), DEFAULTS.format),
  headers: z.optional(z.record(headerName, z.string().check(z.maxLength(8192)))),
  credentials: z._default(z.literal(CREDENTIALS), DEFAULTS.credentials),
  profileUrl: z.optional(urlReferenceSchema),
  locale: z.optional(locale),
  maxQuestionsPerVisit: z._default(
    integer().check(z.gte(LIMITS.maxQuestionsPerVisit.min), z.lte(LIMITS.maxQuestionsPerVisit.max)),
    DEFAULTS.maxQuestionsPerVisit,
  ),
  snoozeVisits: z._default(integer().check(z.gte(LIMITS.snoozeVisits.min), z.lte(LIMITS.snoozeVisits.max)), DEFAULTS.snoozeVisits),
  visitTimeoutMinutes: z._default(
    z.number().check(z.gte(LIMITS.visitTimeoutMinutes.min), z.lte(LIMITS.visitTimeoutMinutes.max)),
    DEFAULTS.visitTimeoutMinutes,
  ),
  display: z._default(displaySchema, {
    mode: DEFAULTS.displayMode,
    position: DEFAULTS.position,
    delayMs: DEFAULTS.delayMs,
  }),
  theme: z.optional(themeSchema),
  title: z.optional(localizedTextSchema),
  stages: z.array(stageSchema).check(z.minLength(1)),
  questions: z.record(questionId, questionSchema),
  strings: z.optional(z.record(locale, uiStringsSchema)),
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
