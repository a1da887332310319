import { describe, expect, test, vi } from "vitest";
import { deleteForPerson, putMessage } from "../storage/outbox";
import { createMemoryStore, type Store } from "../storage/store";
import { makeEntry } from "../storage/test-fixtures";
import { CONCURRENCY } from "./sender";
import { fakeBackend, setup, stored, T0 } from "./test-fixtures";

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
    expect(backend.mostInFlight()).toBe(CONCURRENCY);
    expect(backend.overlaps()).toBe(0);
    expect(new Set(backend.posts.map((post) => post.messageId)).size).toBe(20);
    expect(backend.posts).toHaveLength(20);
    expect(await stored(outbox)).toEqual([]);
  });

  test("messages in flight together are re-read and removed in shared transactions", async () => {
    const memory = createMemoryStore();
    await seed(memory, 12);
    const calls = { get: 0, del: 0, deleteAndGet: 0 };
    // A transaction takes a while, as IndexedDB's do; steps arriving meanwhile join the next.
    const transaction = () => new Promise((resolve) => setTimeout(resolve, 3));
    const counted: Store = {
      ...memory,
      get: (key) => (calls.get++, memory.get(key)),
      del: (key) => (calls.del++, memory.del(key)),
      deleteAndGet: async (del, get) => (calls.deleteAndGet++, await transaction(), memory.deleteAndGet(del, get)),
    };
    const backend = fakeBackend([200], 5);
    await setup(counted, backend).sender.flush();
    expect(backend.posts).toHaveLength(12);
    expect(calls.get + calls.del).toBe(0);
    // One re-read and one removal per message, in far fewer transactions.
    expect(calls.deleteAndGet).toBeLessThan(12);
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
