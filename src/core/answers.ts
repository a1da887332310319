// Checks and coerces what a control gives into the value delivered (SPEC §4), or an error code
// the UI turns into a localized message. The first rule that fails is reported.
import type { UiStringKey } from "../config/constants";
import type { Question, QuestionOf } from "../config/schema";
import {
  compilePattern,
  foldWidth,
  isEmail,
  isHttpUrl,
  isIsoDate,
  isTel,
  normaliseTel,
  resolveDateBound,
} from "./answer-shapes";
import type { AnswerCheck, AnswerValue } from "./types";

export { todayOf } from "./answer-shapes";

type Params = Record<string, string | number>;

const ok = (value: AnswerValue | null): AnswerCheck => ({ ok: true, value });
const fail = (code: UiStringKey, params?: Params): AnswerCheck => ({ ok: false, error: params ? { code, params } : { code } });
/** Nothing given: fine (and nothing delivered) unless the question is required. */
const empty = (question: Pick<Question, "required">): AnswerCheck => (question.required ? fail("required") : ok(null));

/** What a text-like control gives; a number is accepted for robustness, anything else is "nothing". */
function asText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  return typeof raw === "number" && Number.isFinite(raw) ? String(raw) : "";
}

/**
 * `raw` is what the control holds: a string for text-like, number, date and single-choice
 * controls, a string[] for multiselect, a boolean for consent (a number is also accepted for
 * a number question). `ctx.today` (YYYY-MM-DD, see `todayOf`) resolves `"today"` in date bounds.
 */
export function checkAnswer(question: Question, raw: unknown, ctx: { today: string }): AnswerCheck {
  switch (question.type) {
    case "text":
    case "textarea":
      return checkText(question, raw);
    case "email":
      return checkShape(question, foldWidth(asText(raw)), "email", isEmail);
    case "tel":
      return checkShape(question, normaliseTel(asText(raw)), "tel", isTel);
    case "url":
      return checkShape(question, asText(raw).trim(), "url", isHttpUrl);
    case "number":
      return checkNumber(question, raw);
    case "date":
      return checkDate(question, foldWidth(asText(raw)), ctx.today);
    case "select":
    case "radio":
      return checkChoice(question, asText(raw));
    case "multiselect":
      return checkMultiselect(question, raw);
    case "consent":
      return checkConsent(question, raw);
    default:
      return assertNever(question);
  }
}

function checkText(question: QuestionOf<"text" | "textarea">, raw: unknown): AnswerCheck {
  const text = asText(raw).trim();
  if (text === "") return empty(question);
  // Code points, not UTF-16 units: an emoji or a rare kanji is one character to the person.
  const length = [...text].length;
  if (question.minLength !== undefined && length < question.minLength) return fail("tooShort", { min: question.minLength });
  if (length > question.maxLength) return fail("tooLong", { max: question.maxLength });
  if (question.pattern !== undefined && compilePattern(question.pattern)?.test(text) === false) return fail("pattern");
  return ok(text);
}

function checkShape(question: Question, text: string, code: UiStringKey, valid: (text: string) => boolean): AnswerCheck {
  if (text === "") return empty(question);
  return valid(text) ? ok(text) : fail(code);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function checkNumber(question: QuestionOf<"number">, raw: unknown): AnswerCheck {
  let n: number;
  if (typeof raw === "number") n = raw;
  else {
    const text = foldWidth(asText(raw));
    if (text === "") return empty(question);
    // Plain decimals only: Number() would also take "0x1f", "Infinity" and "1_000".
    n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  }
  if (!Number.isFinite(n)) return fail("number");
  if (question.integer && !Number.isInteger(n)) return fail("integer");
  if (question.min !== undefined && n < question.min) return fail("min", { min: question.min });
  if (question.max !== undefined && n > question.max) return fail("max", { max: question.max });
  if (question.step !== undefined && !onStep(n, question.min ?? 0, question.step)) return fail("step", { step: question.step });
  return ok(Object.is(n, -0) ? 0 : n);
}

/** min + k × step for a whole k, with a tolerance for binary fractions (0.1 + 0.2). */
function onStep(n: number, base: number, step: number): boolean {
  const k = (n - base) / step;
  return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
}

function checkDate(question: QuestionOf<"date">, text: string, today: string): AnswerCheck {
  if (text === "") return empty(question);
  if (!isIsoDate(text)) return fail("date");
  // YYYY-MM-DD strings compare in date order.
  const min = resolveDateBound(question.min, today);
  if (min !== undefined && text < min) return fail("dateMin", { min });
  const max = resolveDateBound(question.max, today);
  if (max !== undefined && text > max) return fail("dateMax", { max });
  return ok(text);
}

function checkChoice(question: QuestionOf<"select" | "radio">, value: string): AnswerCheck {
  if (value === "") return empty(question);
  return question.options.some((option) => option.value === value) ? ok(value) : fail("option");
}

function checkMultiselect(question: QuestionOf<"multiselect">, raw: unknown): AnswerCheck {
  const items = (Array.isArray(raw) ? raw : [raw]).map(asText).filter((item) => item !== "");
  if (items.length === 0) return empty(question);
  const chosen = new Set(items);
  const known = question.options.map((option) => option.value);
  if ([...chosen].some((item) => !known.includes(item))) return fail("option");
  // Duplicates collapse; the order is the options' order, so the same choice is always the same value.
  const value = known.filter((option) => chosen.has(option));
  if (question.minSelected !== undefined && value.length < question.minSelected) return fail("minSelected", { min: question.minSelected });
  if (question.maxSelected !== undefined && value.length > question.maxSelected) return fail("maxSelected", { max: question.maxSelected });
  return ok(value);
}

function checkConsent(question: QuestionOf<"consent">, raw: unknown): AnswerCheck {
  // "on" is what a bare checkbox submits; "true" what a stored draft may hold.
  if (raw === true || raw === "true" || raw === "on") return ok(true);
  // An unchecked optional consent is "no answer", not a recorded refusal.
  return question.required ? fail("consent") : ok(null);
}

function assertNever(value: never): never {
  throw new Error(`Unknown question type: ${JSON.stringify(value)}`);
}
