// What the device keeps of a person (SPEC §8): no answer values after delivery except retained
// ones, the memory fallback when IndexedDB cannot be used or fills up, and forget().
import type { Page } from "@playwright/test";
import { test, expect, b2bConfig, type Backend } from "./fixtures";
import { breakableWrites, dumpIndexedDb, outboxIds } from "./idb";
import { answerName, DROPS, openVisit, widgetConsole, type HostPage } from "./support/delivery";
import { errorCodes, recordEvents } from "./support/widget";

/** The `error` events the page heard, by code: missing storage is one `storage_unavailable`. */
test("after delivery IndexedDB keeps no answer values except retained ones", async ({ page, hostPage, backend }) => {
  await openVisit(page, hostPage, backend, { visit: 3 });
  // Visit 3 for a new person carries over visit 1 first: name, email, then address (budget 3).
  await answerName(page, "Secret Name");
  await page.getByRole("textbox", { name: "Email address" }).fill("secret@example.com");
  await page.getByRole("button", { name: "Next" }).click();
  await expect.poll(async () => (await backend.delivered()).length).toBe(2);
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).not.toContain("secret@example.com");
  const people = (await dumpIndexedDb(page))["progressive-profile-people"] ?? [];
  expect(JSON.stringify(people)).not.toContain("Secret Name");
  // That they were answered is kept (so they are not asked again), without their values.
  const records = people.map(([, record]) => (record as { person?: { answers?: Record<string, Record<string, unknown>> } }).person);
  const answers = records.find((person) => person?.answers?.name)?.answers ?? {};
  for (const id of ["name", "email"]) {
    expect(answers[id], id).toMatchObject({ delivered: true, visit: 3 });
    expect(answers[id], id).not.toHaveProperty("value");
  }
});

test("an answer the backend refuses (400) leaves the person's record too: only the failed outbox copy keeps it, for 7 days", async ({ page, hostPage, backend }) => {
  await backend.faults([400]);
  await openVisit(page, hostPage, backend);
  await answerName(page, "Secret Name");
  await expect.poll(async () => (await backend.log()).map((d) => d.outcome)).toEqual([400]);
  await expect.poll(async () => JSON.stringify((await dumpIndexedDb(page))["progressive-profile-people"])).not.toContain("Secret Name");
  const dump = await dumpIndexedDb(page);
  expect(JSON.stringify(dump["progressive-profile-people"])).toContain('"name"'); // that it was answered is kept
  expect(JSON.stringify(dump["progressive-profile-outbox"])).toContain("Secret Name");
  // Not asked again: the form goes on from the email.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
});

test("a retained answer keeps its value after delivery", async ({ page, hostPage, backend }) => {
  const config = b2bConfig() as { stages: unknown[] };
  config.stages = [{ when: { visit: 1 }, ask: ["company", "industry"] }];
  await openVisit(page, hostPage, backend, { config });
  await page.getByRole("textbox", { name: "Company" }).fill("Analytical Engines Ltd");
  // Industry waits on the company's answer: it counts as the next step.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("combobox", { name: "Industry" })).toBeVisible();
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  // The record drops delivered values before the message leaves the outbox.
  await expect.poll(() => outboxIds(page)).toEqual([]);
  expect(JSON.stringify(await dumpIndexedDb(page))).toContain("Analytical Engines Ltd");
});

test("a retained answer delivered by a page with another config (which does not retain it) keeps its value", async ({ page, hostPage, backend }) => {
  const writer = b2bConfig() as { stages: unknown[] };
  writer.stages = [{ when: { visit: 1 }, ask: ["company"] }]; // company is `retain: true` there
  const other = b2bConfig() as { id: string; questions: Record<string, Record<string, unknown>> };
  other.id = "another-form";
  delete other.questions.company!.retain;
  await backend.faults([503]);
  await openVisit(page, hostPage, backend, { config: writer });
  await page.getByRole("textbox", { name: "Company" }).fill("Analytical Engines Ltd");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect.poll(async () => (await backend.log()).map((d) => d.outcome)).toEqual([503]);
  // The other form's page sends the message that waits: its config alone would drop the value.
  await openVisit(page, hostPage, backend, { config: other });
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  await expect.poll(() => outboxIds(page)).toEqual([]);
  expect(JSON.stringify((await dumpIndexedDb(page))["progressive-profile-people"])).toContain("Analytical Engines Ltd");
});

