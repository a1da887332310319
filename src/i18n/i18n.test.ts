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

  it("an override given as undefined (a config object written in code) leaves the built-in text", () => {
    const text = resolveText("en", { en: { next: undefined, required: undefined, back: "Previous" } });
    expect([text.next, text.required, text.back]).toEqual(["Next", "This field is required.", "Previous"]);
  });

  it("gives each key its own text (the tables follow the order of UI_STRING_KEYS)", () => {
    expect(resolveText("en")).toEqual({
      next: "Next",
      back: "Back",
      submit: "Submit",
      skip: "Skip",
      notNow: "Not now",
      close: "Close",
      progress: "{current} / {total}",
      required: "This field is required.",
      saving: "Saving…",
      saveFailed: "Your answer could not be saved. Please try again.",
      tooShort: "Enter at least {min} characters.",
      tooLong: "Enter at most {max} characters.",
      pattern: "Enter a value in the expected format.",
      email: "Enter a valid email address.",
      tel: "Enter a valid phone number.",
      url: "Enter a valid web address.",
      number: "Enter a number.",
      integer: "Enter a whole number.",
      min: "Enter {min} or more.",
      max: "Enter {max} or less.",
      step: "Enter a value in steps of {step}, such as {nearest}.",
      date: "Enter a valid date.",
      dateMin: "Enter a date on or after {min}.",
      dateMax: "Enter a date on or before {max}.",
      option: "Choose one of the options.",
      minSelected: "Choose at least {min}.",
      maxSelected: "Choose at most {max}.",
      consent: "Check this box to continue.",
      policy: "Read the policy",
      form: "A few questions",
      requiredMark: "required",
    });
    expect(resolveText("ja")).toEqual({
      next: "次へ",
      back: "戻る",
      submit: "送信",
      skip: "スキップ",
      notNow: "今はしない",
      close: "閉じる",
      progress: "{current} / {total}",
      required: "この項目は必須です。",
      saving: "保存しています…",
      saveFailed: "回答を保存できませんでした。もう一度お試しください。",
      tooShort: "{min}文字以上で入力してください。",
      tooLong: "{max}文字以内で入力してください。",
      pattern: "正しい形式で入力してください。",
      email: "有効なメールアドレスを入力してください。",
      tel: "有効な電話番号を入力してください。",
      url: "有効なURLを入力してください。",
      number: "数値を入力してください。",
      integer: "整数を入力してください。",
      min: "{min}以上の値を入力してください。",
      max: "{max}以下の値を入力してください。",
      step: "{step}刻みの値（{nearest}など）を入力してください。",
      date: "有効な日付を入力してください。",
      dateMin: "{min}以降の日付を入力してください。",
      dateMax: "{max}以前の日付を入力してください。",
      option: "選択肢から選んでください。",
      minSelected: "{min}個以上選択してください。",
      maxSelected: "{max}個以内で選択してください。",
      consent: "続行するにはチェックを入れてください。",
      policy: "ポリシーを読む",
      form: "いくつかの質問",
      requiredMark: "必須",
    });
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

  it("applies the English overrides to the English a language without a table falls back to", () => {
    const strings = { en: { notNow: "Later", next: "Continue" }, de: { next: "Weiter" } };
    expect(resolveText("fr", strings).notNow).toBe("Later");
    expect(resolveText("de-AT", strings)).toMatchObject({ notNow: "Later", next: "Weiter" });
    // A language with its own table does not take English text.
    expect(resolveText("ja", strings).notNow).toBe("今はしない");
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
    expect(formatText("{constructor} {min}", { min: 1 })).toBe("{constructor} 1");
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
