// openStores and the start-up probe behind it: IndexedDB when both databases open and take a
// test write in time, memory for both otherwise, said once (SPEC §8).
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, test, vi } from "vitest";
import { probeIndexedDb, type ProbeResult } from "./probe";
import { createIdbStore, OBJECT_STORE, openStores, OUTBOX_DB, PEOPLE_DB } from "./store";

let dbCounter = 0;
const freshDbName = () => `open-stores-test-${++dbCounter}`;

describe("openStores", () => {
  test("IndexedDB working: no warning, and the data is in the people database", async () => {
    const warn = vi.fn();
    const stores = await openStores({ indexedDB, warn });
    expect(warn).not.toHaveBeenCalled();
    await stores.people.set("k", "v");
    expect(await createIdbStore(PEOPLE_DB).get("k")).toBe("v");
    await stores.people.del("k");
  });

  test("IndexedDB full later in the page: the refused write and all after it go to memory, both stores together, said once", async () => {
    const warn = vi.fn();
    const stores = await openStores({ indexedDB, warn });
    await stores.people.set("person", { visit: 1 });
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    await stores.outbox.set("msg:1", { answers: { name: "Ada" } });
    expect(await stores.outbox.entries()).toEqual([["msg:1", { answers: { name: "Ada" } }]]);
    // The people store moved with it: nothing of the page is half on disk, half in memory.
    await stores.people.update("person", (old) => ({ ...(old as object), visit: 2 }));
    expect(await stores.people.get("person")).toEqual({ visit: 2 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^IndexedDB is full \(QuotaExceededError: .*\); answers are kept in memory for the rest of this page\.$/);
    put.mockRestore();
    // What was on disk stays there for the next page view.
    expect(await createIdbStore(PEOPLE_DB).get("person")).toEqual({ visit: 1 });
    expect(await createIdbStore(OUTBOX_DB).get("msg:1")).toBeUndefined();
    await createIdbStore(PEOPLE_DB).del("person");
  });

  test("IndexedDB full: memory starts with what was on disk, and deletes (a forget(), a delivery) reach the disk too", async () => {
    const stores = await openStores({ indexedDB, warn: vi.fn() });
    await stores.people.set("person", { visit: 1 });
    await stores.people.set("anonymous-id", "a_1");
    await stores.outbox.set("msg:old", { personKey: "person", answers: { name: "Ada" } });
    await stores.outbox.set("msg:other", { personKey: "other", status: "failed" });
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    try {
      await stores.outbox.set("msg:new", { personKey: "person", answers: { email: "a@b.co" } });
      // The page still sees the message saved before the disk filled, and the person's record.
      expect((await stores.outbox.entries()).map(([key]) => key).sort()).toEqual(["msg:new", "msg:old", "msg:other"]);
      expect(await stores.people.get("person")).toEqual({ visit: 1 });
      // forget(): gone from memory and from the disk, so the next page view neither sends nor asks from them.
      await stores.outbox.del("msg:old");
      await stores.outbox.del("msg:new");
      await stores.people.del("person");
      await stores.people.del("anonymous-id");
      // A delete made by an update (an expired failure purged) reaches the disk as well.
      await stores.outbox.update("msg:other", () => undefined);
    } finally {
      put.mockRestore();
    }
    expect(await stores.outbox.entries()).toEqual([]);
    expect(await createIdbStore(OUTBOX_DB).entries()).toEqual([]);
    expect(await createIdbStore(PEOPLE_DB).entries()).toEqual([]);
  });

  test("IndexedDB full and then unreadable: the stores go on in memory, empty", async () => {
    const stores = await openStores({ indexedDB, warn: vi.fn() });
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    const getAll = vi.spyOn(IDBObjectStore.prototype, "getAll").mockImplementation(() => {
      throw new DOMException("The disk went away.", "UnknownError");
    });
    try {
      await stores.outbox.set("msg:mem", { answers: { name: "Ada" } });
      expect(await stores.outbox.entries()).toEqual([["msg:mem", { answers: { name: "Ada" } }]]);
      await stores.people.set("person", { visit: 1 });
      expect(await stores.people.get("person")).toEqual({ visit: 1 });
    } finally {
      put.mockRestore();
      getAll.mockRestore();
    }
  });

  test("another write error is not taken for a full disk: it is passed on, and the stores stay on IndexedDB", async () => {
    const warn = vi.fn();
    const stores = await openStores({ indexedDB, warn });
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementationOnce(() => {
      throw new DOMException("Not clonable.", "DataCloneError");
    });
    await expect(stores.outbox.set("msg:2", 1)).rejects.toThrow("Not clonable.");
    put.mockRestore();
    await stores.outbox.set("msg:2", 2);
    expect(await createIdbStore(OUTBOX_DB).get("msg:2")).toBe(2);
    expect(warn).not.toHaveBeenCalled();
    await stores.outbox.del("msg:2");
  });

  test("the stores go on with the connections the probe opened, instead of opening the databases again", async () => {
    const open = vi.spyOn(indexedDB, "open");
    const stores = await openStores({ indexedDB, warn: vi.fn() });
    await stores.people.set("k", "v");
    await stores.outbox.set("m", 1);
    expect(open.mock.calls.map(([name]) => name).sort()).toEqual([OUTBOX_DB, PEOPLE_DB]);
    open.mockRestore();
    await stores.people.del("k");
    await stores.outbox.del("m");
  });

  test("once the probe's connection is closed, the store opens its own", async () => {
    const name = freshDbName();
    const probed = await probeIndexedDb(indexedDB, name);
    if (!("db" in probed)) throw new Error(probed.failure);
    const store = createIdbStore(name, probed.db);
    await store.set("before", 1);
    probed.db.close();
    await store.set("after", 2);
    expect((await createIdbStore(name).entries()).sort()).toEqual([
      ["after", 2],
      ["before", 1],
    ]);
  });

  test("one database working and the other not: memory for both, and the working one is let go", async () => {
    const factory = new IDBFactory();
    const realOpen = factory.open.bind(factory);
    vi.spyOn(factory, "open").mockImplementation((name) => {
      if (name === OUTBOX_DB) throw new DOMException("blocked by test", "SecurityError");
      return realOpen(name);
    });
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining("SecurityError"));
    // An open connection would hold the deletion back ("blocked").
    const deletion = factory.deleteDatabase(PEOPLE_DB);
    await new Promise<void>((resolve, reject) => {
      deletion.onsuccess = () => resolve();
      deletion.onblocked = () => reject(new Error("the people database is still open"));
    });
  });

  test("indexedDB.open throwing: memory for both stores and exactly one one-line warning", async () => {
    const factory = new IDBFactory();
    vi.spyOn(factory, "open").mockImplementation(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    });
    const warn = vi.fn();
    const stores = await openStores({ indexedDB: factory, warn });
    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0] ?? [];
    expect(line).toMatch(/IndexedDB is unavailable \(indexedDB.open threw: SecurityError.*\); answers are kept in memory/);
    expect(line).not.toContain("\n");
    // The fallback works, and it is not the real database.
    await stores.outbox.set("m", 1);
    expect(await stores.outbox.get("m")).toBe(1);
    expect(await createIdbStore("progressive-profile-outbox").get("m")).toBeUndefined();
  });

  test("no indexedDB at all: memory", async () => {
    const warn = vi.fn();
    await openStores({ indexedDB: undefined, warn });
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining("indexedDB is missing"));
  });

  test("an open request that never settles: memory after the timeout", async () => {
    const factory = new IDBFactory();
    const realOpen = factory.open.bind(factory);
    vi.spyOn(factory, "open").mockImplementation((name) => {
      const request = realOpen(name);
      // Swallow the handlers, as a browser whose IndexedDB hangs would never call them.
      for (const event of ["onsuccess", "onerror", "onupgradeneeded", "onblocked"]) {
        Object.defineProperty(request, event, { set: () => {}, get: () => null });
      }
      return request;
    });
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/took over 1000 ms/));
  });

  test("an open request that errors: memory", async () => {
    const factory = new IDBFactory();
    await openAndClose(factory.open(PEOPLE_DB, 2));
    const realOpen = factory.open.bind(factory);
    // Asking for an older version than exists fails with a VersionError event.
    vi.spyOn(factory, "open").mockImplementation((name) => realOpen(name, 1));
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/failed: VersionError/));
  });

  test("an open request that is blocked (another connection will not let a version change through): memory, and the connection is let go once it opens", async () => {
    const factory = new IDBFactory();
    // Another tab holds the people database open, and does not close it on "versionchange".
    const holder = factory.open(PEOPLE_DB, 1);
    const held = await new Promise<IDBDatabase>((resolve, reject) => {
      holder.onsuccess = () => resolve(holder.result);
      holder.onerror = () => reject(holder.error);
    });
    const realOpen = factory.open.bind(factory);
    // The probe's open asks for a version change (as a newer widget's would): that is what "blocked" answers.
    vi.spyOn(factory, "open").mockImplementation((name) => (name === PEOPLE_DB ? realOpen(name, 2) : realOpen(name)));
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      "IndexedDB is unavailable (opening progressive-profile-people was blocked); answers are kept in memory for this page only.",
    );
    // The other tab lets go: the probe's open then succeeds late, and that connection is closed
    // at once (an open one would hold this deletion back).
    held.close();
    const deletion = factory.deleteDatabase(PEOPLE_DB);
    await new Promise<void>((resolve, reject) => {
      deletion.onsuccess = () => resolve();
      deletion.onblocked = () => reject(new Error("the probe's late connection is still open"));
    });
  });

  test("new databases get their test write in the upgrade that creates them, existing ones in a transaction of their own", async () => {
    const factory = new IDBFactory();
    const transaction = vi.spyOn(IDBDatabase.prototype, "transaction");
    const readwrite = () => transaction.mock.calls.filter(([, mode]) => mode === "readwrite").length;
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    expect(readwrite()).toBe(0);
    const second = await openStores({ indexedDB: factory, warn });
    expect(readwrite()).toBe(2);
    expect(warn).not.toHaveBeenCalled();
    transaction.mockRestore();
    expect(await second.people.entries()).toEqual([]);
  });

  test("a test write refused while a new database is created (quota): memory, and no database is left", async () => {
    const factory = new IDBFactory();
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    // In a page, an exception leaving an IndexedDB event handler is reported to the page
    // (window "error"); fake-indexeddb swallows it, so the handlers are watched here.
    const escaped: unknown[] = [];
    const open = factory.open.bind(factory);
    vi.spyOn(factory, "open").mockImplementation((name: string, version?: number) => {
      const request = open(name, version);
      let handler: ((e: IDBVersionChangeEvent) => void) | null = null;
      // Taken over: the handler runs only from the listener below, which sees what it throws.
      Object.defineProperty(request, "onupgradeneeded", { get: () => null, set: (fn) => (handler = fn) });
      request.addEventListener("upgradeneeded", (e) => {
        try {
          handler?.call(request, e);
        } catch (error) {
          escaped.push(error);
        }
      });
      return request;
    });
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    put.mockRestore();
    expect(escaped).toEqual([]);
    // The one console line names the cause, not the AbortError the open then fails with.
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/IndexedDB is unavailable \(a test write to progressive-profile-people failed: QuotaExceededError/));
    expect((await factory.databases()).map((db) => db.name)).toEqual([]);
  });

  test("a test write that fails (a foreign database of the same name): memory", async () => {
    const factory = new IDBFactory();
    const request = factory.open(PEOPLE_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore("not-" + OBJECT_STORE);
    await openAndClose(request);
    const warn = vi.fn();
    await openStores({ indexedDB: factory, warn });
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/test write to progressive-profile-people failed/));
  });
});

