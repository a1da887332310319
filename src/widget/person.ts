// The current person as the widget sees it: who they are (user id, else anonymous id), the
// cached record, and every change to it as one atomic update in the people store.
import { advanceVisit, touch } from "../core/visits";
import type { PersonState } from "../core/types";
import { beginPageView, forgetPeople, loadPerson, personKey, updatePerson, updateSeenPerson } from "../storage/people";
import { newPerson } from "../core/profile";
import { makeUuid } from "./platform";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";

export interface PersonHandle {
  readonly key: string;
  /** The key of this device's anonymous record (the same as `key` until identify()). */
  readonly anonymousKey: string;
  readonly state: PersonState;
  /**
   * Applies a pure transition atomically; using the form is activity, so the visit is kept
   * alive (`now`, default: the clock's now, is the activity's time). Writes nothing, and calls
   * `onForgotten`, when another tab forgot the person since this page read their record.
   */
  change(transition: (person: PersonState) => PersonState, now?: number): Promise<void>;
  /** Set by the runtime: the person was forgotten in another tab (forget()); this page stops too. */
  onForgotten(): void;
  /**
   * identify(): counted as a page view of the user (`view`: the page's visit rule, or the
   * host's count given to identify()), into whose record this device's anonymous one merges,
   * unless it already belongs to another user.
   */
  identify(userId: string, hostVisit?: number | null): Promise<void>;
  /** forget(): every local record of this person, and this device's anonymous id. */
  forget(): Promise<void>;
  /**
   * A return to the page: reads the record again (another tab of the site may have changed it)
   * and notes the activity; with `view`, after `timeoutMinutes` away, counts a page view as a
   * page load would (a single-page app never loads again), unless the host counts the visits.
   * False when another tab forgot the person (forget()): nothing of them is left to show or
   * write back.
   */
  reload(view: boolean): Promise<boolean>;
  /** Another person's record (a message's, delivered after identify()), or null. */
  read(key: string): Promise<PersonState | null>;
  /** One atomic change to another person's record (null: it is gone). */
  changeOther(key: string, transition: (person: PersonState | null) => PersonState): Promise<void>;
}

/**
 * A return to the page finding the record gone (a login in another tab took it in, or it does
 * not parse): nothing is written. Thrown and caught here only; not an Error, as FORGOTTEN.
 */
const GONE = {};

export function createPersonHandle(env: {
  people: Store;
  report: Report;
  initial: PersonState;
  view: { timeoutMinutes: number; hostVisit: number | null };
}): PersonHandle {
  let state = env.initial;
  let key = personKey(state);
  // Whether the host gives the current person's visit count (data-visit, identify()'s visit).
  let hostCounts = !!env.view.hostVisit;
  const ids = () => ({ anonymousId: state.anonymousId, userId: state.userId });
  const anonymousKey = () => personKey({ userId: null, anonymousId: state.anonymousId });

  const handle: PersonHandle = {
    get key() {
      return key;
    },
    get anonymousKey() {
      return anonymousKey();
    },
    get state() {
      return state;
    },
    onForgotten() {},
    async change(transition, now = Date.now()) {
      const at = key;
      // Not forgotten, but the record a login in another tab took in: it is not written back
      // (that user has it; on a shared device, a later one would take it in too). What is done
      // here from then on starts a new one, in this visit and with the form on screen (its
      // session, without what was typed before). A record that does not parse gets this page's.
      const { session } = state;
      const restart = { ...state, answers: {}, snoozes: {}, events: {}, session: session && { ...session, drafts: {} } };
      const next = await updateSeenPerson(env.people, at, state.anonymousId, (p) => touch(transition(p === undefined ? restart : (p ?? state)), now), env.report);
      if (!next) return handle.onForgotten();
      // An identify() that switched person meanwhile has the say.
      if (at === key) state = next;
    },
    async identify(userId, hostVisit) {
      if (userId === state.userId) return void (hostCounts ||= !!hostVisit);
      // As a page view of the user: this device's anonymous id now belongs to them. The count
      // the merge moves the anonymous history to is the host's, so nothing done anonymously
      // lands in the user's current visit by chance. The page's own count (data-visit) is the
      // anonymous visitor's or the user's it named: it goes to the visitor who logs in and to
      // that user, never to another user (the widget counts theirs).
      hostVisit ??= state.userId === null || userId === env.initial.userId ? env.view.hostVisit : null;
      hostCounts = !!hostVisit;
      state = await beginPageView(env.people, { ...env.view, hostVisit, now: Date.now(), userId, uuid: makeUuid }, env.report);
      key = personKey(state);
    },
    async reload(view) {
      // The record as another tab of the site may have left it, with this return noted as
      // activity; with `view`, a page view by the widget's own count (a page-given one,
      // data-visit, may be another user's by now). Nothing is written when the record is gone:
      // forgotten there (false), or taken in by a login there (the page's copy written back
      // would bring it back to life).
      const now = Date.now();
      const count = view && !hostCounts;
      try {
        const next = await updateSeenPerson(
          env.people,
          key,
          state.anonymousId,
          (p) => {
            if (!p) throw GONE;
            return touch(count ? { ...p, ...advanceVisit(p, { timeoutMinutes: env.view.timeoutMinutes, now }) } : p, now);
          },
          env.report,
        );
        if (!next) return false;
        state = next;
      } catch (error) {
        if (error !== GONE) throw error;
      }
      return true;
    },
    read: (other) => loadPerson(env.people, other, env.report),
    async changeOther(other, transition) {
      await updatePerson(env.people, other, transition, env.report);
    },
    async forget() {
      await forgetPeople(env.people, [key, anonymousKey()]);
      state = newPerson(ids());
    },
  };
  return handle;
}
