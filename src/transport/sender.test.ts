import "fake-indexeddb/auto";
import { describe, expect, expectTypeOf, test, vi } from "vitest";
import { deleteForPerson, putMessage } from "../storage/outbox";
import { createIdbStore, createMemoryStore, type Store } from "../storage/store";
import { makeEntry } from "../storage/test-fixtures";
import type { OutboxLocks } from "./outbox-lock";
import { fakeBackend, setup, stored, T0 } from "./test-fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;
let dbCounter = 0;
const freshDbName = () => `sender-test-${++dbCounter}`;

test("navigator.locks fits what the sender needs", () => {
  expectTypeOf<LockManager>().toExtend<OutboxLocks>();
});

test("where the page may not use Web Locks (request() rejects), it sends without them", async () => {
  const outbox = createMemoryStore();
  await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
  const backend = fakeBackend([200]);
  const denied: OutboxLocks = {
    request: () => Promise.reject(new DOMException("Access to the Locks API is denied in this context.", "SecurityError")),
  };
  const { sender, delivered, report } = setup(outbox, backend, { locks: denied });
  await sender.flush();
  expect(delivered.map((entry) => entry.id)).toEqual(["m-1"]);
  expect(await stored(outbox)).toEqual([]);
  expect(report.calls).toEqual([]);
});

test("mayHavePending: until a pass has read the outbox, and whenever it holds a pending message or one was just written", async () => {
  const outbox = createMemoryStore();
  await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
  const backend = fakeBackend([503, 200]);
  const { sender, clock } = setup(outbox, backend);
  expect(sender.mayHavePending()).toBe(true);
  await sender.flush(); // 503: still pending
  expect(sender.mayHavePending()).toBe(true);
  clock.now = T0 + 1000;
  await sender.flush(); // delivered
  expect(sender.mayHavePending()).toBe(false);
  await putMessage(outbox, makeEntry({ createdAt: clock.now, nextAttemptAt: clock.now }, { messageId: "m-2" }));
  sender.schedule();
  expect(sender.mayHavePending()).toBe(true);
  await vi.waitFor(() => expect(sender.mayHavePending()).toBe(false));
  expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-1", "m-2"]);
  expect(await stored(outbox)).toEqual([]);
});

describe("retries", () => {
  test("503, 503, 200: delivered once, same messageId and Idempotency-Key on every try, attempts persisted between", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const backend = fakeBackend([503, 503, 200]);
    const { sender, clock, timers, delivered, scheduleAndWait, liveTimers } = setup(outbox, backend);

    await sender.flush();
    expect(await stored(outbox)).toMatchObject([{ attempts: 1, nextAttemptAt: T0 + 1000, lastError: "HTTP 503" }]);
    expect(liveTimers()).toEqual([1000]);

    // Not due yet: a scheduled pass leaves it alone.
    await scheduleAndWait();
    expect(backend.posts).toHaveLength(1);
    expect(liveTimers()).toEqual([1000]);

    clock.now = T0 + 1000;
    timers.fire();
    await vi.waitFor(async () => expect(await stored(outbox)).toMatchObject([{ attempts: 2, nextAttemptAt: T0 + 3000 }]));
    expect(liveTimers()).toEqual([2000]);

    clock.now = T0 + 3000;
    timers.fire();
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    expect(await stored(outbox)).toEqual([]);
    expect(backend.posts).toEqual([
      { idempotencyKey: "m-1", messageId: "m-1", keepalive: false },
      { idempotencyKey: "m-1", messageId: "m-1", keepalive: false },
      { idempotencyKey: "m-1", messageId: "m-1", keepalive: false },
    ]);
    expect(liveTimers()).toEqual([]);
  });

  test("400: not retried, kept as failed, onFailed told", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const backend = fakeBackend([400]);
    const { sender, failed, delivered, liveTimers } = setup(outbox, backend);
    await sender.flush();
    await sender.flush();
    expect(backend.posts).toHaveLength(1);
    // Told with the message as it was sent, before the outbox marks it failed (as a delivered
    // one's is before its removal): a page gone in between is refused again and tells again.
    expect(failed).toEqual([[expect.objectContaining({ id: "m-1", status: "pending" }), "HTTP 400"]]);
    expect(await stored(outbox)).toMatchObject([{ status: "failed", failedAt: T0, lastError: "HTTP 400" }]);
    expect(delivered).toEqual([]);
    expect(liveTimers()).toEqual([]);
  });

  test("a refused message is kept as failed for 7 days: the first pass after that deletes it, a younger one stays", async () => {
    const outbox = createMemoryStore();
    const failedAt = (days: number) => T0 - days * DAY_MS;
    await putMessage(outbox, makeEntry({ createdAt: failedAt(8), status: "failed", failedAt: failedAt(7) - 1 }, { messageId: "old" }));
    await putMessage(outbox, makeEntry({ createdAt: failedAt(8), status: "failed", failedAt: failedAt(6) }, { messageId: "young" }));
    const backend = fakeBackend([]);
    await setup(outbox, backend).sender.flush();
    expect((await stored(outbox)).map((entry) => entry.id)).toEqual(["young"]);
    expect(backend.posts).toEqual([]);
  });

  test("an unreachable endpoint is reported once, naming it, and retried on", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    await putMessage(outbox, makeEntry({ createdAt: T0 + 1, nextAttemptAt: T0 }, { messageId: "m-2" }));
    let posts = 0;
    const unreachable = { ...fakeBackend([]), fetch: () => (posts++, Promise.reject(new TypeError("Failed to fetch"))) };
    const { sender, report } = setup(outbox, unreachable);
    await sender.flush();
    await sender.flush();
    expect(posts).toBe(4);
    expect(report.calls).toEqual([["delivery_failed", { message: "could not deliver to https://api.example.com/profile (network error); will retry", messageId: expect.any(String), questionIds: expect.any(Array) }]]);
    expect(await stored(outbox)).toMatchObject([{ status: "pending", attempts: 2 }, { status: "pending", attempts: 2 }]);
  });

  test("503 every time: reported once; a refusal (400) is not a failure to deliver", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const failing = setup(outbox, fakeBackend([503]));
    await failing.sender.flush();
    await failing.sender.flush();
    expect(failing.report.calls).toEqual([["delivery_failed", { message: expect.stringMatching(/ \(HTTP 503\); will retry$/), messageId: expect.any(String), questionIds: expect.any(Array) }]]);
    const refused = setup(outbox, fakeBackend([400]));
    await refused.sender.flush();
    expect(refused.report.calls).toEqual([]);
  });

  test("Retry-After longer than the backoff sets the next try", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const backend = fakeBackend([{ status: 429, retryAfter: "120" }]);
    const { sender, liveTimers } = setup(outbox, backend);
    await sender.flush();
    expect(await stored(outbox)).toMatchObject([{ attempts: 1, nextAttemptAt: T0 + 120_000 }]);
    expect(liveTimers()).toEqual([120_000]);
  });

  test("flush() sends now, even before the backoff is over", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 + 60_000, attempts: 3 }));
    const backend = fakeBackend([200]);
    const { sender, delivered } = setup(outbox, backend);
    await sender.flush();
    expect(delivered.map((entry) => entry.id)).toEqual(["m-1"]);
  });

  test("the backoff survives a reload: a new sender on the same database waits, then counts on", async () => {
    const name = freshDbName();
    const before = createIdbStore(name);
    await putMessage(before, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const first = setup(before, fakeBackend([503]));
    await first.sender.flush();
    first.sender.stop();

    const after = createIdbStore(name);
    const backend = fakeBackend([503]);
    const second = setup(after, backend);
    second.clock.now = T0 + 500;
    await second.scheduleAndWait();
    expect(second.liveTimers()).toEqual([500]);
    expect(backend.posts).toEqual([]);

    second.clock.now = T0 + 1000;
    second.timers.fire();
    // The second try is retry 2: 2 s, not a fresh start at 1 s.
    await vi.waitFor(async () => expect(await stored(after)).toMatchObject([{ attempts: 2, nextAttemptAt: T0 + 3000 }]));
    expect(backend.posts.map((post) => post.idempotencyKey)).toEqual(["m-1"]);
  });
});

