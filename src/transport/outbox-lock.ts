// Who may send: every sender pass runs under one exclusive Web Lock, shared by the origin's
// tabs, so two tabs never POST the same message at the same time (SPEC §7). The pass re-reads
// the outbox under it and persists each outcome before it ends (sender.ts).

const OUTBOX_LOCK = "progressive-profile-outbox";

/** What the sender needs of `navigator.locks`; a LockManager is one. */
export interface OutboxLocks {
  request<T>(name: string, options: { mode: "exclusive" }, callback: () => Promise<T>): Promise<T>;
}

/**
 * Returns a function that runs its callback under the outbox lock, or under another lock the
 * site's tabs share, given its `name` (the same fallbacks apply). Without Web Locks (very old
 * browsers) the callback runs at once: two tabs could then POST the same message together, and
 * the backend must rely on the Idempotency-Key to keep one. Where the page may not use Web Locks
 * (site data blocked in the browser's settings, a sandboxed frame) request() rejects with a
 * SecurityError; IndexedDB is refused there too, so the outbox is this page's memory and no
 * other tab shares it: the page goes on without a lock.
 */
export function outboxLock(available: OutboxLocks | undefined, name = OUTBOX_LOCK): (run: () => Promise<void>) => Promise<void> {
  let locks = available;
  return async (run) => {
    if (!locks) return run();
    let granted = false;
    try {
      await locks.request(name, { mode: "exclusive" }, () => {
        granted = true;
        return run();
      });
    } catch (error) {
      if (granted || (error as { name?: unknown } | null)?.name !== "SecurityError") throw error;
      locks = undefined;
      await run();
    }
  };
}
