// The key-value interface every persisted record goes through (STYLE's get/set/update/del/
// entries, plus two batched forms, updateEach and deleteAndGet), with two
// implementations: IndexedDB (one idb-keyval database per concern) and a Map for pages where
// IndexedDB is unusable. Which one a page gets is decided once, by `openStores`.
import { createStore, promisifyRequest, type UseStore } from "idb-keyval";
import { OBJECT_STORE, probeIndexedDb, type ProbeResult } from "./probe";

export interface Store {
  get(key: string): Promise<unknown>;
  /** Resolves once the write is committed; rejects when it is not. */
  set(key: string, value: unknown): Promise<void>;
  /**
   * Atomic read-modify-write: `fn` sees the current value (undefined when absent) and returns
   * the new one; returning `undefined` deletes the key, and returning `old` itself writes
   * nothing (so never change `old` in place: return a new value). Resolves with the new value
   * on commit. `fn` runs inside the transaction, so it must be synchronous and must not await.
   */
  update(key: string, fn: (old: unknown) => unknown): Promise<unknown>;
  /**
   * `update` of several keys, one after another in one transaction: each step is given what
   * the steps before it wrote and names its key and function (so a key may depend on a value
   * read in the same transaction). Resolves on commit with what each step wrote.
   */
  updateEach(steps: readonly UpdateStep[]): Promise<unknown[]>;
  del(key: string): Promise<void>;
  entries(): Promise<[string, unknown][]>;
  /**
   * One readwrite transaction over several keys: deletes `del`, then reads `get`. Resolves
   * once it commits, with the values read (undefined where absent) in the order asked.
   */
  deleteAndGet(del: string[], get: string[]): Promise<unknown[]>;
}

/**
 * One step of `updateEach`: a key and its function, where returning `old` itself writes
 * nothing (the record is already so) and returning `undefined` deletes. Given as a pair, the
 * key is read as the transaction starts, with the other pairs' keys (one round trip for them
 * all), so it must not be one an earlier step writes; given as a function of what the steps
 * before it wrote, it is read once they have run.
 */
export type UpdateStep = StepOf | ((written: unknown[]) => StepOf);
type StepOf = [key: string, fn: (old: unknown) => unknown];

export { OBJECT_STORE };
export const PEOPLE_DB = "progressive-profile-people";
export const OUTBOX_DB = "progressive-profile-outbox";

/**
 * What each implementation provides; `get`, `set`, `del` and `deleteAndGet` are all one
 * transaction that puts, deletes, then reads (`withShorthands`).
 */
interface StoreCore {
  /** One transaction: puts `put` (when given), deletes `del`, then reads `get`; resolves on commit with the values read. */
  batch(del: readonly string[], get: readonly string[], put?: [string, unknown]): Promise<unknown[]>;
  updateEach: Store["updateEach"];
  entries: Store["entries"];
}

function withShorthands(core: StoreCore): Store {
  return {
    ...core,
    update: async (key, fn) => (await core.updateEach([[key, fn]]))[0],
    get: async (key) => (await core.batch([], [key]))[0],
    set: async (key, value) => void (await core.batch([], [], [key, value])),
    del: async (key) => void (await core.batch([key], [])),
    deleteAndGet: (del, get) => core.batch(del, get),
  };
}

/** `opened`: a connection to `dbName` already open (the start-up probe's), used first. */
export const createIdbStore = (dbName: string, opened?: IDBDatabase): Store => withShorthands(idbCore(dbName, opened));

function idbCore(dbName: string, opened?: IDBDatabase): StoreCore {
  const reopen = createStore(dbName, OBJECT_STORE);
  const use = opened ? firstOn(opened, reopen) : reopen;
  return {
    batch: (del, get, put) =>
      use(put || del.length > 0 ? "readwrite" : "readonly", (store) => {
        if (put) store.put(put[1], put[0]);
        for (const key of del) store.delete(key);
        const reads = get.map((key) => store.get(key));
        // A request's result stays readable after its transaction; read only once it committed.
        // (No early IDBTransaction.commit(): it saves under a millisecond, and WebKit's storage
        // process crashed on a commit with requests pending until 2024, WebKit #26176.)
        return promisifyRequest(store.transaction).then(() => reads.map((read) => read.result));
      }),
    updateEach: (steps) => atomicUpdate(use, steps),
    entries: () =>
      use("readonly", (store) => {
        const keys = store.getAllKeys();
        const values = store.getAll();
        return promisifyRequest(store.transaction).then(() =>
          // Only we write these databases and we only use string keys; anything else is foreign.
          keys.result.flatMap((key, i): [string, unknown][] => (typeof key === "string" ? [[key, values.result[i]]] : [])),
        );
      }),
  };
}

