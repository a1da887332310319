// Builders for storage and transport tests: one outbox entry, overridable where a test cares.
import { vi } from "vitest";
import type { PendingMessage } from "../core/types";
import type { OutboxEntry } from "./outbox";
import type { Report } from "./records";

export function makeMessage(overrides: Partial<PendingMessage> = {}): PendingMessage {
  return {
    messageId: "m-1",
    configId: "b2b-onboarding",
    configVersion: 1,
    userId: null,
    anonymousId: "anon-1",
    visit: 1,
    answers: { email: "ada@example.com" },
    skipped: [],
    answeredAt: "2026-11-24T10:00:00.000Z",
    locale: "en",
    page: "https://shop.example.com/account",
    ...overrides,
  };
}

/** An entry for `message` (its messageId is the entry id), due at `createdAt`. */
export function makeEntry(overrides: Partial<OutboxEntry> = {}, message: Partial<PendingMessage> = {}): OutboxEntry {
  const built = makeMessage(message);
  return {
    v: 1,
    id: built.messageId,
    personKey: `a:${built.anonymousId}`,
    message: built,
    target: { endpoint: "https://api.example.com/profile", format: "json", headers: {}, credentials: "omit" },
    questionIds: Object.keys(built.answers),
    createdAt: 1000,
    attempts: 0,
    nextAttemptAt: 1000,
    status: "pending",
    ...overrides,
  };
}

/** A Report that remembers what it was told. */
export function recordingReport(): Report & { calls: [string, Record<string, unknown>][] } {
  const calls: [string, Record<string, unknown>][] = [];
  return Object.assign((code: string, detail: Record<string, unknown>) => void calls.push([code, detail]), { calls });
}

/**
 * Records every IndexedDB get and put ("get KEY", "put KEY"), in the order they are asked of
 * the database, until `stop()`.
 */
export function recordIdbCalls(): { calls: string[]; stop(): void } {
  const calls: string[] = [];
  const { get, put } = IDBObjectStore.prototype;
  const spies = [
    vi.spyOn(IDBObjectStore.prototype, "get").mockImplementation(function (this: IDBObjectStore, key) {
      calls.push(`get ${String(key)}`);
      return get.call(this, key);
    }),
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, value, key) {
      calls.push(`put ${String(key)}`);
      return put.call(this, value, key);
    }),
  ];
  return { calls, stop: () => spies.forEach((spy) => spy.mockRestore()) };
}
