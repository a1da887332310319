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
  const written = await store.update(key, (old) => {
    const current = old === undefined ? null : parsePerson(old, report, key);
    const record = recordSchemas().personRecord.safeParse(personRecord(fn(current)));
    if (!record.success) throw new Error(`Refusing to write an invalid person record for ${key}.`);
    return record.data;
  });
  // What the update wrote: the record just checked above.
  return (written as PersonRecord).person;
}

export function deletePerson(store: Store, key: string): Promise<void> {
  return store.del(key);
}

/**
 * A page view: creates the person when new and advances the visit (core `advanceVisit`) in
 * the same transaction, so two tabs opened at the same moment see each other's activity and
 * count one visit. A user id given now is recorded; the stored anonymous id is kept.
 */
export async function beginPageView(
  store: Store,
  key: string,
  input: {
    now: number;
    timeoutMinutes: number;
    hostVisit?: number | null | undefined;
    ids: { anonymousId: string; userId: string | null };
  },
  report: Report,
): Promise<{ person: PersonState; isNewVisit: boolean }> {
  let isNewVisit = false;
  const person = await updatePerson(
    store,
    key,
    (current) => {
      const base = current ?? newPerson(input.ids);
      const visit = advanceVisit(base, { now: input.now, timeoutMinutes: input.timeoutMinutes, hostVisit: input.hostVisit ?? null });
      isNewVisit = visit.isNew;
      return { ...base, userId: input.ids.userId ?? base.userId, visit: visit.visit, lastActivityAt: visit.lastActivityAt };
    },
    report,
  );
  return { person, isNewVisit };
}

/**
 * This device's anonymous id: read, or minted with `uuid` and stored, in one transaction, so
 * tabs opened together agree on one id. An unreadable record is reported and replaced.
 */
export async function loadOrCreateAnonymousId(store: Store, uuid: () => string, report: Report = () => {}): Promise<string> {
  let id = "";
  await store.update(ANONYMOUS_ID_KEY, (old) => {
    id = (old === undefined ? null : parseAnonymousId(old, report, ANONYMOUS_ID_KEY)) ?? uuid();
    return { v: RECORD_VERSION, id };
  });
  return id;
}

/** For `forget()` of an anonymous person: the next page view mints a new id. */
export function deleteAnonymousId(store: Store): Promise<void> {
  return store.del(ANONYMOUS_ID_KEY);
}
