// This page's stores (IndexedDB, else memory), opened once per page and shared by its widgets.
// Kept apart from start.ts, with nothing heavy imported, so that the script tag can ask for
// them from its first module, in the task right after its evaluation (see early.ts).
import { openStores, type Store } from "../storage/store";

export interface PageStores {
  people: Store;
  outbox: Store;
  /** Why IndexedDB is not used, when it is not. */
  unavailable: string | null;
  /** Tells `listener` if IndexedDB fills up later in the page (the stores go on in memory); returns its removal. */
  whenFull(listener: (reason: string) => void): () => void;
}

let opening: Promise<PageStores> | undefined;

function pageIndexedDb(): IDBFactory | undefined {
  try {
    return indexedDB;
  } catch {
    return undefined; // Some privacy modes throw on the mere property access.
  }
}

/**
 * Opening a database is a round trip to the browser's storage process (12–30 ms on the bench
 * machine, more with the CPU slowed): begun early, it runs while the config is loaded and
 * validated. The memory fallback is announced by `start`, so a page whose config is
 * refused says nothing about storage.
 */
export function pageStores(): Promise<PageStores> {
  if (!opening) {
    let unavailable: string | null = null;
    const listeners = new Set<(reason: string) => void>();
    const warn = (text: string) => {
      unavailable = text;
      listeners.forEach((listener) => listener(text));
    };
    const opened = openStores({ indexedDB: pageIndexedDb(), warn });
    opening = opened.then(({ people, outbox }) => ({
      people,
      outbox,
      unavailable,
      whenFull: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    }));
  }
  return opening;
}
