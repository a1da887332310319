// Turns a step of the form into a durable outbox message and keeps the sender running:
// on load, on `online`, when the page is hidden (keepalive), after each new message, and on
// the public flush(). Knows the outbox and the core's message builder, nothing of the UI.
import type { Config } from "../config/schema";
import { buildMessage } from "../core/message";
import { retainedQuestionIds } from "../core/profile";
import type { Answers, PersonState } from "../core/types";
import { putMessage, deleteForPerson, type OutboxEntry } from "../storage/outbox";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";
import { createSender } from "../transport/sender";
import { makeUuid } from "./platform";

export interface DeliveryEnv {
  /** With its endpoint (mount() checks it has one). */
  config: Config;
  /** The UI language, sent with each message. */
  locale: string;
  outbox: Store;
  report: Report;
  onDelivered: (entry: OutboxEntry) => void | Promise<void>;
  onFailed: (entry: OutboxEntry, reason: string) => void | Promise<void>;
}

export interface Delivery {
  /**
   * A step's message from this person (under `personKey`), at their current visit unless another
   * is given. Resolves once it is durable in the outbox; rejects when the write failed.
   */
  write(personKey: string, person: PersonState, answers: Answers, skipped: string[], visit?: number): Promise<void>;
  flush(): Promise<void>;
  forget(personKeys: string[]): Promise<void>;
  stop(): void;
}

export function createDelivery(env: DeliveryEnv): Delivery {
  const { config } = env;
  const isHidden = () => document.visibilityState === "hidden";
  const sender = createSender({
    outbox: env.outbox,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    locks: navigator.locks,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as number),
    isHidden,
    report: env.report,
    onDelivered: env.onDelivered,
    onFailed: env.onFailed,
  });
  const target = {
    endpoint: config.endpoint!,
    format: config.format,
    headers: { ...config.headers },
    credentials: config.credentials,
  };
  // Frozen into each message, so a page with another config that delivers it keeps them too.
  const kept = retainedQuestionIds(config);
  const flushNow = () => void sender.flush();
  // Hidden, maybe for good: what is pending goes now, with keepalive. With nothing pending the
  // page does no work then, so the browser can keep it in its back-forward cache.
  const flushIfPending = () => {
    if (sender.mayHavePending()) flushNow();
  };
  // Visible again: what other tabs wrote meanwhile (one may have closed with a message waiting)
  // is read, so it is known, and sent, when this page is hidden next.
  const onVisibility = () => (isHidden() ? flushIfPending() : sender.schedule());
  addEventListener("online", flushNow);
  addEventListener("pagehide", flushIfPending);
  document.addEventListener("visibilitychange", onVisibility);
  flushNow();

  return {
    async write(personKey, person, answers, skipped, visit = person.visit) {
      const now = Date.now();
      const id = makeUuid();
      const questionIds = Object.keys(answers);
      await putMessage(env.outbox, {
        v: 1,
        id,
        personKey,
        message: buildMessage({ messageId: id, config, person, visit, answers, skipped, now, locale: env.locale, pageUrl: location.href }),
        target,
        questionIds,
        keep: questionIds.filter((question) => kept.has(question)),
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        status: "pending",
      });
      sender.schedule();
    },
    flush: () => sender.flush(),
    async forget(personKeys) {
      for (const key of personKeys) await deleteForPerson(env.outbox, key);
    },
    stop() {
      removeEventListener("online", flushNow);
      removeEventListener("pagehide", flushIfPending);
      document.removeEventListener("visibilitychange", onVisibility);
      sender.stop();
    },
  };
}
