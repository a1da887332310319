// The current person as the widget sees it: who they are (user id, else anonymous id), the
// cached record, and every change to it as one atomic update in the people store.
import { advanceVisit, touch } from "../core/visits";
import type { PersonState } from "../core/types";
import { beginPageView, forgetPeople, loadPerson, personKey, reloadPerson, updatePerson } from "../storage/people";
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

/** A person's record gone when a return to the page would write it. */
const GONE = new Error("the person's record is gone");

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

  /** One atomic change of the person's record; GONE, writing nothing, when it is gone since it was read. */
  const update = (transition: (person: PersonState) => PersonState) =>
    updatePerson(
      env.people,
      key,
      (p) => {
        if (!p) throw GONE;
        return transition(p);
      },
      env.report,
    );
  /** After GONE: whether the person is still known here (a login took in the anonymous record), not forgotten (the id went too). */
  const known = async () => (await reloadPerson(env.people, key, state, env.report)) !== null;

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
      try {
        state = await update((p) => touch(transition(p), now));
      } catch (error) {
        if (error !== GONE) throw error;
        if (!(await known())) return handle.onForgotten();
        // The anonymous record a login in another tab took in is not written back (that user
        // has it; on a shared device, a later one would take it in too). What is done here from
        // then on starts a new one, in this visit and with the form on screen (its session,
        // without what was typed before).
        const { session } = state;
        const restart = { ...state, answers: {}, snoozes: {}, events: {}, session: session && { ...session, drafts: {} } };
        state = await updatePerson(env.people, key, (p) => touch(transition(p ?? restart), now), env.report);
      }
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
      const stored = await reloadPerson(env.people, key, state, env.report);
      if (!stored) return false;
      state = stored;
      // A return is activity; with `view`, a page view by the widget's own count (a page-given
      // one, data-visit, may be another user's by now). In one update that writes nothing when
      // the record is gone (a login in another tab took it in, or a forget() there, also one
      // made since the read): the page's copy written back would bring it back to life.
      const now = Date.now();
      const count = view && !hostCounts;
      try {
        state = await update((p) => touch(count ? { ...p, ...advanceVisit(p, { timeoutMinutes: env.view.timeoutMinutes, now }) } : p, now));
      } catch (error) {
        if (error !== GONE) throw error;
        return known();
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
