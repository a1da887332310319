// The stepper resumed (SPEC §5, §7): a reload keeps the step, what was typed and the progress;
// an answer the device cannot store stays on screen; two tabs of one person share the record.
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { breakableWrites, dumpIndexedDb } from "./idb";
import { answerText, askOnly, deliveredCount, errorCodes, recordEvents, visitHost } from "./support/widget";

const progress = (page: Page, text: string) => page.getByText(text, { exact: true });
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

test("a reload restores the step and the typed draft, and the progress keeps counting", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await answerText(page, "Name", "Ada Lovelace");
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@exam");
  // The draft is written as it is typed; wait until it is on the device, as a person would.
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain("ada@exam");
  await page.reload();

  const email = page.getByRole("textbox", { name: "Email address" });
  await expect(email).toHaveValue("ada@exam");
  await expect(progress(page, "2 / 2")).toBeVisible();
  await expect(button(page, "Back")).toBeVisible();
  await email.fill("ada@example.com");
  await button(page, "Submit").click();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada Lovelace" }, { email: "ada@example.com" }]);
});

test("a reload at once after typing, key by key or in one go, restores all of it", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  const name = page.getByRole("textbox", { name: "Name" });
  // No wait for the writes: a person reloading in the middle of typing.
  for (const typed of ["Quick Typist", "Quick Typists", "Q. Typist"]) {
    await name.fill("");
    await name.pressSequentially(typed);
    await page.reload();
    await expect(name).toHaveValue(typed);
  }
  for (const typed of ["Ada Lovelace", "Ada King", "Ada Byron King"]) {
    await name.fill(typed);
    await page.reload();
    await expect(name).toHaveValue(typed);
  }
  // A reload in the moments before the record had the draft, made sure of: the tab's copy (as
  // the widget leaves it while the write is on its way) is all there is of "Ada Byron".
  await name.fill("");
  await expect.poll(() => page.evaluate(() => sessionStorage.length)).toBe(0);
  await page.evaluate(() =>
    sessionStorage.setItem("progressive-profile:draft:u:u_widget", JSON.stringify({ visit: 1, questionId: "name", raw: "Ada Byron" })),
  );
  await page.reload();
  // Restored, then submitted as it is: sent once, and the tab keeps no copy of it.
  await expect(name).toHaveValue("Ada Byron");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  // (Delivered first: a reload while its POST is on its way sends it again, same messageId.)
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: { name: "Ada Byron" } });
  await expect.poll(() => page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain("Ada");
  // Once the answer is saved, a reload shows the next step, and Back no draft of the answer.
  await page.reload();
  await expect(progress(page, "2 / 2")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveValue("");
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await expect(name).not.toHaveValue("Ada Byron");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.waitForTimeout(500);
  expect(await backend.delivered()).toHaveLength(1);
});

test("an answer that cannot be saved on the device keeps the step on screen and says so, to the person and once to the page; a retry goes on", async ({ page, hostPage, backend, consoleErrors }) => {
  await recordEvents(page);
  const writesFail = await breakableWrites(page, "UnknownError");
  await visitHost(page, hostPage, backend, { visit: 1 });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  // The device's storage starts failing writes (a disk error, a private-mode eviction…), before
  // the person types: the draft and then the step fail. A full disk is another case: the widget
  // goes on from memory (e2e/delivery-device.spec.ts).
  await writesFail(true);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await button(page, "Next").click();
  await expect(page.getByText("Your answer could not be saved. Please try again.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Ada");
  await expect(progress(page, "1 / 2")).toBeVisible();
  await button(page, "Next").click();
  await expect(page.getByText("Your answer could not be saved. Please try again.")).toBeVisible();
  expect(await backend.log()).toEqual([]);
  expect(await errorCodes(page)).toEqual(["storage_write_failed"]);
  expect(consoleErrors.filter((line) => line.includes("storage_write_failed"))).toHaveLength(1);

  await writesFail(false);
  await button(page, "Next").click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByText("Your answer could not be saved. Please try again.")).toHaveCount(0);
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: { name: "Ada" } });
});

test("after a reload, Back to a delivered answer and on again neither asks it again nor reports it skipped", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await answerText(page, "Name", "Ada Lovelace");
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await deliveredCount(backend, 1);
  // The page has taken the delivery in (the value dropped, the message removed): a reload
  // before that would send the message again, and show the value until it is delivered.
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).not.toContain("Ada Lovelace");
  await page.reload();
  await button(page, "Back").click();
  // The delivered value is not kept on the device (SPEC §8), so the field is empty.
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("");
  await button(page, "Next").click();
  await expect(page.getByText("This field is required.")).toHaveCount(0);
  await answerText(page, "Email address", "ada@example.com", "Submit");
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => [m.answers, m.skipped])).toEqual([
    [{ name: "Ada Lovelace" }, []],
    [{ email: "ada@example.com" }, []],
  ]);
});

test("Back to an optional question already answered, then Skip: it is not reported skipped, and not asked again", async ({ page, hostPage, backend }) => {
  const config = askOnly({ city: { type: "text", label: "City" }, team: { type: "text", label: "Team" } });
  await visitHost(page, hostPage, backend, { visit: 1, config });
  await answerText(page, "City", "Osaka");
  await expect(page.getByRole("textbox", { name: "Team" })).toBeVisible();
  await deliveredCount(backend, 1);
  await page.reload();
  await button(page, "Back").click();
  await expect(page.getByRole("textbox", { name: "City" })).toHaveValue("");
  await button(page, "Skip").click();
  await answerText(page, "Team", "Platform", "Submit");
  const delivered = await deliveredCount(backend, 2, page);
  expect(delivered.map((m) => [m.answers, m.skipped])).toEqual([
    [{ city: "Osaka" }, []],
    [{ team: "Platform" }, []],
  ]);
});

