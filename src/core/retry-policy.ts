// What to do after one delivery attempt (SPEC §7): delivered, retry later, or give up.
// Pure: the clock (`now`) and the jitter source (`random`) are given, so every branch is
// testable without fake timers.
import type { AttemptOutcome, DeliveryDecision } from "./types";

/** One POST is abandoned (and counted as a retryable timeout) after this long. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A message refused with a non-retryable 4xx is kept this long, then purged. */
export const FAILED_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** No backoff wait is longer than five minutes. */
export const MAX_BACKOFF_MS = 300_000;

const FIRST_BACKOFF_MS = 1000;
const JITTER_MIN = 0.8;
const JITTER_SPAN = 0.4;

/**
 * Wait before the n-th retry (n ≥ 1): 1 s × 2^(n−1), capped at 5 minutes, times a factor in
 * [0.8, 1.2]; no wait is longer than 5 minutes. A wait the factor would take past 5 minutes
 * gets a factor in [0.8, 1] of 5 minutes instead, so that clients at the cap spread over 4–5
 * minutes rather than all retrying at exactly 5.
 */
export function backoffMs(retry: number, random: () => number): number {
  const n = Number.isFinite(retry) ? Math.max(1, Math.floor(retry)) : 1;
  // 2 ** huge is Infinity, which Math.min turns back into the cap.
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (n - 1));
  const r = random();
  // A broken random source must not produce a negative or NaN wait.
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0.5;
  const wait = base * (JITTER_MIN + JITTER_SPAN * unit);
  return Math.round(wait <= MAX_BACKOFF_MS ? wait : MAX_BACKOFF_MS * (JITTER_MIN + (1 - JITTER_MIN) * unit));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";

// The three HTTP-date forms of RFC 9110 §5.6.7, each with the capture groups of its day,
// month, year, hours, minutes and seconds. Anything else is not a date we trust, since
// Date.parse accepts loose strings like "1.5" and would turn them into odd instants.
const HTTP_DATES: [RegExp, number[]][] = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  [new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`), [1, 2, 3, 4, 5, 6]],
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  [new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`), [1, 2, 3, 4, 5, 6]],
  // asctime: Sun Nov  6 08:49:37 1994
  [new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`), [2, 1, 6, 3, 4, 5]],
];

function parseHttpDate(value: string): number | null {
  for (const [pattern, groups] of HTTP_DATES) {
    const match = pattern.exec(value);
    if (!match) continue;
    const [day, month, year, h, m, s] = groups.map((g) => match[g] ?? "") as [string, string, string, string, string, string];
    // Two-digit years (RFC 850): the most recent matching past century, as RFC 9110 says.
    const y = Number(year) + (year.length > 2 ? 0 : Number(year) < 70 ? 2000 : 1900);
    return utc(y, MONTHS.indexOf(month), Number(day), Number(h), Number(m), Number(s));
  }
  return null;
}

function utc(year: number, month: number, day: number, h: number, m: number, s: number): number | null {
  if (h > 23 || m > 59 || s > 60) return null;
  // A leap second (:60) is read as :59.
  const t = Date.UTC(year, month, day, h, m, Math.min(s, 59));
  // Date.UTC rolls Feb 30 over into March; a date that rolls over is not a real date.
  return new Date(t).getUTCDate() === day ? t : null;
}

/**
 * A `Retry-After` header as a delay in ms: delta-seconds or an HTTP-date (a date already past
 * means "now", 0). Null when the header is absent or not one of those forms.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text);
  return at === null ? null : Math.max(0, at - now);
}

/** Statuses that mean "not now" rather than "never" (SPEC §7). */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * The decision after one attempt. `retry` is the number of the retry this decision would
 * schedule: 1 after the first failed attempt, 2 after the second, …
 */
export function decide(outcome: AttemptOutcome, retry: number, random: () => number, now: number): DeliveryDecision {
  if (outcome.kind !== "status") return { action: "retry", delayMs: backoffMs(retry, random) };
  const { status } = outcome;
  if (status >= 200 && status <= 299) return { action: "delivered" };
  // Outside 100–599 is no HTTP answer at all (e.g. an opaque 0): treat it like a network error.
  if (isRetryableStatus(status) || status < 100 || status > 599) {
    const backoff = backoffMs(retry, random);
    const retryAfter = parseRetryAfter(outcome.retryAfter, now);
    return { action: "retry", delayMs: retryAfter === null ? backoff : Math.max(backoff, retryAfter) };
  }
  // Other 4xx, and the unusual 1xx/3xx a fetch should never surface: retrying cannot help.
  return { action: "failed", reason: `HTTP ${status}` };
}
