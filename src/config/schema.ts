// The config contract of SPEC §4, written once. Types (`z.infer`), runtime validation,
// dist/schema.json (`z.toJSONSchema`) and the CLI's messages all come from this module.
// Limits and defaults are written where they apply (`integer(z.gte(1), z.lte(20))`, default 3),
// so this reads as the contract does; constants.ts keeps what other modules read too.
//
// Rules for editors (learned from VS Code's JSON language service, see README):
// strict objects at every level, one union branch per question type with its own literal
// `type`, no intersections, relative URLs allowed (uri-reference, not `z.url()`).
// For the script tag's size, each kind of zod schema used costs bytes once: so a plain
// `z.union` (messages and json-schema.ts find the branch by its `type`), `z.literal` lists
// rather than `z.enum`, `integer()` (zod.ts) rather than `z.int()`, and no `z.meta`. The
// union tries the types in turn: validating takes about 0.3 ms for a 10-question config and
// 5 ms for 300 questions (a discriminated union: 0.2 and 1.5 ms), for 0.45 KB less script;
// validate.ts parses with zod's abortEarly first, so a type that is not the question's stops
// at its `type` key. (Fewer schema instances would not make the first build cheaper: in a fresh
// page it is zod's code running for the first time, ~6 ms at 1× CPU, and building the same
// schema again takes ~1 ms; 171 instances instead of 217 measured the same.)
// The editor's hover texts live in schema-docs.ts, keyed by path, and the few keywords only
// editors need (formats, examples, minProperties) in json-schema.ts, which finds the schemas
// they belong to by where they are used: written here with z.meta() they would ship in the
// script tag for nothing.
// Cross-field rules (stage → question references, showIf order, min > max, endpoint policy)
// live in cross-field.ts, because they must run even when another part of the config is broken.
//
// The schema is built on first use (`getConfigSchema()`), not when the script loads: building
// it was the largest part of the script tag's evaluation (~30 ms of a 4× throttled CPU), and
// the widget can give it a task of its own (validate.ts `prepareValidation`). Sub-schemas used
// in several places are built once and shared.
import { buildJitless, integer, z } from "./zod";
import {
  CREDENTIALS,
  DATE_BOUND_PATTERN,
  DEFAULT_TEXT_MAX_LENGTH,
  DEFAULT_TEXTAREA_MAX_LENGTH,
  DISPLAY_MODES,
  EVENT_NAME_MAX,
  FORMATS,
  LIMITS,
  POSITIONS,
  UI_STRING_KEYS,
  type UiStringKey,
} from "./constants";

/** The longest text a config may give anywhere, and so the largest minLength / maxLength. */
const MAX_TEXT = 100_000;

