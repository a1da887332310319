// Injected only into the profiled drain run: where one message's time goes. Times every
// fetch (call → response) and every IndexedDB transaction (created → complete), by database
// and mode, without changing what the widget does.
(() => {
  const fetches = [];
  const transactions = {};
  const realFetch = window.fetch;
  window.fetch = function (...args) {
    const start = performance.now();
    const done = () => fetches.push(performance.now() - start);
    return realFetch.apply(this, args).then((r) => (done(), r), (e) => (done(), Promise.reject(e)));
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    const key = `${this.name.replace("progressive-profile-", "")} ${tx.mode}`;
    const start = performance.now();
    const list = (transactions[key] ??= []);
    tx.addEventListener("complete", () => list.push(performance.now() - start));
    return tx;
  };
  const stats = (xs) => {
    const sum = xs.reduce((s, x) => s + x, 0);
    return { count: xs.length, totalMs: Math.round(sum), meanMs: xs.length ? Number((sum / xs.length).toFixed(2)) : null };
  };
  Object.defineProperty(window, "__drainProfile", {
    value: {
      summary: () => ({
        fetch: stats(fetches),
        transactions: Object.fromEntries(Object.entries(transactions).map(([k, xs]) => [k, stats(xs)])),
        elapsedMs: Math.round(performance.now()),
      }),
    },
  });
})();
