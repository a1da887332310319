import "fake-indexeddb/auto";
import { describe, expect, test, vi } from "vitest";
import { newPerson } from "../core/profile";
import {
  ANONYMOUS_ID_KEY,
  beginPageView,
  deletePerson,
  loadPerson,
  personKey,
  updatePerson,
} from "./people";
import { personRecord } from "./records";
import { createIdbStore, createMemoryStore } from "./store";
import { recordIdbCalls, recordingReport } from "./test-fixtures";

const MINUTE = 60_000;
const ids = { anonymousId: "anon-1", userId: null };
const key = personKey(ids);
const T0 = Date.UTC(2026, 10, 24, 10);
let dbCounter = 0;
/** Two "tabs": two connections to one database. */
function twoTabs() {
  const name = `people-test-${++dbCounter}`;
  return [createIdbStore(name), createIdbStore(name)] as const;
}

test("personKey: the user id when known, else the anonymous id, prefixed so they never clash", () => {
  expect(personKey({ userId: null, anonymousId: "x" })).toBe("a:x");
  expect(personKey({ userId: "x", anonymousId: "x" })).toBe("u:x");
});

describe("updatePerson", () => {
  test("creates, then sees what it wrote; loadPerson and deletePerson agree", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    const seen: unknown[] = [];
    await updatePerson(store, key, (current) => (seen.push(current), newPerson(ids)), report);
    const second = await updatePerson(store, key, (current) => (seen.push(current), { ...(current ?? newPerson(ids)), visit: 2 }), report);
    expect(seen).toEqual([null, newPerson(ids)]);
    expect(second.visit).toBe(2);
    expect(await loadPerson(store, key, report)).toEqual(second);
    await deletePerson(store, key);
    expect(await loadPerson(store, key, report)).toBeNull();
    expect(report.calls).toEqual([]);
  });

  test("a corrupt stored record is reported and treated as no record", async () => {
    const store = createMemoryStore();
    await store.set(key, { v: 1, person: { visit: "garbage" } });
    const report = recordingReport();
    const fn = vi.fn(() => newPerson(ids));
    await updatePerson(store, key, fn, report);
    expect(fn).toHaveBeenCalledWith(null);
    expect(report.calls.map(([code]) => code)).toEqual(["storage_corrupt"]);
    expect(await store.get(key)).toEqual(personRecord(newPerson(ids)));
  });

  test("a person that would not parse back is refused and the stored one kept", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    await updatePerson(store, key, () => newPerson(ids), report);
    await expect(updatePerson(store, key, (p) => ({ ...newPerson(ids), ...p, visit: Number.NaN }), report)).rejects.toThrow(/invalid person record/);
    expect(await loadPerson(store, key, report)).toEqual(newPerson(ids));
  });

  test("two tabs updating at once both land", async () => {
    const [tabA, tabB] = twoTabs();
    const report = recordingReport();
    const track = (event: string) => (p: ReturnType<typeof newPerson> | null) => {
      const base = p ?? newPerson(ids);
      return { ...base, events: { ...base.events, [event]: 1 } };
    };
    await Promise.all([updatePerson(tabA, key, track("a"), report), updatePerson(tabB, key, track("b"), report)]);
    expect((await loadPerson(tabA, key, report))?.events).toEqual({ a: 1, b: 1 });
  });
});

