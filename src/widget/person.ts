// The current person as the widget sees it: who they are (user id, else anonymous id), the
// cached record, and every change to it as one atomic update in the people store.
import { touch } from "../core/visits";
import type { PersonState } from "../core/types";
import { deleteAnonymousId, deletePerson, personKey, updatePerson } from "../storage/people";
import { mergePeople, newPerson } from "../core/profile";
import type { Report } from "../storage/records";
import type { Store } from "../storage/store";

export interface PersonHandle {
  readonly key: string;
  readonly state: PersonState;
  /**
   * Applies a pure transition atomically; using the form is activity, so the visit is kept
   * alive (`now`, default: the clock's now, is the activity's time).
   */
  change(transition: (person: PersonState) => PersonState, now?: number): Promise<PersonState>;
  /** identify(): the anonymous record merges into the user's, and the user's becomes current. */
  identify(userId: string): Promise<void>;
  /** forget(): every local record of this person, and this device's anonymous id. */
  forget(): Promise<void>;
}

export function createPersonHandle(env: { people: Store; report: Report; initial: PersonState }): PersonHandle {
  let state = env.initial;
  let key = personKey(state);
  const ids = () => ({ anonymousId: state.anonymousId, userId: state.userId });

  return {
    get key() {
      return key;
    },
    get state() {
      return state;
    },
    async change(transition, now = Date.now()) {
      const fallback = state;
      state = await updatePerson(env.people, key, (current) => touch(transition(current ?? fallback), now), env.report);
      return state;
    },
    async identify(userId) {
      if (userId === state.userId) return;
      const anonymous = state;
      const anonymousKey = key;
      const userKey = personKey({ userId, anonymousId: anonymous.anonymousId });
      state = await updatePerson(
        env.people,
        userKey,
        (current) => mergePeople(anonymous, current ?? newPerson({ anonymousId: anonymous.anonymousId, userId })),
        env.report,
      );
      key = userKey;
      // Only an anonymous record is folded away; a previous user's record stays theirs.
      if (anonymous.userId === null) await deletePerson(env.people, anonymousKey);
    },
    async forget() {
      const anonymousKey = personKey({ userId: null, anonymousId: state.anonymousId });
      await deletePerson(env.people, key);
      if (anonymousKey !== key) await deletePerson(env.people, anonymousKey);
      await deleteAnonymousId(env.people);
      state = newPerson(ids());
    },
  };
}
