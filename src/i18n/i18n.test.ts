import { describe, expect, it } from "vitest";
import { UI_STRING_KEYS } from "../config/constants";
import { localize, resolveLocale, textDirection, textLanguage } from "./locale";
import { formatText, resolveText } from "./strings";

describe("resolveText", () => {
  it("has a non-empty en and ja text for every UI string key", () => {
    for (const locale of ["en", "ja"]) {
      const text = resolveText(locale);
      for (const key of UI_STRING_KEYS) expect(text[key], `${locale}.${key}`).toMatch(/\S/);
    }
  });

  it("uses the table of the base language and English for unknown languages", () => {
    expect(resolveText("ja-JP").next).toBe("次へ");
    expect(resolveText("JA").back).toBe("戻る");
    expect(resolveText("fr-CA").next).toBe("Next");
  });

  it("applies overrides for the base language, then the exact locale", () => {
    const text = resolveText("ja-JP", { ja: { next: "つぎ", back: "もどる" }, "ja-jp": { next: "次" }, en: { skip: "x" } });
    expect(text.next).toBe("次");
    expect(text.back).toBe("もどる");
    expect(text.skip).toBe("スキップ");
  });

  it("keeps the same placeholders in ja as in en", () => {
    const en = resolveText("en");
    const ja = resolveText("ja");
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const key of UI_STRING_KEYS) expect(holes(ja[key]), key).toBe(holes(en[key]));
  });
});

describe("formatText", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(formatText("{current} / {total}", { current: 2, total: 3 })).toBe("2 / 3");
    expect(formatText("{min}文字以上", { min: 5 })).toBe("5文字以上");
    expect(formatText("{nope} {min}", { min: 1 })).toBe("{nope} 1");
    expect(formatText("plain")).toBe("plain");
  });
});

describe("resolveLocale", () => {
  it("takes the option, then the config, then the browser, then en", () => {
    expect(resolveLocale({ option: "ja", config: "en", languages: ["en"] })).toBe("ja");
    expect(resolveLocale({ option: "  ", config: "ja-JP", languages: ["en"] })).toBe("ja-JP");
    expect(resolveLocale({ languages: ["ja-JP", "en"] })).toBe("ja-JP");
    expect(resolveLocale({})).toBe("en");
  });

  it("ignores malformed tags", () => {
    expect(resolveLocale({ option: "<script>", config: "ja" })).toBe("ja");
  });

  it("prefers the first browser language it can speak", () => {
    expect(resolveLocale({ languages: ["fr-FR", "ja"] })).toBe("ja");
    expect(resolveLocale({ languages: ["fr-FR", "de"] })).toBe("fr-FR");
    expect(resolveLocale({ languages: ["de", "fr"], supported: ["fr"] })).toBe("fr");
  });
});

describe("localize", () => {
  it("falls back from exact to base language to en to the first value", () => {
    expect(localize("Name", "ja")).toBe("Name");
    expect(localize({ en: "Name", ja: "お名前" }, "ja-JP")).toBe("お名前");
    expect(localize({ en: "Name", "ja-JP": "お名前" }, "ja-jp")).toBe("お名前");
    expect(localize({ en: "Name", ja: "お名前" }, "fr")).toBe("Name");
    expect(localize({ de: "Name (de)" }, "fr")).toBe("Name (de)");
    expect(localize(undefined, "en")).toBe("");
  });
});

describe("textLanguage", () => {
  it("is the locale when its text exists, else English", () => {
    expect(textLanguage("ja-JP")).toBe("ja-JP");
    expect(textLanguage("en")).toBe("en");
    expect(textLanguage("fr-FR")).toBe("en");
    expect(textLanguage("fr-FR", ["fr"])).toBe("fr-FR");
  });
});

describe("textDirection", () => {
  it("is rtl for right-to-left languages only", () => {
    expect(textDirection("ar-EG")).toBe("rtl");
    expect(textDirection("he")).toBe("rtl");
    expect(textDirection("ja")).toBe("ltr");
    expect(textDirection("en")).toBe("ltr");
  });
});