/**
 * Transactions on a connection that is already open, so that the database is not opened a
 * second time right after the probe (a round trip to the browser's storage process on the
 * page's critical path). Once that connection is closed (the browser closes connections when
 * site data is cleared), idb-keyval's own store takes over and opens a fresh one as needed.
 */
function firstOn(db: IDBDatabase, reopen: UseStore): UseStore {
  let usable = true;
  db.addEventListener("close", () => (usable = false));
  return (mode, callback) => {
    if (usable) {
      try {
        return Promise.resolve(callback(db.transaction(OBJECT_STORE, mode).objectStore(OBJECT_STORE)));
      } catch (error) {
        // Closing or closed: from now on, the store opens its own connection.
        if (!(error instanceof DOMException && error.name === "InvalidStateError")) return Promise.reject(error);
        usable = false;
      }
    }
    return reopen(mode, callback);
  };
}

/**
 * Get + put (or delete), key after key, in one readwrite transaction (IndexedDB runs readwrite
 * transactions on one store one after another, across connections and tabs). Unlike
 * idb-keyval's `update()`, "return undefined" deletes: updating a record another tab has just
 * deleted must not resurrect it (a forgotten person's message coming back).
 */
function atomicUpdate(use: UseStore, steps: readonly UpdateStep[]): Promise<unknown[]> {
  return use("readwrite", (store) => {
    // Request callbacks, not promise chains: a transaction closes if it idles across a
    // microtask boundary in some engines.
    return new Promise<unknown[]>((resolve, reject) => {
      const written: unknown[] = [];
      const reads = steps.map((step) => (typeof step === "function" ? null : store.get(step[0])));
      // A step that throws: the first one rejects the promise (nothing is written yet), a
      // later one is caught in the read callback before it.
      const next = (): void => {
        const step = steps[written.length];
        if (!step) return void promisifyRequest(store.transaction).then(() => resolve(written), reject);
        const [key, fn] = typeof step === "function" ? step(written) : step;
        const read = reads[written.length] ?? store.get(key);
        const apply = () => {
          try {
            const value = fn(read.result);
            if (value === undefined) store.delete(key);
            else if (value !== read.result) store.put(value, key);
            written.push(value);
            next();
          } catch (error) {
            // Abort, so that the transaction does not commit the steps before this one alone.
            store.transaction.abort();
            reject(error);
          }
        };
        // A read made up front may have answered already.
        if (read.readyState === "pending") {
          read.onsuccess = apply;
          read.onerror = () => reject(read.error);
        } else if (read.error) reject(read.error);
        else apply();
      };
      next();
    });
  });
}

/**
 * The fallback: a Map, copying values in and out with structuredClone as IndexedDB does, so
 * a caller mutating an object after `set` cannot change what is "stored". It lives as long
 * as the page, and is not shared with other tabs. Every operation is synchronous from read to
 * write, so nothing else on the page can interleave.
 */
export const createMemoryStore = (): Store => withShorthands(memoryCore());

function memoryCore(): StoreCore {
  const map = new Map<string, unknown>();
  const copy: (value: unknown) => unknown = structuredClone;
  const write = (key: string, value: unknown) => (value === undefined ? map.delete(key) : map.set(key, value));
  return {
    batch: async (del, get, put) => {
      if (put) write(put[0], copy(put[1]));
      for (const key of del) map.delete(key);
      return get.map((key) => copy(map.get(key)));
    },
    updateEach: async (steps) => {
      // All or nothing, as one transaction: the steps see each other's values, which are
      // written only once the last step has run.
      const staged = new Map<string, unknown>();
      const written: unknown[] = [];
      for (const step of steps) {
        const [key, fn] = typeof step === "function" ? step(written) : step;
        const next = copy(fn(copy(staged.has(key) ? staged.get(key) : map.get(key))));
        staged.set(key, next);
        written.push(copy(next));
      }
      staged.forEach((value, key) => write(key, value));
      return written;
    },
    entries: async () => [...map].map(([key, value]): [string, unknown] => [key, copy(value)]),
  };
}

