import { describe, expect, it } from "vitest";
import { type Question, getQuestionSchema } from "../config/schema";
import { compilePattern, isEmail, isHttpUrl, isIsoDate, isTel, resolveDateBound, todayOf } from "./answer-shapes";
import { checkAnswer } from "./answers";
import type { AnswerCheck, AnswerValue } from "./types";

const question = (input: Record<string, unknown>): Question => getQuestionSchema().parse({ label: "L", ...input });
const ctx = { today: "2026-11-24" };
const check = (input: Record<string, unknown>, raw: unknown) => checkAnswer(question(input), raw, ctx);
const value = (v: AnswerValue | null): AnswerCheck => ({ ok: true, value: v });
const error = (code: string, params?: Record<string, string | number>) => ({ ok: false, error: params ? { code, params } : { code } });

type Row = [string, Record<string, unknown>, unknown, AnswerCheck | ReturnType<typeof error>];

const rows: Row[] = [
  // Empty answers, per type: nothing when optional, "required" when required.
  ...(["text", "textarea", "email", "tel", "url", "number", "date"] as const).flatMap((type): Row[] => [
    [`${type}: blank optional`, { type }, "  ", value(null)],
    [`${type}: blank required`, { type, required: true }, "", error("required")],
    [`${type}: undefined required`, { type, required: true }, undefined, error("required")],
  ]),
  ["select: empty optional", { type: "select", options: [{ value: "a", label: "A" }] }, "", value(null)],
  ["radio: empty required", { type: "radio", required: true, options: [{ value: "a", label: "A" }] }, "", error("required")],
  ["multiselect: [] optional", { type: "multiselect", options: [{ value: "a", label: "A" }] }, [], value(null)],
  ["multiselect: [] required", { type: "multiselect", required: true, options: [{ value: "a", label: "A" }] }, [], error("required")],

  // text / textarea
  ["text: trimmed", { type: "text" }, "  Ann  ", value("Ann")],
  ["text: number given", { type: "text" }, 42, value("42")],
  ["text: object counts as nothing", { type: "text", required: true }, { a: 1 }, error("required")],
  ["text: minLength", { type: "text", minLength: 3 }, "ab", error("tooShort", { min: 3 })],
  ["text: minLength met", { type: "text", minLength: 3 }, "abc", value("abc")],
  ["text: default maxLength 500", { type: "text" }, "x".repeat(501), error("tooLong", { max: 500 })],
  ["text: 500 is fine", { type: "text" }, "x".repeat(500), value("x".repeat(500))],
  ["textarea: default maxLength 5000", { type: "textarea" }, "x".repeat(5001), error("tooLong", { max: 5000 })],
  ["textarea: keeps inner newlines", { type: "textarea" }, " a\nb ", value("a\nb")],
  ["text: code points, not UTF-16 units", { type: "text", maxLength: 2 }, "😀😀", value("😀😀")],
  ["text: code points over", { type: "text", maxLength: 2 }, "😀😀😀", error("tooLong", { max: 2 })],
  ["text: kanji count as one", { type: "text", minLength: 2 }, "𠮷", error("tooShort", { min: 2 })],
  ["text: pattern whole match", { type: "text", pattern: "[0-9]{3}" }, "123", value("123")],
  ["text: pattern partial is not a match", { type: "text", pattern: "[0-9]{3}" }, "1234", error("pattern")],
  ["text: pattern alternation anchored as a whole", { type: "text", pattern: "a|b" }, "ab", error("pattern")],
  ["text: pattern with unicode", { type: "text", pattern: "\\p{Script=Hiragana}+" }, "やまだ", value("やまだ")],
  ["text: uncompilable pattern never throws", { type: "text", pattern: "(" }, "x", value("x")],

  // email
  ["email: plain", { type: "email" }, "ann@example.com", value("ann@example.com")],
  ["email: full-width folded", { type: "email" }, "ａｎｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", value("ann@example.com")],
  ["email: IDN domain", { type: "email" }, "ann@例え.jp", value("ann@例え.jp")],
  ["email: no @", { type: "email" }, "ann.example.com", error("email")],
  ["email: no dot in domain", { type: "email" }, "ann@localhost", error("email")],
  ["email: space inside", { type: "email" }, "an n@example.com", error("email")],
  ["email: two @", { type: "email" }, "a@b@example.com", error("email")],

  // tel
  ["tel: Japanese", { type: "tel" }, "+81 3-1234-5678", value("+81 3-1234-5678")],
  ["tel: parentheses and dots", { type: "tel" }, "(555) 010.0100", value("(555) 010.0100")],
  ["tel: full-width and long vowel dash", { type: "tel" }, "０３ー１２３４ー５６７８", value("03-1234-5678")],
  ["tel: four digits", { type: "tel" }, "12-34", error("tel")],
  ["tel: letters", { type: "tel" }, "555-CALL-NOW", error("tel")],

  // url
  ["url: https", { type: "url" }, " https://example.com/a?b=c ", value("https://example.com/a?b=c")],
  ["url: http", { type: "url" }, "http://localhost:8080", value("http://localhost:8080")],
  ["url: no scheme", { type: "url" }, "example.com", error("url")],
  ["url: other scheme", { type: "url" }, "javascript:alert(1)", error("url")],
  ["url: ftp", { type: "url" }, "ftp://example.com", error("url")],
  ["url: space inside", { type: "url" }, "https://exa mple.com", error("url")],

  // number
  ["number: string", { type: "number" }, " 42 ", value(42)],
  ["number: typed number", { type: "number" }, 4.5, value(4.5)],
  ["number: full-width", { type: "number" }, "－１２", value(-12)],
  ["number: exponent", { type: "number" }, "1e3", value(1000)],
  ["number: -0 becomes 0", { type: "number" }, "-0", value(0)],
  ["number: not a number", { type: "number" }, "12abc", error("number")],
  ["number: hex refused", { type: "number" }, "0x1f", error("number")],
  ["number: Infinity refused", { type: "number" }, "Infinity", error("number")],
  ["number: NaN given", { type: "number" }, Number.NaN, error("number")],
  ["number: comma refused", { type: "number" }, "1,5", error("number")],
  ["number: integer", { type: "number", integer: true }, "2.5", error("integer")],
  ["number: integer ok", { type: "number", integer: true }, "2", value(2)],
  ["number: min", { type: "number", min: 1 }, "0", error("min", { min: 1 })],
  ["number: min inclusive", { type: "number", min: 1 }, "1", value(1)],
  ["number: max", { type: "number", max: 10 }, "10.5", error("max", { max: 10 })],
  ["number: step from 0", { type: "number", step: 0.1 }, "0.3", value(0.3)],
  ["number: off step", { type: "number", step: 5 }, "7", error("step", { step: 5, nearest: 5 })],
  ["number: step from min", { type: "number", min: 1, step: 5 }, "11", value(11)],
  ["number: off step from min: the nearest value on it", { type: "number", min: 1, step: 5 }, "10", error("step", { step: 5, nearest: 11 })],
  ["number: off step, nearest within max", { type: "number", min: 1, max: 12, step: 5 }, "12", error("step", { step: 5, nearest: 11 })],
  ["number: off a decimal step, written as the config writes it", { type: "number", min: 0.1, step: 0.2 }, "0.4", error("step", { step: 0.2, nearest: 0.5 })],

  // date
  ["date: valid", { type: "date" }, "2024-02-29", value("2024-02-29")],
  ["date: not a leap year", { type: "date" }, "2023-02-29", error("date")],
  ["date: century not leap", { type: "date" }, "1900-02-29", error("date")],
  ["date: 400-year leap", { type: "date" }, "2000-02-29", value("2000-02-29")],
  ["date: month 13", { type: "date" }, "2024-13-01", error("date")],
  ["date: wrong shape", { type: "date" }, "24/11/2026", error("date")],
  ["date: year zero", { type: "date" }, "0000-01-01", error("date")],
  ["date: a year half typed (Chromium's 02/15/2)", { type: "date" }, "0002-02-15", error("date")],
  ["date: a three-digit year", { type: "date" }, "0202-02-15", error("date")],
  ["date: the year 1000", { type: "date" }, "1000-01-01", value("1000-01-01")],
  ["date: an early year a min allows", { type: "date", min: "0500-01-01" }, "0800-06-01", value("0800-06-01")],
  ["date: an early year under its min", { type: "date", min: "0500-01-01" }, "0002-02-15", error("dateMin", { min: "0500-01-01" })],
  ["date: max today", { type: "date", max: "today" }, "2026-11-25", error("dateMax", { max: "2026-11-24" })],
  ["date: today itself", { type: "date", max: "today" }, "2026-11-24", value("2026-11-24")],
  ["date: min today", { type: "date", min: "today" }, "2026-11-23", error("dateMin", { min: "2026-11-24" })],
  ["date: fixed min", { type: "date", min: "2000-01-01" }, "1999-12-31", error("dateMin", { min: "2000-01-01" })],
  ["date: fixed max", { type: "date", max: "2000-01-01" }, "2000-01-01", value("2000-01-01")],

  // select / radio
  ["select: option", { type: "select", options: [{ value: "a", label: "A" }] }, "a", value("a")],
  ["select: unknown", { type: "select", options: [{ value: "a", label: "A" }] }, "b", error("option")],
  ["radio: unknown", { type: "radio", options: [{ value: "a", label: "A" }] }, "A", error("option")],
  ["radio: option", { type: "radio", options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] }, "b", value("b")],

  // multiselect
  ...((): Row[] => {
    const options = ["a", "b", "c"].map((v) => ({ value: v, label: v.toUpperCase() }));
    return [
      ["multiselect: in option order, deduplicated", { type: "multiselect", options }, ["c", "a", "c"], value(["a", "c"])],
      ["multiselect: one string accepted", { type: "multiselect", options }, "b", value(["b"])],
      ["multiselect: unknown", { type: "multiselect", options }, ["a", "z"], error("option")],
      ["multiselect: minSelected", { type: "multiselect", options, minSelected: 2 }, ["a"], error("minSelected", { min: 2 })],
      ["multiselect: minSelected met", { type: "multiselect", options, minSelected: 2 }, ["a", "b"], value(["a", "b"])],
      ["multiselect: maxSelected", { type: "multiselect", options, maxSelected: 2 }, ["a", "b", "c"], error("maxSelected", { max: 2 })],
      ["multiselect: optional with minSelected left empty", { type: "multiselect", options, minSelected: 2 }, [], value(null)],
    ];
  })(),

  // consent
  ["consent: checked", { type: "consent" }, true, value(true)],
  ["consent: 'on'", { type: "consent", required: true }, "on", value(true)],
  ["consent: unchecked optional", { type: "consent" }, false, value(null)],
  ["consent: unchecked required", { type: "consent", required: true }, false, error("consent")],
  ["consent: nothing required", { type: "consent", required: true }, undefined, error("consent")],
];

