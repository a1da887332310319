// The core's data types: what the pure decision functions read and return, and what the
// edges (storage, transport, UI) exchange. No behaviour lives here.
import type { UiStringKey } from "../config/constants";

/** A delivered answer: text types → string, number → number, consent → boolean, multiselect → string[]. */
export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

/** What the person record keeps of one answer. */
export interface AnswerRecord {
  /** The value; dropped after delivery unless a showIf needs it or the question has `retain: true`. */
  value?: AnswerValue;
  /** The visit in which it was answered (counts toward that visit's budget). */
  visit: number;
  /** Epoch ms. */
  at: number;
  /** True once a message carrying it was delivered (then the value may be minimised). */
  delivered: boolean;
}

/** The stepper's place in the current visit, so a reload restores step and typed text. */
export interface SessionState {
  visit: number;
  /** Question on screen, or null when the form was completed/dismissed. */
  current: string | null;
  /** Raw, not-yet-submitted input per question id. */
  drafts: Record<string, unknown>;
  /** Questions shown in this visit and answered or skipped, in the order they were shown. */
  asked: string[];
  /** Questions skipped since the last message (they go in that message's `skipped`). */
  pendingSkipped: string[];
  /** True once the person pressed "Not now"/close in this visit: track() must not reopen it. */
  dismissed: boolean;
}

/** Everything the widget remembers about one person (the user id, else the anonymous id). */
export interface PersonState {
  anonymousId: string;
  userId: string | null;
  /** Current visit number (≥ 1), counted by the widget or given by the host. */
  visit: number;
  /** Epoch ms of the last page view or use of the form; 0 = never seen. */
  lastActivityAt: number;
  answers: Record<string, AnswerRecord>;
  /** Question id → the visit in which it was skipped or dismissed. */
  snoozes: Record<string, number>;
  /** Event name → epoch ms it was first tracked. */
  events: Record<string, number>;
  session: SessionState | null;
}

/** Why a question of the config is not asked now (SPEC §5). */
export type DropReason = "answered" | "known" | "snoozed" | "hidden-by-showIf" | "no-date-left" | "not-due" | "over-budget";

export interface Plan {
  /** Questions to ask now, in order (stage order, then `ask` order). Empty → show nothing. */
  ask: string[];
  /** Questions already answered or skipped in this visit (they count toward the budget). */
  askedThisVisit: string[];
}

/** A plan with the reason each other question of the config is not asked (core `explainPlan`, the simulator's). */
export interface ExplainedPlan extends Plan {
  dropped: Record<string, DropReason>;
}

/** An answer-check failure: a UI string key (localized by the UI) and its placeholders. */
export interface AnswerError {
  code: UiStringKey;
  params?: Record<string, string | number>;
}

export type AnswerCheck = { ok: true; value: AnswerValue | null } | { ok: false; error: AnswerError };

/** The body a backend receives (SPEC §7); every field is always present. */
export interface DeliveryMessage {
  messageId: string;
  configId: string;
  configVersion: number;
  userId: string | null;
  anonymousId: string;
  visit: number;
  answers: Answers;
  skipped: string[];
  answeredAt: string;
  sentAt: string;
  locale: string;
  page: string;
}

/** A message as written to the outbox: everything but `sentAt`, which each try sets. */
export type PendingMessage = Omit<DeliveryMessage, "sentAt">;

export type DeliveryFormat = "json" | "form" | "segment";

/** What one POST attempt came to, as seen by the retry policy. */
export type AttemptOutcome =
  | { kind: "status"; status: number; retryAfter?: string | null; redirected?: boolean }
  | { kind: "network" }
  | { kind: "timeout" };

export type DeliveryDecision =
  | { action: "delivered" }
  | { action: "retry"; delayMs: number }
  | { action: "failed"; reason: string };

/**
 * For type checks that a schema's output and a hand-written type are the same type (a field,
 * even an optional one, added to one only fails tsc), e.g. `Assert<Same<z.output<S>, T>>`.
 * (Mutual assignability would let an optional field through.)
 */
export type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
/** A type written out key by key, all the way down, so two spellings of one shape compare equal. */
type Flat<T> = T extends (infer E)[] ? Flat<E>[] : T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
export type Assert<T extends true> = T;
