// Who the person is across page loads on one device (SPEC §6): identify() counts the page view
// on the user's record, so visits advance; a page without a user is anonymous again (SPEC §3,
// §7); a login page with data-user takes in the anonymous answers; typed text of a skipped or
// dismissed question is not kept (SPEC §8).
import type { Page } from "@playwright/test";
import { expect, test, withEndpoint, type Backend } from "./fixtures";
import { dumpIndexedDb } from "./idb";
import { answerText, askOnly, b2b, callWidget, deliveredCount, idsOf, recordEvents, settled, type HostPage, visitHost, widgetContent } from "./support/widget";

const config = b2b({ visitTimeoutMinutes: 1 });

/** A host page of the example config; `user` becomes data-user, none leaves the person anonymous. */
async function open(page: Page, hostPage: HostPage, backend: Backend, user?: string): Promise<void> {
  const attrs: Record<string, string> = { "data-config": "#pp-config", "data-locale": "en", ...(user ? { "data-user": user } : {}) };
  await page.goto(await hostPage({ inlineConfig: withEndpoint(config, backend.endpoint), scriptAttributes: attrs, path: `/t/identify-${user ?? "anonymous"}.html` }));
}

/** The page calls identify() as soon as the widget is ready, on every load (no data-user). */
async function identifyOnEachLoad(page: Page, user: string): Promise<void> {
  await page.addInitScript((id) => {
    document.addEventListener("DOMContentLoaded", () => void window.ProgressiveProfile!.ready.then((w) => w?.identify(id)));
  }, user);
}

test("identify() on every page: the next visit is counted for the user, and answered questions never come back", async ({ page, hostPage, backend }) => {
  await page.clock.install({ time: new Date("2026-11-24T10:00:00Z") });
  await recordEvents(page);
  await identifyOnEachLoad(page, "u_idf");
  await open(page, hostPage, backend);
  await answerText(page, "Name", "Ada Lovelace");
  await answerText(page, "Email address", "ada@example.com", "Submit");
  const first = await deliveredCount(backend, 2);
  expect(first.map((m) => [m.userId, m.visit])).toEqual([["u_idf", 1], ["u_idf", 1]]);
  const anonymousId = first[0]!.anonymousId;
  expect(typeof anonymousId).toBe("string");

  await page.clock.fastForward("02:00");
  await page.reload();
  await expect(page.getByLabel("Address")).toBeVisible();
  await settled(page);
  // Until identify() runs the page is anonymous (no data-user: SPEC §3), so the visitor's own
  // questions may show first; then the user's visit 2 is what is asked.
  expect((await idsOf(page, "show")).at(-1)).toEqual(["address", "birthday", "phone"]);
  await answerText(page, "Address", "12 St James's Square");
  const [, , third] = await deliveredCount(backend, 3);
  expect(third).toMatchObject({ userId: "u_idf", anonymousId, visit: 2, answers: { address: "12 St James's Square" } });
});

test("after identify(), a page without data-user or identify() is anonymous again: nothing is sent as that user", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await open(page, hostPage, backend);
  await page.evaluate(async () => (await window.ProgressiveProfile!.ready)!.identify("u_later"));
  await answerText(page, "Name", "Ada Lovelace");
  const [first] = await deliveredCount(backend, 1);
  expect(first).toMatchObject({ userId: "u_later", answers: { name: "Ada Lovelace" } });

  // Say the user logged out, and someone else uses the computer: SPEC §7, userId is null until
  // the host gives one.
  await page.reload();
  await expect(page.getByLabel("Name")).toBeVisible();
  await answerText(page, "Name", "Someone Else");
  const [, second] = await deliveredCount(backend, 2);
  expect(second).toMatchObject({ userId: null, anonymousId: first!.anonymousId, answers: { name: "Someone Else" } });
});

test("a login page with data-user takes in what the visitor answered anonymously", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await open(page, hostPage, backend);
  await answerText(page, "Name", "Grace Hopper");
  const [anonymous] = await deliveredCount(backend, 1);
  expect(anonymous).toMatchObject({ userId: null, answers: { name: "Grace Hopper" } });

  await open(page, hostPage, backend, "u_login");
  await expect(page.getByLabel("Email address")).toBeVisible();
  expect(await idsOf(page, "show")).toEqual([["name", "email"]]);
  await answerText(page, "Email address", "grace@example.com", "Submit");
  const [, login] = await deliveredCount(backend, 2);
  expect(login).toMatchObject({ userId: "u_login", anonymousId: anonymous!.anonymousId, visit: 1, answers: { email: "grace@example.com" } });

  // The next login page of the same user asks nothing of what they answered either way.
  await open(page, hostPage, backend, "u_login");
  await settled(page);
  await expect(widgetContent(page)).toHaveCount(0);
});

