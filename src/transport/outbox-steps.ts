// The sender's two IndexedDB steps per message — read it again right before its POST, remove
// it once delivered — group-committed (concurrency.ts): the steps of all the messages in
// progress that arrive while one transaction runs share the next. IndexedDB transactions,
// each a round trip to the browser's storage process and work on both ends, were most of what
// a drain cost besides the POSTs themselves.
import { removeAndReread, type OutboxEntry } from "../storage/outbox";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";
import { groupCommit } from "./concurrency";

type Step = { reread: string } | { remove: string };

export interface OutboxSteps {
  /** The entry as it is now, or null when it is gone (forget()) or unreadable. */
  reread(id: string): Promise<OutboxEntry | null>;
  /** Resolves once the removal is committed. */
  remove(id: string): Promise<void>;
}

export function createOutboxSteps(outbox: Store, report: Report): OutboxSteps {
  const run = groupCommit(async (steps: Step[]): Promise<(OutboxEntry | null)[]> => {
    const removing = steps.flatMap((step) => ("remove" in step ? [step.remove] : []));
    const rereading = steps.flatMap((step) => ("reread" in step ? [step.reread] : []));
    const read = await removeAndReread(outbox, removing, rereading, report);
    let next = 0;
    return steps.map((step) => ("reread" in step ? (read[next++] ?? null) : null));
  });
  return {
    reread: (id) => run({ reread: id }),
    remove: async (id) => {
      await run({ remove: id });
    },
  };
}
