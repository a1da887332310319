import { describe, expect, it } from "vitest";
import { backoffMs, decide, DELIVERY_TIMEOUT_MS, FAILED_RETENTION_MS, MAX_BACKOFF_MS, parseRetryAfter } from "./retry-policy";

const fixed = (r: number) => () => r;
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

describe("constants", () => {
  it("match SPEC §7", () => {
    expect(DELIVERY_TIMEOUT_MS).toBe(10_000);
    expect(FAILED_RETENTION_MS).toBe(7 * 24 * 60 * 60 * 1000);
    expect(MAX_BACKOFF_MS).toBe(5 * 60 * 1000);
  });
});

describe("backoffMs", () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [9, 256_000],
    [10, 300_000],
    [11, 300_000],
    [1000, 300_000],
  ])("retry %i with a neutral factor (random 0.5) waits %i ms", (retry, ms) => {
    expect(backoffMs(retry, fixed(0.5))).toBe(ms);
  });

  it("random 0 gives 0.8×, random 1 gives 1.2×", () => {
    expect(backoffMs(1, fixed(0))).toBe(800);
    expect(backoffMs(1, fixed(1))).toBe(1200);
    expect(backoffMs(3, fixed(0))).toBe(3200);
    expect(backoffMs(3, fixed(1))).toBe(4800);
  });

  it("never waits longer than 5 minutes; at the cap the jitter still spreads clients over 4–5 minutes", () => {
    expect(backoffMs(50, fixed(1))).toBe(300_000);
    expect(backoffMs(50, fixed(0.75))).toBe(285_000);
    expect(backoffMs(50, fixed(0.5))).toBe(300_000);
    expect(backoffMs(50, fixed(0.25))).toBe(270_000);
    expect(backoffMs(50, fixed(0))).toBe(240_000);
    // 256 s × 1.2 would be 307 s.
    expect(backoffMs(9, fixed(1))).toBe(300_000);
    // No spike: of 1,000 clients at the cap, few wait the same whole second.
    const seconds = Array.from({ length: 1000 }, (_, i) => Math.round(backoffMs(50, fixed(i / 1000)) / 1000));
    const most = Math.max(...[...new Set(seconds)].map((s) => seconds.filter((x) => x === s).length));
    expect(Math.min(...seconds)).toBe(240);
    expect(Math.max(...seconds)).toBe(300);
    expect(most).toBeLessThan(50);
  });

  it("survives a broken random source", () => {
    expect(backoffMs(1, fixed(Number.NaN))).toBe(1000);
    expect(backoffMs(1, fixed(-3))).toBe(800);
    expect(backoffMs(1, fixed(7))).toBe(1200);
  });

  it("stays within [0.8, 1.2] × the base, and within 5 minutes, for every random in [0, 1)", () => {
    for (let retry = 1; retry <= 12; retry++) {
      const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (retry - 1));
      for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.999]) {
        const ms = backoffMs(retry, fixed(r));
        expect(ms).toBeGreaterThanOrEqual(base * 0.8);
        expect(ms).toBeLessThanOrEqual(Math.min(base * 1.2, MAX_BACKOFF_MS));
      }
    }
  });
});

