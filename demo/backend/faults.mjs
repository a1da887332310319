// Fault switches, so a visitor can watch the widget retry (SPEC §7). Two ways in:
//   on the endpoint's query:  ?fail=503[&times=N]  answer 503 (or any retryable status) —
//                                                  to every attempt, or to the first N
//                                                  attempts of each message
//                             ?reject=400           answer a 4xx the widget will not retry
//                             ?latency=1500         wait that many ms before answering
//   as a server-side mode (the Backend page's form, or POST /api/faults):
//                             fail the next N deliveries with a status; latency for all
const RETRYABLE = (s) => s === 408 || s === 425 || s === 429 || (s >= 500 && s <= 599);
const REJECTABLE = (s) => s >= 400 && s <= 499 && !RETRYABLE(s);
export const MAX_LATENCY_MS = 30_000;

const integer = (text) => (/^\d{1,9}$/.test(String(text ?? "").trim()) ? Number(text) : NaN);

/** Parses the query's fault switches: `{ ok: true, faults }` or `{ ok: false, error }`. */
export function queryFaults(searchParams) {
  const faults = { fail: null, times: null, reject: null, latencyMs: 0 };
  if (searchParams.has("fail")) {
    const status = integer(searchParams.get("fail"));
    if (!RETRYABLE(status)) return { ok: false, error: "fail= must be a status the widget retries: 408, 425, 429 or 500–599." };
    faults.fail = status;
  }
  if (searchParams.has("times")) {
    const times = integer(searchParams.get("times"));
    if (!(times >= 1)) return { ok: false, error: "times= must be a whole number ≥ 1 (how many attempts of each message fail)." };
    faults.times = times;
  }
  if (searchParams.has("reject")) {
    const status = integer(searchParams.get("reject"));
    if (!REJECTABLE(status)) return { ok: false, error: "reject= must be a 4xx status the widget does not retry, such as 400, 409 or 422." };
    faults.reject = status;
  }
  if (searchParams.has("latency")) {
    const ms = integer(searchParams.get("latency"));
    if (!(ms <= MAX_LATENCY_MS)) return { ok: false, error: `latency= must be milliseconds between 0 and ${MAX_LATENCY_MS}.` };
    faults.latencyMs = ms;
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
      const failNext = integer(input.failNext ?? 0);
      const status = integer(input.status ?? 503);
      const latencyMs = integer(input.latencyMs ?? 0);
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
        if (faults.times === null || seen <= faults.times) return { latencyMs, status: faults.fail, why: `?fail=${faults.fail}` };
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
