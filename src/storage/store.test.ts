// The Store both kinds share (IndexedDB through idb-keyval, and memory): reads, writes, atomic
// updates, and two tabs updating one database at once.
import "fake-indexeddb/auto";
import { describe, expect, test } from "vitest";
import { createIdbStore, createMemoryStore, type Store } from "./store";
import { recordIdbCalls } from "./test-fixtures";

let dbCounter = 0;
const freshDbName = () => `store-test-${++dbCounter}`;

const implementations: [string, () => Store][] = [
  ["idb", () => createIdbStore(freshDbName())],
  ["memory", () => createMemoryStore()],
];

describe.each(implementations)("%s store", (_name, make) => {
  test("get / set / del / entries", async () => {
    const store = make();
    expect(await store.get("a")).toBeUndefined();
    await store.set("a", { n: 1 });
    await store.set("b", [1, 2]);
    expect(await store.get("a")).toEqual({ n: 1 });
    expect((await store.entries()).sort()).toEqual([
      ["a", { n: 1 }],
      ["b", [1, 2]],
    ]);
    await store.del("a");
    expect(await store.get("a")).toBeUndefined();
    expect(await store.entries()).toEqual([["b", [1, 2]]]);
  });

  test("deleteAndGet: deletes some keys and reads others in one go, values in the order asked", async () => {
    const store = make();
    await store.set("a", 1);
    await store.set("b", { n: 2 });
    await store.set("c", 3);
    expect(await store.deleteAndGet(["a", "missing"], ["c", "missing", "b", "a"])).toEqual([3, undefined, { n: 2 }, undefined]);
    expect((await store.entries()).sort()).toEqual([
      ["b", { n: 2 }],
      ["c", 3],
    ]);
    expect(await store.deleteAndGet([], [])).toEqual([]);
  });

  test("stores a copy: changing an object after set does not change what is stored", async () => {
    const store = make();
    const value = { list: ["x"] };
    await store.set("k", value);
    value.list.push("y");
    expect(await store.get("k")).toEqual({ list: ["x"] });
  });

  test("update sees the old value, writes the new one and resolves with it", async () => {
    const store = make();
    const seen: unknown[] = [];
    expect(await store.update("n", (old) => (seen.push(old), 1))).toBe(1);
    expect(await store.update("n", (old) => (seen.push(old), typeof old === "number" ? old + 1 : 0))).toBe(2);
    expect(seen).toEqual([undefined, 1]);
    expect(await store.get("n")).toBe(2);
  });

  test("update returning undefined deletes, and never creates a missing key", async () => {
    const store = make();
    await store.set("k", 1);
    expect(await store.update("k", () => undefined)).toBeUndefined();
    expect(await store.update("gone", () => undefined)).toBeUndefined();
    expect(await store.entries()).toEqual([]);
  });

  test("update whose function throws rejects and writes nothing", async () => {
    const store = make();
    await store.set("k", "before");
    await expect(
      store.update("k", () => {
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await store.get("k")).toBe("before");
  });

  test("updateEach: a later step's key comes from an earlier step's value, all resolved on commit", async () => {
    const store = make();
    await store.set("pointer", "target");
    await store.set("target", 1);
    const written = await store.updateEach([
      () => ["pointer", (old) => old],
      ([pointer]) => [String(pointer), (old) => (typeof old === "number" ? old + 1 : 0)],
      () => ["target", (old) => ({ seen: old })],
    ]);
    expect(written).toEqual(["target", 2, { seen: 2 }]);
    expect((await store.entries()).sort()).toEqual([
      ["pointer", "target"],
      ["target", { seen: 2 }],
    ]);
  });

  test("updateEach: keys given up front are read as the transaction starts; each step still sees the step before it run", async () => {
    const store = make();
    await store.set("b", 1);
    const order: string[] = [];
    const written = await store.updateEach([
      ["a", (old) => (order.push(`a:${String(old)}`), "A")],
      ["b", (old) => (order.push(`b:${String(old)}`), (old as number) + 1)],
      (before) => [String(before[0]).toLowerCase(), (old) => (order.push(`again:${String(old)}`), undefined)],
      ["c", (old) => (order.push(`c:${String(old)}`), old)],
    ]);
    expect(order).toEqual(["a:undefined", "b:1", "again:A", "c:undefined"]);
    expect(written).toEqual(["A", 2, undefined, undefined]);
    expect(await store.entries()).toEqual([["b", 2]]);
  });

  test("updateEach: a step that throws rejects, and the steps before it are not written either", async () => {
    const store = make();
    await store.set("a", "before");
    const fail = store.updateEach([
      () => ["a", () => "after"],
      () => ["b", () => "new"],
      () => {
        throw new Error("no");
      },
    ]);
    await expect(fail).rejects.toThrow("no");
    expect(await store.entries()).toEqual([["a", "before"]]);
  });
});

test("idb updateEach: the keys given up front go to the database together, before any write", async () => {
  const store = createIdbStore(freshDbName());
  const { calls, stop } = recordIdbCalls();
  await store.updateEach([["a", () => 1], ["b", () => 2], () => ["c", () => 3]]);
  stop();
  expect(calls).toEqual(["get a", "get b", "put a", "put b", "get c", "put c"]);
});

describe("idb store across tabs", () => {
  const next = (old: unknown) => (typeof old === "number" ? old + 1 : 1);
  /** 40 increments of one counter, alternating between two connections ("tabs"), all at once. */
  async function countFromTwoTabs(increment: (tab: Store) => Promise<unknown>): Promise<unknown> {
    const name = freshDbName();
    const tabs = [createIdbStore(name), createIdbStore(name)] as const;
    await Promise.all(Array.from({ length: 40 }, (_, i) => increment(tabs[i % 2 === 0 ? 0 : 1])));
    return createIdbStore(name).get("count");
  }

  test("concurrent updates from two connections to one database lose nothing", async () => {
    expect(await countFromTwoTabs((tab) => tab.update("count", next))).toBe(40);
  });

  test("control: the same increments as separate get and set do lose writes", async () => {
    // Shows the test above can fail: without one transaction, reads interleave.
    const count = await countFromTwoTabs(async (tab) => tab.set("count", next(await tab.get("count"))));
    expect(count).toBeLessThan(40);
  });

  test("an update does not resurrect a record another tab deleted", async () => {
    const name = freshDbName();
    const tabA = createIdbStore(name);
    const tabB = createIdbStore(name);
    await tabA.set("msg", { attempts: 0 });
    await tabB.del("msg");
    await tabA.update("msg", (old) => (old === undefined ? undefined : { attempts: 1 }));
    expect(await tabB.entries()).toEqual([]);
  });
});
