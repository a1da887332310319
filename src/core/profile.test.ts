import { describe, expect, it } from "vitest";
import {
  ensureSession,
  mergePeople,
  minimise,
  newPerson,
  putAwayBy,
  recordAnswer,
  recordDismiss,
  recordEvent,
  recordSkip,
  reopenDismissed,
  retainedQuestionIds,
  setCurrent,
  setDraft,
  pendingSkips,
  leftBehindSkips,
  skipsSent,
} from "./profile";
import { plan } from "./plan";
import { advanceVisit } from "./visits";
import { b2bConfig, makeConfig, makePerson } from "./test-fixtures";
import type { PersonState, SessionState } from "./types";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 10);
const session = (overrides: Partial<SessionState> = {}): SessionState => ({
  visit: 1, current: null, drafts: {}, asked: [], pendingSkipped: [], dismissed: false, ...overrides,
});

/** What minimise() reads of a delivered message. */
const sent = (visit: number, answers: Record<string, string | number>) => ({ visit, answers, answeredAt: new Date(0).toISOString() });

describe("newPerson", () => {
  it("is never seen, at visit 1, with nothing recorded", () => {
    expect(newPerson({ anonymousId: "a_1", userId: "u_1" })).toEqual({
      anonymousId: "a_1", userId: "u_1", visit: 1, lastActivityAt: 0, answers: {}, snoozes: {}, events: {}, session: null,
    });
  });
});

describe("ensureSession", () => {
  it("makes a session for the current visit, and keeps a current one as is", () => {
    const p = ensureSession(makePerson({ visit: 3 }));
    expect(p.session).toEqual(session({ visit: 3 }));
    expect(ensureSession(p)).toBe(p);
  });

  it("replaces an older visit's session but keeps its unsent skips", () => {
    const old = makePerson({ visit: 4, session: session({ visit: 3, asked: ["x"], current: "y", pendingSkipped: ["x"], dismissed: true }) });
    expect(ensureSession(old).session).toEqual(session({ visit: 4, pendingSkipped: ["x"] }));
  });
});

describe("recordAnswer", () => {
  it("records the answer in this visit, lifts its snooze, clears its draft and pending skip", () => {
    let p = makePerson({ visit: 2, lastActivityAt: 100, snoozes: { name: 1, other: 1 } });
    p = recordSkip(p, ["name"]);
    p = setDraft(p, "name", "An");
    p = recordAnswer(p, "name", "Ann", 500);
    expect(p.answers).toEqual({ name: { value: "Ann", visit: 2, at: 500, delivered: false } });
    expect(p.snoozes).toEqual({ other: 1 });
    expect(p.lastActivityAt).toBe(500);
    expect(p.session).toEqual(session({ visit: 2, asked: ["name"] }));
  });

  it("the answered step is no longer the one on screen; another step on screen stays", () => {
    expect(recordAnswer(setCurrent(makePerson(), "name"), "name", "Ann", 1).session?.current).toBeNull();
    expect(recordAnswer(setCurrent(makePerson(), "email"), "name", "Ann", 1).session?.current).toBe("email");
  });

  it("does not list a question twice when answered again (Back, then Next)", () => {
    const p = recordAnswer(recordAnswer(makePerson(), "a", "1", 1), "a", "2", 2);
    expect(p.session?.asked).toEqual(["a"]);
    expect(p.answers.a?.value).toBe("2");
  });

  it("leaves its input untouched and copies array values", () => {
    const before = makePerson();
    const tags = ["x"];
    const after = recordAnswer(before, "tags", tags, 1);
    tags.push("y");
    expect(before).toEqual(makePerson());
    expect(after.answers.tags?.value).toEqual(["x"]);
  });
});

