// A single-page app never loads again: a person coming back to its tab after the visit timeout
// starts a new visit there, as a page load would (SPEC §6), unless the host counts visits.
import "fake-indexeddb/auto";
import { beforeEach, expect, it, vi } from "vitest";
import { createStore, del, get, update } from "idb-keyval";
import type { ConfigInput } from "../config/schema";
import type { PersonState } from "../core/types";
import { mount } from "../widget";
import { answerOnScreen, button, MAIN, mounted, onScreen, postedBodies, shadow, storedPerson, typeOnScreen } from "./test-kit";

const twoVisits: ConfigInput = {
  id: "spa",
  version: 1,
  endpoint: "/api",
  visitTimeoutMinutes: 30,
  stages: [
    { when: { visit: 1 }, ask: ["a"] },
    { when: { visit: 2 }, ask: ["b"] },
  ],
  questions: { a: { type: "text", label: "A" }, b: { type: "text", label: "B" } },
};

/** Two questions at visit 1, one at visit 2. */
const twoSteps: ConfigInput = {
  ...twoVisits,
  stages: [
    { when: { visit: 1 }, ask: ["a", "b"] },
    { when: { visit: 2 }, ask: ["c"] },
  ],
  questions: { ...twoVisits.questions, c: { type: "text", label: "C" } },
};

const MINUTE = 60_000;

/** The people store, as another tab of the site writes to it. */
const people = () => createStore("progressive-profile-people", "kv");

const realNow = Date.now.bind(Date);
let away = 0;
beforeEach(() => {
  away = 0;
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + away);
});

/** The person leaves the tab for `minutes` (the clock moves on) and comes back to it. */
function backAfter(minutes: number) {
  away += minutes * MINUTE;
  document.dispatchEvent(new Event("visibilitychange"));
}

/** A's answer given, "half typed" typed into B (and stored as a draft), on `config`'s card for `user`. */
async function typingInTheSecondStep(config: ConfigInput, user: string) {
  const widget = await mount({ config, user });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await answerOnScreen("first");
  typeOnScreen("half typed");
  await vi.waitFor(async () => expect(JSON.stringify(await storedPerson(`u:${user}`))).toContain("half typed"));
  return widget;
}

