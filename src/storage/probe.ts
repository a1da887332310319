// The start-up check behind `openStores`: can this page open a database and commit a write
// in it? Browsers fail in many ways (no `indexedDB`, `open` throwing in sandboxed frames, an
// error event in some private modes, a request that never settles, a quota error on the
// first write), so the probe does exactly what the stores will do, once, with a deadline.

const PROBE_KEY = "__progressive-profile-probe__";

/** Null when the database works; otherwise a short reason for the one console line. */
export function probeIndexedDb(
  factory: IDBFactory | undefined,
  dbName: string,
  storeName: string,
  timeoutMs: number,
): Promise<string | null> {
  if (!factory) return Promise.resolve("indexedDB is missing");
  return new Promise((resolve) => {
    let settled = false;
    const finish = (reason: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reason);
    };
    const timer = setTimeout(() => finish(`opening ${dbName} took over ${timeoutMs} ms`), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(dbName);
    } catch (error) {
      finish(`indexedDB.open threw: ${describe(error)}`);
      return;
    }
    // The same creation idb-keyval does, so whichever opens the database first, it is right.
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
    };
    request.onblocked = () => finish(`opening ${dbName} was blocked`);
    request.onerror = () => finish(`opening ${dbName} failed: ${describe(request.error)}`);
    request.onsuccess = () => {
      const db = request.result;
      // Late success after a timeout: nobody is waiting, just let go of the connection.
      if (settled) return db.close();
      testWrite(db, storeName).then(
        () => finish(null),
        (error: unknown) => finish(`a test write to ${dbName} failed: ${describe(error)}`),
      ).finally(() => db.close());
    };
  });
}

/** Put and delete one key in one readwrite transaction; resolves when it commits. */
function testWrite(db: IDBDatabase, storeName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(storeName, "readwrite");
      const store = tx.objectStore(storeName);
      store.put(1, PROBE_KEY);
      store.delete(PROBE_KEY);
    } catch (error) {
      reject(error);
      return;
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

/** "Name: message" of an Error or DOMException (not every engine makes the latter an Error). */
function describe(error: unknown): string {
  if (typeof error === "object" && error !== null && "name" in error && "message" in error) {
    return `${String(error.name)}: ${String(error.message)}`;
  }
  return String(error);
}