describe("edges", () => {
  test("a forgotten person's message is not sent", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    await deleteForPerson(outbox, "a:anon-1");
    const backend = fakeBackend([200]);
    await setup(outbox, backend).sender.flush();
    expect(backend.posts).toEqual([]);
  });

  test("a broken outbox is reported, never thrown", async () => {
    const broken: Store = { ...createMemoryStore(), entries: () => Promise.reject(new Error("disk gone")) };
    const { sender, report } = setup(broken, fakeBackend([200]));
    await expect(sender.flush()).resolves.toBeUndefined();
    expect(report.calls.map(([code]) => code)).toContain("internal");
  });

  test("a retry that cannot be written is held back in memory instead of looping", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const readOnly: Store = { ...outbox, update: () => Promise.reject(new Error("read-only")) };
    const backend = fakeBackend([503]);
    const { sender, report, scheduleAndWait, liveTimers } = setup(readOnly, backend);
    await sender.flush();
    expect(report.calls.map(([code]) => code)).toEqual(["delivery_failed", "storage_write_failed"]);
    expect(liveTimers()).toEqual([1000]);
    await scheduleAndWait();
    expect(backend.posts).toHaveLength(1);
  });

  test("a delivered message whose removal cannot be written: told delivered (its values go first), reported, held back by this page", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const stuck: Store = { ...outbox, deleteAndGet: (del, get) => (del.length > 0 ? Promise.reject(new Error("read-only")) : outbox.deleteAndGet(del, get)) };
    const backend = fakeBackend([200]);
    const { sender, report, delivered, liveTimers } = setup(stuck, backend);
    await sender.flush();
    expect(report.calls).toEqual([["storage_write_failed", expect.objectContaining({ messageId: "m-1" })]]);
    expect(delivered.map((entry) => entry.id)).toEqual(["m-1"]);
    // Delivered, so held for good: no timer for it, and a scheduled pass leaves it alone.
    expect(liveTimers()).toEqual([]);
    sender.schedule();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backend.posts).toHaveLength(1);
  });

  test("onDelivered runs before the message is removed: a page gone in between sends it again rather than keep a delivered value", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const stillThere: boolean[] = [];
    const { sender } = setup(outbox, fakeBackend([200]), {
      onDelivered: async () => void stillThere.push((await stored(outbox)).length === 1),
    });
    await sender.flush();
    expect(stillThere).toEqual([true]);
    expect(await stored(outbox)).toEqual([]);
  });

  test("a failing onDelivered is reported; the message is still gone", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const { sender, report } = setup(outbox, fakeBackend([200]), {
      onDelivered: () => Promise.reject(new Error("minimise failed")),
    });
    await sender.flush();
    expect(report.calls).toEqual([["internal", { message: expect.stringContaining("minimise failed") }]]);
    expect(await stored(outbox)).toEqual([]);
  });

  test("after stop(): no timer, no POST", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const backend = fakeBackend([503]);
    const { sender, liveTimers } = setup(outbox, backend);
    await sender.flush();
    sender.stop();
    expect(liveTimers()).toEqual([]);
    await sender.flush();
    expect(backend.posts).toHaveLength(1);
  });
});
