// The person handle's identify() and forget() against a store, as a page would use them.
import { expect, test } from "vitest";
import { recordAnswer, recordEvent, setDraft } from "../core/profile";
import { ANONYMOUS_ID_KEY, beginPageView } from "../storage/people";
import { createMemoryStore } from "../storage/store";
import { recordingReport } from "../storage/test-fixtures";
import { createPersonHandle } from "./person";

const MINUTE = 60_000;
const view = { timeoutMinutes: 1, hostVisit: null };

async function page(people: ReturnType<typeof createMemoryStore>, now: number) {
  const report = recordingReport();
  const person = await beginPageView(people, { ...view, now, userId: null, uuid: () => "anon-1" }, report);
  return createPersonHandle({ people, report, initial: person, view });
}

test("identify() on each page: each page view is counted on the user's record, so visits advance", async () => {
  const people = createMemoryStore();
  const first = await page(people, Date.now() - 5 * MINUTE);
  await first.identify("u_idf");
  await first.change((p) => recordAnswer(p, "name", "Ann", p.lastActivityAt), Date.now() - 5 * MINUTE);
  expect(first.key).toBe("u:u_idf");

  // The next page starts anonymous (no data-user); identify() then takes the user's record on.
  const second = await page(people, Date.now());
  expect(second.state).toMatchObject({ userId: null, visit: 1 });
  await second.identify("u_idf");
  expect(second.state).toMatchObject({ userId: "u_idf", anonymousId: "anon-1", visit: 2 });
  expect(second.state.answers.name?.value).toBe("Ann");
});

test("forget() deletes the user's record and the anonymous id (with the user it went to)", async () => {
  const people = createMemoryStore();
  const person = await page(people, Date.now());
  await person.identify("u_1");
  await person.forget();
  expect(await people.entries()).toEqual([]);
  expect(await people.get(ANONYMOUS_ID_KEY)).toBeUndefined();
});

test("the page's own count (data-visit) goes with identify() to the person it was for, never to another user", async () => {
  const people = createMemoryStore();
  const report = recordingReport();
  const counted = { timeoutMinutes: 1, hostVisit: 5 };
  // Anonymous with data-visit="5": the person who logs in is that visitor.
  const anonymous = await beginPageView(people, { ...counted, now: Date.now(), userId: null, uuid: () => "anon-1" }, report);
  const first = createPersonHandle({ people, report, initial: anonymous, view: counted });
  await first.identify("u_1");
  expect(first.state).toMatchObject({ userId: "u_1", visit: 5 });
  // data-user="u_1" data-visit="5", then the app logs another user in without a count.
  const named = await beginPageView(people, { ...counted, now: Date.now(), userId: "u_1", uuid: () => "anon-1" }, report);
  const second = createPersonHandle({ people, report, initial: named, view: counted });
  await second.identify("u_2");
  expect(second.state).toMatchObject({ userId: "u_2", visit: 1 });
  await second.identify("u_3", 7);
  expect(second.state).toMatchObject({ userId: "u_3", visit: 7 });
  // Back to the user the page named: the page's count is theirs.
  await second.identify("u_1");
  expect(second.state).toMatchObject({ userId: "u_1", visit: 5 });
});

test("a return to the page after another tab's forget() writes nothing back, and says the person is forgotten; after a login there took the anonymous record in, it writes nothing either", async () => {
  const people = createMemoryStore();
  const report = recordingReport();
  const view = { timeoutMinutes: 30, hostVisit: null };
  const begin = (userId: string | null) => beginPageView(people, { ...view, now: Date.now(), userId, uuid: () => "anon-1" }, report);
  const person = createPersonHandle({ people, report, initial: await begin("u_forgotten_meanwhile"), view });
  await person.change((p) => recordAnswer(p, "email", "ann@example.com", Date.now()));
  await createPersonHandle({ people, report, initial: person.state, view }).forget();
  expect(await person.reload(true)).toBe(false);
  expect(await people.entries()).toEqual([]);

  const anonymous = createPersonHandle({ people, report, initial: await begin(null), view });
  await begin("u_logged_in_there");
  expect(await anonymous.reload(true)).toBe(true);
  expect((await people.entries()).map(([key]) => key).sort()).toEqual([ANONYMOUS_ID_KEY, "u:u_logged_in_there"]);
});

