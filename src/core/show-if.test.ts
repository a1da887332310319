import { describe, expect, it } from "vitest";
import type { ShowIf } from "../config/schema";
import { isShown } from "./show-if";
import type { AnswerValue } from "./types";

type Values = Record<string, AnswerValue | undefined>;
const answeredIn = (values: Values) => (id: string) => values[id] !== undefined;

describe("isShown", () => {
  it.each<[string, ShowIf | undefined, Values, boolean]>([
    ["no showIf", undefined, {}, true],
    ["equals: same string", { question: "p", equals: "team" }, { p: "team" }, true],
    ["equals: other string", { question: "p", equals: "team" }, { p: "solo" }, false],
    ["equals: unanswered", { question: "p", equals: "team" }, {}, false],
    ["equals: number", { question: "n", equals: 3 }, { n: 3 }, true],
    ["equals: no loose equality", { question: "n", equals: 3 }, { n: "3" }, false],
    ["equals: boolean true", { question: "c", equals: true }, { c: true }, true],
    ["equals: boolean false vs true", { question: "c", equals: false }, { c: true }, false],
    ["equals on multiselect: contains", { question: "m", equals: "b" }, { m: ["a", "b"] }, true],
    ["equals on multiselect: does not contain", { question: "m", equals: "c" }, { m: ["a", "b"] }, false],
    ["equals on empty multiselect", { question: "m", equals: "c" }, { m: [] }, false],
    ["in: member", { question: "p", in: ["a", "b"] }, { p: "b" }, true],
    ["in: not a member", { question: "p", in: ["a", "b"] }, { p: "c" }, false],
    ["in: unanswered", { question: "p", in: ["a"] }, {}, false],
    ["in: numbers", { question: "n", in: [1, 2] }, { n: 2 }, true],
    ["in on multiselect: overlap", { question: "m", in: ["x", "b"] }, { m: ["a", "b"] }, true],
    ["in on multiselect: no overlap", { question: "m", in: ["x", "y"] }, { m: ["a", "b"] }, false],
    ["answered true: answered", { question: "p", answered: true }, { p: "x" }, true],
    ["answered true: not answered", { question: "p", answered: true }, {}, false],
    ["answered false: not answered", { question: "p", answered: false }, {}, true],
    ["answered false: answered", { question: "p", answered: false }, { p: "x" }, false],
  ])("%s", (_name, showIf, values, shown) => {
    expect(isShown(showIf, values, answeredIn(values))).toBe(shown);
  });

  it("answered reads the callback, so a value dropped after delivery still counts", () => {
    expect(isShown({ question: "company", answered: true }, {}, (id) => id === "company")).toBe(true);
  });

  it("ignores inherited properties of the answers object", () => {
    expect(isShown({ question: "toString", answered: false }, {}, () => false)).toBe(true);
    expect(isShown({ question: "toString", in: ["x"] }, {}, () => false)).toBe(false);
  });
});