function openAndClose(request: IDBOpenDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe("the probe's deadline on a busy page", () => {
  /** An IndexedDB whose open request answers only when `succeed()` is called. */
  function slowFactory() {
    const request: Record<string, unknown> = {};
    const db = {
      objectStoreNames: { contains: () => true },
      close: vi.fn(),
      transaction: () => {
        const tx: Record<string, unknown> = { objectStore: () => ({ put() {}, delete() {} }) };
        Object.defineProperty(tx, "oncomplete", { set: (done: () => void) => void Promise.resolve().then(done) });
        return tx;
      },
    };
    request.result = db;
    const factory = { open: () => request } as unknown as IDBFactory;
    return { factory, succeed: () => (request.onsuccess as () => void)() };
  }

  afterEach(() => vi.useRealTimers());

  test("a timer that fires late (the page held the thread) gives the open more time", async () => {
    vi.useFakeTimers();
    const { factory, succeed } = slowFactory();
    let result: ProbeResult | undefined;
    void probeIndexedDb(factory, "db").then((r) => (result = r));
    vi.setSystemTime(Date.now() + 500); // the host page's own script ran for half a second
    await vi.advanceTimersByTimeAsync(1000);
    expect(result).toBeUndefined();
    succeed();
    await vi.advanceTimersByTimeAsync(1);
    expect(result && "db" in result).toBe(true);
  });

  test("an open that never answers still fails, after a few late timers at most", async () => {
    vi.useFakeTimers();
    const { factory } = slowFactory();
    let result: ProbeResult | undefined;
    void probeIndexedDb(factory, "db").then((r) => (result = r));
    for (let i = 0; i < 5 && result === undefined; i++) {
      vi.setSystemTime(Date.now() + 500);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(result).toEqual({ failure: "opening db took over 1000 ms" });
  });
});
