import "fake-indexeddb/auto";
import { describe, expect, expectTypeOf, test, vi } from "vitest";
import { parseDelivery } from "../server";
import { allMessages, deleteForPerson, putMessage, type OutboxEntry } from "../storage/outbox";
import { createIdbStore, createMemoryStore, type Store } from "../storage/store";
import { makeEntry, recordingReport } from "../storage/test-fixtures";
import { createSender, VISIBLE_CONCURRENCY, type OutboxLocks, type SenderEnv } from "./sender";

const T0 = Date.UTC(2026, 10, 24, 10);
let dbCounter = 0;
const freshDbName = () => `sender-test-${++dbCounter}`;

/** A backend answering from a script (last answer repeats), recording every POST. */
function fakeBackend(script: (number | { status: number; retryAfter: string })[], delayMs = 0) {
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
function fakeTimers() {
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
function fakeLocks(): OutboxLocks {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, _options: { mode: "exclusive" }, callback: () => Promise<T>): Promise<T> {
      const run = tail.then(callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

function setup(outbox: Store, backend: ReturnType<typeof fakeBackend>, overrides: Partial<SenderEnv> = {}) {
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

const stored = async (store: Store) => allMessages(store, recordingReport());

test("navigator.locks fits what the sender needs", () => {
  expectTypeOf<LockManager>().toExtend<OutboxLocks>();
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
    expect(failed).toEqual([[expect.objectContaining({ id: "m-1", status: "failed", failedAt: T0 }), "HTTP 400"]]);
    expect(await stored(outbox)).toMatchObject([{ status: "failed", lastError: "HTTP 400" }]);
    expect(delivered).toEqual([]);
    expect(liveTimers()).toEqual([]);
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

describe("two tabs", () => {
  async function twoSenders(locks: OutboxLocks | undefined) {
    const name = freshDbName();
    const tabA = createIdbStore(name);
    const tabB = createIdbStore(name);
    for (let i = 1; i <= 4; i++) await putMessage(tabA, makeEntry({ createdAt: T0 + i, nextAttemptAt: T0 }, { messageId: `m-${i}` }));
    const backend = fakeBackend([200], 5);
    const a = setup(tabA, backend, { locks });
    const b = setup(tabB, backend, { locks });
    await Promise.all([a.sender.flush(), b.sender.flush(), a.sender.flush(), b.sender.flush()]);
    return { backend, delivered: [...a.delivered, ...b.delivered], outbox: tabA };
  }

  test("with Web Locks, no messageId is ever POSTed by both at once, and each goes once", async () => {
    const { backend, delivered, outbox } = await twoSenders(fakeLocks());
    expect(backend.overlaps()).toBe(0);
    expect(backend.posts.map((post) => post.messageId).sort()).toEqual(["m-1", "m-2", "m-3", "m-4"]);
    expect(delivered).toHaveLength(4);
    expect(await stored(outbox)).toEqual([]);
  });

  test("control: without a lock the two tabs do collide (what the lock prevents)", async () => {
    const { backend } = await twoSenders(undefined);
    expect(backend.overlaps()).toBeGreaterThan(0);
  });
});

describe("throughput", () => {
  const seed = async (outbox: Store, count: number, personOf: (i: number) => string = () => "anon-1") => {
    for (let i = 1; i <= count; i++) {
      await putMessage(outbox, makeEntry({ createdAt: T0 + i, nextAttemptAt: T0 }, { messageId: `m-${i}`, anonymousId: personOf(i) }));
    }
  };

  test("a visible page keeps six messages in flight, each POSTed by one request at a time", async () => {
    const outbox = createMemoryStore();
    await seed(outbox, 20);
    const backend = fakeBackend([200], 5);
    await setup(outbox, backend).sender.flush();
    expect(backend.mostInFlight()).toBe(VISIBLE_CONCURRENCY);
    expect(backend.overlaps()).toBe(0);
    expect(new Set(backend.posts.map((post) => post.messageId)).size).toBe(20);
    expect(backend.posts).toHaveLength(20);
    expect(await stored(outbox)).toEqual([]);
  });

  test("messages in flight together are re-read and removed in shared transactions", async () => {
    const memory = createMemoryStore();
    await seed(memory, 12);
    const calls = { get: 0, del: 0, getMany: 0, delMany: 0 };
    // A transaction takes a while, as IndexedDB's do; answers arriving meanwhile join the next.
    const transaction = () => new Promise((resolve) => setTimeout(resolve, 3));
    const counted: Store = {
      ...memory,
      get: (key) => (calls.get++, memory.get(key)),
      del: (key) => (calls.del++, memory.del(key)),
      getMany: async (keys) => (calls.getMany++, await transaction(), memory.getMany(keys)),
      delMany: async (keys) => (calls.delMany++, await transaction(), memory.delMany(keys)),
    };
    const backend = fakeBackend([200], 5);
    await setup(counted, backend).sender.flush();
    expect(backend.posts).toHaveLength(12);
    expect(calls.get + calls.del).toBe(0);
    expect(calls.getMany).toBeLessThan(12);
    expect(calls.delMany).toBeLessThan(12);
    expect(await stored(memory)).toEqual([]);
  });

  test("onDelivered does not hold up the next send, and a pass ends only once every callback ran", async () => {
    const outbox = createMemoryStore();
    await seed(outbox, 8);
    const backend = fakeBackend([200], 1);
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const told: string[] = [];
    const { sender } = setup(outbox, backend, {
      onDelivered: async (entry) => {
        await gate;
        told.push(entry.id);
      },
    });
    let flushed = false;
    const flush = sender.flush().then(() => (flushed = true));
    // More messages than there are workers: all of them go while the first callback waits.
    await vi.waitFor(() => expect(backend.posts).toHaveLength(8));
    expect(flushed).toBe(false);
    openGate();
    await flush;
    expect(told.sort()).toEqual(backend.posts.map((post) => post.messageId).sort());
  });

  test("a message forgotten while the pass runs, before its turn, is not sent", async () => {
    const outbox = createMemoryStore();
    await seed(outbox, 10, (i) => (i === 10 ? "forgotten" : "anon-1"));
    const backend = fakeBackend([200], 5);
    const fetch: typeof globalThis.fetch = async (url, init) => {
      if (backend.posts.length === 0) await deleteForPerson(outbox, "a:forgotten");
      return backend.fetch(url, init);
    };
    await setup(outbox, { ...backend, fetch }).sender.flush();
    expect(backend.posts.map((post) => post.messageId)).not.toContain("m-10");
    expect(backend.posts).toHaveLength(9);
  });
});

describe("edges", () => {
  test("a hidden page sends with keepalive", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const backend = fakeBackend([200]);
    const { sender } = setup(outbox, backend, { isHidden: () => true });
    await sender.flush();
    expect(backend.posts.map((post) => post.keepalive)).toEqual([true]);
  });

  test("a keepalive POST leases its message: no other tab sends it, flush or not, until the lease runs out", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    // The hidden tab's keepalive POST never ends while we look: its page is gone, the browser still holds it.
    const posted: boolean[] = [];
    const hanging: typeof fetch = (_url, init = {}) => {
      posted.push(init.keepalive === true);
      return new Promise<Response>(() => {});
    };
    const closing = setup(outbox, fakeBackend([200]), { isHidden: () => true, fetch: hanging, timeoutMs: 60_000 });
    void closing.sender.flush();
    await vi.waitFor(() => expect(posted).toEqual([true]));
    closing.sender.stop();
    const backend = fakeBackend([200]);
    const other = setup(outbox, backend);
    other.clock.now = T0 + 10_000;
    await other.sender.flush();
    expect(backend.posts).toEqual([]);
    // The flush is owed: the timer is armed for the lease's end, and then sends.
    expect(other.liveTimers()).toEqual([5_000]);
    other.clock.now = T0 + 15_000;
    other.timers.fire();
    await vi.waitFor(() => expect(backend.posts).toHaveLength(1));
    expect(await stored(outbox)).toEqual([]);
  });

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
    expect(report.calls.map(([code]) => code)).toEqual(["storage_write_failed"]);
    expect(liveTimers()).toEqual([1000]);
    await scheduleAndWait();
    expect(backend.posts).toHaveLength(1);
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