describe("skips and dismissal", () => {
  it("a skip snoozes at this visit, counts as asked and is pending for the next message", () => {
    const p = recordSkip(makePerson({ visit: 3 }), ["b", "c", "b"]);
    expect(p.snoozes).toEqual({ b: 3, c: 3 });
    expect(p.session).toMatchObject({ asked: ["b", "c"], pendingSkipped: ["b", "c"] });
  });

  it("what was typed into a skipped or dismissed question is not kept (SPEC §8); other drafts are", () => {
    let p = setDraft(setDraft(setDraft(makePerson(), "a", "typed a"), "b", "typed b"), "c", "typed c");
    p = recordSkip(p, ["a"]);
    expect(p.session?.drafts).toEqual({ b: "typed b", c: "typed c" });
    p = recordDismiss(p, ["b"]);
    expect(p.session?.drafts).toEqual({ c: "typed c" });
    expect(JSON.stringify(p)).not.toMatch(/typed [ab]/);
  });

  it("pendingSkips gives this config's skips for the next message; skipsSent takes off exactly those once sent", () => {
    const questions = { a: {}, b: {} };
    const skipped = recordSkip(makePerson(), ["b", "other-config"]);
    expect(pendingSkips(skipped, questions)).toEqual(["b"]);
    // Another tab skipped "a" before this message was stored: it stays pending.
    const meanwhile = recordSkip(skipped, ["a"]);
    const sent = skipsSent(meanwhile, ["b"]);
    expect(sent.session?.pendingSkipped).toEqual(["other-config", "a"]);
    expect(pendingSkips(skipsSent(sent, ["a"]), questions)).toEqual([]);
    expect(pendingSkips(makePerson(), questions)).toEqual([]);
  });

  it("skips of an earlier visit that no message carried are left behind, at the visit they were made in", () => {
    const questions = { birthday: {}, phone: {} };
    const skipped = recordSkip(makePerson({ visit: 2 }), ["birthday", "phone"]);
    // Still this visit: the next answer carries them.
    expect(leftBehindSkips(skipped, questions)).toBeNull();
    const later = { ...skipped, visit: 3 };
    expect(leftBehindSkips(later, questions)).toEqual({ visit: 2, skipped: ["birthday", "phone"] });
    // Only this config's: another config of the site sends its own.
    expect(leftBehindSkips(later, { phone: {} })).toEqual({ visit: 2, skipped: ["phone"] });
    expect(leftBehindSkips(later, {})).toBeNull();
    // Once sent, those are no longer pending; a skip added meanwhile (another tab) still is.
    const sent = skipsSent(recordSkip({ ...later, session: { ...later.session!, pendingSkipped: ["birthday", "phone", "company"] } }, []), ["birthday", "phone"]);
    expect(sent.session?.pendingSkipped).toEqual(["company"]);
    expect(leftBehindSkips(skipsSent(later, ["birthday", "phone"]), questions)).toBeNull();
    expect(leftBehindSkips({ ...makePerson({ visit: 2 }), visit: 3 }, questions)).toBeNull();
  });

  it("a login keeps skips an earlier visit left behind at that visit, so they are still sent as left behind", () => {
    const user = { ...recordSkip(makePerson({ visit: 2, userId: "u" }), ["birthday"]), visit: 3 };
    const anonymous = makePerson({ visit: 5 });
    const merged = mergePeople(anonymous, user);
    expect(merged.visit).toBe(5);
    // The user's visit 2 is their visit 4 in the anonymous count the login moved them to.
    expect(leftBehindSkips(merged, { birthday: {} })).toEqual({ visit: 4, skipped: ["birthday"] });
  });

  it('"Not now" snoozes the step on screen and after, closes the form, and adds them after earlier skips', () => {
    let p = recordSkip(makePerson({ visit: 2 }), ["birthday"]);
    p = setCurrent(p, "phone");
    p = recordDismiss(p, ["phone", "company"]);
    expect(p.snoozes).toEqual({ birthday: 2, phone: 2, company: 2 });
    expect(p.session).toMatchObject({ current: null, dismissed: true, asked: ["birthday"] });
    expect(pendingSkips(p, { birthday: {}, phone: {}, company: {} })).toEqual(["birthday", "phone", "company"]);
  });

  it("open() after \"Not now\" brings back what the dismissal put away; one-by-one skips and earlier visits' snoozes stay", () => {
    const done = { value: "x", visit: 1, at: 1, delivered: true };
    let p = makePerson({ visit: 2, snoozes: { industry: 1 }, answers: { name: done, email: done, address: done } });
    p = recordDismiss(recordSkip(p, ["birthday"]), ["phone", "company"]);
    const reopened = reopenDismissed(p);
    expect(reopened.snoozes).toEqual({ industry: 1, birthday: 2 });
    expect(reopened.session).toMatchObject({ dismissed: false, asked: ["birthday"] });
    expect(plan({ config: b2bConfig(), person: reopened, known: {} }).ask).toEqual(["phone"]);
    expect(plan({ config: b2bConfig(), person: p, known: {} }).ask).toEqual([]);
  });

  it("open() without a dismissal in this visit changes nothing", () => {
    const skipped = recordSkip(makePerson({ visit: 2 }), ["birthday"]);
    expect(reopenDismissed(skipped)).toBe(skipped);
    const dismissedBefore = { ...recordDismiss(makePerson({ visit: 1 }), ["name"]), visit: 2 };
    expect(reopenDismissed(dismissedBefore)).toBe(dismissedBefore);
  });
});