describe("beginPageView", () => {
  const view = (now: number, extra: { hostVisit?: number; userId?: string; uuid?: () => string } = {}) => ({
    now,
    timeoutMinutes: 30,
    ...(extra.hostVisit === undefined ? {} : { hostVisit: extra.hostVisit }),
    userId: extra.userId ?? null,
    uuid: extra.uuid ?? (() => "anon-1"),
  });

  test("two tabs opened at the same moment count one visit, of one anonymous person minted once", async () => {
    const [tabA, tabB] = twoTabs();
    const report = recordingReport();
    const uuid = vi.fn().mockReturnValueOnce("first").mockReturnValueOnce("second");
    const [a, b] = await Promise.all([beginPageView(tabA, view(T0, { uuid }), report), beginPageView(tabB, view(T0, { uuid }), report)]);
    expect([a.visit, b.visit]).toEqual([1, 1]);
    expect([a.anonymousId, b.anonymousId]).toEqual(["first", "first"]);
    expect(uuid).toHaveBeenCalledTimes(1);
    expect(await tabB.get(ANONYMOUS_ID_KEY)).toEqual({ v: 1, id: "first" });
    expect(await loadPerson(tabB, personKey({ anonymousId: "first", userId: null }), report)).toEqual(a);
  });

  test("two tabs opened together after a long pause move to the next visit once", async () => {
    const [tabA, tabB] = twoTabs();
    const report = recordingReport();
    await beginPageView(tabA, view(T0), report);
    const later = T0 + 31 * MINUTE;
    const [a, b] = await Promise.all([beginPageView(tabA, view(later), report), beginPageView(tabB, view(later), report)]);
    expect([a.visit, b.visit]).toEqual([2, 2]);
  });

  test("activity within the timeout stays in the visit; after it, a new visit starts", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    await beginPageView(store, view(T0), report);
    const same = await beginPageView(store, view(T0 + 30 * MINUTE), report);
    expect(same).toMatchObject({ visit: 1, lastActivityAt: T0 + 30 * MINUTE });
    const next = await beginPageView(store, view(T0 + 61 * MINUTE), report);
    expect(next).toMatchObject({ visit: 2 });
  });

  test("the host's visit count wins over the widget's own", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    await beginPageView(store, view(T0), report);
    const hosted = await beginPageView(store, view(T0 + MINUTE, { hostVisit: 5 }), report);
    expect(hosted).toMatchObject({ visit: 5 });
  });

  test("a user id given now is recorded on the person, who keeps this device's anonymous id", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    const person = await beginPageView(store, view(T0, { userId: "u_1" }), report);
    expect(person).toMatchObject({ userId: "u_1", anonymousId: "anon-1" });
    expect(await loadPerson(store, personKey({ userId: "u_1", anonymousId: "anon-1" }), report)).toEqual(person);
    expect(await store.get(ANONYMOUS_ID_KEY)).toEqual({ v: 1, id: "anon-1", user: "u_1" });
  });

  test("after a user is given, a page view without one is anonymous again (SPEC §3, §7): nobody is sent as the last user", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    await beginPageView(store, view(T0, { userId: "u_1" }), report);
    const next = await beginPageView(store, view(T0 + MINUTE), report);
    expect(next).toMatchObject({ userId: null, anonymousId: "anon-1", answers: {} });
    // Which user this device's anonymous person went to is kept, for a shared device.
    expect(await store.get(ANONYMOUS_ID_KEY)).toEqual({ v: 1, id: "anon-1", user: "u_1" });
    expect(report.calls).toEqual([]);
  });

  test("a login page with data-visit: the host's count is the visit, and what was done anonymously moves with it", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    // Three anonymous visits counted by the widget; at the third, an answer and a snooze.
    await beginPageView(store, view(T0), report);
    await beginPageView(store, view(T0 + 60 * MINUTE), report);
    await beginPageView(store, view(T0 + 120 * MINUTE), report);
    await updatePerson(store, key, (p) => ({ ...p!, answers: { name: { value: "Ann", visit: 3, at: T0 + 120 * MINUTE, delivered: false } }, snoozes: { email: 3 } }), report);
    const person = await beginPageView(store, view(T0 + 121 * MINUTE, { userId: "u_1", hostVisit: 1 }), report);
    expect(person).toMatchObject({ userId: "u_1", visit: 1, answers: { name: { visit: 1 } }, snoozes: { email: 1 } });
  });

  test("a login page whose host count is below the visits before an anonymous answer: that history moves to visit 0 at the earliest, and is written", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    // An answer at the first of three anonymous visits, a snooze at the second; the login says visit 1.
    await beginPageView(store, view(T0), report);
    await updatePerson(store, key, (p) => ({ ...p!, answers: { name: { value: "Ann", visit: 1, at: T0, delivered: true } } }), report);
    await beginPageView(store, view(T0 + 60 * MINUTE), report);
    await updatePerson(store, key, (p) => ({ ...p!, snoozes: { email: 2 } }), report);
    await beginPageView(store, view(T0 + 120 * MINUTE), report);
    const person = await beginPageView(store, view(T0 + 121 * MINUTE, { userId: "u_1", hostVisit: 1 }), report);
    expect(person).toMatchObject({ userId: "u_1", visit: 1, answers: { name: { visit: 0 } }, snoozes: { email: 0 } });
    expect(await loadPerson(store, personKey({ userId: "u_1", anonymousId: "anon-1" }), report)).toEqual(person);
    expect(report.calls).toEqual([]);
  });

  test("a user given after anonymous answers takes them in; the page view counts on the user's record once", async () => {
    const [tabA, tabB] = twoTabs();
    const report = recordingReport();
    // Visit 1 as u_1 long ago; then an anonymous page view, answered, before the login page.
    await beginPageView(tabA, view(T0, { userId: "u_1", uuid: () => "old" }), report);
    await tabA.del(ANONYMOUS_ID_KEY);
    await beginPageView(tabA, view(T0 + 60 * MINUTE), report);
    const answered = { value: "Ann", visit: 1, at: T0 + 60 * MINUTE, delivered: false };
    await updatePerson(tabA, key, (p) => ({ ...p!, answers: { name: answered } }), report);
    const [a, b] = await Promise.all([
      beginPageView(tabA, view(T0 + 61 * MINUTE, { userId: "u_1" }), report),
      beginPageView(tabB, view(T0 + 61 * MINUTE, { userId: "u_1" }), report),
    ]);
    expect([a.visit, b.visit]).toEqual([2, 2]);
    expect(b).toMatchObject({ userId: "u_1", anonymousId: "anon-1", answers: { name: { ...answered, visit: 2 } } });
    expect(await loadPerson(tabA, key, report)).toBeNull();
    expect(await tabA.get(ANONYMOUS_ID_KEY)).toEqual({ v: 1, id: "anon-1", user: "u_1" });
  });

  test("a shared device: an anonymous record is not merged into a user other than the one it was identified as", async () => {
    const store = createMemoryStore();
    const report = recordingReport();
    await beginPageView(store, view(T0, { userId: "u_a" }), report);
    const leftover = { ...newPerson(ids), answers: { name: { value: "Ann", visit: 1, at: T0, delivered: false } } };
    await store.set(key, personRecord(leftover));
    const person = await beginPageView(store, view(T0 + MINUTE, { userId: "u_b" }), report);
    expect(person).toMatchObject({ userId: "u_b", answers: {} });
    // Nor at u_b's next page view: it goes (it was delivered as anonymous).
    expect(await loadPerson(store, key, report)).toBeNull();
    expect((await beginPageView(store, view(T0 + 2 * MINUTE, { userId: "u_b" }), report)).answers).toEqual({});
    // A page without a user is anonymous; what is done there from now on is u_b's.
    const anonymous = await beginPageView(store, view(T0 + 3 * MINUTE), report);
    expect(anonymous.userId).toBeNull();
    expect(await store.get(ANONYMOUS_ID_KEY)).toMatchObject({ user: "u_b" });
    await store.set(key, personRecord({ ...anonymous, answers: { phone: { value: "+44 20", visit: anonymous.visit, at: T0, delivered: true } } }));
    // And never u_a's: their login leaves it too.
    expect((await beginPageView(store, view(T0 + 4 * MINUTE, { userId: "u_a" }), report)).answers).toEqual({});
    expect(await loadPerson(store, key, report)).toBeNull();
  });

  test("a stored anonymous id is kept, and not written again", async () => {
    const [store] = twoTabs();
    const report = recordingReport();
    await beginPageView(store, view(T0), report);
    const put = vi.spyOn(IDBObjectStore.prototype, "put");
    const person = await beginPageView(store, view(T0 + MINUTE, { uuid: () => "other" }), report);
    const keys = put.mock.calls.map(([, k]) => k);
    put.mockRestore();
    expect(person.anonymousId).toBe("anon-1");
    expect(keys).toEqual([key]);
  });

  test("one transaction: a user's record is read with the anonymous id, an anonymous person's (read first for a merge) once the id is known", async () => {
    const { calls, stop } = recordIdbCalls();
    const transaction = vi.spyOn(IDBDatabase.prototype, "transaction");
    await beginPageView(twoTabs()[0], view(T0, { userId: "u_1" }), recordingReport());
    await beginPageView(twoTabs()[0], view(T0), recordingReport());
    const readwrite = transaction.mock.calls.filter(([, mode]) => mode === "readwrite").length;
    stop();
    transaction.mockRestore();
    expect(readwrite).toBe(2);
    expect(calls).toEqual([
      ...["get anonymous-id", "get u:u_1", "put anonymous-id", `get ${key}`, "put u:u_1"],
      ...["get anonymous-id", "put anonymous-id", `get ${key}`, `get ${key}`, `put ${key}`],
    ]);
  });

  test("an unreadable anonymous id record is reported and replaced", async () => {
    const store = createMemoryStore();
    await store.set(ANONYMOUS_ID_KEY, "not a record");
    const report = recordingReport();
    const person = await beginPageView(store, view(T0, { uuid: () => "fresh" }), report);
    expect(person.anonymousId).toBe("fresh");
    expect(await store.get(ANONYMOUS_ID_KEY)).toEqual({ v: 1, id: "fresh" });
    expect(report.calls.map(([code]) => code)).toEqual(["storage_corrupt"]);
  });

  test("a person that would not parse back: nothing is written, not even a new anonymous id", async () => {
    const store = createIdbStore(`people-test-${++dbCounter}`);
    const report = recordingReport();
    await expect(beginPageView(store, { ...view(T0), now: Number.NaN }, report)).rejects.toThrow(/invalid person record/);
    expect(await store.entries()).toEqual([]);
  });
});
