// Within one visit (SPEC §5, §6): track() opens the form at once only while the person has not
// dismissed it during this visit; using the form is activity, so it keeps the visit going
// past visitTimeoutMinutes after the last page view.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { dumpIndexedDb } from "./idb";
import { answerText, b2b, callWidget, deliveredCount, idsOf, recordedEvents, recordEvents, shownOrQuiet, track, visitHost, widgetContent } from "./support/widget";

/** The visit the page's form was shown at (its `show` event's). */
const shownAt = async (page: Page) => (await recordedEvents(page)).find((e) => e.type === "show")?.detail.visit;

for (const dismissal of ["Not now", "Close"]) {
  test(`after '${dismissal}' in this visit, track('purchase') does not open the form; open() then shows the address it made due`, async ({ page, hostPage, backend }) => {
    await recordEvents(page);
    await visitHost(page, hostPage, backend, { visit: 1 });
    await page.getByRole("button", { name: dismissal, exact: true }).click();
    await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);
    // track() resolves once the event is stored and the form has been re-planned.
    await track(page, "purchase");
    await shownOrQuiet(page);
    await expect(widgetContent(page)).toHaveCount(0);
    expect(await idsOf(page, "show")).toEqual([["name", "email"]]);
    // The purchase did make the address stage due (at visit 1 only the event can): the host's
    // open() shows it, after what the dismissal put away.
    await callWidget(page, "open");
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    await expect.poll(async () => (await idsOf(page, "show")).at(-1)).toEqual(["name", "email", "address"]);
  });
}

test("using the form keeps the visit going past visitTimeoutMinutes after the page view; idle that long, the next page view is the next visit", async ({ page, hostPage, backend }) => {
  // visitTimeoutMinutes 0.5: a visit ends 30 s after the last activity. The clock is moved on
  // 20 s at a time, so the real time a step takes (the clock keeps running) has 10 s of room.
  const config = b2b({ visitTimeoutMinutes: 0.5 });
  await page.clock.install({ time: new Date("2026-11-24T10:00:00Z") });
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { config, user: "u_active" });
  // t = 20 s: an answer.
  await page.clock.fastForward(20_000);
  await answerText(page, "Name", "Ada Lovelace");
  await deliveredCount(backend, 1);
  // t = 40 s: the page view is 40 s old, the answer 20 s. The same visit: Email is asked.
  await page.clock.fastForward(20_000);
  await page.reload();
  const email = page.getByRole("textbox", { name: "Email address" });
  await expect(email).toBeVisible();
  expect(await shownAt(page)).toBe(1);
  // t = 60 s: typing (stored as it is typed).
  await page.clock.fastForward(20_000);
  await email.fill("ada@example.com");
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain("ada@example.com");
  // t = 80 s: that page view is 40 s old, the typing 20 s. Still the same visit.
  await page.clock.fastForward(20_000);
  await page.reload();
  await expect(email).toHaveValue("ada@example.com");
  expect(await shownAt(page)).toBe(1);
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await deliveredCount(backend, 2);
  // 40 s with nothing done: the next page view starts visit 2, which asks the address.
  await page.clock.fastForward(40_000);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  expect(await shownAt(page)).toBe(2);
  await answerText(page, "Address", "1-2-3 Shibuya");
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => [m.visit, Object.keys(m.answers as object)])).toEqual([
    [1, ["name"]],
    [1, ["email"]],
    [2, ["address"]],
  ]);
});

test("a single-page app left open: coming back to the tab after visitTimeoutMinutes away starts the next visit, whose questions show at once", async ({ page, hostPage, backend }) => {
  const config = b2b({ visitTimeoutMinutes: 0.5 });
  await page.clock.install({ time: new Date("2026-11-24T10:00:00Z") });
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { config, user: "u_spa" });
  await answerText(page, "Name", "Ada Lovelace");
  await answerText(page, "Email address", "ada@example.com", "Submit");
  await deliveredCount(backend, 2);
  await expect(widgetContent(page)).toHaveCount(0);
  // Away from the tab for 40 s (no page load: the app never reloads), then back to it.
  await page.clock.fastForward(40_000);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  expect((await recordedEvents(page)).filter((e) => e.type === "show").map((e) => e.detail.visit)).toEqual([1, 2]);
  await answerText(page, "Address", "1-2-3 Shibuya");
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => m.visit)).toEqual([1, 1, 2]);
});
