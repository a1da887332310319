// The chaos suite's short mode (issue 9), run by `npm test`: a few seeded rounds of an end
// user answering under backend faults, offline periods, reloads (also right after Submit)
// and 1–3 tabs, checked from the backend's log (scripts/chaos/checks.mjs). The long mode is
// `npm run chaos -- --rounds N`. Replay: PP_CHAOS_SEED=<seed> (PP_CHAOS_ROUNDS=1).
// Also: tabs opened together count one visit, at the first visit and after inactivity.
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { runChaos, summaryLine } from "../scripts/chaos/run.mjs";
import type { Page } from "@playwright/test";

test("chaos, short mode: no answer lost, none sent twice at once, none made up", async ({ browser, baseURL }) => {
  // New rounds start until the 100 s deadline; the last one may then take its actions and a
  // settle phase of up to SETTLE_MS (70 s, past the longest keepalive lease) and its checks, so
  // the test's own limit leaves room for it.
  test.setTimeout(300_000);
  const seed = Number(process.env.PP_CHAOS_SEED) || Math.floor(Math.random() * 2 ** 31);
  const rounds = Number(process.env.PP_CHAOS_ROUNDS) || 5;
  console.log(`chaos seed ${seed}, ${rounds} rounds (replay one: PP_CHAOS_SEED=<round seed> PP_CHAOS_ROUNDS=1, or npm run chaos -- --rounds 1 --seed <round seed>)`);
  const summary = await runChaos({ browser, baseUrl: baseURL!, seed, rounds, deadline: Date.now() + 100_000 });
  console.log(summaryLine(summary));
  const failures = summary.failing.map((c) => `round seed ${c.seed}:\n  ${c.failures.join("\n  ")}`);
  expect(failures, "failing rounds (replay each with its seed)").toEqual([]);
  expect(summary.rounds).toBeGreaterThan(0);
  expect(summary.total.answers).toBeGreaterThan(0);
});

/** Every person record's visit, read from IndexedDB. */
const storedVisits = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("progressive-profile-people");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const values = await new Promise<{ person?: { visit: number } }[]>((resolve, reject) => {
      const req = db.transaction("kv").objectStore("kv").getAll();
      req.onsuccess = () => resolve(req.result as { person?: { visit: number } }[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return values.filter((v) => v.person).map((v) => v.person!.visit);
  });

/** Moves every person's last activity `minutes` into the past (no tab open meanwhile). */
const ageRecords = (page: Page, minutes: number) =>
  page.evaluate(async (ms) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("progressive-profile-people");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const store = db.transaction("kv", "readwrite").objectStore("kv");
    await new Promise<void>((resolve, reject) => {
      const req = store.openCursor();
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        const value = cursor.value as { person?: { lastActivityAt: number } };
        if (value.person) cursor.update({ ...value, person: { ...value.person, lastActivityAt: value.person.lastActivityAt - ms } });
        cursor.continue();
      };
    });
    db.close();
  }, minutes * 60_000);

test("five tabs opened together count one visit, and one more after 30 minutes away", async ({ context, hostPage, backend }) => {
  test.setTimeout(60_000);
  const path = await hostPage({
    inlineConfig: withEndpoint(b2bConfig(), backend.endpoint),
    scriptAttributes: { "data-config": "#pp-config", "data-locale": "en" },
    path: "/t/visits.html",
  });
  const openTogether = async () => {
    const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto(path)));
    await Promise.all(tabs.map((tab) => tab.evaluate(() => window.ProgressiveProfile!.ready.then(() => true))));
    return tabs;
  };
  const answerFirst = async (tab: Page, value: string) => {
    const field = tab.locator("progressive-profile-root").locator("input, textarea").first();
    await field.fill(value);
    await tab.locator("progressive-profile-root button.b1").click();
  };

  let tabs = await openTogether();
  expect(await storedVisits(tabs[0]!)).toEqual([1]);
  for (const tab of tabs) await expect(tab.getByRole("textbox", { name: "Name" })).toBeVisible();
  await answerFirst(tabs[2]!, "Tabs Together");
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  for (const tab of tabs) await tab.close();

  const blank = await context.newPage();
  await blank.goto("/health");
  await ageRecords(blank, 31);
  await blank.close();
  tabs = await openTogether();
  expect(await storedVisits(tabs[0]!)).toEqual([2]);
  await answerFirst(tabs[4]!, "tabs.together@example.com");
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(2);
  const delivered = await backend.delivered();
  expect(delivered.map((m) => m.visit)).toEqual([1, 2]);
  expect(new Set(delivered.map((m) => m.anonymousId)).size).toBe(1);
  expect(delivered[1]).toMatchObject({ answers: { email: "tabs.together@example.com" } });
});
