// The five-method key-value interface every persisted record goes through, with two
// implementations: IndexedDB (one idb-keyval database per concern) and a Map for pages where
// IndexedDB is unusable. Which one a page gets is decided once, by `openStores`.
import { createStore, del, entries, get, promisifyRequest, set, type UseStore } from "idb-keyval";
import { probeIndexedDb, type ProbeResult } from "./probe";

export interface Store {
  get(key: string): Promise<unknown>;
  /** Resolves once the write is committed; rejects when it is not. */
  set(key: string, value: unknown): Promise<void>;
  /**
   * Atomic read-modify-write: `fn` sees the current value (undefined when absent) and returns
   * the new one; returning `undefined` deletes the key. Resolves with the new value on commit.
   * `fn` runs inside the transaction, so it must be synchronous and must not await.
   */
  update(key: string, fn: (old: unknown) => unknown): Promise<unknown>;
  del(key: string): Promise<void>;
  entries(): Promise<[string, unknown][]>;
  /**
   * One readwrite transaction over several keys: deletes `del`, then reads `get`. Resolves
   * once it commits, with the values read (undefined where absent) in the order asked.
   */
  deleteAndGet(del: string[], get: string[]): Promise<unknown[]>;
}

/** idb-keyval keeps one object store per database (STYLE trap 4), under this name. */
export const OBJECT_STORE = "kv";
export const PEOPLE_DB = "progressive-profile-people";
export const OUTBOX_DB = "progressive-profile-outbox";

/** `opened`: a connection to `dbName` already open (the start-up probe's), used first. */
export function createIdbStore(dbName: string, opened?: IDBDatabase): Store {
  const reopen = createStore(dbName, OBJECT_STORE);
  const use = opened ? firstOn(opened, reopen) : reopen;
  return {
    get: (key) => get(key, use),
    set: (key, value) => set(key, value, use),
    update: (key, fn) => atomicUpdate(use, key, fn),
    del: (key) => del(key, use),
    entries: async () => {
      const all = await entries(use);
      // Only we write these databases and we only use string keys; anything else is foreign.
      return all.filter((pair): pair is [string, unknown] => typeof pair[0] === "string");
    },
    deleteAndGet: (delKeys, getKeys) =>
      use("readwrite", (store) => {
        for (const key of delKeys) store.delete(key);
        // Filled by request callbacks; read only once the whole transaction has committed.
        const values: unknown[] = getKeys.map(() => undefined);
        getKeys.forEach((key, i) => {
          const read = store.get(key);
          read.onsuccess = () => (values[i] = read.result);
        });
        return promisifyRequest(store.transaction).then(() => values);
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
 * idb-keyval's own `update()` is the same get + put in one readwrite transaction (IndexedDB
 * runs readwrite transactions on one store one after another, across connections and tabs),
 * but it always puts what the updater returns. Updating a record another tab has just
 * deleted would then resurrect it — a forgotten person's message coming back. So this is
 * that transaction again, with "return undefined" meaning delete.
 */
function atomicUpdate(use: UseStore, key: string, fn: (old: unknown) => unknown): Promise<unknown> {
  return use("readwrite", (store) => {
    // Request callbacks, not promise chains: a transaction closes if it idles across a
    // microtask boundary in some engines.
    return new Promise<unknown>((resolve, reject) => {
      const read = store.get(key);
      read.onerror = () => reject(read.error);
      read.onsuccess = () => {
        let next: unknown;
        try {
          next = fn(read.result);
          if (next === undefined) store.delete(key);
          else store.put(next, key);
        } catch (error) {
          // Nothing was written; abort so the transaction does not commit the read alone.
          store.transaction.abort();
          reject(error);
          return;
        }
        promisifyRequest(store.transaction).then(() => resolve(next), reject);
      };
    });
  });
}

/**
 * The fallback: a Map, copying values in and out with structuredClone as IndexedDB does, so
 * a caller mutating an object after `set` cannot change what is "stored". It lives as long
 * as the page, and is not shared with other tabs.
 */
export function createMemoryStore(): Store {
  const map = new Map<string, unknown>();
  const copy = (value: unknown): unknown => (value === undefined ? undefined : structuredClone(value));
  return {
    get: async (key) => copy(map.get(key)),
    set: async (key, value) => {
      map.set(key, copy(value));
    },
    update: async (key, fn) => {
      // Synchronous from read to write: nothing else on the page can interleave.
      const next = copy(fn(copy(map.get(key))));
      if (next === undefined) map.delete(key);
      else map.set(key, next);
      return copy(next);
    },
    del: async (key) => {
      map.delete(key);
    },
    entries: async () => [...map].map(([key, value]): [string, unknown] => [key, copy(value)]),
    deleteAndGet: async (delKeys, getKeys) => {
      for (const key of delKeys) map.delete(key);
      return getKeys.map((key) => copy(map.get(key)));
    },
  };
}

export interface OpenStoresEnv {
  /**
   * The factory probed at start-up (default: the page's `indexedDB`). idb-keyval opens its
   * databases through the global `indexedDB`, so anything other than the page's own factory
   * is only useful to force the fallback in tests.
   */
  indexedDB?: IDBFactory | undefined;
  /** Told once, in one line, when the page falls back to memory (default console.warn). */
  warn?: (msg: string) => void;
  /** How long the probe may take before IndexedDB counts as unavailable (default 1 s). */
  timeoutMs?: number;
}

export const PROBE_TIMEOUT_MS = 1000;

/**
 * Decides once, at start-up, where this page keeps its records: IndexedDB when both
 * databases open and take a test write within `timeoutMs`, otherwise memory for both (never
 * one of each: a person in memory with their messages on disk would be half-forgotten).
 */
export async function openStores(env: OpenStoresEnv = {}): Promise<{ people: Store; outbox: Store; persistent: boolean }> {
  const factory = "indexedDB" in env ? env.indexedDB : globalThis.indexedDB;
  const timeoutMs = env.timeoutMs ?? PROBE_TIMEOUT_MS;
  const [people, outbox] = await Promise.all([
    probeIndexedDb(factory, PEOPLE_DB, OBJECT_STORE, timeoutMs),
    probeIndexedDb(factory, OUTBOX_DB, OBJECT_STORE, timeoutMs),
  ]);
  if ("db" in people && "db" in outbox) {
    return { people: createIdbStore(PEOPLE_DB, people.db), outbox: createIdbStore(OUTBOX_DB, outbox.db), persistent: true };
  }
  // Never one of each: the database that did work is let go too.
  for (const probed of [people, outbox]) if ("db" in probed) probed.db.close();
  const failure = failureOf(people) ?? failureOf(outbox);
  const warn = env.warn ?? ((msg: string) => console.warn(msg));
  warn(`[progressive-profile] IndexedDB is unavailable (${failure}); answers are kept in memory for this page only.`);
  return { people: createMemoryStore(), outbox: createMemoryStore(), persistent: false };
}

const failureOf = (probed: ProbeResult): string | null => ("failure" in probed ? probed.failure : null);
