// Hostile stored data and what stays on the device (SPEC §8, issue 9). Records are written
// straight into the widget's databases ("progressive-profile-people" / "-outbox", store
// "kv") before it loads: corrupt and foreign-version ones are dropped and reported once each,
// well-formed hostile ones render as text. After delivery only retained values are kept, and
// after forget() nothing of the person is, checked byte by byte.
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { dumpIndexedDb } from "./idb";
import type { Page } from "@playwright/test";

const SECRET = "SECRET-CORRUPT-VALUE";

/**
 * Writes `[db, key, value]` rows, creating the databases as idb-keyval would (store "kv").
 * The rows travel as JSON text and are parsed in the page, so a "__proto__" key stays an own key.
 */
async function seed(page: Page, rows: [string, string | number, unknown][]) {
  await page.goto("/health");
  await page.evaluate(async (json) => {
    const all = JSON.parse(json) as [string, string | number, unknown][];
    for (const name of [...new Set(all.map(([db]) => db))]) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onupgradeneeded = () => req.result.createObjectStore("kv");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction("kv", "readwrite");
      for (const [, key, value] of all.filter(([d]) => d === name)) tx.objectStore("kv").put(value, key);
      await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = reject)));
      db.close();
    }
  }, JSON.stringify(rows));
}

const card = (page: Page) => page.locator("progressive-profile-root");

async function watch(page: Page) {
  const lines: string[] = [];
  const pageErrors: string[] = [];
  page.on("console", (m) => lines.push(m.text()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __ppErrors: unknown[] };
    w.__ppErrors = [];
    document.addEventListener("progressive-profile:error", (e) => w.__ppErrors.push((e as CustomEvent).detail));
  });
  const events = () => page.evaluate(() => (window as unknown as { __ppErrors: { code: string; message: string }[] }).__ppErrors);
  return { lines, pageErrors, events };
}

test("corrupt and foreign-version records are dropped and reported once each; the widget carries on", async ({ page, hostPage, backend }) => {
  const w = await watch(page);
  const message = { messageId: "corrupt-1", answers: { name: SECRET } };
  await seed(page, [
    ["progressive-profile-people", "anonymous-id", { v: 7, id: "from-a-newer-widget" }],
    ["progressive-profile-people", "u:u_store", { v: 1, person: { visit: "many", answers: SECRET } }],
    ["progressive-profile-outbox", "msg:corrupt-1", { v: 1, id: "corrupt-1", personKey: "u:u_store", message }],
    ["progressive-profile-outbox", "msg:future-1", { v: 2, id: "future-1", personKey: "u:u_store", message, status: "pending" }],
    ["progressive-profile-outbox", "msg:text", SECRET],
    ["progressive-profile-outbox", "msg:null", null],
    ["progressive-profile-outbox", 42, { v: 1, secret: SECRET }],
  ]);
  const attrs = { "data-config": "#pp-config", "data-user": "u_store", "data-visit": "1", "data-locale": "en" };
  await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), scriptAttributes: attrs }));
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("After Corruption");
  await card(page).locator("button.b1").click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  for (let i = 0; i < 3; i++) await page.evaluate(() => window.ProgressiveProfile!.ready.then((x) => x!.flush()));
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);

  const events = await w.events();
  const reported = ["anonymous-id", "u:u_store", "msg:corrupt-1", "msg:future-1", "msg:text", "msg:null"];
  expect(events.map((e) => e.code)).toEqual(reported.map(() => "storage_corrupt"));
  expect(reported.filter((key) => events.filter((e) => e.message.includes(key)).length !== 1), "each record reported exactly once").toEqual([]);
  expect(w.lines.filter((l) => l.includes("storage_corrupt"))).toHaveLength(reported.length);
  expect(JSON.stringify(events) + w.lines.join("\n"), "reports name records, never their values").not.toContain(SECRET);
  const log = await backend.log();
  expect(log.map((d) => JSON.parse(d.body).answers)).toEqual([{ name: "After Corruption" }]);
  expect(log[0]!.body).not.toContain(SECRET);
  const people = (await dumpIndexedDb(page))["progressive-profile-people"]!;
  expect(people.find(([key]) => key === "u:u_store")?.[1]).toMatchObject({ v: 1, person: { visit: 1, userId: "u_store" } });
  expect(w.pageErrors).toEqual([]);
});

