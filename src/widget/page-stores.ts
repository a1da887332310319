// This page's stores (IndexedDB, else memory), opened once per page and shared by its widgets.
// Kept apart from start.ts, with nothing heavy imported, so that the script tag can ask for
// them from its first module, in the task right after its evaluation (see early.ts).
import { openStores, type Store } from "../storage/store";

export interface PageStores {
  people: Store;
  outbox: Store;
  /** Why IndexedDB is not used, when it is not. */
  unavailable: string | null;
}

let opening: Promise<PageStores> | undefined;

/**
 * Opening a database is a round trip to the browser's storage process (12–30 ms on the bench
 * machine, more with the CPU slowed): begun early, it runs while the config is loaded and
 * validated. The memory fallback is announced by `start`, so a page whose config is
 * refused says nothing about storage.
 */
export function pageStores(): Promise<PageStores> {
  if (!opening) {
    let unavailable: string | null = null;
    const opened = openStores({ indexedDB: pageIndexedDb(), warn: (text) => (unavailable = text) });
    opening = opened.then(({ people, outbox }) => ({ people, outbox, unavailable }));
  }
  return opening;
}

function pageIndexedDb(): IDBFactory | undefined {
  try {
    return indexedDB;
  } catch {
    return undefined; // Some privacy modes throw on the mere property access.
  }
}
