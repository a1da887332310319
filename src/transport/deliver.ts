// One delivery attempt: a single POST of one outbox entry, reduced to what the retry policy
// needs to know. It never throws: whatever happens becomes an AttemptOutcome.
import { encodeMessage } from "../core/encode";
import { withSentAt } from "../core/message";
import { DELIVERY_TIMEOUT_MS } from "../core/retry-policy";
import type { AttemptOutcome } from "../core/types";
import type { OutboxEntry } from "../storage/outbox";
import { withTimeout } from "./timeout";

/** Browsers refuse a keepalive request whose body (with all others in flight) exceeds 64 KiB. */
export const KEEPALIVE_MAX_BYTES = 64 * 1024;

export interface DeliverEnv {
  fetch: typeof fetch;
  now: () => number;
  /** Ask the browser to finish the request even if the page goes away (page hidden). */
  keepalive: boolean;
}

export function deliverOnce(entry: OutboxEntry, env: DeliverEnv): Promise<AttemptOutcome> {
  // A fetch that ignores its signal must not hold the sender either.
  return withTimeout(DELIVERY_TIMEOUT_MS, (signal) => post(entry, env, signal), () => ({ kind: "timeout" }));
}

async function post(entry: OutboxEntry, env: DeliverEnv, signal: AbortSignal): Promise<AttemptOutcome> {
  // Called unbound: `window.fetch` called as a method of another object throws "Illegal invocation".
  const send = env.fetch;
  try {
    // `sentAt` is the only thing that changes between tries; the messageId never does.
    const { body, contentType } = encodeMessage(withSentAt(entry.message, env.now()), entry.target.format);
    const headers = new Headers(entry.target.headers);
    // Set after the config's headers so a config cannot replace them (Headers is case-blind).
    headers.set("Content-Type", contentType);
    headers.set("Idempotency-Key", entry.id);
    const response = await send(entry.target.endpoint, {
      method: "POST",
      headers,
      body,
      credentials: entry.target.credentials,
      keepalive: env.keepalive && byteLength(body) <= KEEPALIVE_MAX_BYTES,
      signal,
    });
    return { kind: "status", status: response.status, retryAfter: response.headers.get("Retry-After"), redirected: response.redirected };
  } catch {
    // A rejected fetch is a network failure, a CORS refusal or our abort: all worth retrying.
    // (So is anything else thrown here: it cannot be the backend refusing the message.)
    return signal.aborted ? { kind: "timeout" } : { kind: "network" };
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** An outcome in a few words, kept on the message as its `lastError`. */
export function describeOutcome(outcome: AttemptOutcome): string {
  if (outcome.kind === "status") return `HTTP ${outcome.status}`;
  return outcome.kind === "timeout" ? "timed out" : "network error";
}
