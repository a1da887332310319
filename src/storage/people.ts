// Person records, one per person key, each changed only by atomic read-modify-write (so two
// tabs cannot lose each other's answers), plus this device's anonymous id.
import { mergePeople, newPerson } from "../core/profile";
import type { PersonState } from "../core/types";
import { advanceVisit } from "../core/visits";
import { parseAnonymousId, parseOwnKeys, parsePerson, personRecord, recordSchemas, RECORD_VERSION, type PersonRecord, type Report } from "./records";
import type { Store } from "./store";

/** The key of the anonymous id record; person keys always start with "u:" or "a:". */
export const ANONYMOUS_ID_KEY = "anonymous-id";

/** The user id when the host gave one, else the anonymous id; prefixed so the two never clash. */
export function personKey(ids: { userId: string | null; anonymousId: string }): string {
  return ids.userId !== null ? `u:${ids.userId}` : `a:${ids.anonymousId}`;
}

export async function loadPerson(store: Store, key: string, report: Report): Promise<PersonState | null> {
  const raw = await store.get(key);
  return raw === undefined ? null : parsePerson(raw, report, key);
}

/**
 * Atomic read-modify-write of one person. `fn` sees null when there is no record or it did
 * not parse (reported); it runs inside the transaction, so it must be synchronous. Rejects,
 * writing nothing, when `fn` throws or returns a person that would not parse back.
 */
export async function updatePerson(
  store: Store,
  key: string,
  fn: (current: PersonState | null) => PersonState,
  report: Report,
): Promise<PersonState> {
  return writtenPerson(await store.update(key, personUpdate(key, fn, report)));
}

/**
 * A person's record and this device's anonymous id both gone: forget() in another tab. Thrown
 * and caught here only; a plain object, since an Error made as the script evaluates costs a page
 * with DevTools open a re-parse of the whole bundle (script-tag.evaluation.test.ts).
 */
const FORGOTTEN = {};

/**
 * `updatePerson` of the person a page has read, with this device's anonymous id read in the same
 * transaction, so that a record gone since says why. With the id gone too (forget() deletes both
 * at once, `forgetPeople`), the person was forgotten: nothing is written, and the result is null.
 * With the id still there, a login in another tab took the anonymous record in: `fn` sees
 * undefined. As in `updatePerson`, `fn` sees null for a record that does not parse (reported).
 */
export async function updateSeenPerson(
  store: Store,
  key: string,
  anonymousId: string,
  fn: (current: PersonState | null | undefined) => PersonState,
  report: Report,
): Promise<PersonState | null> {
  let idKept = false;
  try {
    const [, written] = await store.updateEach([
      [ANONYMOUS_ID_KEY, (old) => ((idKept = old !== undefined && parseAnonymousId(old, report, ANONYMOUS_ID_KEY)?.id === anonymousId), old)],
      [
        key,
        (old) => {
          if (old === undefined && !idKept) throw FORGOTTEN;
          return personUpdate(key, (current) => fn(old === undefined ? undefined : current), report)(old);
        },
      ],
    ]);
    return writtenPerson(written);
  } catch (error) {
    if (error === FORGOTTEN) return null;
    throw error;
  }
}

/** `updatePerson`'s function for the store: parses what is stored, checks what is written. */
function personUpdate(key: string, fn: (current: PersonState | null) => PersonState, report: Report) {
  return (old: unknown): PersonRecord => {
    const current = old === undefined ? null : parsePerson(old, report, key);
    const record = parseOwnKeys(recordSchemas().personRecord, personRecord(fn(current)));
    if (!record.success) throw new Error(`Refusing to write an invalid person record for ${key}.`);
    return record.data;
  };
}

/** What a `personUpdate` wrote: the record it has just checked. */
const writtenPerson = (written: unknown): PersonState => (written as PersonRecord).person;

export function deletePerson(store: Store, key: string): Promise<void> {
  return store.del(key);
}

/**
 * A page view, in one transaction: this device's anonymous id is read (or minted with `uuid`
 * and stored; an unreadable record is reported and replaced), with the user its anonymous
 * person went to. The person is the user given (data-user, identify()), else the anonymous
 * person: a page without a user is anonymous, as SPEC §3/§7 say (a remembered user would send
 * the next person on a shared computer as the last one, with no way to log out). The person is
 * created when new and the visit advanced (core `advanceVisit`). For a user, this device's
 * anonymous person is merged in and deleted (core `mergePeople`), unless it already went to
 * another user (a shared device). Tabs opened at the same moment agree on one anonymous id, see
 * each other's activity and count one visit. identify() is a page view with a user given.
 */
export async function beginPageView(
  store: Store,
  input: {
    now: number;
    timeoutMinutes: number;
    hostVisit?: number | null | undefined;
    userId: string | null;
    uuid: () => string;
  },
  report: Report,
): Promise<PersonState> {
  let anonymousId = "";
  const { userId, hostVisit } = input;
  let anonymous: PersonState | null = null;
  const count = (person: PersonState, host: number | null | undefined): PersonState => ({
    ...person,
    ...advanceVisit(person, { now: input.now, timeoutMinutes: input.timeoutMinutes, hostVisit: host }),
  });
  const view = (current: PersonState | null): PersonState => {
    // The anonymous person's visits were the widget's own count; the host's (data-visit) is the user's.
    const folded = anonymous && count(anonymous, null);
    const viewed = count({ ...(current ?? newPerson({ anonymousId, userId })), anonymousId }, hostVisit);
    return folded ? mergePeople(folded, viewed, hostVisit) : viewed;
  };
  let linked: string | null = null;
  const personStep = (key: string): [string, (old: unknown) => unknown] => [key, personUpdate(key, view, report)];
  const [, , written] = await store.updateEach([
    [
      ANONYMOUS_ID_KEY,
      (old) => {
        const stored = old === undefined ? null : parseAnonymousId(old, report, ANONYMOUS_ID_KEY);
        anonymousId = stored?.id ?? input.uuid();
        linked = stored?.user ?? null;
        // The user this device's anonymous person went to, the last who logged in (kept on
        // anonymous pages); an id already stored with that user is not written again.
        const user = userId ?? linked;
        return stored !== null && user === linked ? old : { v: RECORD_VERSION, id: anonymousId, ...(user === null ? {} : { user }) };
      },
    ],
    () => {
      const key = personKey({ userId: null, anonymousId });
      // A user takes in the anonymous record (read here, merged by `view`, deleted) unless the
      // anonymous id is another user's: then it goes unread (on a shared computer, what was done
      // there since that user left is nobody's to have; it was delivered as anonymous), so that
      // what is done anonymously from now on is this user's. An anonymous person's is updated
      // by the next step.
      const takeIn = userId !== null && (linked === null || linked === userId);
      return [key, (old) => (userId === null ? old : void (anonymous = takeIn && old !== undefined ? parsePerson(old, report, key) : null))];
    },
    // A user's key is known at once, so their record is read as the transaction starts; the
    // anonymous person's key is the id, known once the first step has run.
    userId !== null ? personStep(personKey({ userId, anonymousId })) : () => personStep(personKey({ userId: null, anonymousId })),
  ]);
  return writtenPerson(written);
}

/**
 * forget(): the person's records and this device's anonymous id (the next page view mints
 * another), in one transaction, so that another tab writing meanwhile sees the person forgotten,
 * never their record gone with the id still there (what a login taking it in leaves).
 */
export async function forgetPeople(store: Store, keys: string[]): Promise<void> {
  await store.deleteAndGet([...keys, ANONYMOUS_ID_KEY], []);
}
