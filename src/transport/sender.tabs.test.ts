// The sender across tabs: one tab sends at a time under the Web Lock, a hidden page sends with
// keepalive, and a keepalive POST that may outlive its page leases its message from the others.
import "fake-indexeddb/auto";
import { describe, expect, test, vi } from "vitest";
import { outboxKey, putMessage } from "../storage/outbox";
import { createIdbStore, createMemoryStore, type Store } from "../storage/store";
import { makeEntry } from "../storage/test-fixtures";
import type { OutboxLocks } from "./outbox-lock";
import { KEEPALIVE_LEASE_MS } from "./sender";
import { fakeBackend, fakeLocks, setup, stored, T0 } from "./test-fixtures";

let dbCounter = 0;
const freshDbName = () => `sender-tabs-test-${++dbCounter}`;

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

describe("keepalive and its lease", () => {
  test("a hidden page sends with keepalive", async () => {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const backend = fakeBackend([200]);
    const { sender } = setup(outbox, backend, { isHidden: () => true });
    await sender.flush();
    expect(backend.posts.map((post) => post.keepalive)).toEqual([true]);
  });

  /** A hidden tab flushes the outbox's message with a keepalive POST that never ends while we look (its page is gone, the browser still holds it). */
  async function leasedByAClosedTab(outbox: Store): Promise<void> {
    const posted: boolean[] = [];
    const hanging: typeof fetch = (_url, init = {}) => {
      posted.push(init.keepalive === true);
      return new Promise<Response>(() => {});
    };
    const closing = setup(outbox, fakeBackend([200]), { isHidden: () => true, fetch: hanging });
    void closing.sender.flush();
    await vi.waitFor(() => expect(posted).toEqual([true]));
    closing.sender.stop();
  }

  /**
   * Another tab's flush() at T0 + 10 s, while a closed tab's keepalive POST leases the message
   * (due at `nextAttemptAt`) until T0 + KEEPALIVE_LEASE_MS: the flush sends nothing and is owed.
   */
  async function flushHeldByALease(nextAttemptAt: number) {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt }));
    await leasedByAClosedTab(outbox);
    const backend = fakeBackend([200]);
    const other = setup(outbox, backend);
    other.clock.now = T0 + 10_000;
    await other.sender.flush();
    expect(backend.posts).toEqual([]);
    // The timer is armed for the lease's end.
    expect(other.liveTimers()).toEqual([KEEPALIVE_LEASE_MS - 10_000]);
    return { outbox, backend, other };
  }

  test("a keepalive POST leases its message: no other tab sends it, flush or not, until the lease runs out", async () => {
    const { outbox, backend, other } = await flushHeldByALease(T0);
    // The owed flush runs when the lease ends.
    other.clock.now = T0 + KEEPALIVE_LEASE_MS;
    other.timers.fire();
    await vi.waitFor(() => expect(backend.posts).toHaveLength(1));
    expect(await stored(outbox)).toEqual([]);
  });

  test("a flush owed to a leased message that is gone (the closed tab's POST arrived) is settled by the next pass: other messages keep their backoff", async () => {
    const { outbox, backend, other } = await flushHeldByALease(T0);
    // The closed tab's keepalive POST arrived and it removed the message; two others wait for their retries.
    await outbox.del(outboxKey("m-1"));
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 + 20_000 }, { messageId: "m-2" }));
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 + KEEPALIVE_LEASE_MS + 60_000 }, { messageId: "m-3" }));
    await other.scheduleAndWait();
    expect(other.liveTimers()).toEqual([10_000]);
    other.clock.now = T0 + 20_000;
    other.timers.fire();
    await vi.waitFor(() => expect(backend.posts.map((post) => post.messageId)).toEqual(["m-2"]));
    await other.scheduleAndWait();
    expect(backend.posts.map((post) => post.messageId)).toEqual(["m-2"]);
  });

  test("a flush() held back by a lease is still owed after a pass that was not a flush (a new answer's)", async () => {
    // Its next retry is due long after the lease ends.
    const { backend, other } = await flushHeldByALease(T0 + KEEPALIVE_LEASE_MS + 40_000);
    await other.scheduleAndWait();
    // Still armed for the lease's end (not the retry's, 40 s later), and then it sends.
    expect(other.liveTimers()).toEqual([KEEPALIVE_LEASE_MS - 10_000]);
    other.clock.now = T0 + KEEPALIVE_LEASE_MS;
    other.timers.fire();
    await vi.waitFor(() => expect(backend.posts).toHaveLength(1));
  });

  /**
   * A tab whose keepalive POST (`hidden`) or plain POST times out at 10 s while its backend still
   * holds the request; then another tab's flush() at T0 + 12 s, after the 1 s backoff.
   */
  async function afterATimeout(hidden: boolean) {
    const outbox = createMemoryStore();
    await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }));
    const held: typeof fetch = () => new Promise<Response>(() => {});
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const first = setup(outbox, fakeBackend([200]), { isHidden: () => hidden, fetch: held });
      const pass = first.sender.flush();
      // (The POST left at T0; its timeout is seen at T0 + 10 s.)
      await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0));
      first.clock.now = T0 + 10_000;
      await vi.advanceTimersByTimeAsync(10_000);
      await pass;
    } finally {
      vi.useRealTimers();
    }
    const backend = fakeBackend([200]);
    const other = setup(outbox, backend);
    other.clock.now = T0 + 12_000;
    await other.sender.flush();
    return { outbox, backend, other };
  }

  test("a keepalive POST that timed out may still be on its way (the browser finishes it): its message stays leased, and no other tab sends it meanwhile", async () => {
    const { outbox, backend, other } = await afterATimeout(true);
    // Leased again from the timeout, not only from the start.
    expect(await stored(outbox)).toEqual([expect.objectContaining({ attempts: 1, leaseUntil: T0 + 10_000 + KEEPALIVE_LEASE_MS })]);
    expect(backend.posts).toEqual([]);
    expect(other.liveTimers()).toEqual([KEEPALIVE_LEASE_MS - 2_000]);
    other.clock.now = T0 + 10_000 + KEEPALIVE_LEASE_MS;
    other.timers.fire();
    await vi.waitFor(() => expect(backend.posts.map((post) => post.keepalive)).toEqual([false]));
  });

  test("control: a plain POST that timed out was aborted, so another tab sends the message at its retry", async () => {
    const { outbox, backend } = await afterATimeout(false);
    expect(backend.posts).toHaveLength(1);
    expect(await stored(outbox)).toEqual([]);
  });
});
