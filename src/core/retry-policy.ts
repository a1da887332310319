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
 * Wait before retry number `retry` (a whole number ≥ 1): 1 s × 2^(retry−1), capped at 5
 * minutes, times a factor in [0.8, 1.2]; no wait is longer than 5 minutes. A wait the factor
 * would take past 5 minutes gets a factor in [0.8, 1] of 5 minutes instead, so that clients at
 * the cap spread over 4–5 minutes rather than all retrying at exactly 5.
 */
export function backoffMs(retry: number, random: () => number): number {
  // `retry` is a stored attempt count (a whole number ≥ 0, records.ts) plus one.
  // 2 ** huge is Infinity, which Math.min turns back into the cap.
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (retry - 1));
  const r = random();
  // A broken random source must not produce a negative or NaN wait.
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0.5;
  const wait = base * (JITTER_MIN + JITTER_SPAN * unit);
  return Math.round(wait <= MAX_BACKOFF_MS ? wait : MAX_BACKOFF_MS * (JITTER_MIN + (1 - JITTER_MIN) * unit));
}

// An HTTP-date (RFC 9110 §5.6.7) has a weekday, a day and month, a time, and GMT or (asctime)
// the year last: "Sun, 06 Nov 1994 08:49:37 GMT", obsolete "Sunday, 06-Nov-94 08:49:37 GMT" and
// "Sun Nov  6 08:49:37 1994". The shape is checked here, so that Date.parse never turns loose
// text like "1.5" into an odd instant; Date.parse then reads it: the IMF-fixdate senders must
// use is what Date#toUTCString writes, which every engine must read back, and the obsolete forms
// are read where the engine knows them (else the backoff applies). A day the month does not
// have rolls over, as Date.UTC does (30 Feb is 2 Mar).
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\dA-Za-z -]+ \d\d:\d\d:\d\d(?: GMT| \d{4})$/;

function parseHttpDate(value: string): number | null {
  if (!HTTP_DATE.test(value)) return null;
  // asctime has no zone written, and is GMT.
  const at = Date.parse(value.endsWith(" GMT") ? value : `${value} GMT`);
  return Number.isNaN(at) ? null : at;
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
  // A 2xx at the end of a redirect says nothing of the message: a 301, 302 or 303 turns the POST
  // into a GET without its body (a 307 or 308 keeps it, but which one it was cannot be told).
  // Kept as failed (and reported), not sent again into the same; a 5xx there is retried as ever.
  if (status >= 200 && status <= 299) return outcome.redirected ? { action: "failed", reason: "the endpoint redirected it; use the URL it leads to" } : { action: "delivered" };
  // Outside 100–599 is no HTTP answer at all (e.g. an opaque 0): treat it like a network error.
  if (isRetryableStatus(status) || status < 100 || status > 599) {
    const backoff = backoffMs(retry, random);
    const retryAfter = parseRetryAfter(outcome.retryAfter, now);
    return { action: "retry", delayMs: retryAfter === null ? backoff : Math.max(backoff, retryAfter) };
  }
  // Other 4xx, and the unusual 1xx/3xx a fetch should never surface: retrying cannot help.
  return { action: "failed", reason: `HTTP ${status}` };
}