describe("events, drafts, current step", () => {
  it("keeps the first time an event was tracked", () => {
    const p = recordEvent(makePerson(), "purchase", 10);
    expect(p.events).toEqual({ purchase: 10 });
    expect(recordEvent(p, "purchase", 20)).toBe(p);
  });

  it("keeps no name longer than a stage can give, and at most 200 names: a record does not grow without end", () => {
    const p = makePerson();
    expect(recordEvent(p, "x".repeat(65), 10)).toBe(p);
    expect(recordEvent(p, "x".repeat(64), 10).events).toEqual({ ["x".repeat(64)]: 10 });
    const many = Array.from({ length: 250 }, (_, i) => `viewed_sku_${i}`).reduce((q, name, i) => recordEvent(q, name, i), p);
    expect(Object.keys(many.events)).toHaveLength(200);
    expect(many.events).toHaveProperty("viewed_sku_199");
    expect(many.events).not.toHaveProperty("viewed_sku_200");
  });

  it("stores drafts and the current step in this visit's session", () => {
    const p = setCurrent(setDraft(makePerson({ visit: 2 }), "name", "An"), "name");
    expect(p.session).toEqual(session({ visit: 2, current: "name", drafts: { name: "An" } }));
  });
});

describe("minimise", () => {
  const config = makeConfig({
    stages: [{ when: { visit: 1 }, ask: ["plan", "seats", "company", "industry", "email"] }],
    questions: {
      plan: { type: "select", label: "P", options: [{ value: "team", label: "T" }] },
      seats: { type: "number", label: "S", showIf: { question: "plan", equals: "team" } },
      company: { type: "text", label: "C" },
      industry: { type: "text", label: "I", showIf: { question: "company", answered: true } },
      email: { type: "email", label: "E", retain: true },
    },
  });

  it("keeps values a showIf reads or marked retain, drops the rest, marks all delivered", () => {
    let p = makePerson();
    for (const [id, v] of [["plan", "team"], ["seats", 4], ["company", "Acme"], ["industry", "x"], ["email", "a@b.co"]] as const) {
      p = recordAnswer(p, id, v, 1);
    }
    const m = minimise(p, config, sent(1, { plan: "team", seats: 4, company: "Acme", email: "a@b.co" }));
    expect(m.answers).toEqual({
      plan: { value: "team", visit: 1, at: 1, delivered: true },
      seats: { visit: 1, at: 1, delivered: true },
      company: { visit: 1, at: 1, delivered: true },
      industry: { value: "x", visit: 1, at: 1, delivered: false },
      email: { value: "a@b.co", visit: 1, at: 1, delivered: true },
    });
  });

  it("a refused message (not delivered) drops the same values, and its answers stay undelivered", () => {
    let p = makePerson();
    for (const [id, v] of [["plan", "team"], ["company", "Acme"], ["email", "a@b.co"]] as const) p = recordAnswer(p, id, v, 1);
    const m = minimise(p, config, sent(1, { plan: "team", company: "Acme", email: "a@b.co" }), { delivered: false });
    expect(m.answers).toEqual({
      plan: { value: "team", visit: 1, at: 1, delivered: false },
      company: { visit: 1, at: 1, delivered: false },
      email: { value: "a@b.co", visit: 1, at: 1, delivered: false },
    });
  });

  it("also keeps what the message's own config kept (alsoKeep), when another config's page delivers it", () => {
    let p = makePerson();
    for (const [id, v] of [["company", "Acme"], ["seats", 4]] as const) p = recordAnswer(p, id, v, 1);
    const m = minimise(p, config, sent(1, { company: "Acme", seats: 4 }), { alsoKeep: ["company"] });
    expect(m.answers).toEqual({
      company: { value: "Acme", visit: 1, at: 1, delivered: true },
      seats: { visit: 1, at: 1, delivered: true },
    });
  });

  it("ignores ids with no answer, and the B2B example keeps company (retain)", () => {
    const b2b = b2bConfig();
    expect([...retainedQuestionIds(b2b)]).toEqual(["company"]);
    const p = recordAnswer(makePerson(), "name", "Ann", 1);
    expect(minimise(p, b2b, sent(1, { ghost: "x", name: "Ann" })).answers).toEqual({ name: { visit: 1, at: 1, delivered: true } });
  });
});

