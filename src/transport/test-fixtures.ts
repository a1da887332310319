// Test doubles for transport tests: a recording fetch, and for the sender a scripted backend,
// hand-fired timers, a cross-tab lock, and a sender wired to them.
import { expect, vi } from "vitest";
import { parseDelivery } from "../server";
import { allMessages, type OutboxEntry } from "../storage/outbox";
import type { Store } from "../storage/store";
import { recordingReport } from "../storage/test-fixtures";
import type { OutboxLocks } from "./outbox-lock";
import { createSender, type SenderEnv } from "./sender";

/** A fetch that records every call and answers with `respond`. */
export function recordingFetch(respond: (init: RequestInit) => Promise<Response> | Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    calls.push({ url: String(input), init });
    return respond(init);
  };
  return { fetch, calls };
}

export const T0 = Date.UTC(2026, 10, 24, 10);

/** A backend answering from a script (last answer repeats), recording every POST. */
export function fakeBackend(script: (number | { status: number; retryAfter: string })[], delayMs = 0) {
  const posts: { idempotencyKey: string | null; messageId: string; keepalive: boolean }[] = [];
  const inFlight = new Map<string, number>();
  let overlaps = 0;
  let open = 0;
  let mostOpen = 0;
  const fetch: typeof globalThis.fetch = async (_url, init = {}) => {
    const headers = new Headers(init.headers);
    const parsed = parseDelivery(String(init.body), headers.get("content-type"));
    if (!parsed.ok) throw new Error(parsed.error);
    const id = parsed.message.messageId;
    posts.push({ idempotencyKey: headers.get("idempotency-key"), messageId: id, keepalive: init.keepalive === true });
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    if ((inFlight.get(id) ?? 0) > 1) overlaps += 1;
    mostOpen = Math.max(mostOpen, ++open);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    open -= 1;
    inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
    const answer = script[Math.min(posts.length - 1, script.length - 1)] ?? 200;
    return typeof answer === "number"
      ? new Response(null, { status: answer })
      : new Response(null, { status: answer.status, headers: { "Retry-After": answer.retryAfter } });
  };
  return { fetch, posts, overlaps: () => overlaps, mostInFlight: () => mostOpen };
}

/** Timers the test fires by hand. */
export function fakeTimers() {
  const armed: { fn: () => void; ms: number; live: boolean }[] = [];
  return {
    setTimer: (fn: () => void, ms: number) => {
      const timer = { fn, ms, live: true };
      armed.push(timer);
      return timer;
    },
    clearTimer: (handle: unknown) => {
      for (const timer of armed) if (timer === handle) timer.live = false;
    },
    live: () => armed.filter((timer) => timer.live),
    /** Every pass ends by arming the timer afresh, so a new arming means a pass is over. */
    armedSoFar: () => armed.length,
    fire: () => {
      const live = armed.filter((timer) => timer.live);
      expect(live).toHaveLength(1);
      for (const timer of live) {
        timer.live = false;
        timer.fn();
      }
    },
  };
}

/** A FIFO exclusive lock shared by every sender given it, like navigator.locks across tabs. */
export function fakeLocks(): OutboxLocks {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, _options: { mode: "exclusive" }, callback: () => Promise<T>): Promise<T> {
      const run = tail.then(callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

export function setup(outbox: Store, backend: ReturnType<typeof fakeBackend>, overrides: Partial<SenderEnv> = {}) {
  const clock = { now: T0 };
  const timers = fakeTimers();
  const report = recordingReport();
  const delivered: OutboxEntry[] = [];
  const failed: [OutboxEntry, string][] = [];
  const sender = createSender({
    outbox,
    fetch: backend.fetch,
    now: () => clock.now,
    random: () => 0.5, // jitter factor exactly 1
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    isHidden: () => false,
    report,
    onDelivered: (entry) => void delivered.push(entry),
    onFailed: (entry, reason) => void failed.push([entry, reason]),
    ...overrides,
  });
  /** schedule(), and wait for that pass to end (every pass ends by arming the timer). */
  const scheduleAndWait = async () => {
    const armings = timers.armedSoFar();
    sender.schedule();
    await vi.waitFor(() => expect(timers.armedSoFar()).toBe(armings + 1));
  };
  const liveTimers = () => timers.live().map((timer) => timer.ms);
  return { sender, clock, timers, report, delivered, failed, scheduleAndWait, liveTimers };
}

export const stored = async (store: Store) => allMessages(store, recordingReport());
