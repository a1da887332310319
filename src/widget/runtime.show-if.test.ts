// A follow-up (showIf) whose question is changed with Back, through mount() in happy-dom with
// fake-indexeddb: what the backend is told when the follow-up leaves the card and comes back.
import "fake-indexeddb/auto";
import { expect, it, vi } from "vitest";
import type { ConfigInput } from "../config/schema";
import { mount } from "../widget";
import { answerOnScreen, button, MAIN, mounted, onScreen, postedBodies, settled, shadow, typeOnScreen } from "./test-kit";

const followUp: ConfigInput = {
  id: "follow",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["a", "f", "g"] }],
  questions: {
    a: { type: "text", label: "A" },
    f: { type: "text", label: "F", showIf: { question: "a", equals: "yes" } },
    g: { type: "text", label: "G" },
  },
};

const back = async () => {
  button(/^Back$/).click();
  await new Promise((resolve) => setTimeout(resolve, 20));
};

it("a follow-up answered, hidden by a changed answer, then revealed again after a reload is not sent as skipped", async () => {
  const bodies = postedBodies<{ answers: Record<string, unknown>; skipped: string[] }>();
  const first = await mount({ config: followUp, user: "u_reveal" });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await answerOnScreen("yes");
  await answerOnScreen("x");
  await vi.waitFor(() => expect(onScreen()).toBe("G 3 / 3"));
  await back();
  await back();
  await answerOnScreen("no");
  await vi.waitFor(() => expect(onScreen()).toBe("G 2 / 2"));
  await first.flush();
  first.destroy();
  // The next page of the visit: the delivered values are gone from the device.
  const second = await mount({ config: followUp, user: "u_reveal" });
  mounted.push(second);
  await vi.waitFor(() => expect(onScreen()).toBe("G 2 / 2"));
  await back();
  await answerOnScreen("yes");
  // F is back, answered in this visit already: Next goes on without a message.
  await vi.waitFor(() => expect(onScreen()).toBe("F 2 / 3"));
  button(MAIN).click();
  await vi.waitFor(() => expect(onScreen()).toBe("G 3 / 3"));
  await answerOnScreen("g!");
  await second.flush();
  await vi.waitFor(() => expect(bodies).toHaveLength(5));
  expect(bodies.map((b) => [b.answers, b.skipped])).toEqual([
    [{ a: "yes" }, []],
    [{ f: "x" }, []],
    [{ a: "no" }, []],
    [{ a: "yes" }, []],
    [{ g: "g!" }, []],
  ]);
});

it("a follow-up on the answer being typed counts in the progress, and Next / Submit says whether one comes", async () => {
  const bodies = postedBodies<{ answers: Record<string, unknown> }>();
  const onlyTwo: ConfigInput = { ...followUp, stages: [{ when: { visit: 1 }, ask: ["a", "f"] }] };
  mounted.push(await mount({ config: onlyTwo, user: "u_preview" }));
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  expect(button(MAIN).textContent).toBe("Submit");
  typeOnScreen("yes");
  expect(onScreen()).toBe("A 1 / 2");
  expect(button(MAIN).textContent).toBe("Next");
  typeOnScreen("no");
  expect([onScreen(), button(MAIN).textContent]).toEqual(["A 1 / 1", "Submit"]);
  typeOnScreen("yes");
  button(MAIN).click();
  await vi.waitFor(() => expect(onScreen()).toBe("F 2 / 2"));
  expect(button(MAIN).textContent).toBe("Submit");
  // Back, and another answer: the follow-up goes, and this step is the last again.
  await back();
  expect([onScreen(), button(MAIN).textContent]).toEqual(["A 1 / 2", "Next"]);
  typeOnScreen("no");
  expect([onScreen(), button(MAIN).textContent]).toEqual(["A 1 / 1", "Submit"]);
  button(MAIN).click();
  await vi.waitFor(() => expect(shadow()?.querySelector("label")).toBeFalsy());
  await vi.waitFor(() => expect(bodies.map((b) => b.answers)).toEqual([{ a: "yes" }, { a: "no" }]));
});

it("what a reload restores, or a re-plan keeps in the field, counts its follow-up as what is typed does", async () => {
  postedBodies();
  const onlyTwo: ConfigInput = { ...followUp, stages: [{ when: { visit: 1 }, ask: ["a", "f"] }, { when: { event: "purchase" }, ask: ["g"] }] };
  const first = await mount({ config: onlyTwo, user: "u_kept" });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  typeOnScreen("yes");
  await settled(first);
  first.destroy();
  // The next page: "yes" is back in the field, and so is its follow-up in the count.
  const second = await mount({ config: onlyTwo, user: "u_kept" });
  mounted.push(second);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  expect(button(MAIN).textContent).toBe("Next");
  // A re-plan (the same user named again, an event making a stage due) keeps the field, and the count.
  await second.identify("u_kept");
  expect([onScreen(), button(MAIN).textContent]).toEqual(["A 1 / 2", "Next"]);
  await second.track("purchase");
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
});

it("an answer cleared on a step behind the person: Next goes on, as Skip does there, and no skip is sent", async () => {
  const bodies = postedBodies<{ answers: Record<string, unknown>; skipped: string[] }>();
  const widget = await mount({ config: followUp, user: "u_cleared" });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await answerOnScreen("yes");
  expect(onScreen()).toBe("F 2 / 3");
  await back();
  // The answer stays delivered, its follow-up with it: the count does not change.
  typeOnScreen("");
  expect([onScreen(), button(MAIN).textContent]).toEqual(["A 1 / 3", "Next"]);
  button(MAIN).click();
  await vi.waitFor(() => expect(onScreen()).toBe("F 2 / 3"));
  await answerOnScreen("x");
  await answerOnScreen("g!");
  await widget.flush();
  expect(bodies.map((b) => [b.answers, b.skipped])).toEqual([
    [{ a: "yes" }, []],
    [{ f: "x" }, []],
    [{ g: "g!" }, []],
  ]);
});