describe("parseRetryAfter", () => {
  it.each([
    [null, null],
    [undefined, null],
    ["", null],
    ["abc", null],
    ["1.5", null],
    ["-3", null],
    ["0", 0],
    ["120", 120_000],
    [" 7 ", 7000],
  ])("%j → %j", (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it("reads an IMF-fixdate HTTP-date relative to now", () => {
    expect(parseRetryAfter("Tue, 24 Nov 2026 10:01:30 GMT", NOW)).toBe(90_000);
  });

  it("reads the obsolete RFC 850 and asctime forms", () => {
    expect(parseRetryAfter("Tuesday, 24-Nov-26 10:00:10 GMT", NOW)).toBe(10_000);
    expect(parseRetryAfter("Tue Nov 24 10:00:20 2026", NOW)).toBe(20_000);
    expect(parseRetryAfter("Tue Nov  3 10:00:00 2026", Date.UTC(2026, 10, 3, 9, 0, 0))).toBe(3_600_000);
  });

  it("a date in the past means now", () => {
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).toBe(0);
  });

  it("refuses times that do not exist and text that is no HTTP-date", () => {
    expect(parseRetryAfter("Tue, 24 Nov 2026 25:00:00 GMT", NOW)).toBeNull();
    expect(parseRetryAfter("2026-11-24T10:05:00Z", NOW)).toBeNull();
    expect(parseRetryAfter("Tue, 24 Nov 2026 10:05:00", NOW)).toBeNull();
    expect(parseRetryAfter("tomorrow 10:05:00 GMT", NOW)).toBeNull();
    expect(parseRetryAfter("1.5", NOW)).toBeNull();
  });

  it("reads what Date#toUTCString writes, for any instant", () => {
    for (const t of [0, NOW, NOW + 86_399_000, Date.UTC(2038, 0, 19, 3, 14, 7)]) {
      expect(parseRetryAfter(new Date(t).toUTCString(), 0)).toBe(t);
    }
  });
});

describe("decide", () => {
  const half = fixed(0.5);

  it.each([200, 201, 204, 299])("%i is delivered", (status) => {
    expect(decide({ kind: "status", status }, 1, half, NOW)).toEqual({ action: "delivered" });
  });

  it("a 2xx reached through a redirect is no delivery (a 301/302 turned the POST into a GET): failed, not retried", () => {
    expect(decide({ kind: "status", status: 200, redirected: true }, 1, half, NOW)).toMatchObject({ action: "failed", reason: expect.stringMatching(/redirected/) });
    // A retryable answer at the end of one is retried as any other.
    expect(decide({ kind: "status", status: 503, redirected: true }, 1, half, NOW)).toEqual({ action: "retry", delayMs: 1000 });
  });

  it("network errors and timeouts retry with backoff", () => {
    expect(decide({ kind: "network" }, 1, half, NOW)).toEqual({ action: "retry", delayMs: 1000 });
    expect(decide({ kind: "timeout" }, 3, half, NOW)).toEqual({ action: "retry", delayMs: 4000 });
  });

  it.each([408, 425, 429, 500, 502, 503, 504, 599])("%i retries", (status) => {
    expect(decide({ kind: "status", status }, 2, half, NOW)).toEqual({ action: "retry", delayMs: 2000 });
  });

  it.each([400, 401, 403, 404, 409, 410, 413, 422, 451, 499, 304, 101])("%i fails without retry", (status) => {
    expect(decide({ kind: "status", status }, 1, half, NOW)).toEqual({ action: "failed", reason: `HTTP ${status}` });
  });

  it("a status outside HTTP's range is treated like a network error", () => {
    expect(decide({ kind: "status", status: 0 }, 1, half, NOW)).toEqual({ action: "retry", delayMs: 1000 });
  });

  it("a longer Retry-After sets the wait; a shorter one does not", () => {
    expect(decide({ kind: "status", status: 429, retryAfter: "30" }, 1, half, NOW)).toEqual({ action: "retry", delayMs: 30_000 });
    expect(decide({ kind: "status", status: 503, retryAfter: "1" }, 4, half, NOW)).toEqual({ action: "retry", delayMs: 8000 });
    expect(decide({ kind: "status", status: 503, retryAfter: "Tue, 24 Nov 2026 10:02:00 GMT" }, 1, half, NOW)).toEqual({
      action: "retry",
      delayMs: 120_000,
    });
    expect(decide({ kind: "status", status: 503, retryAfter: "garbage" }, 1, half, NOW)).toEqual({ action: "retry", delayMs: 1000 });
  });

  it("ignores Retry-After on a non-retryable status", () => {
    expect(decide({ kind: "status", status: 400, retryAfter: "30" }, 1, half, NOW)).toEqual({ action: "failed", reason: "HTTP 400" });
  });
});
