// Checks and coerces what a control gives into the value delivered (SPEC §4), or an error code
// the UI turns into a localized message. The first rule that fails is reported.
import type { UiStringKey } from "../config/constants";
import type { Question, QuestionOf } from "../config/schema";
import { compilePattern, foldWidth, isEmail, isHttpUrl, isIsoDate, isTel, normaliseTel, resolveDateBound } from "./answer-shapes";
import type { AnswerCheck, AnswerValue } from "./types";

/** A value an answer can have (what the host's `known` and profileUrl's traits may give). */
export function isAnswerValue(value: unknown): value is AnswerValue {
  if (typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

type Params = Record<string, string | number>;
type Ctx = { today: string };

const ok = (value: AnswerValue | null): AnswerCheck => ({ ok: true, value });
const fail = (code: UiStringKey, params?: Params): AnswerCheck => ({ ok: false, error: params ? { code, params } : { code } });

/** What a text-like control gives; a number is accepted for robustness, anything else is "nothing". */
export function asText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  return typeof raw === "number" && Number.isFinite(raw) ? String(raw) : "";
}

/**
 * Per question type: how the control's text is read (trimmed, width-folded for the types a
 * machine reads, or as given) and what it must then be. Multiselect, consent and a typed number are
 * checked before any text is read. Keyed by every type, so a new type fails to compile here.
 */
const BY_TYPE: { [T in Question["type"]]: [read: (text: string) => string, check: (question: QuestionOf<T>, text: string, ctx: Ctx) => AnswerCheck] } = {
  text: [trim, checkText],
  textarea: [trim, checkText],
  email: [foldWidth, (_, text) => (isEmail(text) ? ok(text) : fail("email"))],
  tel: [normaliseTel, (_, text) => (isTel(text) ? ok(text) : fail("tel"))],
  url: [trim, (_, text) => (isHttpUrl(text) ? ok(text) : fail("url"))],
  // Plain decimals only: Number() would also take "0x1f", "Infinity" and "1_000".
  number: [foldWidth, (question, text) => checkNumber(question, DECIMAL.test(text) ? Number(text) : Number.NaN)],
  date: [foldWidth, checkDate],
  // An option value is compared as given, untrimmed.
  select: [asGiven, checkChoice],
  radio: [asGiven, checkChoice],
  multiselect: [asGiven, (question, text) => checkMultiselect(question, [text])],
  consent: [asGiven, (question) => (question.required ? fail("consent") : ok(null))],
};

function trim(text: string): string {
  return text.trim();
}

function asGiven(text: string): string {
  return text;
}

/**
 * `raw` is what the control holds: a string for text-like, number, date and single-choice
 * controls, a string[] for multiselect, a boolean for consent (a number is also accepted for
 * a number question). `ctx.today` (YYYY-MM-DD, see `todayOf`) resolves `"today"` in date bounds.
 */
export function checkAnswer(question: Question, raw: unknown, ctx: Ctx): AnswerCheck {
  // "on" is what a bare checkbox submits; "true" what a stored draft may hold. An unchecked
  // optional consent is "no answer", not a recorded refusal.
  if (question.type === "consent" && (raw === true || raw === "true" || raw === "on")) return ok(true);
  if (question.type === "multiselect" && Array.isArray(raw)) return checkMultiselect(question, raw);
  if (question.type === "number" && typeof raw === "number") return checkNumber(question, raw);
  const [read, check] = BY_TYPE[question.type] as [(text: string) => string, (question: Question, text: string, ctx: Ctx) => AnswerCheck];
  const text = read(asText(raw));
  // Nothing given: fine (and nothing delivered) unless the question is required.
  if (text === "" && question.type !== "consent") return question.required ? fail("required") : ok(null);
  return check(question, text, ctx);
}

function checkText(question: QuestionOf<"text" | "textarea">, text: string): AnswerCheck {
  // Code points, not UTF-16 units: an emoji or a rare kanji is one character to the person.
  const tooShortOrLong = outside([...text].length, question.minLength, question.maxLength, ["tooShort", "tooLong"]);
  if (tooShortOrLong) return tooShortOrLong;
  return question.pattern !== undefined && compilePattern(question.pattern)?.test(text) === false ? fail("pattern") : ok(text);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function checkNumber(question: QuestionOf<"number">, n: number): AnswerCheck {
  if (!Number.isFinite(n)) return fail("number");
  if (question.integer && !Number.isInteger(n)) return fail("integer");
  const outOfRange = outside(n, question.min, question.max, ["min", "max"]);
  if (outOfRange) return outOfRange;
  const { step, min = 0, max } = question;
  if (step !== undefined && !onStep(n, min, step)) return fail("step", { step, nearest: nearestOnStep(n, min, step, max) });
  return ok(Object.is(n, -0) ? 0 : n);
}

/**
 * The value on the step nearest to `n` and within `max` (n is already ≥ min), written as the
 * config writes its numbers: with min 1 and step 5, 10 is "such as 11", not "in steps of 5"
 * alone (10 is a multiple of 5).
 */
function nearestOnStep(n: number, base: number, step: number, max = Infinity): number {
  const places = Math.max(...[base, step].map((x) => (String(x).split(".")[1] ?? "").length));
  let nearest = base + Math.round((n - base) / step) * step;
  if (nearest > max) nearest -= step;
  return Number(nearest.toFixed(places));
}

/** min + k × step for a whole k, with a tolerance for binary fractions (0.1 + 0.2). */
function onStep(n: number, base: number, step: number): boolean {
  const k = (n - base) / step;
  return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
}

function checkDate(question: QuestionOf<"date">, text: string, ctx: Ctx): AnswerCheck {
  // A year before 1000 is a year half typed: Chromium's date field reads "02/15/2" as 0002-02-15
  // (and completes "02/15/0" to 0001 when the field loses focus). Unless `min` reaches that far.
  if (!isIsoDate(text) || (question.min === undefined && text < "1000")) return fail("date");
  return outside(text, resolveDateBound(question.min, ctx.today), resolveDateBound(question.max, ctx.today), ["dateMin", "dateMax"]) ?? ok(text);
}

function checkChoice(question: QuestionOf<"select" | "radio">, value: string): AnswerCheck {
  return question.options.some((option) => option.value === value) ? ok(value) : fail("option");
}

function checkMultiselect(question: QuestionOf<"multiselect">, raw: unknown[]): AnswerCheck {
  const chosen = new Set(raw.map(asText).filter((item) => item !== ""));
  if (chosen.size === 0) return question.required ? fail("required") : ok(null);
  const known = question.options.map((option) => option.value);
  if ([...chosen].some((item) => !known.includes(item))) return fail("option");
  // Duplicates collapse; the order is the options' order, so the same choice is always the same value.
  const value = known.filter((option) => chosen.has(option));
  return outside(value.length, question.minSelected, question.maxSelected, ["minSelected", "maxSelected"]) ?? ok(value);
}

/**
 * The error of the first bound `value` is outside of (a length, a number, a count or a
 * YYYY-MM-DD date, which compare in date order), with the bound as `{min}` / `{max}`.
 */
function outside(value: number | string, min: number | string | undefined, max: number | string | undefined, codes: [UiStringKey, UiStringKey]) {
  if (min !== undefined && value < min) return fail(codes[0], { min });
  return max !== undefined && value > max ? fail(codes[1], { max }) : undefined;
}
