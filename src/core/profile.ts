// Transitions of the person record. Each returns a new record and leaves its input untouched,
// so storage can apply one inside an atomic update and a test can compare before and after.
import { EVENT_NAME_MAX } from "../config/constants";
import type { Config } from "../config/schema";
import type { AnswerRecord, AnswerValue, PendingMessage, PersonState, SessionState } from "./types";

export function newPerson(ids: { anonymousId: string; userId: string | null }): PersonState {
  // lastActivityAt 0 = never seen: the first page view makes it visit 1 (visits.ts).
  return { anonymousId: ids.anonymousId, userId: ids.userId, visit: 1, lastActivityAt: 0, answers: {}, snoozes: {}, events: {}, session: null };
}

function freshSession(visit: number, pendingSkipped: string[] = []): SessionState {
  return { visit, current: null, drafts: {}, asked: [], pendingSkipped, dismissed: false };
}

/**
 * The person with a session for the current visit. A session of an older visit is replaced,
 * but its `pendingSkipped` are kept: they were skipped and not yet sent (the page closed right
 * after a skip), and the next message must still carry them.
 */
export function ensureSession(person: PersonState): PersonState {
  const { session } = person;
  if (session !== null && session.visit === person.visit) return person;
  return { ...person, session: freshSession(person.visit, session ? [...session.pendingSkipped] : []) };
}

/** Applies `change` to the current visit's session (made if needed). */
function withSession(person: PersonState, change: (session: SessionState) => SessionState): PersonState {
  const current = ensureSession(person);
  return { ...current, session: change(current.session!) };
}

const appendNew = (list: string[], ids: string[]) => [...list, ...ids.filter((id, i) => !list.includes(id) && ids.indexOf(id) === i)];

/** `record` without the entries of `ids`. */
const without = <T>(record: Record<string, T>, ids: string[]): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([id]) => !ids.includes(id)));

const mapValues = <T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([id, value]) => [id, fn(value)]));

/**
 * An answer given now: counted in this visit, not yet delivered, no longer snoozed, no
 * longer pending as skipped (answered after going Back), its draft gone. Using the form is
 * activity, so the visit is kept alive too.
 */
export function recordAnswer(person: PersonState, questionId: string, value: AnswerValue, now: number): PersonState {
  const record: AnswerRecord = { value: Array.isArray(value) ? [...value] : value, visit: person.visit, at: now, delivered: false };
  const answered = { ...person, answers: { ...person.answers, [questionId]: record }, snoozes: without(person.snoozes, [questionId]), lastActivityAt: Math.max(person.lastActivityAt, now) };
  return withSession(answered, (session) => ({
    ...session,
    // The answered step is no longer where the person is: until the form says where they went
    // (step or complete), a re-plan (track, identify) starts at the first question still open.
    current: session.current === questionId ? null : session.current,
    drafts: without(session.drafts, [questionId]),
    asked: appendNew(session.asked, [questionId]),
    pendingSkipped: session.pendingSkipped.filter((id) => id !== questionId),
  }));
}

function snooze(person: PersonState, questionIds: string[]): Record<string, number> {
  const snoozes = { ...person.snoozes };
  for (const id of questionIds) snoozes[id] = person.visit;
  return snoozes;
}

/**
 * Skip: snoozed from this visit, counted in this visit's budget, sent with the next message.
 * What was typed into it is not kept (SPEC §8).
 */
export function recordSkip(person: PersonState, questionIds: string[]): PersonState {
  return withSession({ ...person, snoozes: snooze(person, questionIds) }, (session) => ({
    ...session,
    drafts: without(session.drafts, questionIds),
    asked: appendNew(session.asked, questionIds),
    pendingSkipped: appendNew(session.pendingSkipped, questionIds),
  }));
}

/**
 * What "Not now" puts away: the steps from the one on screen on, less those answered or skipped
 * in this visit (an answer or a skip still being saved when it was pressed has its own message).
 */
export function putAwayBy(person: PersonState, onScreenAndAfter: string[]): string[] {
  const doneNow = (id: string) => (Object.hasOwn(person.answers, id) && person.answers[id]!.visit === person.visit) || person.snoozes[id] === person.visit;
  return onScreenAndAfter.filter((id) => !doneNow(id));
}