test("a change in a tab whose person another tab forgot (forget()) writes nothing, and says so: what was forgotten does not come back", async () => {
  const people = createMemoryStore();
  const report = recordingReport();
  const initial = await beginPageView(people, { ...view, now: Date.now(), userId: "u_1", uuid: () => "anon-1" }, report);
  const open = createPersonHandle({ people, report, initial, view });
  let forgottenSaid = 0;
  open.onForgotten = () => forgottenSaid++;
  await open.change((p) => recordEvent(recordAnswer(p, "name", "Ann", Date.now()), "purchase", Date.now()));
  // forget() in another tab of the same user.
  const other = createPersonHandle({ people, report, initial: open.state, view });
  await other.forget();
  // The open tab, which knows nothing of it, takes a draft, then the next answer.
  await open.change((p) => setDraft(p, "email", "ann@"));
  await open.change((p) => recordAnswer(p, "email", "ann@example.com", Date.now()));
  expect(await people.entries()).toEqual([]);
  expect(forgottenSaid).toBe(2);
});

test("a change in an anonymous tab whose record a login in another tab took in starts a new one: in this visit, with the form on screen, without what was typed before", async () => {
  const people = createMemoryStore();
  const report = recordingReport();
  const begin = (userId: string | null) => beginPageView(people, { ...view, now: Date.now(), userId, uuid: () => "anon-1" }, report);
  const open = createPersonHandle({ people, report, initial: await begin(null), view });
  await open.change((p) => setDraft(recordAnswer(p, "name", "Ann", Date.now()), "company", "Ann's draft"));
  await begin("u_1"); // another tab: the login takes the anonymous record in
  await open.change((p) => recordAnswer(p, "email", "ann@example.com", Date.now()));
  const stored = await people.get("a:anon-1");
  expect(JSON.stringify(stored)).not.toContain("Ann");
  expect(open.state.answers.email?.value).toBe("ann@example.com");
  // The form on screen goes on: what it asked in this visit still counts.
  expect(open.state.session?.asked).toEqual(["name", "email"]);
});

test("an anonymous tab left open while a second user logs in on a shared device: that user takes in only what is done after", async () => {
  const people = createMemoryStore();
  const report = recordingReport();
  const begin = (userId: string | null) => beginPageView(people, { ...view, now: Date.now(), userId, uuid: () => "anon-1" }, report);
  await begin("u_a"); // the device's anonymous id goes to u_a
  const open = createPersonHandle({ people, report, initial: await begin(null), view });
  await open.change((p) => recordAnswer(p, "company", "Acme (u_a's)", Date.now()));
  await begin("u_b"); // another tab: u_b logs in; the anonymous record is dropped unread
  await open.change((p) => recordAnswer(p, "phone", "+81 3-0000-0000", Date.now()));
  const next = await begin("u_b"); // u_b's next page view takes in what was done anonymously since
  expect(next.answers).not.toHaveProperty("company");
  expect(next.answers.phone?.value).toBe("+81 3-0000-0000");
});

test("a change over a record that does not parse (another build's, during a deploy) writes this page's record, with what it knows, not an empty one", async () => {
  const people = createMemoryStore();
  const report = recordingReport();
  const initial = await beginPageView(people, { ...view, now: Date.now(), userId: "u_1", uuid: () => "anon-1" }, report);
  const open = createPersonHandle({ people, report, initial, view });
  await open.change((p) => recordEvent(recordAnswer(p, "name", "Ann", Date.now()), "purchase", Date.now()));
  await people.set("u:u_1", { v: 99, person: { from: "a newer build" } });
  await open.change((p) => recordAnswer(p, "email", "ann@example.com", Date.now()));
  expect(Object.keys(open.state.answers).sort()).toEqual(["email", "name"]);
  expect(Object.keys(open.state.events)).toEqual(["purchase"]);
  expect(JSON.stringify(await people.get("u:u_1"))).toContain("Ann");
});
