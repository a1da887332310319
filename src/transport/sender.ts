// The drain loop: sends what the outbox holds, one tab at a time, and keeps every retry
// decision on the message itself. The policy (core `decide`) and one POST (`deliverOnce`)
// live elsewhere; this file owns only when to send, who may send, and what is written after.
//
// Exactly one tab sends at a time: each pass runs under the outbox lock (outbox-lock.ts),
// re-reads the outbox under it (another tab may have just sent or changed everything), and
// persists each outcome before the lock is released. Within a page, passes run one after
// another, and a message written while one runs joins it: a slow POST holds back nothing else.
//
// Within a pass, a few messages are in progress at once, each taken by exactly one worker and
// so POSTed by one request at a time; their IndexedDB steps share transactions
// (outbox-steps.ts). One at a time, 1,000 messages took 3.2 ms each, mostly round trips (on
// the bench machine of 2026-11-25; README "Size and speed" has the drain's latest figures).
import { DELIVERY_TIMEOUT_MS, decide } from "../core/retry-policy";
import type { AttemptOutcome } from "../core/types";
import {
  allMessages,
  leaseMessage,
  markFailed,
  markRetry,
  pendingMessages,
  purgeExpiredFailures,
  type OutboxEntry,
} from "../storage/outbox";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";
import { deliverOnce, describeOutcome } from "./deliver";
import { outboxLock, type OutboxLocks } from "./outbox-lock";
import { createOutboxSteps } from "./outbox-steps";
import { errorMessage as describe } from "../errors";

/**
 * How many messages are in progress at once, each by one request. Browsers open six HTTP/1.1
 * connections per host; two more keep them busy while others are in their IndexedDB steps
 * (re-read, removal): 6 → 8 took a 1,000-message drain from about 460 to 510 msg/s (A/B on
 * the bench machine of 2026-11-25). Not many more: a request queued in the browser already runs its
 * 10 s timeout, so behind a slow backend the queued ones would time out unsent. The same while
 * the page is hidden: keepalive requests share a 64 KiB budget, which eight messages of the
 * usual size (under 1 KB) are far from, and one the budget refuses is retried like a network
 * error (deliver.ts sends a body over the budget without keepalive). A lower limit there would
 * also count requests still open from before the page was hidden, which leave no keepalive
 * budget to share and would hold the new messages back.
 */
export const CONCURRENCY = 8;
/** setTimeout treats longer delays as 0; a longer wait is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * How long a keepalive POST keeps its message from every other send, from its start and again
 * from its timeout. The browser finishes such a request on its own: aborting it (our 10 s
 * timeout) does not stop it while its page lives (Chromium 150: the backend held it until it
 * answered), and Chromium keeps it up to 30 s after its page is gone. So the lease is persisted
 * and outlasts both, with a margin: another tab sends the message again only once the first
 * request is over, unless a backend holds it for longer still while its hidden page lives (SPEC
 * §7: two tabs never send the same message at the same time; the backend's Idempotency-Key
 * covers what no client can bound).
 */
export const KEEPALIVE_LEASE_MS = DELIVERY_TIMEOUT_MS + 35_000;
/** How long a message whose attempt could not be recorded waits before this page tries again. */
const STORAGE_ERROR_HOLD_MS = 30_000;

export interface SenderEnv {
  outbox: Store;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  locks?: OutboxLocks | undefined;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  isHidden: () => boolean;
  report: Report;
  onDelivered: (entry: OutboxEntry) => void | Promise<void>;
  onFailed: (entry: OutboxEntry, reason: string) => void | Promise<void>;
}

export interface Sender {
  /** Sends everything pending now, backoff or not; resolves when that pass is over. */
  flush(): Promise<void>;
  /**
   * Whether the outbox may hold a pending message: false once a pass found none and this page
   * wrote none since (another tab's later message is seen at the next pass: delivery.ts runs
   * one whenever the page becomes visible). Work started as the page is hidden keeps the
   * browser from keeping the page in its back-forward cache, so a hidden page with nothing to
   * send does none.
   */
  mayHavePending(): boolean;
  /** Sends what is due, soon (after a new message). */
  schedule(): void;
  /** No more passes or timers; a POST in flight is finished and recorded. */
  stop(): void;
}