it("back to the tab after the timeout: the next visit's questions show, and their message says visit 2", async () => {
  const bodies = postedBodies<{ visit: number; answers: object }>();
  const widget = await mount({ config: twoVisits, user: "u_spa_back" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  await answerOnScreen("first");
  await vi.waitFor(() => expect(shadow()?.querySelector("input") ?? null).toBeNull());
  backAfter(31);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 1"));
  await answerOnScreen("second");
  await vi.waitFor(() => expect(bodies.map((b) => [b.visit, b.answers])).toEqual([[1, { a: "first" }], [2, { b: "second" }]]));
});

it("back to the tab within the timeout: still the same visit, nothing new shows", async () => {
  const shows: string[][] = [];
  postedBodies();
  const widget = await mount({ config: twoVisits, user: "u_spa_soon" });
  mounted.push(widget);
  widget.on("show", (d) => shows.push(d.questionIds));
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  await answerOnScreen("first");
  backAfter(29);
  // The return is activity: a second return 29 minutes later is still within the visit.
  await widget.track("settled");
  backAfter(29);
  await widget.track("settled-again");
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
  expect(shows).toEqual([["a"]]);
});

it("a host that counts visits (data-visit) keeps its count when the person comes back later", async () => {
  const bodies = postedBodies<{ visit: number }>();
  const widget = await mount({ config: twoVisits, user: "u_spa_host", visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  backAfter(120);
  await widget.track("settled");
  expect(onScreen()).toBe("A 1 / 1");
  await answerOnScreen("first");
  await vi.waitFor(() => expect(bodies.map((b) => b.visit)).toEqual([1]));
});

it("a count given to identify() is kept as well when the person comes back later", async () => {
  const bodies = postedBodies<{ visit: number; answers: object }>();
  const widget = await mount({ config: twoVisits, user: "u_spa_identify" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  await widget.identify("u_spa_identify", { visit: 2 });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  backAfter(120);
  await widget.track("settled");
  await answerOnScreen("first");
  await vi.waitFor(() => expect(bodies.map((b) => b.visit)).toEqual([2]));
});

it('after "Not now", a return after the timeout shows the next visit\'s questions', async () => {
  postedBodies();
  const widget = await mount({ config: twoVisits, user: "u_spa_dismissed" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  button(/^Not now$/).click();
  await vi.waitFor(() => expect(shadow()?.querySelector("input") ?? null).toBeNull());
  // The dismissal stored (at the time it was made) before the person leaves.
  await widget.track("settled");
  backAfter(31);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 1"));
});

it("a card in use when the person comes back: the new visit's card takes what was typed in it, and what is sent from it is the new visit's", async () => {
  const bodies = postedBodies<{ visit: number; answers: object }>();
  await typingInTheSecondStep({ ...twoSteps, stages: [{ when: { visit: 1 }, ask: ["a", "b"] }] }, "u_spa_typing");
  backAfter(31);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 1"));
  expect(shadow()!.querySelector("input")!.value).toBe("half typed");
  button(MAIN).click();
  await vi.waitFor(() => expect(bodies.map((b) => [b.visit, b.answers])).toEqual([[1, { a: "first" }], [2, { b: "half typed" }]]));
});

it("a card the host closed with typed text in it does not hold the visits back", async () => {
  postedBodies();
  const widget = await typingInTheSecondStep(twoSteps, "u_spa_closed_days");
  widget.close();
  for (const day of [1, 2, 3]) {
    backAfter(60 * 24);
    await widget.track(`day ${day}`);
  }
  expect((await storedPerson<PersonState>("u:u_spa_closed_days"))!.person.visit).toBe(4);
});

it("a return past the timeout before display.delayMs is over does not show the form early", async () => {
  postedBodies();
  const widget = await mount({ config: { ...twoVisits, visitTimeoutMinutes: 5, display: { delayMs: 600_000 } }, user: "u_spa_delay" });
  mounted.push(widget);
  backAfter(6);
  await widget.track("settled");
  expect((await storedPerson<PersonState>("u:u_spa_delay"))!.person.visit).toBe(2);
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
});

it("a card the host closed is the last visit's: open() after a return past the timeout shows the new visit's", async () => {
  postedBodies();
  const widget = await mount({ config: twoSteps, user: "u_spa_closed" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await answerOnScreen("first");
  widget.close();
  backAfter(31);
  await widget.track("settled");
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
  widget.open();
  // The new visit asks what visit 1 left (b) and its own question (c).
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
});

it("identify() with a count for one user does not give it to the next user named without one", async () => {
  postedBodies();
  const widget = await mount({ config: twoVisits });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  await widget.identify("u_spa_counted", { visit: 2 });
  await widget.identify("u_spa_next");
  await widget.track("settled");
  expect(onScreen()).toBe("A 1 / 1");
});

it("a tab opened in the background and first looked at after the timeout is the visit its page load counted", async () => {
  postedBodies();
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  try {
    const widget = await mount({ config: twoVisits, user: "u_spa_background" });
    mounted.push(widget);
    await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  } finally {
    delete (document as { visibilityState?: unknown }).visibilityState;
  }
  backAfter(40);
  // Not track() to wait for the look's turn: it would be activity of its own.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(onScreen()).toBe("A 1 / 1");
  // The first look was activity: another look 6 minutes later is the same visit.
  backAfter(6);
  await mounted[0]!.track("settled again");
  expect((await storedPerson<PersonState>("u:u_spa_background"))!.person.visit).toBe(1);
});

it("a skip no answer carried before the person left: a return past the timeout sends it at once, at the visit it was made in", async () => {
  const bodies = postedBodies<{ visit: number; answers: object; skipped: string[] }>();
  const widget = await mount({ config: twoSteps, user: "u_spa_left_skip" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  button(/^Skip$/).click();
  await vi.waitFor(() => expect(onScreen()).toBe("B 2 / 2"));
  widget.close();
  backAfter(31);
  await vi.waitFor(() => expect(bodies.map(({ visit, answers, skipped }) => ({ visit, answers, skipped }))).toEqual([{ visit: 1, answers: {}, skipped: ["a"] }]));
});

it("a page's own count (data-visit) is not given to another user the page logs in, on a return to the tab", async () => {
  const bodies = postedBodies<{ userId: string; visit: number }>();
  const widget = await mount({ config: twoVisits, user: "u_spa_page_count", visit: 3 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await widget.identify("u_spa_other_user");
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  await answerOnScreen("x");
  await vi.waitFor(() => expect(shadow()?.querySelector("input") ?? null).toBeNull());
  backAfter(1);
  await widget.track("settled");
  expect((await storedPerson<PersonState>("u:u_spa_other_user"))!.person.visit).toBe(1);
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
  await widget.flush();
  expect(bodies.map((b) => [b.userId, b.visit])).toEqual([["u_spa_other_user", 1]]);
});

it("what was typed stays on screen when another tab of the site counted the new visit first", async () => {
  postedBodies();
  const widget = await typingInTheSecondStep(twoSteps, "u_spa_other_tab");
  // The person looks at another tab first, 31 minutes later: it counts visit 2 in the record.
  away += 31 * MINUTE;
  await update<{ person: PersonState }>("u:u_spa_other_tab", (r) => ({ ...r!, person: { ...r!.person, visit: r!.person.visit + 1, lastActivityAt: Date.now() } }), people());
  backAfter(0);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  expect(shadow()!.querySelector("input")!.value).toBe("half typed");
});

it("a card on screen that the person never used does not hold the visits back", async () => {
  postedBodies();
  const widget = await mount({ config: twoVisits, user: "u_spa_untouched" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  backAfter(60 * 24);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  expect((await storedPerson<PersonState>("u:u_spa_untouched"))!.person.visit).toBe(2);
});

it("a return to an anonymous tab does not bring back the record a login in another tab took in", async () => {
  postedBodies();
  // Nothing to ask (known), so no card.
  const widget = await mount({ config: twoVisits, known: { a: "k", b: "k" } });
  mounted.push(widget);
  await widget.track("settled");
  const { id } = (await get("anonymous-id", people())) as { id: string };
  // What identify("u_spa_login") in another tab does: the id goes to the user, the record into theirs.
  await update<object>("anonymous-id", (r) => ({ ...r, user: "u_spa_login" }), people());
  await del(`a:${id}`, people());
  backAfter(5);
  // Not track() to wait for the return's turn: any write of this page's own would store its copy.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await storedPerson(`a:${id}`)).toBeUndefined();
});

it("what was typed in a card the host closed is still there when open() shows it after a return past the timeout", async () => {
  postedBodies();
  const widget = await typingInTheSecondStep(twoSteps, "u_spa_closed_typed");
  widget.close();
  backAfter(31);
  await widget.track("settled");
  widget.open();
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  expect(shadow()!.querySelector("input")!.value).toBe("half typed");
});

it("what was typed, taken into the new visit's card, stays through a later return and a reload", async () => {
  postedBodies();
  const widget = await typingInTheSecondStep(twoSteps, "u_spa_kept_reload");
  backAfter(31);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  backAfter(1);
  await widget.track("settled again");
  expect(shadow()!.querySelector("input")!.value).toBe("half typed");
  // The page loaded again: what was typed comes back (SPEC §5), in the visit it now belongs to.
  mounted.splice(0).forEach((w) => w.destroy());
  mounted.push(await mount({ config: twoSteps, user: "u_spa_kept_reload" }));
  await vi.waitFor(() => expect(onScreen()).toMatch(/^B /));
  expect(shadow()!.querySelector("input")!.value).toBe("half typed");
});

it("a skip left behind when a card in use is rebuilt for the new visit: sent at the visit it was made in; the new visit's answer and budget are its own", async () => {
  const bodies = postedBodies<{ visit: number; answers: object; skipped: string[] }>();
  const widget = await mount({ config: { ...twoSteps, maxQuestionsPerVisit: 2 }, user: "u_spa_skip_typed" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  button(/^Skip$/).click();
  await vi.waitFor(() => expect(onScreen()).toBe("B 2 / 2"));
  typeOnScreen("half typed");
  await vi.waitFor(async () => expect(JSON.stringify(await storedPerson("u:u_spa_skip_typed"))).toContain("half typed"));
  backAfter(31);
  // Visit 2 asks b (typed), then c; a is snoozed for one visit.
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  expect(shadow()!.querySelector("input")!.value).toBe("half typed");
  button(MAIN).click();
  await vi.waitFor(() => expect(onScreen()).toBe("C 2 / 2"));
  const sent = () => bodies.map(({ visit, answers, skipped }) => ({ visit, answers, skipped }));
  await vi.waitFor(() => expect(sent()).toEqual([{ visit: 1, answers: {}, skipped: ["a"] }, { visit: 2, answers: { b: "half typed" }, skipped: [] }]));
});

it("identify() of another user as the person comes back (an app checking who is logged in): nothing typed by the first reaches the second", async () => {
  postedBodies();
  const widget = await typingInTheSecondStep(twoSteps, "u_spa_first_user");
  backAfter(31);
  await widget.identify("u_spa_second_user");
  await widget.track("settled");
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  expect(shadow()!.querySelector("input")!.value).toBe("");
  expect(JSON.stringify(await storedPerson("u:u_spa_second_user"))).not.toContain("half typed");
});

it("focus in the card when the person comes back: the new visit's card takes it", async () => {
  postedBodies();
  await typingInTheSecondStep(twoSteps, "u_spa_focus");
  shadow()!.querySelector("input")!.focus();
  backAfter(31);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  await vi.waitFor(() => expect(shadow()!.activeElement).toBe(shadow()!.querySelector("input")));
});

it("Next pressed as the person comes back: the answer goes once, and no copy of it stays as a draft", async () => {
  const bodies = postedBodies<{ visit: number; answers: object }>();
  const widget = await typingInTheSecondStep(twoSteps, "u_spa_next_on_return");
  backAfter(31);
  button(MAIN).click();
  await widget.track("settled");
  await widget.flush();
  await vi.waitFor(() => expect(bodies.filter((b) => JSON.stringify(b.answers).includes("half typed"))).toHaveLength(1));
  await widget.track("settled again");
  expect(JSON.stringify((await storedPerson<PersonState>("u:u_spa_next_on_return"))!.person.session)).not.toContain("half typed");
  expect(onScreen()).not.toMatch(/^B /);
});