/**
 * "Not now" / Close: the question on screen and those after it are snoozed, and the form stays
 * closed for the rest of the visit (`track()` does not reopen it). They are added to
 * `pendingSkipped`, so the caller sends the dismissal message with `pendingSkips`,
 * whose `skipped` then holds earlier skips and these, in that order. They are not added to
 * `asked`: they were never answered or skipped one by one, and `plan` reports them `snoozed`.
 * What was typed into them is not kept (SPEC §8).
 */
export function recordDismiss(person: PersonState, onScreenAndAfter: string[]): PersonState {
  return withSession({ ...person, snoozes: snooze(person, onScreenAndAfter) }, (session) => ({
    ...session,
    drafts: without(session.drafts, onScreenAndAfter),
    current: null,
    dismissed: true,
    pendingSkipped: appendNew(session.pendingSkipped, onScreenAndAfter),
  }));
}

/**
 * The host's `open()` after "Not now" in this visit: what the dismissal put away is due again
 * and the form is no longer closed for the visit. Questions skipped one by one (they are in
 * `asked`) stay snoozed. Without a dismissal in this visit, the person is returned as is.
 */
export function reopenDismissed(person: PersonState): PersonState {
  const { session, visit } = person;
  if (session === null || session.visit !== visit || !session.dismissed) return person;
  const snoozes = Object.fromEntries(Object.entries(person.snoozes).filter(([id, at]) => at !== visit || session.asked.includes(id)));
  return { ...person, snoozes, session: { ...session, dismissed: false } };
}

/**
 * The skips to put in the next message: those pending of this config's `questions` (another
 * config of the site sends its own, to its endpoint). Once the message is written, `skipsSent`
 * takes exactly these off: another tab may have added one meanwhile.
 */
export function pendingSkips(person: PersonState, questions: Record<string, unknown>): string[] {
  return person.session?.pendingSkipped.filter((id) => Object.hasOwn(questions, id)) ?? [];
}

/**
 * Skips an earlier visit left behind: its page closed after them, before a message carried them
 * (a step skipped, then the tab closed). Once a later visit has begun no answer of that visit
 * will carry them, so they go as a message of their own, at the visit they were made in (SPEC §7:
 * skips with no answer after them are sent with empty answers). Null when there are none.
 */
export function leftBehindSkips(person: PersonState, questions: Record<string, unknown>): { visit: number; skipped: string[] } | null {
  const { session } = person;
  const skipped = session?.visit === person.visit ? [] : pendingSkips(person, questions);
  return skipped.length ? { visit: session!.visit, skipped } : null;
}

/** The person once `sent` skips went in a message of their own (and only those: another tab may have added one). */
export function skipsSent(person: PersonState, sent: string[]): PersonState {
  const { session } = person;
  return session ? { ...person, session: { ...session, pendingSkipped: session.pendingSkipped.filter((id) => !sent.includes(id)) } } : person;
}

/** An event as tracked by the host; the first time it happened is what is kept. */
/** How many event names a person's record keeps (far more than any config's stages wait for). */
const MAX_EVENTS = 200;

export function recordEvent(person: PersonState, event: string, now: number): PersonState {
  // Only names a stage could wait for, and so many at most: a host that tracks a name per
  // product or page must not grow the person's record without end.
  if (Object.hasOwn(person.events, event) || event.length > EVENT_NAME_MAX || Object.keys(person.events).length >= MAX_EVENTS) return person;
  return { ...person, events: { ...person.events, [event]: now } };
}

/** What is typed into a question and not yet submitted, so a reload restores it. */
export function setDraft(person: PersonState, questionId: string, raw: unknown): PersonState {
  return withSession(person, (session) => ({ ...session, drafts: { ...session.drafts, [questionId]: raw } }));
}

/** The question on screen (null once the form is completed or closed). */
export function setCurrent(person: PersonState, questionId: string | null): PersonState {
  return withSession(person, (session) => ({ ...session, current: questionId }));
}

/**
 * Question ids whose value a `showIf` reads (`equals`/`in`), or marked `retain: true`. An
 * `answered` showIf needs only the fact that a question was answered, which is always kept.
 */
export function retainedQuestionIds(config: Pick<Config, "questions">): Set<string> {
  const keep = new Set<string>();
  for (const [id, question] of Object.entries(config.questions)) {
    if (question.retain) keep.add(id);
    const showIf = question.showIf;
    if (showIf !== undefined && !("answered" in showIf)) keep.add(showIf.question);
  }
  return keep;
}

