// Person records, one per person key, each changed only by atomic read-modify-write (so two
// tabs cannot lose each other's answers), plus this device's anonymous id.
import { newPerson } from "../core/profile";
import type { PersonState } from "../core/types";
import { advanceVisit } from "../core/visits";
import { parseAnonymousId, parsePerson, personRecord, recordSchemas, RECORD_VERSION, type PersonRecord, type Report } from "./records";
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

/** `updatePerson`'s function for the store: parses what is stored, checks what is written. */
function personUpdate(key: string, fn: (current: PersonState | null) => PersonState, report: Report) {
  return (old: unknown): PersonRecord => {
    const current = old === undefined ? null : parsePerson(old, report, key);
    const record = recordSchemas().personRecord.safeParse(personRecord(fn(current)));
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
 * and stored; an unreadable record is reported and replaced), then the person is created when
 * new and the visit advanced (core `advanceVisit`). Tabs opened at the same moment agree on one
 * anonymous id, see each other's activity and count one visit. A user id given now is
 * recorded; the stored anonymous id is kept.
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
): Promise<{ person: PersonState; isNewVisit: boolean }> {
  let isNewVisit = false;
  let anonymousId = "";
  const view = (current: PersonState | null): PersonState => {
    const base = current ?? newPerson({ anonymousId, userId: input.userId });
    const visit = advanceVisit(base, { now: input.now, timeoutMinutes: input.timeoutMinutes, hostVisit: input.hostVisit ?? null });
    isNewVisit = visit.isNew;
    return { ...base, userId: input.userId ?? base.userId, visit: visit.visit, lastActivityAt: visit.lastActivityAt };
  };
  const personStep = (key: string): [string, (old: unknown) => unknown] => [key, personUpdate(key, view, report)];
  const [, written] = await store.updateEach([
    [
      ANONYMOUS_ID_KEY,
      (old) => {
        const stored = old === undefined ? null : parseAnonymousId(old, report, ANONYMOUS_ID_KEY);
        anonymousId = stored ?? input.uuid();
        // An id already stored is not written again.
        return stored === null ? { v: RECORD_VERSION, id: anonymousId } : old;
      },
    ],
    // A user's record is read with the id; an anonymous person's key is the id.
    input.userId !== null ? personStep(personKey({ userId: input.userId, anonymousId })) : () => personStep(personKey({ userId: null, anonymousId })),
  ]);
  return { person: writtenPerson(written), isNewVisit };
}

/** For `forget()` of an anonymous person: the next page view mints a new id. */
export function deleteAnonymousId(store: Store): Promise<void> {
  return store.del(ANONYMOUS_ID_KEY);
}