describe("checkAnswer", () => {
  it.each(rows)("%s", (_name, input, raw, expected) => {
    expect(check(input, raw)).toEqual(expected);
  });
});

describe("shape helpers", () => {
  it("isIsoDate, isEmail, isTel, isHttpUrl agree with checkAnswer's codes", () => {
    expect([isIsoDate("2026-04-31"), isIsoDate("2026-04-30")]).toEqual([false, true]);
    expect([isEmail(`${"a".repeat(250)}@b.co`), isEmail("a@b.co")]).toEqual([false, true]);
    expect([isTel("1".repeat(41)), isTel("12345")]).toEqual([false, true]);
    expect([isHttpUrl("https://"), isHttpUrl("HTTPS://EXAMPLE.COM")]).toEqual([false, true]);
  });

  it("resolveDateBound replaces only today", () => {
    expect(resolveDateBound("today", "2026-01-02")).toBe("2026-01-02");
    expect(resolveDateBound("2020-01-01", "2026-01-02")).toBe("2020-01-01");
    expect(resolveDateBound(undefined, "2026-01-02")).toBeUndefined();
  });

  it("compilePattern anchors, caches and returns null when nothing compiles", () => {
    expect(compilePattern("ab")?.test("xab")).toBe(false);
    expect(compilePattern("ab")).toBe(compilePattern("ab"));
    expect(compilePattern("[")).toBeNull();
    // Legal without the unicode flags only: the fallback keeps it working.
    expect(compilePattern("\\-")?.test("-")).toBe(true);
  });
});

describe("todayOf", () => {
  const instant = Date.UTC(2026, 10, 24, 20, 30);
  it("is the UTC date without an offset", () => {
    expect(todayOf(instant)).toBe("2026-11-24");
  });
  it("follows getTimezoneOffset's sign: Tokyo (−540) is already the next day", () => {
    expect(todayOf(instant, -540)).toBe("2026-11-25");
  });
  it("New York (+300) is still the same day; early UTC morning is the previous day there", () => {
    expect(todayOf(instant, 300)).toBe("2026-11-24");
    expect(todayOf(Date.UTC(2026, 10, 24, 2), 300)).toBe("2026-11-23");
  });
});

describe("checkAnswer reads option values as given", () => {
  const options = [{ value: "a", label: "A" }];
  it.each([
    ["select", " a"],
    ["radio", "a "],
    ["multiselect", " a "],
    ["multiselect", [" a"]],
  ])("%s: %j is not the option a", (type, raw) => {
    expect(check({ type, options }, raw)).toEqual(error("option"));
  });
});
