// Which language the widget speaks (SPEC §9) and how a LocalizedText becomes one string.
// Locale tags are compared case-insensitively ("ja-jp" and "ja-JP" are the same tag).
import { LIMITS } from "../config/constants";
import type { LocalizedText } from "../config/schema";

/** Languages with a built-in UI text table (src/i18n/strings.ts must cover exactly these). */
const BUILT_IN_LANGUAGES = ["en", "ja"] as const;
export type BuiltInLanguage = (typeof BUILT_IN_LANGUAGES)[number];

/** "ja-JP" → "ja". */
export const baseLanguage = (locale: string): string => locale.split("-")[0]!.toLowerCase();

/** The key of `keys` equal to `locale`, ignoring case. */
export const pickLocaleKey = (keys: readonly string[], locale: string): string | undefined =>
  keys.find((k) => k.toLowerCase() === locale.toLowerCase());

/** Whether there is UI text in `locale`'s language: a built-in table or one of `supported`. */
const speaks = (locale: string, supported: readonly string[] = []): boolean =>
  [...BUILT_IN_LANGUAGES, ...supported].some((tag) => baseLanguage(tag) === baseLanguage(locale));

function usable(tag: string | null | undefined): string | undefined {
  const t = tag?.trim();
  return t && LIMITS.localePattern.test(t) ? t : undefined;
}

/**
 * First of: the mount option / data-locale, the config's `locale`, the browser's languages,
 * "en". Among the browser's languages the first one we can speak wins (a built-in table or
 * one of `supported`, e.g. the config's `strings` locales), so ["fr", "ja"] gets Japanese
 * rather than English-with-a-French-tag; when none is supported, the first one is used and
 * the text falls back to English.
 */
export function resolveLocale(input: {
  option?: string | null;
  config?: string;
  languages?: readonly string[];
  supported?: readonly string[];
}): string {
  const browser = (input.languages ?? []).map(usable).filter((t): t is string => t !== undefined);
  return (
    usable(input.option) ??
    usable(input.config) ??
    browser.find((t) => speaks(t, input.supported)) ??
    browser[0] ??
    "en"
  );
}

/**
 * The locale key of a text map that `localize` reads for `locale`: exact tag, its base language,
 * "en", then the first one given. undefined for a plain string (its language is not said).
 */
export function textLocale(text: LocalizedText | undefined, locale: string): string | undefined {
  if (typeof text !== "object") return undefined;
  const keys = Object.keys(text);
  // The schema admits no empty map, so there is always a first value.
  return [locale, baseLanguage(locale), "en"].map((tag) => pickLocaleKey(keys, tag)).find(Boolean) ?? keys[0]!;
}

/** The text for `locale` (see `textLocale`). */
export function localize(text: LocalizedText | undefined, locale: string): string {
  return typeof text === "object" ? text[textLocale(text, locale)!]! : (text ?? "");
}

/**
 * The language the UI text is actually in, for the card's `lang`: `locale` when it has a
 * built-in table or the config's `strings` cover it, else English (the fallback text).
 */
export const textLanguage = (locale: string, supported?: readonly string[]): string =>
  speaks(locale, supported) ? locale : "en";

/** The writing direction of a language; set on the card, since `all: initial` does not reset it. */
export const textDirection = (lang: string): "ltr" | "rtl" =>
  /^(ar|dv|fa|he|ps|ur|yi)$/.test(baseLanguage(lang)) ? "rtl" : "ltr";
