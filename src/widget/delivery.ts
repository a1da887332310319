// Turns a step of the form into a durable outbox message and keeps the sender running:
// on load, on `online`, when the page is hidden (keepalive), after each new message, and on
// the public flush(). Knows the outbox and the core's message builder, nothing of the UI.
import type { Config } from "../config/schema";
import { buildMessage } from "../core/message";
import type { Answers } from "../core/types";
import { putMessage, deleteForPerson, type OutboxEntry } from "../storage/outbox";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";
import { createSender } from "../transport/sender";

export interface DeliveryEnv {
  config: Config;
  endpoint: string;
  outbox: Store;
  win: Window;
  doc: Document;
  now: () => number;
  uuid: () => string;
  report: Report;
  onDelivered: (entry: OutboxEntry) => void | Promise<void>;
  onFailed: (entry: OutboxEntry, reason: string) => void;
}

export interface StepMessage {
  personKey: string;
  userId: string | null;
  anonymousId: string;
  visit: number;
  locale: string;
  answers: Answers;
  skipped: string[];
}

export interface Delivery {
  /** Resolves once the message is durable in the outbox; rejects when the write failed. */
  write(step: StepMessage): Promise<OutboxEntry>;
  flush(): Promise<void>;
  forget(personKeys: string[]): Promise<void>;
  stop(): void;
}

export function createDelivery(env: DeliveryEnv): Delivery {
  const { win, doc, config } = env;
  const sender = createSender({
    outbox: env.outbox,
    fetch: (input, init) => win.fetch(input, init),
    now: env.now,
    random: Math.random,
    locks: win.navigator.locks,
    setTimer: (fn, ms) => win.setTimeout(fn, ms),
    clearTimer: (handle) => win.clearTimeout(handle as number),
    isHidden: () => doc.visibilityState === "hidden",
    report: env.report,
    onDelivered: env.onDelivered,
    onFailed: env.onFailed,
  });
  const target = {
    endpoint: env.endpoint,
    format: config.format,
    headers: { ...(config.headers ?? {}) },
    credentials: config.credentials,
  };
  const flushNow = () => void sender.flush();
  const onVisibility = () => {
    if (doc.visibilityState === "hidden") flushNow();
  };
  win.addEventListener("online", flushNow);
  win.addEventListener("pagehide", flushNow);
  doc.addEventListener("visibilitychange", onVisibility);
  flushNow();

  return {
    async write(step) {
      const now = env.now();
      const messageId = env.uuid();
      const message = buildMessage({
        messageId,
        config,
        person: { userId: step.userId, anonymousId: step.anonymousId },
        visit: step.visit,
        answers: step.answers,
        skipped: step.skipped,
        now,
        locale: step.locale,
        pageUrl: win.location.href,
      });
      const entry: OutboxEntry = {
        v: 1,
        id: messageId,
        personKey: step.personKey,
        message,
        target,
        questionIds: Object.keys(step.answers),
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        status: "pending",
      };
      await putMessage(env.outbox, entry);
      sender.schedule();
      return entry;
    },
    flush: () => sender.flush(),
    async forget(personKeys) {
      for (const key of personKeys) await deleteForPerson(env.outbox, key);
    },
    stop() {
      win.removeEventListener("online", flushNow);
      win.removeEventListener("pagehide", flushNow);
      doc.removeEventListener("visibilitychange", onVisibility);
      sender.stop();
    },
  };
}