const NO_SPACES = /^\S+$/;
const HTTPS_URL = /^https:\/\/\S+$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
// What fetch() can send as a header value: no line breaks, nothing beyond Latin-1 (the browser
// refuses the request before it leaves, and every delivery would fail as a network error).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Theme values become CSS custom properties; `url(` would let a config make the page
// request another origin, and braces or semicolons have no place in one value.
// No `i` flag: JSON Schema patterns have no flags, so the case-insensitivity is spelt out.
const CSS_VALUE = /^(?![\s\S]*[Uu][Rr][Ll]\()(?![\s\S]*@[Ii][Mm][Pp][Oo][Rr][Tt])[^;{}<>\\]+$/;

/**
 * Plain-language names of the formats the schemas check, by `String(regex)`, so that
 * messages.ts can say `expected a language tag such as "en"…` rather than quote a regular
 * expression. A plain table, ready before any schema is built (server.ts explains a delivered
 * message's `configId` with the config id's name).
 */
export const patternHints = new Map(
  (
    [
      [LIMITS.localePattern, 'a language tag such as "en", "ja" (not the country code "jp") or "pt-BR"'],
      [NO_SPACES, "a URL without spaces"],
      [DATE_BOUND_PATTERN, 'a date as YYYY-MM-DD, or "today"'],
      [HTTPS_URL, "an https:// URL"],
      [CSS_VALUE, 'one CSS value, without url(), @import, ";", "{", "}", "<", ">" or "\\"'],
      [HEADER_NAME, 'an HTTP header name such as "Authorization"'],
      [HEADER_VALUE, "a header value: one line of Latin-1 text"],
      [LIMITS.questionIdPattern, 'a question id: a letter, then up to 63 letters, digits, "_" or "-"'],
      [LIMITS.idPattern, '1–64 characters, each a-z, 0-9, "_" or "-"'],
    ] as const
  ).map(([pattern, hint]) => [String(pattern), hint]),
);

function buildConfigSchema() {
  const matching = (pattern: RegExp) => z.string().check(z.regex(pattern));
  const locale = matching(LIMITS.localePattern);
  const nonEmptyString = z.string().check(z.minLength(1));
  /** A string of 1 to `max` characters, with any further checks after the length ones. */
  const text = (max: number, ...checks: z.core.$ZodCheck<string>[]) => z.string().check(z.minLength(1), z.maxLength(max), ...checks);
  const nonEmptyText = text(MAX_TEXT);

  /**
   * A map from locale to string (`{ "en": "Name", "ja": "お名前" }`). `z.minSize` only counts
   * Maps and Sets, so a record needs its own check (and its own JSON Schema keyword, so that
   * editors flag `{}` too).
   */
  const textByLocale = z
    .record(locale, nonEmptyText)
    .check(z.refine((map) => Object.keys(map).length > 0, { message: 'expected at least one locale, e.g. { "en": "…" }' }));

  /** A string, or a map from locale to string. */
  const localizedText = z.union([nonEmptyText, textByLocale]);
  const optionalText = z.optional(localizedText);

  /** A JSON scalar compared by `showIf.equals` / `showIf.in`. */
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  const questionRef = z.string();

  const showIf = z.union([
    z.strictObject({ question: questionRef, equals: scalar }),
    z.strictObject({ question: questionRef, in: z.array(scalar).check(z.minLength(1)) }),
    z.strictObject({ question: questionRef, answered: z.boolean() }),
  ]);

  // Relative URLs are same-origin and welcome, so this is a URI reference, not `z.url()`.
  // Which absolute URLs are allowed (https, the page's origin, http on localhost) is a
  // cross-field rule in cross-field.ts, since it depends on the page.
  const urlReference = text(2048, z.regex(NO_SPACES));

  const autocomplete = z.optional(text(100));
  const flag = z._default(z.boolean(), false);

  const minLength = z.optional(integer(z.gte(0), z.lte(MAX_TEXT)));

  /** A date as YYYY-MM-DD, or "today". Days that do not exist (02-30) are refused in cross-field.ts. */
  const dateBound = z.optional(matching(DATE_BOUND_PATTERN));

  const option = z.strictObject({
    value: text(200),
    label: localizedText,
  });

  /** 1–200 choices; unique values are checked in cross-field.ts. */
  const options = z.array(option).check(z.minLength(1), z.maxLength(200));

  const optionalShowIf = z.optional(showIf);

  /** A question of this type: the keys every type has, and its own. */
  const questionType = <T extends string, S extends Record<string, z.core.SomeType>>(type: T, own: S) =>
    z.strictObject({
      type: z.literal(type),
      label: localizedText,
      help: optionalText,
      placeholder: optionalText,
      required: flag,
      showIf: optionalShowIf,
      retain: flag,
      ...own,
    });

  const pattern = z.optional(nonEmptyString);
  const positiveLength = integer(z.gte(1), z.lte(MAX_TEXT));
  const textual = (maxLength: number) => ({
    minLength,
    maxLength: z._default(positiveLength, maxLength),
    pattern,
    autocomplete,
  });
  const withAutocomplete = { autocomplete };
  const choice = { options };
  const optionalNumber = z.optional(z.number());

  const question = z.union([
    questionType("text", textual(DEFAULT_TEXT_MAX_LENGTH)),
    questionType("textarea", textual(DEFAULT_TEXTAREA_MAX_LENGTH)),
    questionType("email", withAutocomplete),
    questionType("tel", withAutocomplete),
    questionType("url", withAutocomplete),
    questionType("number", {
      min: optionalNumber,
      max: optionalNumber,
      step: z.optional(z.number().check(z.gt(0))),
      integer: z.optional(z.boolean()),
    }),
    questionType("date", { min: dateBound, max: dateBound }),
    questionType("select", choice),
    questionType("radio", choice),
    questionType("multiselect", {
      options,
      minSelected: z.optional(integer(z.gte(0))),
      maxSelected: z.optional(integer(z.gte(1))),
    }),
    questionType("consent", { policyUrl: z.optional(matching(HTTPS_URL)) }),
  ]);

  /** Neither key given is refused in cross-field.ts; json-schema.ts lets editors flag `{}` too. */
  const stageWhen = z.strictObject({
    visit: z.optional(integer(z.gte(1))),
    event: z.optional(text(EVENT_NAME_MAX)),
  });

  const stage = z.strictObject({
    when: stageWhen,
    ask: z.array(nonEmptyString).check(z.minLength(1)),
  });

  // Never empty: a button or a message with no text is one nobody can read (or name, for a screen reader).
  const uiString = z.optional(text(1000));
  const uiStrings = z.strictObject(
    Object.fromEntries(UI_STRING_KEYS.map((key) => [key, uiString])) as { [K in UiStringKey]: typeof uiString },
  );

  const cssValue = z.optional(text(200, z.regex(CSS_VALUE)));

  const display = z.strictObject({
    mode: z._default(z.literal(DISPLAY_MODES), "floating"),
    position: z._default(z.literal(POSITIONS), "bottom-right"),
    delayMs: z._default(integer(z.gte(0), z.lte(600_000)), 0),
  });

  return z.strictObject({
    $schema: z.optional(z.string()),
    id: matching(LIMITS.idPattern),
    version: integer(z.gte(1)),
    endpoint: z.optional(urlReference),
    format: z._default(z.literal(FORMATS), "json"),
    headers: z.optional(z.record(matching(HEADER_NAME), z.string().check(z.maxLength(8192), z.regex(HEADER_VALUE)))),
    credentials: z._default(z.literal(CREDENTIALS), "omit"),
    profileUrl: z.optional(urlReference),
    locale: z.optional(locale),
    maxQuestionsPerVisit: z._default(integer(z.gte(1), z.lte(20)), 3),
    snoozeVisits: z._default(integer(z.gte(0), z.lte(1000)), 1),
    // Any length up to a year: a fraction of a minute is how a visit is tried out in a test. Not
    // 0: every page view (and identify()) would count again, tabs opened together too.
    visitTimeoutMinutes: z._default(z.number().check(z.gt(0), z.lte(60 * 24 * 365)), 30),
    display: z._default(display, { mode: "floating", position: "bottom-right", delayMs: 0 }),
    theme: z.optional(z.strictObject({ accent: cssValue, radius: cssValue, font: cssValue })),
    title: optionalText,
    stages: z.array(stage).check(z.minLength(1)),
    questions: z.record(matching(LIMITS.questionIdPattern), question),
    strings: z.optional(z.record(locale, uiStrings)),
  });
}

type ConfigSchema = ReturnType<typeof buildConfigSchema>;
let built: ConfigSchema | undefined;

/** The config's zod schema, built on the first call and kept. */
export const getConfigSchema = (): ConfigSchema => (built ??= buildJitless(buildConfigSchema));

/** A config as written by a marketer (defaults not yet applied). */
export type ConfigInput = z.input<ConfigSchema>;
/** A validated config with every default applied. */
export type Config = z.output<ConfigSchema>;
export type Question = Config["questions"][string];
export type Stage = Config["stages"][number];
export type ShowIf = NonNullable<Question["showIf"]>;
export type LocalizedText = Question["label"];
export type QuestionOf<T extends Question["type"]> = Extract<Question, { type: T }>;
export type Theme = NonNullable<Config["theme"]>;

/** The schema of one question (every type), for tests and tools; built on first use too. */
export const getQuestionSchema = () => getConfigSchema().shape.questions.def.valueType;