test("well-formed hostile records: a draft renders as text, odd keys pollute nothing", async ({ page, hostPage, backend }) => {
  const w = await watch(page);
  const draft = `<img src=x onerror="window.__ppPwned=1">`;
  const person = {
    anonymousId: "a-hostile",
    userId: "u_draft",
    visit: 1,
    lastActivityAt: Date.now(),
    answers: JSON.parse('{"__proto__": {"value": "x", "visit": 1, "at": 0, "delivered": true}}') as unknown,
    snoozes: JSON.parse('{"__proto__": 5, "constructor": 3}') as unknown,
    events: JSON.parse('{"__proto__": 1}') as unknown,
    session: { visit: 1, current: "name", drafts: JSON.parse(`{"name": ${JSON.stringify(draft)}, "__proto__": {"polluted": "yes"}}`) as unknown, asked: [], pendingSkipped: ["__proto__"], dismissed: false },
  };
  await seed(page, [["progressive-profile-people", "u:u_draft", { v: 1, person }]]);
  await page.goto(await hostPage({ csp: true, inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), scriptAttributes: { "data-config": "#pp-config", "data-user": "u_draft", "data-visit": "1", "data-locale": "en" } }));
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue(draft);
  await card(page).locator("button.b1").click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect((await backend.delivered())[0]!.answers).toEqual({ name: draft });
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __ppPwned?: unknown }).__ppPwned ?? null,
    polluted: ({} as { polluted?: unknown }).polluted ?? null,
    protoKeys: Object.getOwnPropertyNames(Object.prototype).length,
    injected: document.querySelector("progressive-profile-root")!.shadowRoot!.querySelectorAll("img, script, svg").length,
  }));
  expect(state).toEqual({ pwned: null, polluted: null, protoKeys: await page.evaluate(() => Object.getOwnPropertyNames(Object.getPrototypeOf({})).length), injected: 0 });
  expect(w.pageErrors).toEqual([]);
});

test("IndexedDB byte by byte: after delivery only retained values, after forget() nothing of the person", async ({ page, hostPage, backend }) => {
  test.setTimeout(60_000);
  const w = await watch(page);
  const values: Record<string, string> = {
    name: "Zelda Quux", email: "zq7781@example.com", address: "Secret Street 99", birthday: "1969-07-20",
    phone: "+81 3-5555-0199", company: "Qwertyuiop Ltd", employees: "100-999", industry: "finance",
  };
  // Fragments too: a value cut, re-encoded or split must not survive either.
  const fragments = ["Zelda", "Quux", "zq7781", "Secret Street", "1969-07-20", "5555-0199", "100-999", "finance"];
  for (const [visit, steps] of [[1, 2], [2, 3], [3, 3]] as const) {
    await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), scriptAttributes: { "data-config": "#pp-config", "data-user": "u_bytes", "data-visit": String(visit), "data-locale": "en" }, path: `/t/bytes-${visit}.html` }));
    await expect(card(page).locator("[id*='-q-'][id$='-l']")).toBeVisible();
    for (let step = 0; step < steps; step++) {
      const label = await card(page).locator("[id*='-q-'][id$='-l']").getAttribute("id");
      const qid = /-q-(.+)-l$/.exec(label!)![1]!;
      const control = card(page).locator(`[id$="-q-${qid}"]`);
      if ((await control.evaluate((el) => el.tagName)) === "SELECT") await control.selectOption(values[qid]!);
      else await control.fill(values[qid]!);
      await card(page).locator("button.b1").click();
      await expect(card(page).locator(`[id$="-q-${qid}-l"]`)).toHaveCount(0);
    }
  }
  // Eight messages; one may arrive twice with its messageId (a page left while its POST was on its way).
  await expect.poll(async () => new Set((await backend.delivered()).map((m) => m.messageId)).size, { timeout: 15_000 }).toBe(8);
  // The person's record drops delivered values before the message leaves the outbox.
  await expect.poll(async () => (await dumpIndexedDb(page))["progressive-profile-outbox"]!.length).toBe(0);
  const kept = JSON.stringify(await dumpIndexedDb(page));
  expect(fragments.filter((f) => kept.includes(f)), "values kept after delivery").toEqual([]);
  expect(kept, "company is retained (retain: true, and industry's showIf needs it)").toContain(values.company!);
  // Nor does the tab's copy of what was typed (kept only until IndexedDB has the draft).
  const session = await page.evaluate(() => JSON.stringify(sessionStorage));
  expect([...fragments, values.company!].filter((f) => session.includes(f)), "values in sessionStorage after delivery").toEqual([]);

  // A draft typed and never submitted, then forget(): nothing of the person is left.
  await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), scriptAttributes: { "data-config": "#pp-config", "data-user": "u_bytes", "data-visit": "3", "data-locale": "en" }, path: "/t/bytes-4.html" }));
  await page.evaluate(() => window.ProgressiveProfile!.ready.then((x) => x!.track("purchase")));
  // As a draft whose IndexedDB write never finished leaves it in the tab.
  await page.evaluate(() =>
    sessionStorage.setItem("progressive-profile:draft:u:u_bytes", JSON.stringify({ visit: 3, questionId: "industry", raw: "finance" })),
  );
  // forget() resolves once the deletions are done.
  await page.evaluate(() => window.ProgressiveProfile!.ready.then((x) => x!.forget()));
  const after = await dumpIndexedDb(page);
  const text = JSON.stringify(after);
  expect([...fragments, values.company!, "u_bytes"].filter((f) => text.includes(f)), "left after forget()").toEqual([]);
  expect(after["progressive-profile-people"]).toEqual([]);
  expect(after["progressive-profile-outbox"]).toEqual([]);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage)), "sessionStorage after forget()").not.toContain("finance");
  expect(w.pageErrors).toEqual([]);
});
