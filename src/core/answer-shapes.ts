// Shape rules for single answer strings (email, tel, url, date, a config `pattern`) and the
// person's current date. Separate from answers.ts, which applies them per question type.

/**
 * Input typed with a Japanese or Chinese IME often comes in full-width forms ("０３－１２３４",
 * "ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｃｏｍ"). NFKC folds them to ASCII; used for the types whose
 * value is machine-read (email, tel, number, date), never for free text, nor for a URL, whose
 * path may hold characters NFKC would change (it is trimmed only).
 */
export function foldWidth(text: string): string {
  return text.normalize("NFKC").trim();
}

const EMAIL_LOCAL = String.raw`[\p{L}\p{N}.!#$%&'*+/=?^_\x60{|}~-]+`;
const DOMAIN_LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
const EMAIL_MAX = 254;
// Built on first use: a Unicode-property RegExp costs several ms to construct on a slow phone,
// and most pages never check an e-mail address.
let email: RegExp | undefined;

/** One @, a local part without spaces, and a domain with at least one dot (a bare "a@b" is a typo on a web form). */
export function isEmail(text: string): boolean {
  email ??= new RegExp(`^${EMAIL_LOCAL}@${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+$`, "u");
  return text.length <= EMAIL_MAX && email.test(text);
}

// Dash look-alikes that IMEs and copy-paste bring into phone numbers; NFKC leaves them alone.
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70]/g;
const TEL_CHARS = /^[0-9 +\-().]+$/;
const TEL_MIN_DIGITS = 5;
const TEL_MAX_LENGTH = 40;

/** Full-width digits and signs folded, and every kind of dash made "-". */
export function normaliseTel(text: string): string {
  return foldWidth(text).replace(DASHES, "-");
}

/** A phone number written with digits, spaces, + - ( ) . and at least five digits. */
export function isTel(text: string): boolean {
  const digits = text.replace(/\D/g, "").length;
  return text.length <= TEL_MAX_LENGTH && TEL_CHARS.test(text) && digits >= TEL_MIN_DIGITS;
}

/** An absolute http(s) URL with a host, written out in full ("example.com" alone is not one). */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && !/\s/.test(text) && !!parseUrl(text)?.hostname;
}

/** `url` read as a URL (against `base` when given), or undefined when it is none. */
export function parseUrl(url: string, base?: string | URL): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * A real calendar date as YYYY-MM-DD (no 2026-02-30, no year 0000). Date-only ISO text is read
 * as UTC midnight, and a day past the end of its month rolls over into the next, so it no
 * longer reads back as the same text.
 */
export function isIsoDate(text: string): boolean {
  const time = Date.parse(text);
  return /^\d{4}-\d\d-\d\d$/.test(text) && text >= "0001" && !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** A date question's `min`/`max` with "today" replaced by the person's date. */
export function resolveDateBound(bound: string | undefined, today: string): string | undefined {
  return bound === "today" ? today : bound;
}

/**
 * The person's current date as YYYY-MM-DD. `timeZoneOffsetMinutes` follows
 * `Date#getTimezoneOffset()` (UTC minus local time: Tokyo is −540), so the UI passes
 * `new Date(now).getTimezoneOffset()` and the core stays clock- and zone-free.
 */
export function todayOf(now: number, timeZoneOffsetMinutes = 0): string {
  return new Date(now - timeZoneOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** A config `pattern` as a regular expression the whole value must match; throws a SyntaxError when it does not compile. */
export const wholeValuePattern = (pattern: string, flags: string): RegExp => new RegExp(`^(?:${pattern})$`, flags);

const compiled = new Map<string, RegExp | null>();

/**
 * A config `pattern` as a whole-value matcher, compiled the way a browser compiles an input's
 * `pattern` attribute (flag "v"), falling back to "u" and then no flag for older engines.
 * Null when it compiles under none of them; validation refuses such configs, so a null here
 * means a config that bypassed validation, and the answer is not held hostage to it.
 */
export function compilePattern(pattern: string): RegExp | null {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  let result: RegExp | null = null;
  for (const flags of ["v", "u", ""]) {
    try {
      result = wholeValuePattern(pattern, flags);
      break;
    } catch {
      // Try the next, more lenient set of flags.
    }
  }
  compiled.set(pattern, result);
  return result;
}