test("a login page whose data-visit is below the visits counted anonymously takes in the anonymous answers and asks on from there", async ({ page, hostPage, backend }) => {
  await page.clock.install({ time: new Date("2026-11-24T10:00:00Z") });
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  await open(page, hostPage, backend);
  await answerText(page, "Name", "Grace Hopper");
  const [anonymous] = await deliveredCount(backend, 1);
  // Two more anonymous visits, then the first login: the identity provider counts login 1.
  for (const _ of [2, 3]) {
    await page.clock.fastForward("02:00");
    await page.reload();
    await expect(page.getByLabel("Email address")).toBeVisible();
  }
  const attrs = { "data-config": "#pp-config", "data-locale": "en", "data-user": "u_low", "data-visit": "1" };
  await page.goto(await hostPage({ inlineConfig: withEndpoint(config, backend.endpoint), scriptAttributes: attrs, path: "/t/identify-low-visit.html" }));
  await expect(page.getByLabel("Email address")).toBeVisible();
  await answerText(page, "Email address", "grace@example.com", "Submit");
  const [, login] = await deliveredCount(backend, 2);
  expect(login).toMatchObject({ userId: "u_low", anonymousId: anonymous!.anonymousId, visit: 1, answers: { email: "grace@example.com" } });
  expect(errors).toEqual([]);
});

for (const action of ["Not now", "Close", "Skip"]) {
  test(`text typed into a question and then left with ${action} is not kept on the device`, async ({ page, hostPage, backend }) => {
    const optional = askOnly({ address: { type: "text", label: "Address" }, phone: { type: "tel", label: "Phone number" } });
    await visitHost(page, hostPage, backend, { config: optional, user: "u_draft", visit: 1 });
    await page.getByLabel("Address").fill("Secret draft 42");
    const stored = async () => JSON.stringify(await dumpIndexedDb(page));
    // Restored on reload until then (SPEC §5)…
    await expect.poll(stored).toContain("Secret draft 42");
    await page.getByRole("button", { name: action, exact: true }).click();
    // …and gone once the question is left (SPEC §8).
    await expect.poll(stored).not.toContain("Secret draft 42");
  });
}

test("an answer given anonymously and delivered after identify() leaves no value on the device (SPEC §8)", async ({ page, hostPage, backend }) => {
  await backend.faults([503, 503, 503, 503, 503, 503, 503, 503]);
  await open(page, hostPage, backend);
  await answerText(page, "Name", "Grace Hopper");
  await expect.poll(async () => (await backend.log()).length).toBeGreaterThan(0);
  const stored = async () => JSON.stringify(await dumpIndexedDb(page));
  // Kept while it is not delivered…
  expect(await stored()).toContain("Grace Hopper");
  await page.evaluate(async () => (await window.ProgressiveProfile!.ready)!.identify("u_late"));
  await backend.faults([]);
  await callWidget(page, "flush");
  const [delivered] = await deliveredCount(backend, 1);
  expect(delivered).toMatchObject({ answers: { name: "Grace Hopper" } });
  // …and dropped from the user's record, which took in the anonymous one, once it is.
  await expect.poll(stored).not.toContain("Grace Hopper");
});

test("identify() while an answer is being saved keeps the card where the person is", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await open(page, hostPage, backend);
  await page.getByLabel("Name").fill("Ada Lovelace");
  // The host identifies the person in the same task as their Next (one click handler does both).
  await page.evaluate(async () => {
    const widget = (await window.ProgressiveProfile!.ready)!;
    const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Next")!.click();
    await widget.identify("u_race");
  });
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await answerText(page, "Email address", "ada@example.com", "Submit");
  const delivered = await deliveredCount(backend, 2);
  // The answer was given before identify(): it went as the anonymous person's.
  expect(delivered.map((m) => [m.userId, m.answers])).toEqual([
    [null, { name: "Ada Lovelace" }],
    ["u_race", { email: "ada@example.com" }],
  ]);
  expect(await idsOf(page, "show")).toEqual([["name", "email"]]);
});

test("identify() that changes the step on screen rebuilds the card without sending focus to the page's button", async ({ page, hostPage, backend }) => {
  await page.clock.install({ time: new Date("2026-11-24T10:00:00Z") });
  await open(page, hostPage, backend, "u_known");
  await answerText(page, "Name", "Ada Lovelace");
  await deliveredCount(backend, 1);
  // A later visit, before login: the visitor is anonymous, Name is asked.
  await page.clock.fastForward("02:00");
  await open(page, hostPage, backend);
  await expect(page.getByLabel("Name")).toBeVisible();
  await page.locator("#host-button").focus();
  const name = page.getByRole("textbox", { name: "Name" });
  for (let presses = 0; presses < 8 && !(await name.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)); presses++) {
    await page.keyboard.press("Tab");
  }
  await expect(name).toBeFocused();
  await page.evaluate(async () => (await window.ProgressiveProfile!.ready)!.identify("u_known"));
  // The user answered Name at an earlier visit: the card now asks Email first, with focus on
  // it (it was in the card), so a key pressed now does not land on the page's button.
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeFocused();
  await expect(page.locator("#host-button")).not.toBeFocused();
});

test("under a test's paused clock (page.clock.pauseAt) the form still shows and delivers, and visits follow the clock", async ({ page, hostPage, backend }) => {
  const start = new Date("2026-11-26T09:00:00Z").getTime();
  await page.clock.install({ time: start });
  await page.clock.pauseAt(start + 1000);
  await open(page, hostPage, backend, "u_clock");
  await answerText(page, "Name", "Ada");
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  expect((await deliveredCount(backend, 1))[0]).toMatchObject({ visit: 1, answers: { name: "Ada" } });

  // Two minutes later (visitTimeoutMinutes: 1), still paused: a new visit asks what is left.
  await page.clock.pauseAt(start + 121_000);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await answerText(page, "Email address", "ada@example.com");
  expect((await deliveredCount(backend, 2))[1]).toMatchObject({ visit: 2, answers: { email: "ada@example.com" } });
});
