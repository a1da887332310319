// Group commit, for the sender: per-key store operations that arrive while one is running
// wait, then run together as the next batch — one IndexedDB transaction for several messages
// instead of one each. A transaction costs a round trip to the browser's storage process and work on both
// ends, so with several messages in flight this was most of the drain's cost. Nothing waits
// for a timer: a lone call runs at once (after the current microtasks), so a batch adds at
// most one transaction's latency to the calls that join it.

interface Call<K, R> {
  key: K;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Wraps `runBatch` (one transaction over many keys, resolving with one result per key, in
 * order) into a per-key function. A failed batch rejects every call in it.
 */
export function groupCommit<K, R>(runBatch: (keys: K[]) => Promise<R[]>): (key: K) => Promise<R> {
  let waiting: Call<K, R>[] = [];
  let running = false;

  function runNext(): void {
    if (running || waiting.length === 0) return;
    running = true;
    const batch = waiting;
    waiting = [];
    Promise.resolve()
      .then(() => runBatch(batch.map((call) => call.key)))
      .then(
        (results) => batch.forEach((call, i) => call.resolve(results[i] as R)),
        (error: unknown) => batch.forEach((call) => call.reject(error)),
      )
      .finally(() => {
        running = false;
        runNext();
      });
  }

  return (key) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      // Calls made in the same task (several workers freed by one commit) join one batch.
      queueMicrotask(runNext);
    });
}
