// A single-page app never loads again: a person coming back to its tab after the visit timeout
// starts a new visit there, as a page load would (SPEC §6), unless the host counts visits.
import "fake-indexeddb/auto";
import { beforeEach, expect, it, vi } from "vitest";
import type { ConfigInput } from "../config/schema";
import { mount } from "../widget";
import { answerOnScreen, mounted, onScreen, postedBodies, shadow } from "./test-kit";

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

const MINUTE = 60_000;

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
