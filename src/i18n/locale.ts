// Which language the widget speaks (SPEC §9) and how a LocalizedText becomes one string.
// Locale tags are compared case-insensitively ("ja-jp" and "ja-JP" are the same tag).
import { LIMITS } from "../config/constants";
import type { LocalizedText } from "../config/schema";

/** Languages with a built-in UI text table (src/i18n/strings.ts must cover exactly these). */
export const BUILT_IN_LANGUAGES = ["en", "ja"] as const;
export type BuiltInLanguage = (typeof BUILT_IN_LANGUAGES)[number];

/** "ja-JP" → "ja". */
export function baseLanguage(locale: string): string {
  return (locale.split("-")[0] ?? locale).toLowerCase();
}

/** The key of `keys` equal to `locale`, ignoring case. */
export function pickLocaleKey(keys: readonly string[], locale: string): string | undefined {
  const wanted = locale.toLowerCase();
  return keys.find((k) => k.toLowerCase() === wanted);
}

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
  const chosen = usable(input.option) ?? usable(input.config);
  if (chosen) return chosen;
  const browser = (input.languages ?? []).map(usable).filter((t): t is string => t !== undefined);
  const known = new Set([...BUILT_IN_LANGUAGES, ...(input.supported ?? [])].map(baseLanguage));
  return browser.find((t) => known.has(baseLanguage(t))) ?? browser[0] ?? "en";
}

/** The text for `locale`: exact tag, its base language, "en", then the first value given. */
export function localize(text: LocalizedText | undefined, locale: string): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  const keys = Object.keys(text);
  const key =
    pickLocaleKey(keys, locale) ??
    pickLocaleKey(keys, baseLanguage(locale)) ??
    pickLocaleKey(keys, "en") ??
    keys[0];
  return key === undefined ? "" : (text[key] ?? "");
}

/**
 * The language the UI text is actually in, for the card's `lang`: `locale` when it has a
 * built-in table or the config's `strings` cover it, else English (the fallback text).
 */
export function textLanguage(locale: string, supported: readonly string[] = []): string {
  const base = baseLanguage(locale);
  const known = [...BUILT_IN_LANGUAGES, ...supported].some((tag) => baseLanguage(tag) === base);
  return known ? locale : "en";
}

/** The writing direction of a language; set on the card, since `all: initial` does not reset it. */
export function textDirection(lang: string): "ltr" | "rtl" {
  return /^(ar|dv|fa|he|ps|ur|yi)$/.test(baseLanguage(lang)) ? "rtl" : "ltr";
}
