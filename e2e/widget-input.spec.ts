// Entries at the edges of what a question type takes, as a person makes them: an optional
// consent left unticked, a half-typed date, choices kept across a reload, full-width digits.
import type { Locator, Page } from "@playwright/test";
import { test, expect, type Backend } from "./fixtures";
import { dumpIndexedDb } from "./idb";
import { EVERY_TYPE } from "./support/configs";
import { askOnly, deliveredCount, visitHost, type HostPage } from "./support/widget";

test("an optional consent left unticked is a skip, not a refusal", async ({ page, hostPage, backend }) => {
  const config = askOnly({ news: { type: "consent", label: "Send me news", policyUrl: "https://example.com/p" } });
  await visitHost(page, hostPage, backend, { visit: 1, config });
  await expect(page.getByRole("checkbox", { name: "Send me news" })).toBeVisible();
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: {}, skipped: ["news"] });
});

/** A date question and then a City question at visit 1, with focus in the date field. */
async function dateThenCity(page: Page, hostPage: HostPage, backend: Backend, date: Record<string, unknown>) {
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly({ day: { type: "date", label: "Day", ...date }, city: { type: "text", label: "City" } }) });
  const field = page.getByLabel("Day");
  await field.focus();
  return field;
}

/** The refused date stays on screen; a whole date typed over it moves on and is what is sent. */
async function refusedThenFixed(page: Page, backend: Backend, field: Locator, whole: string) {
  await expect(field).toHaveAccessibleDescription("Enter a valid date.");
  await expect(page.getByLabel("City")).toHaveCount(0);
  // (Filled at once: Chrome restarts a date segment's typing when the field's attributes change
  // under it, as they do when the error goes.)
  await field.fill(whole);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("City")).toBeVisible();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: { day: whole }, skipped: [] });
}

for (const required of [false, true]) {
  test(`a half-typed date (${required ? "required" : "optional"}) is refused as a date, not taken for no answer`, async ({ page, hostPage, backend }) => {
    const field = await dateThenCity(page, hostPage, backend, { required });
    // Month and day only: the browser holds it, but its value is "" until the year is there.
    // Typed at a person's pace: each digit lands before the next (as it does for people).
    await page.keyboard.type("0512", { delay: 50 });
    expect(await field.evaluate((el: HTMLInputElement) => [el.value, el.validity.badInput])).toEqual(["", true]);
    await page.keyboard.press("Enter");
    await refusedThenFixed(page, backend, field, "2027-05-12");
  });
}

test("a date whose year is half typed (02/15/2, which Chromium reads as the year 0002) is refused, by Enter or by a click", async ({ page, hostPage, backend }) => {
  const field = await dateThenCity(page, hostPage, backend, { required: true });
  await page.keyboard.type("02152", { delay: 50 });
  expect(await field.inputValue()).toBe("0002-02-15");
  await page.keyboard.press("Enter");
  await expect(field).toHaveAccessibleDescription("Enter a valid date.");
  // The year's next digits go on from there ("0020", "0202"): still half typed, by a click on Next too.
  await page.keyboard.type("02", { delay: 50 });
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await refusedThenFixed(page, backend, field, "2002-02-15");
});

test("what a choice control holds survives a reload: select, ticked boxes, consent", async ({ page, hostPage, backend }) => {
  const { plan, interests, newsletter } = EVERY_TYPE;
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly({ plan, interests, newsletter }) });
  const next = () => page.getByRole("button", { name: "Next", exact: true }).click();
  const reloadWhenSaved = async (text: string) => {
    await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain(text);
    await page.reload();
  };
  await page.getByRole("combobox", { name: "Plan" }).selectOption("pro");
  await reloadWhenSaved('"plan":"pro"');
  await expect(page.getByRole("combobox", { name: "Plan" })).toHaveValue("pro");
  await next();
  await page.getByRole("checkbox", { name: "AI" }).check();
  await page.getByRole("checkbox", { name: "Cloud" }).check();
  await reloadWhenSaved('"interests":["ai","cloud"]');
  await expect(page.getByRole("checkbox", { name: "AI" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Security" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Cloud" })).toBeChecked();
  await next();
  await page.getByRole("checkbox", { name: "Send me the newsletter" }).check();
  await reloadWhenSaved('"newsletter":true');
  await expect(page.getByRole("checkbox", { name: "Send me the newsletter" })).toBeChecked();
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => m.answers)).toStrictEqual([{ plan: "pro" }, { interests: ["ai", "cloud"] }, { newsletter: true }]);
});

test("Japanese full-width input is accepted: ４２ is the number 42, a full-width email is folded", async ({ page, hostPage, backend }) => {
  const { teamSize, workEmail } = EVERY_TYPE;
  await visitHost(page, hostPage, backend, { visit: 1, locale: "ja", config: askOnly({ teamSize, workEmail }) });
  await page.getByLabel("チーム人数").fill("４２");
  await page.getByRole("button", { name: "次へ", exact: true }).click();
  await page.getByLabel("勤務先メール").fill("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ");
  await page.getByRole("button", { name: "送信", exact: true }).click();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toStrictEqual([{ teamSize: 42 }, { workEmail: "taro@example.com" }]);
});
