// Fault switches, so a visitor can watch the widget retry (SPEC §7). Two ways in:
//   on the endpoint's query:  ?fail=503[&times=N]  answer 503 (or any retryable status) to
//                                                  the first N attempts of each message
//                                                  (default 3), then store it: a message
//                                                  keeps the endpoint it was written with,
//                                                  so "fail forever" would never heal
//                             ?reject=400           answer a 4xx the widget will not retry
//                             ?latency=1500         wait that many ms before answering
//   as a server-side mode (the Backend page's form, or POST /api/faults):
//                             fail the next N deliveries with a status; latency for all
const RETRYABLE = (s) => s === 408 || s === 425 || s === 429 || (s >= 500 && s <= 599);
const REJECTABLE = (s) => s >= 400 && s <= 499 && !RETRYABLE(s);
const MAX_LATENCY_MS = 30_000;
const DEFAULT_FAIL_TIMES = 3;

const integer = (text) => (/^\d{1,9}$/.test(String(text ?? "").trim()) ? Number(text) : NaN);

/** Each query switch: its parameter, where it goes, what is allowed, and what to say otherwise. */
const QUERY_SWITCHES = [
  ["fail", "fail", RETRYABLE, "fail= must be a status the widget retries: 408, 425, 429 or 500–599."],
  ["times", "times", (n) => n >= 1, "times= must be a whole number ≥ 1 (how many attempts of each message fail)."],
  ["reject", "reject", REJECTABLE, "reject= must be a 4xx status the widget does not retry, such as 400, 409 or 422."],
  ["latency", "latencyMs", (n) => n <= MAX_LATENCY_MS, `latency= must be milliseconds between 0 and ${MAX_LATENCY_MS}.`],
];

/** Parses the query's fault switches: `{ ok: true, faults }` or `{ ok: false, error }`. */
export function queryFaults(searchParams) {
  const faults = { fail: null, times: null, reject: null, latencyMs: 0 };
  for (const [param, key, allowed, error] of QUERY_SWITCHES) {
    if (!searchParams.has(param)) continue;
    const value = integer(searchParams.get(param));
    // NaN fails every test, so text that is not a whole number is refused too.
    if (!allowed(value)) return { ok: false, error };
    faults[key] = value;
  }
  return { ok: true, faults };
}

/** The server-side mode, and the per-message attempt counts `times=` needs. */
export function createFaultMode() {
  let mode = { failNext: 0, status: 503, latencyMs: 0 };
  const attempts = new Map();

  return {
    get: () => ({ ...mode }),
    /** Sets the mode from a form or JSON body; returns `{ ok, mode }` or `{ ok: false, error }`. */
    set(input) {
      // A box left empty on the Backend page's form means its default (0 deliveries: off).
      const failNext = integer(input.failNext || 0);
      const status = integer(input.status || 503);
      const latencyMs = integer(input.latencyMs || 0);
      if (!(failNext <= 1000)) return { ok: false, error: "failNext must be a whole number between 0 and 1000." };
      if (!RETRYABLE(status) && !REJECTABLE(status)) return { ok: false, error: "status must be a 4xx or 5xx status." };
      if (!(latencyMs <= MAX_LATENCY_MS)) return { ok: false, error: `latencyMs must be between 0 and ${MAX_LATENCY_MS}.` };
      mode = { failNext, status, latencyMs };
      return { ok: true, mode: { ...mode } };
    },
    /**
     * What to do with one delivery attempt: how long to wait, then a fault status or null
     * (go on and store it). A query fault wins over the server mode, which only counts down
     * when it is the one used.
     */
    decide(faults, key) {
      const latencyMs = Math.max(faults.latencyMs, mode.latencyMs);
      if (faults.reject !== null) return { latencyMs, status: faults.reject, why: `?reject=${faults.reject}` };
      if (faults.fail !== null) {
        const seen = (attempts.get(key) ?? 0) + 1;
        remember(key, seen);
        if (seen <= (faults.times ?? DEFAULT_FAIL_TIMES)) return { latencyMs, status: faults.fail, why: `?fail=${faults.fail}` };
      }
      if (mode.failNext > 0) {
        mode = { ...mode, failNext: mode.failNext - 1 };
        return { latencyMs, status: mode.status, why: `server mode: fail the next deliveries (${mode.failNext} left)` };
      }
      return { latencyMs, status: null, why: null };
    },
  };

  // Bounded: the oldest counts go first, so a long demo session cannot grow this forever.
  function remember(key, count) {
    attempts.delete(key);
    attempts.set(key, count);
    if (attempts.size > 1000) attempts.delete(attempts.keys().next().value);
  }
}
