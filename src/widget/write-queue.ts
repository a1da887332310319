// The order of the person's writes. Drafts, answers, skips, dismissals, track() and identify()
// are stored one after another in the order they were made: a draft still queued must land
// before the answer that replaces it, and a re-plan must see the answer being saved.
import { createError, errorMessage, type WidgetError } from "../errors";

export interface WriteQueue {
  /** Runs `write` once every write asked for before it has settled; a failure does not stop the queue. */
  inTurn<T>(write: () => Promise<T>): Promise<T>;
  /**
   * A handler for a failed write of `what`: said once to the page, the first time (a draft and
   * then the step typed into it fail alike when storage breaks).
   */
  failed(what: string): (error: unknown) => void;
}

export function createWriteQueue(report: (error: WidgetError) => void): WriteQueue {
  let pending: Promise<unknown> = Promise.resolve();
  let failureReported = false;
  return {
    inTurn(write) {
      const done = pending.then(write);
      pending = done.catch(() => undefined);
      return done;
    },
    failed: (what) => (error) => {
      if (!failureReported) report(createError("storage_write_failed", `${what} could not be saved: ${errorMessage(error)}`));
      failureReported = true;
    },
  };
}