/**
 * After delivery (SPEC §8): the message's answers keep that they were answered, but not their
 * value unless `config` needs it, or `alsoKeep` names it (the config that wrote the message, when
 * a page with another config delivers it). With `takeInMissing`, an answer the record lacks is
 * taken in first: the page went away after the message was durable in the outbox but before the
 * record took the answer (two databases, two transactions); the backend has it, so it is not
 * asked again. A message the backend refused (`delivered` false: it is not sent again) loses its
 * values the same way.
 */
export function minimise(
  person: PersonState,
  config: Pick<Config, "questions">,
  sent: Pick<PendingMessage, "answers" | "visit" | "answeredAt">,
  {
    takeInMissing = false,
    delivered = true,
    alsoKeep = [],
  }: { takeInMissing?: boolean; delivered?: boolean; alsoKeep?: readonly string[] } = {},
): PersonState {
  const keep = retainedQuestionIds(config);
  for (const id of alsoKeep) keep.add(id);
  let p = person;
  for (const [id, value] of Object.entries(sent.answers)) {
    let record = p.answers[id];
    if (!Object.hasOwn(p.answers, id)) {
      if (!takeInMissing) continue;
      const taken = recordAnswer(p, id, value, Date.parse(sent.answeredAt));
      // In this visit it is one of its steps; from an earlier one, only its record.
      if (sent.visit === p.visit) p = taken;
      record = { ...taken.answers[id]!, visit: sent.visit };
    }
    const minimised: AnswerRecord = { ...record!, delivered: record!.delivered || delivered };
    if (!keep.has(id)) delete minimised.value;
    p = { ...p, answers: { ...p.answers, [id]: minimised } };
  }
  return p;
}

function unionBy<T>(a: Record<string, T>, b: Record<string, T>, pick: (x: T, y: T) => T): Record<string, T> {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = existing === undefined ? value : pick(existing, value);
  }
  return out;
}

/**
 * The anonymous person's record merged into the identified user's (SPEC §6). Both must already
 * count this page view (`advanceVisit`), so each one's current visit is this visit: the merged
 * visit is the host's when it gives one (data-visit), else the higher, and each side's visit
 * numbers move by the same amount, so that what either did in this visit (answers toward its
 * budget, snoozes, a dismissal) stays in this visit. Ids from each, answers by the later `at` (the user's on a tie), the longer snooze, the
 * first time of each event, the later activity. The session on screen is kept: the anonymous
 * one when it is for this visit, else the user's; skips not yet sent from either are kept.
 */
export function mergePeople(anonymous: PersonState, user: PersonState, hostVisit?: number | null): PersonState {
  const visit = hostVisit ?? Math.max(anonymous.visit, user.visit);
  const move = (p: PersonState) => {
    // A stored visit is ≥ 0: what happened before the host's first visit (a login saying
    // visit 1 after three anonymous visits) is kept at visit 0, a snooze from then lasting a
    // visit or two longer than its count.
    const moved = (v: number) => Math.max(0, v + visit - p.visit);
    return {
      answers: mapValues(p.answers, (record) => ({ ...record, visit: moved(record.visit) })),
      snoozes: mapValues(p.snoozes, moved),
      session: p.session && { ...p.session, visit: moved(p.session.visit) },
    };
  };
  const a = move(anonymous);
  const u = move(user);
  const onScreen = [a.session, u.session].find((s) => s !== null && s.visit === visit) ?? null;
  const pending = appendNew(a.session?.pendingSkipped ?? [], u.session?.pendingSkipped ?? []);
  // Skips of an earlier visit stay with that visit, so that they are sent as left behind.
  const skippedAt = Math.max(...[a.session, u.session].map((s) => (s?.pendingSkipped.length ? s.visit : 0)));
  const session = onScreen ? { ...onScreen, pendingSkipped: pending } : pending.length > 0 ? freshSession(skippedAt, pending) : null;
  return {
    anonymousId: anonymous.anonymousId,
    userId: user.userId,
    visit,
    lastActivityAt: Math.max(anonymous.lastActivityAt, user.lastActivityAt),
    answers: unionBy(a.answers, u.answers, (x, y) => (x.at > y.at ? x : y)),
    snoozes: unionBy(a.snoozes, u.snoozes, Math.max),
    events: unionBy(anonymous.events, user.events, Math.min),
    session,
  };
}
