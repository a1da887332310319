// A login that gives the host's visit count (identify(user, { visit })) below the visits the
// widget counted for the anonymous person: what was done anonymously stays in the past.
import "fake-indexeddb/auto";
import { afterEach, expect, it, vi } from "vitest";
import { mount } from "../widget";
import { abc, answerOnScreen, button, mounted, onScreen, postedBodies, settled } from "./test-kit";

afterEach(() => vi.useRealTimers());

it("identify(user, { visit: 1 }) after two anonymous visits: the answer of the first is not counted as this visit's, nor asked again", async () => {
  const bodies = postedBodies<{ userId: string | null; visit: number; answers: object }>();
  vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 10, 27, 9) });
  const first = await mount({ config: abc });
  mounted.push(first);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await answerOnScreen("anonymous A");
  await settled(first);
  first.destroy();

  // The next anonymous visit (31 minutes later), and the login on its page.
  vi.setSystemTime(Date.now() + 31 * 60_000);
  const second = await mount({ config: abc });
  mounted.push(second);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  await second.identify("u_login", { visit: 1 });
  expect(onScreen()).toBe("B 1 / 2");
  await answerOnScreen("B");
  await answerOnScreen("C");
  await settled(second);
  expect(bodies.map((body) => [body.userId, body.visit, body.answers])).toEqual([
    [null, 1, { a: "anonymous A" }],
    ["u_login", 1, { b: "B" }],
    ["u_login", 1, { c: "C" }],
  ]);
});

it("a login on a page that began anonymous: the user's skips an earlier visit left behind are sent at once, not held for an answer", async () => {
  const bodies = postedBodies<{ userId: string | null; visit: number; answers: object; skipped: string[] }>();
  vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 10, 27, 9) });
  // The user skips A, and the page is closed before an answer carries the skip.
  const first = await mount({ config: abc, user: "u_left_skip" });
  mounted.push(first);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  button(/^Skip$/).click();
  await vi.waitFor(() => expect(onScreen()).toBe("B 2 / 3"));
  await settled(first);
  first.destroy();
  expect(bodies).toEqual([]);

  // Their next visit begins anonymous; the page logs them in.
  vi.setSystemTime(Date.now() + 31 * 60_000);
  const second = await mount({ config: abc });
  mounted.push(second);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await second.identify("u_left_skip");
  await settled(second);
  expect(bodies.map(({ userId, visit, answers, skipped }) => ({ userId, visit, answers, skipped }))).toEqual([
    { userId: "u_left_skip", visit: 1, answers: {}, skipped: ["a"] },
  ]);
});