describe("minimise, taking in what the record missed", () => {
  it("an answer of this visit the record missed is answered, a step of the visit, and no longer on screen or in the drafts", () => {
    let p = makePerson({ visit: 1 });
    p = setCurrent(setDraft(p, "name", "Ad"), "name");
    const taken = minimise(p, b2bConfig(), { ...sent(1, { name: "Ada" }), answeredAt: new Date(T0).toISOString() }, { takeInMissing: true });
    expect(taken.answers.name).toEqual({ visit: 1, at: T0, delivered: true });
    expect(taken.session).toMatchObject({ current: null, drafts: {}, asked: ["name"] });
    expect(plan({ config: b2bConfig(), person: taken, known: {} }).ask).toEqual(["email"]);
    expect(p.answers).toEqual({});
  });

  it("an answer from an earlier visit keeps that visit and leaves this visit's session alone", () => {
    const p = setCurrent(makePerson({ visit: 3 }), "company");
    const taken = minimise(p, b2bConfig(), sent(1, { name: "Ada", company: "Acme" }), { takeInMissing: true });
    expect(taken.answers).toEqual({ name: { visit: 1, at: 0, delivered: true }, company: { value: "Acme", visit: 1, at: 0, delivered: true } });
    expect(taken.session).toEqual(p.session);
  });

  it("an answer the record already has keeps its own visit and time (it may be newer)", () => {
    const p = recordAnswer(makePerson(), "name", "Ann", 5);
    expect(minimise(p, b2bConfig(), sent(1, { name: "Ada" }), { takeInMissing: true }).answers).toEqual({ name: { visit: 1, at: 5, delivered: true } });
  });

  it("without takeIn (a message of an anonymous record already taken in) nothing is added", () => {
    expect(minimise(makePerson(), b2bConfig(), sent(1, { name: "Ada" })).answers).toEqual({});
  });
});

describe("putAwayBy", () => {
  it('"Not now" puts away the steps from the one on screen on, not those answered or skipped in this visit', () => {
    let p = makePerson({ visit: 2, snoozes: { phone: 1 } });
    p = recordSkip(recordAnswer(p, "address", "1 Main St", 1), ["birthday"]);
    expect(putAwayBy(p, ["address", "birthday", "phone", "company"])).toEqual(["phone", "company"]);
  });
});

