// The order of the person's writes. Drafts, answers, skips, dismissals, track(), identify(),
// open(), forget(), the first showing, a delivered or refused message's minimising and the
// reload on a return to the tab run one after another in the order they were asked for: a
// draft still queued must land before the answer that replaces it, and a re-plan must see the
// answer being saved. (Which step is on screen is written at once, outside it: card-writes.ts.)
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
