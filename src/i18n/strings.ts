// Built-in UI text (SPEC §4, §9). Components and validation read every user-facing word
// from here by key, so a config's `strings` can override any of it per locale.
import type { UiStringKey } from "../config/constants";
import type { Config } from "../config/schema";
import { baseLanguage, pickLocaleKey, type BuiltInLanguage } from "./locale";

/**
 * Keys the UI needs that the config contract does not (yet) let marketers override.
 * `policy` is the text of a consent question's policy link.
 */
export type ExtraKey = "policy";
export type UiText = Record<UiStringKey | ExtraKey, string>;

const en: UiText = {
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
  step: "Enter a value in steps of {step}.",
  date: "Enter a valid date.",
  dateMin: "Enter a date on or after {min}.",
  dateMax: "Enter a date on or before {max}.",
  option: "Choose one of the options.",
  minSelected: "Choose at least {min}.",
  maxSelected: "Choose at most {max}.",
  consent: "Check this box to continue.",
  policy: "Read the policy",
};

const ja: UiText = {
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
  step: "{step}刻みの値を入力してください。",
  date: "有効な日付を入力してください。",
  dateMin: "{min}以降の日付を入力してください。",
  dateMax: "{max}以前の日付を入力してください。",
  option: "選択肢から選んでください。",
  minSelected: "{min}個以上選択してください。",
  maxSelected: "{max}個以内で選択してください。",
  consent: "続行するにはチェックを入れてください。",
  policy: "ポリシーを読む",
};

const tables: Readonly<Record<BuiltInLanguage, UiText>> = { en, ja };

function isBuiltIn(language: string): language is BuiltInLanguage {
  return Object.prototype.hasOwnProperty.call(tables, language);
}

function isTextKey(text: UiText, key: string): key is keyof UiText {
  return Object.prototype.hasOwnProperty.call(text, key);
}

/**
 * The UI text for `locale`: the built-in table of its language (English when there is
 * none), then the config's overrides for the base language, then for the exact locale,
 * so "ja-JP" overrides beat "ja" ones.
 */
export function resolveText(locale: string, overrides?: Config["strings"]): UiText {
  const base = baseLanguage(locale);
  const text: UiText = { ...(isBuiltIn(base) ? tables[base] : en) };
  if (!overrides) return text;
  const keys = Object.keys(overrides);
  const baseKey = pickLocaleKey(keys, base);
  const exactKey = pickLocaleKey(keys, locale);
  for (const key of [baseKey, exactKey === baseKey ? undefined : exactKey]) {
    const layer = key === undefined ? undefined : overrides[key];
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      // Only known keys with a string value: the config was validated, but the type of
      // Object.entries is loose and a stray key must never shadow something else.
      if (typeof v === "string" && isTextKey(text, k)) text[k] = v;
    }
  }
  return text;
}

/** Fills `{name}` placeholders; unknown ones stay as written so a typo is visible, not blank. */
export function formatText(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