export interface OpenStoresEnv {
  /**
   * The page's `indexedDB` (undefined where it is missing or throws), probed at start-up.
   * idb-keyval reopens a closed database through the global `indexedDB`, so anything other
   * than the page's own factory is only useful to force the fallback in tests.
   */
  indexedDB: IDBFactory | undefined;
  /** Told once, in one line, when the page falls back to memory. */
  warn: (msg: string) => void;
}

/**
 * Decides once, at start-up, where this page keeps its records: IndexedDB when both
 * databases open and take a test write within a second (probe.ts), otherwise memory for both
 * (never one of each: a person in memory with their messages on disk would be half-forgotten).
 */
export async function openStores(env: OpenStoresEnv): Promise<{ people: Store; outbox: Store }> {
  const factory = env.indexedDB;
  const [people, outbox] = await Promise.all([
    probeIndexedDb(factory, PEOPLE_DB),
    probeIndexedDb(factory, OUTBOX_DB),
  ]);
  if ("db" in people && "db" in outbox) {
    const onDisk = memoryWhenFull(env.warn);
    return { people: onDisk(idbCore(PEOPLE_DB, people.db)), outbox: onDisk(idbCore(OUTBOX_DB, outbox.db)) };
  }
  // Never one of each: the database that did work is let go too.
  for (const probed of [people, outbox]) if ("db" in probed) probed.db.close();
  const failure = failureOf(people) ?? failureOf(outbox);
  env.warn(`IndexedDB is unavailable (${failure}); answers are kept in memory for this page only.`);
  return { people: createMemoryStore(), outbox: createMemoryStore() };
}

const failureOf = (probed: ProbeResult): string | null => ("failure" in probed ? probed.failure : null);

/**
 * The two stores, moving to memory together when IndexedDB refuses a write for lack of space
 * later in the page (SPEC §8: quota), as they would have at start-up: the refused operation is
 * made again in memory and so is everything after it, and `warn` is told once. Each store's
 * memory starts as a copy of what it has on disk, so the page goes on seeing what was saved
 * (messages still to send, the person's record); deletes go to the disk as well (they take no
 * space), so that a forget() or a delivery there is not undone at the next page view. Other
 * writes stay in memory, and what is on disk stays there for the next page view.
 */
function memoryWhenFull(warn: (msg: string) => void) {
  let full = false;
  return (disk: StoreCore): Store => {
    const memory = memoryCore();
    let copied: Promise<unknown> | undefined;
    // Once, before the first operation in memory. Transactions run in the order they were
    // made, so the copy has every write this page made to the disk before it was full. A disk
    // that cannot even be read then leaves memory empty, as it was before there was a copy.
    const copyDisk = () =>
      (copied ??= disk
        .entries()
        .then((all) => memory.updateEach(all.map(([key, value]) => [key, () => value])))
        .catch(() => undefined));
    const run =
      <A extends unknown[], R>(op: (store: StoreCore, ...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (!full) {
          try {
            return await op(disk, ...args);
          } catch (error) {
            if ((error as Error | null)?.name !== "QuotaExceededError") throw error;
            if (!full) warn(`IndexedDB is full (${String(error)}); answers are kept in memory for the rest of this page.`);
            full = true;
          }
        }
        await copyDisk();
        return op(memory, ...args);
      };
    // Every operation of a Store is one of these three (withShorthands).
    return withShorthands({
      batch: run(async (store, del: readonly string[], get: readonly string[], put?: [string, unknown]) => {
        if (store === memory && del.length > 0) await disk.batch(del, []);
        return store.batch(del, get, put);
      }),
      updateEach: run(async (store, steps: readonly UpdateStep[]) => {
        if (store !== memory) return store.updateEach(steps);
        // A step that returns undefined deletes its key: on the disk too, once memory has it.
        const deleted: string[] = [];
        const written = await memory.updateEach(
          steps.map((step) => (before: unknown[]): StepOf => {
            const [key, fn] = typeof step === "function" ? step(before) : step;
            return [
              key,
              (old) => {
                const value = fn(old);
                if (value === undefined) deleted.push(key);
                return value;
              },
            ];
          }),
        );
        if (deleted.length > 0) await disk.batch(deleted, []);
        return written;
      }),
      entries: run((store) => store.entries()),
    });
  };
}