describe("mergePeople", () => {
  const anonymous: PersonState = makePerson({
    anonymousId: "a_anon", visit: 2, lastActivityAt: 900,
    answers: { name: { value: "Ann", visit: 2, at: 800, delivered: false }, email: { value: "old@x.co", visit: 1, at: 100, delivered: true } },
    snoozes: { phone: 2, birthday: 1 },
    events: { purchase: 700, signup: 50 },
    session: session({ visit: 2, asked: ["name"], pendingSkipped: ["phone"] }),
  });
  const user: PersonState = makePerson({
    anonymousId: "a_other", userId: "u_1", visit: 5, lastActivityAt: 500,
    answers: { email: { value: "new@x.co", visit: 4, at: 400, delivered: true }, company: { value: "Acme", visit: 3, at: 300, delivered: true } },
    snoozes: { birthday: 4 },
    events: { purchase: 600 },
    session: session({ visit: 4, pendingSkipped: ["address"] }),
  });

  it("takes ids from each side, the later answer, longer snooze, first event, higher visit", () => {
    const merged = mergePeople(anonymous, user);
    expect(merged).toMatchObject({ anonymousId: "a_anon", userId: "u_1", visit: 5, lastActivityAt: 900 });
    // The anonymous side's visits move up by 3: its visit 2 is this visit, 5.
    expect(merged.answers).toEqual({
      name: { ...anonymous.answers.name, visit: 5 }, email: user.answers.email, company: user.answers.company,
    });
    expect(merged.snoozes).toEqual({ phone: 5, birthday: 4 });
    expect(merged.events).toEqual({ purchase: 600, signup: 50 });
    expect(merged.session).toEqual(session({ visit: 5, asked: ["name"], pendingSkipped: ["phone", "address"] }));
  });

  it("keeps unsent skips from both when neither session is for the merged visit, at the later visit of theirs (left behind)", () => {
    const older = { ...anonymous, session: session({ visit: 1, pendingSkipped: ["phone"] }) };
    expect(mergePeople(older, user).session).toEqual(session({ visit: 4, pendingSkipped: ["phone", "address"] }));
    expect(mergePeople({ ...anonymous, session: null }, { ...user, session: null }).session).toBeNull();
  });

  it("identify() after a pause: the page view counts for the user too, once, and what was done in it stays in it", () => {
    const rule = { now: T0 + 2 * MIN, timeoutMinutes: 1 };
    const counted = (p: PersonState): PersonState => ({ ...p, ...advanceVisit(p, rule) });
    // Visit 1 was answered as u_1; this page view started a new anonymous person (visit 1),
    // who answered `address` and put the rest away before identify().
    const userBefore = makePerson({ userId: "u_1", visit: 1, lastActivityAt: T0, answers: { name: { value: "Ann", visit: 1, at: T0, delivered: true } } });
    let anon = counted(makePerson());
    anon = recordDismiss(recordAnswer(anon, "address", "1 Main St", rule.now), ["birthday", "phone"]);
    const merged = mergePeople(counted(anon), counted(userBefore));
    expect(merged.visit).toBe(2);
    expect(merged.answers.address?.visit).toBe(2);
    expect(merged.snoozes).toEqual({ birthday: 2, phone: 2 });
    expect(merged.session).toMatchObject({ visit: 2, dismissed: true });
    // identify() again (another tab): nothing is counted twice.
    expect(mergePeople(counted(anon), counted(merged)).visit).toBe(2);
  });

  it("keeps the session on screen when it is for the merged visit", () => {
    const merged = mergePeople(anonymous, { ...user, visit: 2, session: null });
    expect(merged.session).toEqual(anonymous.session);
  });

  it("on equal times the user's answer wins", () => {
    const tie = mergePeople(
      makePerson({ answers: { a: { value: "anon", visit: 1, at: 5, delivered: false } } }),
      makePerson({ answers: { a: { value: "user", visit: 1, at: 5, delivered: true } } }),
    );
    expect(tie.answers.a?.value).toBe("user");
  });
});