export function createSender(env: SenderEnv): Sender {
  let stopped = false;
  // The one timer armed for the earliest pending message (a handle of `setTimer`), or null.
  let timer: unknown = null;
  let tail: Promise<void> = Promise.resolve();
  // The one pass queued behind the running one; later requests join it instead of piling up.
  let queued: { force: boolean; done: Promise<void> } | null = null;
  // Messages whose outcome is not yet written (or could not be: storage failing mid-page),
  // with when they may go again (Infinity: delivered or refused). A broken database must not
  // turn into a POST loop.
  const held = new Map<string, number>();
  // onDelivered and onFailed callbacks (minimising the person record) run one after another
  // behind the sends instead of between them; a pass is over only once they have all run.
  let afterOutcome: Promise<void> = Promise.resolve();
  // A flush() that had to leave messages alone because of a keepalive lease is owed: it runs
  // again, forced, when the earliest lease ends.
  let flushOwed = false;
  // Each message's re-read and removal, sharing transactions with the other messages' (outbox-steps.ts).
  const steps = createOutboxSteps(env.outbox, env.report);
  // What the running pass waits for before it ends (and the lock with it): its workers, its
  // listings still handing out what they found, and the outcomes (a delivered message's
  // removal, a refused one's failed mark) not yet committed. A worker goes on to its next
  // message meanwhile, so that the removal and that message's re-read share one transaction.
  const busy = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    busy.add(work);
    void work.then(() => busy.delete(work));
  };
  // A retryable failure is reported the first time only (SPEC §3: once); the retries go on
  // silently, through a recovery and any later outage of this widget's page.
  let failureReported = false;
  // Unknown until the first pass has read the outbox. `scheduled` counts this page's new
  // messages, so a read that started before one was written does not clear the flag.
  let mayHavePending = true;
  let scheduled = 0;
  // The running pass's way to take in more messages (see request), or null between passes.
  let joinRunning: ((force: boolean) => void) | null = null;

  function request(force: boolean): Promise<void> {
    if (stopped) return Promise.resolve();
    // A pass running now takes in what is due at once: a slow POST must not hold back the
    // messages written after it (nor keep them from keepalive when the page is hidden). It
    // arms the timer for the rest as it ends, so nothing is queued behind it (a forced pass
    // there would send again what the join just tried, whatever its Retry-After said).
    if (joinRunning) {
      joinRunning(force);
      return tail;
    }
    if (queued) {
      queued.force ||= force;
      return queued.done;
    }
    const slot = { force, done: Promise.resolve() };
    slot.done = tail.then(() => {
      queued = null;
      return pass(slot.force);
    });
    queued = slot;
    tail = slot.done;
    return slot.done;
  }

  const underLock = outboxLock(env.locks);
  const failed = (what: string, error: unknown) => env.report("internal", { message: `${what} failed: ${describe(error)}` });

  async function pass(force: boolean): Promise<void> {
    if (stopped) return;
    try {
      await underLock(() => drain(force));
    } catch (error) {
      failed("Sending the outbox", error);
    }
    await afterOutcome;
    await arm();
  }

  async function drain(force: boolean): Promise<void> {
    const taken = new Set<string>();
    const waiting: OutboxEntry[] = [];
    let workers = 0;
    const work = async () => {
      for (let entry = waiting.shift(); entry; entry = waiting.shift()) await sendOne(entry);
      workers--;
    };
    const take = async (forced: boolean) => {
      try {
        const now = env.now();
        const listed = await allMessages(env.outbox, env.report);
        await purgeExpiredFailures(env.outbox, now, listed);
        // A flush owes a pass while a lease it left alone lasts: another pass (a new answer's)
        // does not settle it, and the lease's message being gone does. A lease of this pass's own
        // keepalive POST (a join while it is open) is none it left alone.
        flushOwed = (forced || flushOwed) && listed.some((entry) => !sendable(entry, now) && entry.status === "pending" && !taken.has(entry.id));
        for (const entry of listed) {
          if (taken.has(entry.id) || !sendable(entry, now) || !(forced || wakeAt(entry) <= now)) continue;
          taken.add(entry.id);
          waiting.push(entry);
        }
        // Each message is taken by one worker, so POSTed by one request at a time.
        while (workers < CONCURRENCY && waiting.length) {
          workers++;
          track(work());
        }
      } catch (error) {
        failed("Sending the outbox", error);
      }
    };
    joinRunning = (forced) => track(take(forced));
    joinRunning(force);
    // Every outcome is persisted before the lock is released.
    while (busy.size) await Promise.all(busy);
    joinRunning = null;
  }

  async function sendOne(listed: OutboxEntry): Promise<void> {
    if (stopped) return;
    try {
      // Read again right before sending: forget() may have deleted it meanwhile. The POST
      // starts as soon as this read is back, whichever batch it went in.
      const entry = await steps.reread(listed.id);
      if (entry === null || !sendable(entry, env.now())) return;
      const keepalive = env.isHidden();
      // The lease is durable before the request leaves: if this page is closed or reloaded
      // while the browser still finishes the keepalive POST, no other tab sends it meanwhile.
      if (keepalive) await leaseMessage(env.outbox, entry.id, env.now() + KEEPALIVE_LEASE_MS);
      const outcome = await deliverOnce(entry, {
        fetch: env.fetch,
        now: env.now,
        keepalive,
      });
      await record(entry, outcome, keepalive);
    } catch (error) {
      holdAfterStorageError(listed.id, error);
    }
  }

  /**
   * A step of this message could not be read or written. The page holds it back itself: until
   * the outcome `record` set (delivered: for good), or for a while when it set none.
   */
  function holdAfterStorageError(id: string, error: unknown): void {
    if (!held.has(id)) held.set(id, env.now() + STORAGE_ERROR_HOLD_MS);
    env.report("storage_write_failed", { message: `Could not record a delivery attempt: ${describe(error)}`, messageId: id });
  }

  /** Persists one outcome; until that write succeeds, the page holds the message back itself. */
  async function record(entry: OutboxEntry, outcome: AttemptOutcome, keepalive: boolean): Promise<void> {
    const attempts = entry.attempts + 1;
    // After `attempts` failed tries, the next try is retry number `attempts`.
    const decision = decide(outcome, attempts, env.random, env.now());
    const retryAt = decision.action === "retry" ? env.now() + decision.delayMs : Infinity;
    held.set(entry.id, retryAt);
    if (decision.action === "delivered") settle(entry.id, () => env.onDelivered(entry), () => steps.remove(entry.id));
    else if (decision.action === "retry") {
      if (!failureReported) {
        failureReported = true;
        env.report("delivery_failed", {
          message: `could not deliver to ${entry.target.endpoint} (${describeOutcome(outcome)}); will retry`,
          messageId: entry.id,
          questionIds: entry.questionIds,
        });
      }
      // A keepalive POST that timed out is still on its way (see KEEPALIVE_LEASE_MS): leased anew.
      const leaseUntil = keepalive && outcome.kind === "timeout" ? env.now() + KEEPALIVE_LEASE_MS : undefined;
      await markRetry(env.outbox, entry.id, attempts, retryAt, describeOutcome(outcome), leaseUntil);
      held.delete(entry.id);
    } else settle(entry.id, () => env.onFailed(entry, decision.reason), () => markFailed(env.outbox, entry.id, env.now(), decision.reason));
  }

  /**
   * A message's outcome for good (delivered, or refused and never sent again). The page is told
   * first (`tell`: the person's record drops the answers' values), then the outbox records it
   * (`persist`): a page that goes away in between leaves the message to be sent again (same
   * messageId, at least once) and told again, never an answer's value on the device (SPEC §8).
   * Not awaited: the worker goes on to its next message meanwhile (see `busy`).
   */
  function settle(id: string, tell: () => void | Promise<void>, persist: () => Promise<unknown>): void {
    const told = (afterOutcome = afterOutcome.then(() => callback(tell)));
    const settled = told.then(persist).then(
      () => void held.delete(id),
      (error: unknown) => holdAfterStorageError(id, error),
    );
    track(settled);
  }

  function wakeAt(entry: OutboxEntry): number {
    return Math.max(entry.nextAttemptAt, entry.leaseUntil ?? 0, held.get(entry.id) ?? 0);
  }

  /** Pending and not leased by a keepalive POST that may still be open. */
  function sendable(entry: OutboxEntry, now: number): boolean {
    return entry.status === "pending" && (entry.leaseUntil ?? 0) <= now;
  }

  /** One timer, for the earliest pending message. */
  async function arm(): Promise<void> {
    let next: number | null = null;
    try {
      const before = scheduled;
      const pending = await pendingMessages(env.outbox, env.report);
      mayHavePending = pending.length > 0 || scheduled !== before;
      for (const entry of pending) {
        const leaseEnd = flushOwed && entry.leaseUntil !== undefined ? entry.leaseUntil : Infinity;
        next = Math.min(next ?? Infinity, wakeAt(entry), leaseEnd);
      }
    } catch (error) {
      failed("Reading the outbox", error);
    }
    disarm();
    if (stopped || next === null || !Number.isFinite(next)) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next - env.now()));
    // A timer that fires is the armed one: arming clears the one before.
    timer = env.setTimer(() => {
      timer = null;
      void request(flushOwed);
    }, delay);
  }

  function disarm(): void {
    if (timer !== null) env.clearTimer(timer);
    timer = null;
  }

  async function callback(run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      failed("A delivery callback", error);
    }
  }

  return {
    flush: () => request(true),
    mayHavePending: () => mayHavePending,
    schedule: () => {
      scheduled++;
      mayHavePending = true;
      void request(false);
    },
    stop: () => {
      stopped = true;
      disarm();
    },
  };
}
