import { describe, expect, it } from "vitest";
import type { WidgetError } from "../errors";
import { normaliseOptions, parseKnown, parseLocale, parseVisit } from "./options";

const parse = (value: unknown) => {
  const reports: string[] = [];
  const known = parseKnown(value, (error: WidgetError) => reports.push(error.message));
  return { known, reports };
};

describe("the host's known answers (data-known, mount's and identify()'s known)", () => {
  it("takes a JSON object's answer values; null means not known and is no mistake", () => {
    const { known, reports } = parse('{"name":"Ada","employees":42,"newsletter":false,"topics":["saas"],"phone":null}');
    expect(known).toEqual({ name: "Ada", employees: 42, newsletter: false, topics: ["saas"] });
    expect(reports).toEqual([]);
  });

  it("names what it ignores, and refuses what is no object", () => {
    expect(parse({ name: "Ada", address: { city: "Tokyo" } })).toEqual({
      known: { name: "Ada" },
      reports: ["known: ignored address (expected a string, number, boolean or list of strings)."],
    });
    for (const value of ["not json", "[1]", "42", []]) expect(parse(value).reports).toHaveLength(1);
  });

  it('keeps a "__proto__" key out: it is no question id, and the object keeps its prototype', () => {
    const { known } = parse('{"__proto__":["a"],"name":"Ada"}');
    expect(Object.getPrototypeOf(known)).toBe(Object.prototype);
    expect(Object.keys(known)).toEqual(["name"]);
    expect(Object.hasOwn(known, "__proto__")).toBe(false);
  });
});

describe("the host's visit count (data-visit, mount's and identify()'s visit)", () => {
  const visit = (value: unknown) => {
    const reports: string[] = [];
    return { visit: parseVisit(value, (error: WidgetError) => reports.push(error.message)), reports };
  };

  it("takes a whole number from 1 to a million, as a number or its text", () => {
    expect([visit(2), visit(" 7 "), visit("1000000")].map((v) => v.visit)).toEqual([2, 7, 1_000_000]);
    expect(visit(undefined)).toEqual({ visit: null, reports: [] });
  });

  it("refuses anything else with a message that says what it takes", () => {
    for (const value of ["0", "-3", "1.5", "abc", "1e3", 99_999_999_999]) {
      const { visit: parsed, reports } = visit(value);
      expect(parsed).toBeNull();
      expect(reports).toEqual([`visit must be a whole number from 1 to 1000000; found ${JSON.stringify(String(value))}. The widget counts visits itself.`]);
    }
  });
});

describe("the host's locale (data-locale, mount's locale)", () => {
  const locale = (value: unknown) => {
    const reports: string[] = [];
    return { locale: parseLocale(value, (error: WidgetError) => reports.push(error.message)), reports };
  };

  it("takes a language tag, a server's locale name and a tag with an extension, as the tag the UI text is kept under", () => {
    expect(["ja", " pt-BR ", "ja_JP", "ja_JP.UTF-8", "de_DE@euro", "zh_Hant_TW", "ja-JP-u-ca-japanese", "en-x-acme"].map(locale)).toEqual(
      ["ja", "pt-BR", "ja-JP", "ja-JP", "de-DE", "zh-Hant-TW", "ja-JP", "en"].map((tag) => ({ locale: tag, reports: [] })),
    );
    expect(locale(undefined)).toEqual({ locale: null, reports: [] });
    expect(locale("  ")).toEqual({ locale: null, reports: [] });
  });

  it("refuses anything else, saying what it takes", () => {
    for (const value of ["日本語", "jp", "english!", "e", "-u-ca"]) {
      const { locale: parsed, reports } = locale(value);
      expect(parsed).toBeNull();
      expect(reports).toEqual([`locale must be a language tag such as "en" or "ja-JP"; found ${JSON.stringify(value)}. It is ignored.`]);
    }
  });
});

describe("mount options on a page whose Object.prototype was polluted", () => {
  it("takes only the options the host gave", () => {
    const proto = Object.prototype as Record<string, unknown>;
    const polluted = { endpoint: "https://attacker.example/collect", user: "u_attacker", visit: "3", known: '{"email":"x@attacker.example"}', locale: "ja" };
    for (const [key, value] of Object.entries(polluted)) proto[key] = value;
    try {
      const errors: WidgetError[] = [];
      const options = normaliseOptions({ config: "/questions.json", user: "u_1" }, (e) => errors.push(e));
      expect(options).toEqual({ config: "/questions.json", endpoint: null, user: "u_1", visit: null, known: {}, target: null, locale: null });
      expect(errors).toEqual([]);
    } finally {
      for (const key of Object.keys(polluted)) delete proto[key];
    }
  });
});

describe("the host's target (data-target, mount's target)", () => {
  const resolve = (target: string | Element) => {
    const errors: string[] = [];
    const found = normaliseOptions({ config: "/questions.json", target }, (e) => errors.push(e.message)).target;
    return { found, errors };
  };

  it("takes an element that shows what is put in it, by selector or as the element", () => {
    document.body.innerHTML = '<section id="slot"></section>';
    const slot = document.getElementById("slot")!;
    expect(resolve("#slot")).toEqual({ found: slot, errors: [] });
    expect(resolve(slot)).toEqual({ found: slot, errors: [] });
  });

  it("refuses, by name, an element that never shows what is put in it (the form would be hidden there)", () => {
    document.head.innerHTML = '<meta name="x">';
    document.body.innerHTML = '<template id="t"></template><input id="i"><svg id="s"></svg><div id="ok"></div>';
    expect(resolve("head")).toEqual({ found: null, errors: ['target "head" is <head>, an element that does not show what is put in it; it is ignored.'] });
    for (const selector of ["#t", "#i", "#s", "meta"]) expect(resolve(selector).found, selector).toBeNull();
    expect(resolve(document.getElementById("t")!).errors).toEqual(["target is <template>, an element that does not show what is put in it; it is ignored."]);
    expect(resolve("#missing").errors).toEqual(['target "#missing" matches no element; it is ignored.']);
  });
});
