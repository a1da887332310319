// Error codes, not error strings: every failure the widget reports has a code from this
// union, so hosts can branch on it and tests can assert on it.

export type ErrorCode =
  | "config_invalid" // the config failed validation, could not be fetched, or names no endpoint
  | "storage_unavailable" // IndexedDB is missing or broken: working from memory for this page
  | "storage_corrupt" // a stored record was invalid or from a foreign version and was dropped
  | "storage_write_failed" // a durable write failed: a step (the form did not advance), a draft or dismissal, or the record of a delivery attempt
  | "delivery_failed" // the endpoint could not be reached, timed out or answered 408/425/429/5xx: retried; reported once per widget
  | "delivery_rejected" // the backend answered a 4xx other than 408/425/429: kept as failed for 7 days
  | "option_invalid" // a mount option (visit, known, target) or an identify() argument was malformed and was ignored
  | "profile_unavailable" // profileUrl could not be read; the widget carries on without it
  | "internal"; // anything unexpected, caught at the boundary

export interface WidgetError {
  code: ErrorCode;
  message: string;
  /** What the `error` event carries besides code and message (a refused config's `errors`). */
  detail?: Record<string, unknown>;
}

export function createError(code: ErrorCode, message: string, detail?: Record<string, unknown>): WidgetError {
  return { code, message, detail };
}

/**
 * What was thrown, in words: an Error's message, or the value itself. Never throws itself: a
 * value with no text form (an object without a prototype) is named by its type.
 */
export function errorMessage(caught: unknown): string {
  try {
    return caught instanceof Error ? caught.message : String(caught);
  } catch {
    return `a ${typeof caught} that cannot be shown as text`;
  }
}
