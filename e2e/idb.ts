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
