// Visit counting (SPEC §6). Storage applies `advanceVisit` inside one atomic update of the
// person record, so two tabs opened together see each other's `lastActivityAt` and the
// second one stays in the same visit.
import type { PersonState } from "./types";

const MINUTE_MS = 60_000;

/**
 * A page view. The host's own count (integer ≥ 1) wins; otherwise the first page view ever is
 * visit 1, and a page view after more than `timeoutMinutes` without activity starts the next
 * visit. Idempotent for the same moment: the second call sees the first one's activity.
 */
export function advanceVisit(
  state: Pick<PersonState, "visit" | "lastActivityAt">,
  input: { now: number; timeoutMinutes: number; hostVisit?: number | null },
): { visit: number; lastActivityAt: number } {
  // A clock that went backwards must not move the last activity back.
  const lastActivityAt = Math.max(state.lastActivityAt, input.now);
  // The host's count is checked where it is read (widget/options.ts parseVisit): an integer ≥ 1, or null.
  if (input.hostVisit) {
    return { visit: input.hostVisit, lastActivityAt };
  }
  const firstEver = state.lastActivityAt <= 0;
  // Strictly older than the timeout: activity exactly `timeoutMinutes` ago still counts.
  const isNew = firstEver || input.now - state.lastActivityAt > input.timeoutMinutes * MINUTE_MS;
  return { visit: firstEver ? 1 : Math.max(1, state.visit) + (isNew ? 1 : 0), lastActivityAt };
}

/** Any use of the form keeps the visit alive; it never starts a new one (only page views do). */
export function touch<T extends Pick<PersonState, "lastActivityAt">>(state: T, now: number): T {
  return { ...state, lastActivityAt: Math.max(state.lastActivityAt, now) };
}
