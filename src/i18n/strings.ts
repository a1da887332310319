// Built-in UI text (SPEC §4, §9). Components and validation read every user-facing word
// from here by key, so a config's `strings` can override any of it per locale.
import { UI_STRING_KEYS, type UiStringKey } from "../config/constants";
import type { Config } from "../config/schema";
import { baseLanguage, pickLocaleKey, type BuiltInLanguage } from "./locale";

export type UiText = Record<UiStringKey, string>;

/** One text per key, in the order of UI_STRING_KEYS (the compiler checks the count). */
type Column<Keys extends readonly string[] = typeof UI_STRING_KEYS> = { -readonly [I in keyof Keys]: string };

// The key names are written once, in config/constants.ts; each column lists its texts in
// that order, with the key beside each line.
const columns: Readonly<Record<BuiltInLanguage, Column>> = {
  en: [
    "Next", // next
    "Back", // back
    "Submit", // submit
    "Skip", // skip
    "Not now", // notNow
    "Close", // close
    "{current} / {total}", // progress
    "This field is required.", // required
    "Saving…", // saving
    "Your answer could not be saved. Please try again.", // saveFailed
    "Enter at least {min} characters.", // tooShort
    "Enter at most {max} characters.", // tooLong
    "Enter a value in the expected format.", // pattern
    "Enter a valid email address.", // email
    "Enter a valid phone number.", // tel
    "Enter a valid web address.", // url
    "Enter a number.", // number
    "Enter a whole number.", // integer
    "Enter {min} or more.", // min
    "Enter {max} or less.", // max
    "Enter a value in steps of {step}, such as {nearest}.", // step
    "Enter a valid date.", // date
    "Enter a date on or after {min}.", // dateMin
    "Enter a date on or before {max}.", // dateMax
    "Choose one of the options.", // option
    "Choose at least {min}.", // minSelected
    "Choose at most {max}.", // maxSelected
    "Check this box to continue.", // consent
    "Read the policy", // policy
    "A few questions", // form
    "required", // requiredMark
  ],
  ja: [
    "次へ", // next
    "戻る", // back
    "送信", // submit
    "スキップ", // skip
    "今はしない", // notNow
    "閉じる", // close
    "{current} / {total}", // progress
    "この項目は必須です。", // required
    "保存しています…", // saving
    "回答を保存できませんでした。もう一度お試しください。", // saveFailed
    "{min}文字以上で入力してください。", // tooShort
    "{max}文字以内で入力してください。", // tooLong
    "正しい形式で入力してください。", // pattern
    "有効なメールアドレスを入力してください。", // email
    "有効な電話番号を入力してください。", // tel
    "有効なURLを入力してください。", // url
    "数値を入力してください。", // number
    "整数を入力してください。", // integer
    "{min}以上の値を入力してください。", // min
    "{max}以下の値を入力してください。", // max
    "{step}刻みの値（{nearest}など）を入力してください。", // step
    "有効な日付を入力してください。", // date
    "{min}以降の日付を入力してください。", // dateMin
    "{max}以前の日付を入力してください。", // dateMax
    "選択肢から選んでください。", // option
    "{min}個以上選択してください。", // minSelected
    "{max}個以内で選択してください。", // maxSelected
    "続行するにはチェックを入れてください。", // consent
    "ポリシーを読む", // policy
    "いくつかの質問", // form
    "必須", // requiredMark
  ],
};

/**
 * The UI text for `locale`: the built-in table of its language (English, under the config's
 * `en` overrides, when there is none), then the config's overrides for the base language, then
 * for the exact locale, so "ja-JP" overrides beat "ja" ones. The schema admits only UI keys with
 * string values in `strings`, or undefined ones (a config object written in code may say
 * `next: undefined`): those are skipped, so the built-in text stays.
 */
export function resolveText(locale: string, overrides: Config["strings"] = {}): UiText {
  const base = baseLanguage(locale);
  // `base` is two or three letters (a checked locale tag), never an Object.prototype name.
  const column = columns[base as BuiltInLanguage] ?? columns.en;
  const keys = Object.keys(overrides);
  const layer = (key: string | undefined) => (key === undefined ? undefined : overrides[key]);
  const text = Object.fromEntries(UI_STRING_KEYS.map((key, i) => [key, column[i]])) as UiText;
  // A language without a table of its own is shown in English: the marketer's English too.
  for (const over of [column === columns.en && layer(pickLocaleKey(keys, "en")), layer(pickLocaleKey(keys, base)), layer(pickLocaleKey(keys, locale))]) {
    for (const [key, value] of Object.entries(over || {})) if (value !== undefined) text[key as keyof UiText] = value;
  }
  return text;
}

/** Fills `{name}` placeholders; unknown ones stay as written so a typo is visible, not blank. */
export function formatText(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