/**
 * One person's visit open in two tabs; Name answered in the first, which now asks Email. The
 * switches between tabs are events (headless tabs are all visible): `switchTo(tab)`.
 */
async function twoTabsNameAnswered(page: Page, context: BrowserContext, visit: () => Promise<void>) {
  await visit();
  const other = await context.newPage();
  await other.goto(page.url());
  for (const tab of [page, other]) await expect(tab.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  return other;
}
const switchTo = (tab: Page) => tab.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
const email = (tab: Page) => tab.getByRole("textbox", { name: "Email address" });

test("two tabs: back in the tab still asking what the other tab answered, the card moves on and the answer is not asked twice", async ({ page, context, hostPage, backend }) => {
  const other = await twoTabsNameAnswered(page, context, () => visitHost(page, hostPage, backend, { visit: 1, user: "u_two_tabs" }));
  await switchTo(other);
  await expect(email(other)).toBeVisible();
  await expect(other.getByText("2 / 2", { exact: true })).toBeVisible();
  await email(other).fill("ada@example.com");
  await other.keyboard.press("Enter");
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }, { email: "ada@example.com" }]);
});

test("two tabs: text typed in one, the question answered in the other: back in the first, the card does not ask it again", async ({ page, context, hostPage, backend }) => {
  const other = await twoTabsNameAnswered(page, context, () => visitHost(page, hostPage, backend, { visit: 1, user: "u_two_tabs_typed" }));
  // Half an email typed here; the person then answers it in the other tab, after this text.
  await email(page).fill("ada@exam");
  await switchTo(other);
  await email(other).fill("ada@example.com");
  await other.keyboard.press("Enter");
  await deliveredCount(backend, 2);
  await switchTo(page);
  await expect(email(page)).toHaveCount(0);
  expect((await backend.delivered()).map((m) => m.answers)).toEqual([{ name: "Ada" }, { email: "ada@example.com" }]);
});

test("two tabs: text typed in one, the question skipped in the other: back in the first, it is not asked again", async ({ page, context, hostPage, backend }) => {
  const config = askOnly({ city: { type: "text", label: "City" }, team: { type: "text", label: "Team" }, role: { type: "text", label: "Role" } });
  await visitHost(page, hostPage, backend, { visit: 1, user: "u_two_tabs_skip", config });
  await answerText(page, "City", "Osaka");
  await page.getByRole("textbox", { name: "Team" }).fill("Plat");
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("textbox", { name: "Team" })).toBeVisible();
  await button(other, "Skip").click();
  await expect(other.getByRole("textbox", { name: "Role" })).toBeVisible();
  await switchTo(page);
  await expect(page.getByRole("textbox", { name: "Role" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Team" })).toHaveCount(0);
});

test("two tabs side by side: the question answered in one, then typed into in the other: that newer text stays and goes out", async ({ page, context, hostPage, backend }) => {
  const other = await twoTabsNameAnswered(page, context, () => visitHost(page, hostPage, backend, { visit: 1, user: "u_two_tabs_newer" }));
  await switchTo(other);
  await email(other).fill("ada@example.com");
  await other.keyboard.press("Enter");
  await deliveredCount(backend, 2);
  // Both windows in sight: this one heard nothing, and the person types a newer email here.
  await email(page).fill("ada@newer.example");
  await switchTo(page);
  // track() waits its turn behind the return's re-plan: the card is as the re-plan left it.
  await page.evaluate(async () => void (await (await window.ProgressiveProfile!.ready)!.track("settled")));
  await expect(email(page)).toHaveValue("ada@newer.example");
  await page.keyboard.press("Enter");
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }, { email: "ada@example.com" }, { email: "ada@newer.example" }]);
});

test("a skip left behind (Skip, then the page closed) reaches the backend once the next visit begins: once, as its own visit's", async ({ page, context, hostPage, backend }) => {
  const known = JSON.stringify({ name: "Ada", email: "ada@example.com" });
  const at = (tab: typeof page, visit: number, path: string) => visitHost(tab, hostPage, backend, { visit, attrs: { "data-known": known }, path });
  await at(page, 2, "/t/left-behind-2.html");
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await button(page, "Skip").click();
  await expect(page.getByLabel("Birthday")).toBeFocused();
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain('"pendingSkipped":["address"]');
  // The person leaves: with no answer after it, nothing has carried the skip yet.
  await page.goto("about:blank");
  expect(await backend.delivered()).toEqual([]);

  // The next visit, opened in two tabs at once (a restored session): the skip goes once.
  const [first, second] = [await context.newPage(), await context.newPage()];
  await Promise.all([at(first, 3, "/t/left-behind-3a.html"), at(second, 3, "/t/left-behind-3b.html")]);
  expect((await deliveredCount(backend, 1, first))[0]).toMatchObject({ visit: 2, answers: {}, skipped: ["address"] });
  // The rest of visit 2 is asked first; the next answer carries no skip again.
  await answerText(first, "Birthday", "1985-01-02");
  const delivered = await deliveredCount(backend, 2, first);
  expect(delivered[1]).toMatchObject({ visit: 3, answers: { birthday: "1985-01-02" }, skipped: [] });
  await expect(second.getByLabel("Birthday")).toBeVisible();
});