/**
 * A visit on a page whose storage `refuse` takes away before the widget loads: the name is
 * answered, and resolves once it is delivered, with the widget's console lines so far.
 */
async function answerWithoutStorage(page: Page, hostPage: HostPage, backend: Backend, name: string, refuse: () => void): Promise<string[]> {
  const messages = widgetConsole(page);
  await recordEvents(page);
  await page.addInitScript(refuse);
  await openVisit(page, hostPage, backend);
  await answerName(page, name);
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  return messages;
}

test("indexedDB.open throwing: the widget asks and delivers from memory, with one console message", async ({ page, hostPage, backend }) => {
  const messages = await answerWithoutStorage(page, hostPage, backend, "Memory Only", () => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("blocked by test", "SecurityError");
    };
  });
  expect(messages).toHaveLength(1);
  expect(await errorCodes(page)).toEqual(["storage_unavailable"]);
});

test("site data blocked in the browser (IndexedDB and Web Locks refused): the widget asks and delivers from memory, with one console message", async ({ page, hostPage, backend }) => {
  // What Chromium does when the person blocks all site data, or in a sandboxed frame.
  const messages = await answerWithoutStorage(page, hostPage, backend, "No Site Data", () => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The user denied permission to access the database.", "SecurityError");
    };
    LockManager.prototype.request = function () {
      return Promise.reject(new DOMException("The request was denied.", "SecurityError"));
    };
  });
  expect((await backend.delivered())[0]).toMatchObject({ answers: { name: "No Site Data" } });
  expect(messages).toHaveLength(1);
  expect(await errorCodes(page)).toEqual(["storage_unavailable"]);
});

test("IndexedDB full in the middle of the visit: the next answer is kept in memory and delivered, the form goes on, said once", async ({ page, hostPage, backend }) => {
  const messages = widgetConsole(page);
  await recordEvents(page);
  const setDiskFull = await breakableWrites(page, "QuotaExceededError");
  await openVisit(page, hostPage, backend, { user: "u_disk_full" });
  await answerName(page, "Ada Lovelace");
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  await setDiskFull(true);
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
  await expect.poll(async () => (await backend.delivered()).length).toBe(2);
  expect((await backend.delivered())[1]).toMatchObject({ answers: { email: "ada@example.com" }, userId: "u_disk_full" });
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain("IndexedDB is full");
  expect(await errorCodes(page)).toEqual(["storage_unavailable"]);
});

test("IndexedDB full, then forget(): nothing of the person stays on disk for the next page view, and nothing of theirs is sent", async ({ page, hostPage, backend }) => {
  await backend.faults(DROPS);
  const setDiskFull = await breakableWrites(page, "QuotaExceededError");
  await openVisit(page, hostPage, backend, { user: "u_full_forget" });
  await answerName(page, "Forget Me");
  expect((await outboxIds(page)).length).toBe(1);
  await setDiskFull(true);
  await page.getByRole("textbox", { name: "Email address" }).fill("forget@example.com");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
  await page.evaluate(() => window.ProgressiveProfile!.ready.then((w) => w!.forget()));
  await setDiskFull(false);
  const dump = JSON.stringify(await dumpIndexedDb(page));
  expect(dump).not.toContain("u_full_forget");
  expect(dump).not.toContain("Forget Me");
  // The next page view has nothing of theirs to send.
  await backend.faults([]);
  await openVisit(page, hostPage, backend, { user: "u_next" });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.waitForTimeout(500);
  expect((await backend.log()).filter((d) => d.outcome === 200)).toEqual([]);
});

test("forget() leaves nothing of the person in IndexedDB", async ({ page, hostPage, backend }) => {
  await backend.faults(DROPS);
  await openVisit(page, hostPage, backend);
  await answerName(page, "Forget Me");
  expect((await outboxIds(page)).length).toBe(1);
  await page.evaluate(() => window.ProgressiveProfile!.ready.then((w) => w!.forget()));
  const dump = await dumpIndexedDb(page);
  expect(dump["progressive-profile-outbox"]).toEqual([]);
  expect(dump["progressive-profile-people"]).toEqual([]);
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
});
