// Negative controls for the checks (`npm run chaos -- --sabotage 1|2`): break the widget
// on purpose from outside and make sure the round's checks notice. Never used in `npm test`.

/** 1: no Web Locks, so tabs may send the same message at once (concurrent duplicates). */
function noLocks() {
  Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined, configurable: true });
}

/** 2: every answer written to the outbox is replaced (lost answers and answers nobody gave). */
function mangleOutbox() {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (this.transaction.db.name === "progressive-profile-outbox" && value?.message?.answers) {
      const answers = Object.fromEntries(Object.keys(value.message.answers).map((k) => [k, "tampered"]));
      value = { ...value, message: { ...value.message, answers } };
    }
    return put.call(this, value, key);
  };
}

export const SABOTAGE = { 1: noLocks, 2: mangleOutbox };
