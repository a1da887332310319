// The start-up check behind `openStores`: can this page open a database and commit a write
// in it? Browsers fail in many ways (no `indexedDB`, `open` throwing in sandboxed frames, an
// error event in some private modes, a request that never settles, a quota error on the
// first write), so the probe does exactly what the stores will do, once, with a deadline.
// The connection it opened is handed on to the store, which would otherwise open it again.
// Failures are described as `${error}`: an Error or DOMException reads "Name: message".

const PROBE_KEY = "__progressive-profile-probe__";

/** idb-keyval keeps one object store per database (STYLE trap 4), under this name. */
export const OBJECT_STORE = "kv";
/** How long the probe may take before IndexedDB counts as unavailable. */
const PROBE_TIMEOUT_MS = 1000;

/** The open connection when the database works; otherwise a short reason for the one console line. */
export type ProbeResult = { db: IDBDatabase } | { failure: string };

export function probeIndexedDb(
  factory: IDBFactory | undefined,
  dbName: string,
): Promise<ProbeResult> {
  if (!factory) return Promise.resolve({ failure: "indexedDB is missing" });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (failure: string) => finish({ failure });
    // The probe starts while the page is still loading (widget/early.ts). A timer that fires
    // well after it was due means the page's own work held the thread, and IndexedDB's answer
    // may be queued behind it: that time does not count, a few times at most, so a busy page
    // is not sent to memory storage while a database that hangs still is.
    let timer: ReturnType<typeof setTimeout>;
    let graces = 3;
    const arm = () => {
      const due = Date.now() + PROBE_TIMEOUT_MS;
      timer = setTimeout(() => {
        if (Date.now() - due > Math.min(100, PROBE_TIMEOUT_MS / 2) && graces-- > 0) arm();
        else fail(`opening ${dbName} took over ${PROBE_TIMEOUT_MS} ms`);
      }, PROBE_TIMEOUT_MS);
    };
    arm();
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(dbName);
    } catch (error) {
      fail(`indexedDB.open threw: ${error}`);
      return;
    }
    // A new database: created as idb-keyval does (so whichever opens it first, it is right),
    // and the test write made in the upgrade's own transaction, which must commit for the open
    // to succeed. That spares a round trip on a first visit, when the page is busiest.
    let written = false;
    // Why the upgrade was aborted, when its test write was refused: the open itself then fails
    // with a plain AbortError, and the console line should name the real cause (a full disk).
    let refused: unknown;
    request.onupgradeneeded = () => {
      const upgrade = request.transaction;
      if (upgrade) upgrade.onabort = () => (refused ??= upgrade.error ?? undefined);
      try {
        writeProbe(request.result.createObjectStore(OBJECT_STORE));
        written = true;
      } catch (error) {
        // An exception must not leave an IndexedDB event handler: the page would see it.
        refused ??= error;
        upgrade?.abort();
      }
    };
    // Only a version change can be blocked, and this open asks for the version there is; but
    // an indexedDB wrapped by an extension or a test may say so, and is then named at once.
    request.onblocked = () => fail(`opening ${dbName} was blocked`);
    request.onerror = () =>
      fail(refused === undefined ? `opening ${dbName} failed: ${request.error}` : `a test write to ${dbName} failed: ${refused}`);
    request.onsuccess = () => {
      const db = request.result;
      // Late success after a timeout: nobody is waiting, just let go of the connection.
      if (settled) return db.close();
      (written ? Promise.resolve() : testWrite(db)).then(
        () => (settled ? db.close() : finish({ db })),
        (error: unknown) => {
          db.close();
          fail(`a test write to ${dbName} failed: ${error}`);
        },
      );
    };
  });
}

/** The test write: one key put and deleted again. */
function writeProbe(store: IDBObjectStore): void {
  store.put(1, PROBE_KEY);
  store.delete(PROBE_KEY);
}

/** The test write in a readwrite transaction of its own; resolves when it commits. */
async function testWrite(db: IDBDatabase): Promise<void> {
  const tx = db.transaction(OBJECT_STORE, "readwrite");
  writeProbe(tx.objectStore(OBJECT_STORE));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}
