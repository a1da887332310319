// Reads the widget's IndexedDB databases from the page, as raw JSON text, so a test can
// check byte by byte what is kept on the device.
import type { Page } from "@playwright/test";

export const DATABASES = ["progressive-profile-people", "progressive-profile-outbox"] as const;

export async function dumpIndexedDb(page: Page): Promise<Record<string, [string, unknown][]>> {
  return page.evaluate(async (names) => {
    const out: Record<string, [string, unknown][]> = {};
    const existing = new Set((await indexedDB.databases()).map((d) => d.name));
    for (const name of names) {
      if (!existing.has(name)) {
        out[name] = [];
        continue;
      }
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows: [string, unknown][] = [];
      if (db.objectStoreNames.contains("kv")) {
        const store = db.transaction("kv").objectStore("kv");
        const [keys, values] = await Promise.all(
          [store.getAllKeys(), store.getAll()].map(
            (req) => new Promise<unknown[]>((resolve, reject) => {
              req.onsuccess = () => resolve(req.result as unknown[]);
              req.onerror = () => reject(req.error);
            }),
          ),
        );
        keys!.forEach((key, i) => rows.push([String(key), values![i]]));
      }
      db.close();
      out[name] = rows;
    }
    return out;
  }, [...DATABASES]);
}

/** Pending outbox messages' ids. */
export async function outboxIds(page: Page): Promise<string[]> {
  const dump = await dumpIndexedDb(page);
  return (dump["progressive-profile-outbox"] ?? []).map(([key]) => key).filter((k) => k.startsWith("msg:"));
}

/** How many tries each pending outbox message has had, as the outbox records them. */
export async function outboxAttempts(page: Page): Promise<number[]> {
  return ((await dumpIndexedDb(page))["progressive-profile-outbox"] ?? [])
    .filter(([key]) => key.startsWith("msg:"))
    .map(([, entry]) => (entry as { attempts: number }).attempts);
}

/**
 * Holds the widget's outbox writes: the page opens a readwrite transaction on the outbox's
 * store and keeps it busy (IndexedDB runs readwrite transactions on one store one after
 * another, across connections), so a step's save waits. Resolves once the hold is in place,
 * to a function that lets the writes through and resolves once the transaction is over.
 */
export async function holdOutboxWrites(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const w = window as unknown as { __ppHold: { on: boolean; done: Promise<void> } };
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("kv", "readwrite");
          const store = tx.objectStore("kv");
          w.__ppHold = { on: true, done: new Promise((done) => (tx.oncomplete = tx.onabort = () => (open.result.close(), done()))) };
          let first = true;
          const spin = () => {
            if (first) resolve();
            first = false;
            if (w.__ppHold.on) store.get("hold").onsuccess = spin;
          };
          store.get("hold").onsuccess = spin;
        };
      }),
    DATABASES[1],
  );
  return () =>
    page.evaluate(async () => {
      const hold = (window as unknown as { __ppHold: { on: boolean; done: Promise<void> } }).__ppHold;
      hold.on = false;
      await hold.done;
    });
}

/**
 * From before the page's scripts run: IndexedDB writes (put) throw a DOMException named
 * `errorName` while `set(true)` says so: "UnknownError" as on a broken disk (the widget does
 * not move to memory), "QuotaExceededError" as on a full one.
 */
export async function breakableWrites(page: Page, errorName = "UnknownError"): Promise<(broken: boolean) => Promise<void>> {
  await page.addInitScript((name) => {
    const w = window as unknown as { __ppWritesFail: boolean };
    w.__ppWritesFail = false;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
      if (w.__ppWritesFail) throw new DOMException(`The write was refused (test: ${name}).`, name);
      return put.apply(this, args);
    };
  }, errorName);
  return (broken) => page.evaluate((b) => void ((window as unknown as { __ppWritesFail: boolean }).__ppWritesFail = b), broken);
}
