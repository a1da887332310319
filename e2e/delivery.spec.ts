// Delivery in a real browser (SPEC §7): retries with one messageId, survival across reloads,
// a delivered answer the person's record missed, refusals, one sender across tabs. What the
// device keeps (minimisation, memory fallback, forget()): delivery-device.spec.ts.
import { test, expect, b2bConfig, withEndpoint, type Backend } from "./fixtures";
import { dumpIndexedDb, outboxIds } from "./idb";
import { answerName, DROPS, openVisit, type HostPage } from "./support/delivery";
import { callWidget, idsOf, recordEvents, shownOrQuiet, widgetContent } from "./support/widget";
import type { Page } from "@playwright/test";

/**
 * The two writes of a step are two databases: puts the person's record back to what it was
 * before the name was answered, as when the tab closes between the outbox's commit and the record's.
 */
async function unrecordName(page: Page, key: string, questionId = "name") {
  await page.evaluate(async ([key, questionId]) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("progressive-profile-people");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction("kv", "readwrite").objectStore("kv");
    const get = store.get(key);
    await new Promise((resolve) => (get.onsuccess = resolve));
    const record = get.result as { person: { answers: Record<string, unknown>; session: { current: string | null; asked: string[] } } };
    delete record.person.answers[questionId];
    record.person.session = { ...record.person.session, current: questionId, asked: [] };
    const put = store.put(record, key);
    await new Promise((resolve) => (put.onsuccess = resolve));
    db.close();
  }, [key, questionId] as const);
}

/**
 * "Ada Lovelace" answered and durable in the outbox, but not in the person's record (as above),
 * then the next page view, whose delivery of that message is answered 4 s late (time enough for
 * the test to type into the card first, even on a loaded machine; the wait is polled for 15 s).
 */
async function nextViewAfterUnrecordedName(page: Page, hostPage: HostPage, backend: Backend, user: string) {
  await backend.faults(DROPS);
  await openVisit(page, hostPage, backend, { user });
  await answerName(page, "Ada Lovelace");
  await unrecordName(page, `u:${user}`);
  // This page sends nothing more (a retry now would be delivered before the next page view).
  await callWidget(page, "destroy");
  await backend.faults([{ delayMs: 4_000 }]);
  await page.reload();
}

/**
 * Waits for the reloaded page's `delivered` event of the name: it is emitted once the widget
 * has taken the delivered answer in and decided what the card shows (runtime.ts delivered()).
 */
async function nameDelivered(page: Page, backend: Backend) {
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => idsOf(page, "delivered")).toEqual([["name"]]);
}

test("503 twice then 200: delivered once, with the same messageId and Idempotency-Key on every try", async ({ page, hostPage, backend }) => {
  await backend.faults([503, 503]);
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  const log = await backend.log();
  expect(log.map((d) => d.outcome)).toEqual([503, 503, 200]);
  const ids = log.map((d) => (JSON.parse(d.body) as { messageId: string }).messageId);
  expect(new Set(ids).size).toBe(1);
  expect(log.map((d) => d.idempotencyKey)).toEqual(ids);
  expect((await backend.delivered())[0]).toMatchObject({ answers: { name: "Ada Lovelace" } });
  await expect.poll(() => outboxIds(page)).toEqual([]);
});

test("backend down, page reloaded, backend up: the message from before the reload arrives", async ({ page, hostPage, backend }) => {
  await backend.faults(DROPS);
  await openVisit(page, hostPage, backend);
  await answerName(page, "Grace Hopper");
  await expect.poll(async () => (await backend.log()).length).toBeGreaterThan(0);
  const [pending] = await outboxIds(page);
  expect(pending).toBeTruthy();
  await backend.faults([]);
  await page.reload();
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  const [delivered] = await backend.delivered();
  expect(delivered).toMatchObject({ answers: { name: "Grace Hopper" }, messageId: pending!.slice(4) });
});

test("the page went away after the message was saved but before the person's record was: once delivered, the question is not asked again", async ({ page, hostPage, backend }) => {
  await backend.faults(DROPS);
  await openVisit(page, hostPage, backend, { user: "u_gone" });
  await answerName(page, "Ada Lovelace");
  expect(await outboxIds(page)).toHaveLength(1);
  await unrecordName(page, "u:u_gone");
  await backend.faults([]);
  await page.reload();
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  // It stays answered: the next page view of the visit asks the email, not the name.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  expect(await backend.delivered()).toHaveLength(1);
});

test("a card the host closed stays closed when a delivered message takes in the answer it was asking", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await nextViewAfterUnrecordedName(page, hostPage, backend, "u_gone_closed");
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await callWidget(page, "close");
  await nameDelivered(page, backend);
  await shownOrQuiet(page);
  await expect(widgetContent(page)).toHaveCount(0);
  // The host's open() shows what is left to ask.
  await callWidget(page, "open");
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
});

test("a card the person is typing in stays when a delivered message takes in that question (their newer answer goes out on Next)", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await nextViewAfterUnrecordedName(page, hostPage, backend, "u_gone_typing");
  const name = page.getByRole("textbox", { name: "Name" });
  await name.fill("Grace Hopper");
  await nameDelivered(page, backend);
  await expect(name).toHaveValue("Grace Hopper");
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect.poll(async () => (await backend.delivered()).map((m) => m.answers)).toEqual([{ name: "Ada Lovelace" }, { name: "Grace Hopper" }]);
});

test("a card holding the very answer a delivered message takes in (its draft, restored on load) moves on instead of asking it again", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await nextViewAfterUnrecordedName(page, hostPage, backend, "u_gone_same");
  await page.getByRole("textbox", { name: "Name" }).fill("Ada Lovelace");
  await nameDelivered(page, backend);
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  // Nothing more was written to go out: a forced send finds the outbox empty.
  await callWidget(page, "flush");
  expect(await outboxIds(page)).toEqual([]);
  expect(new Set((await backend.log()).map((d) => d.idempotencyKey)).size).toBe(1);
  expect((await backend.delivered()).map((m) => m.answers)).toEqual([{ name: "Ada Lovelace" }]);
});

test("a card holding the very number or choices a delivered message takes in moves on too (compared as answers: \"42.0\" is 42)", async ({ page, hostPage, backend }) => {
  const config = {
    ...b2bConfig(),
    stages: [{ when: { visit: 1 }, ask: ["seats", "tools", "email"] }],
    questions: {
      seats: { type: "number", label: "Seats" },
      tools: { type: "multiselect", label: "Tools", options: [{ value: "crm", label: "CRM" }, { value: "erp", label: "ERP" }] },
      email: { type: "email", label: "Email address" },
    },
  };
  for (const [id, answer] of [["seats", 42], ["tools", ["crm", "erp"]]] as const) {
    const user = `u_gone_same_${id}`;
    await backend.faults(DROPS);
    await openVisit(page, hostPage, backend, { user, config });
    if (id === "tools") {
      await page.getByRole("textbox", { name: "Seats" }).fill("1");
      await page.getByRole("button", { name: "Next" }).click();
    }
    const answerIt = async () => {
      if (id === "seats") await page.getByRole("textbox", { name: "Seats" }).fill("42.0");
      else for (const label of ["CRM", "ERP"]) await page.getByRole("checkbox", { name: label }).check();
    };
    await answerIt();
    await page.getByRole("button", { name: "Next" }).click();
    const next = id === "seats" ? "tools" : "email";
    await expect(page.getByRole(id === "seats" ? "group" : "textbox", { name: id === "seats" ? "Tools" : "Email address" })).toBeVisible();
    // The record's own write of the step now on screen lands first (it would bring the answer back).
    const current = async () => {
      const people = (await dumpIndexedDb(page))["progressive-profile-people"]!;
      return (people.find(([key]) => key === `u:${user}`)?.[1] as { person?: { session?: { current?: string } } } | undefined)?.person?.session?.current;
    };
    await expect.poll(current).toBe(next);
    await unrecordName(page, `u:${user}`, id);
    await callWidget(page, "destroy");
    // Both messages of the second round (Seats, then Tools) answered late.
    await backend.faults([{ delayMs: 4_000 }, { delayMs: 4_000 }]);
    await page.reload();
    await answerIt();
    await expect.poll(async () => (await backend.delivered()).some((m) => JSON.stringify(m.answers) === JSON.stringify({ [id]: answer })), { timeout: 15_000 }).toBe(true);
    await expect(page.getByRole(id === "seats" ? "group" : "textbox", { name: id === "seats" ? "Tools" : "Email address" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Seats" })).toHaveCount(0);
  }
});

/** Records the details of the widget's `error` events from before the page's scripts run. */
const recordErrorEvents = (page: Page) =>
  page.addInitScript(() => {
    (window as unknown as { errors: unknown[] }).errors = [];
    document.addEventListener("progressive-profile:error", (e) => (window as unknown as { errors: unknown[] }).errors.push((e as CustomEvent).detail));
  });
const errorEvents = (page: Page) => page.evaluate(() => (window as unknown as { errors: { code: string; message: string }[] }).errors);

test("400: not retried, reported with an error event, kept as failed", async ({ page, hostPage, backend }) => {
  await backend.faults([400]);
  await recordErrorEvents(page);
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await expect.poll(async () => (await errorEvents(page)).map((e) => e.code)).toContain("delivery_rejected");
  // The event says which questions' answers did not arrive, and in which message.
  const [sent] = await backend.log();
  const rejected = (await errorEvents(page)).find((e) => e.code === "delivery_rejected");
  expect(rejected).toMatchObject({ questionIds: ["name"], messageId: (JSON.parse(sent!.body) as { messageId: string }).messageId });
  await callWidget(page, "flush");
  await page.waitForTimeout(1500);
  expect((await backend.log()).length).toBe(1);
  const outbox = (await dumpIndexedDb(page))["progressive-profile-outbox"]!;
  expect(outbox.map(([, v]) => (v as { status: string }).status)).toEqual(["failed"]);
});

test("an endpoint that redirects (301: fetch follows with a GET, the body left behind) is no delivery: reported, kept as failed", async ({ page, hostPage, backend }) => {
  await backend.faults(["redirect"]);
  await recordErrorEvents(page);
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await expect.poll(async () => (await errorEvents(page)).map((e) => e.code)).toContain("delivery_rejected");
  const rejected = (await errorEvents(page)).find((e) => e.code === "delivery_rejected");
  expect(rejected?.message).toMatch(/redirected/);
  expect(await backend.delivered()).toEqual([]);
  const outbox = (await dumpIndexedDb(page))["progressive-profile-outbox"]!;
  expect(outbox.map(([, v]) => (v as { status: string }).status)).toEqual(["failed"]);
});

test("two tabs with pending messages never POST the same messageId at the same time", async ({ context, hostPage, backend }) => {
  // Slow failing answers keep requests open long enough for a second tab to collide, if it could.
  await backend.faults(Array.from({ length: 8 }, () => ({ status: 503, delayMs: 200 })));
  const first = await context.newPage();
  await openVisit(first, hostPage, backend);
  await answerName(first, "Tab One");
  const second = await context.newPage();
  await openVisit(second, hostPage, backend);
  await second.getByRole("textbox", { name: "Email address" }).fill("tab.two@example.com");
  await second.getByRole("button", { name: "Submit" }).click();
  const flushBoth = () =>
    Promise.all([first, second, first, second].map((p) => callWidget(p, "flush")));
  for (let round = 0; round < 4; round++) await flushBoth();
  await backend.faults([]);
  await flushBoth();
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(2);
  const log = await backend.log();
  expect(log.length).toBeGreaterThan(2);
  expect(log.filter((d) => d.concurrent)).toEqual([]);
});

test("a <base href> the page points at another site does not move the deliveries of a relative endpoint", async ({ page, hostPage, backend }) => {
  await openVisit(page, hostPage, backend);
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  // A single-page app may change its base URL at any time; the endpoint is the page's own.
  await page.evaluate(() => {
    const base = document.createElement("base");
    base.href = "http://127.0.0.1:9/elsewhere/";
    document.head.append(base);
  });
  await answerName(page, "Base Case");
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect((await backend.delivered())[0]).toMatchObject({ answers: { name: "Base Case" } });
});

test("a relative endpoint follows the page's own <base href> on its site, as its links and data-config's URL do", async ({ page, hostPage, backend }) => {
  // An app shell's <base href="/">, here "/api/": "collect/…" means /api/collect/…, not a path
  // under /t/deep/ (a 404, which is refused and never retried).
  const [, api, rest] = backend.endpoint.match(/^(\/api\/)(.*)$/)!;
  const path = await hostPage({
    body: `<base href="${api}">`,
    inlineConfig: withEndpoint(b2bConfig(), rest!),
    scriptAttributes: { "data-config": "#pp-config", "data-user": "u_base", "data-locale": "en" },
    path: "/t/deep/base.html",
  });
  await page.goto(path);
  await answerName(page, "Base Path");
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect((await backend.delivered())[0]).toMatchObject({ answers: { name: "Base Path" } });
});

test("a <base href> on another site when the widget starts: a relative endpoint stays on the page's own origin", async ({ page, hostPage, backend }) => {
  // Put in just before the widget mounts (its script and config are read first, from this site).
  const base = `<script>document.addEventListener("DOMContentLoaded", () => {
    const base = document.createElement("base");
    base.href = "http://127.0.0.1:9/elsewhere/";
    document.head.append(base);
  }, { once: true });</script>`;
  const [, , rest] = backend.endpoint.match(/^(\/api\/)(.*)$/)!;
  const path = await hostPage({
    body: base,
    inlineConfig: withEndpoint(b2bConfig(), `../../api/${rest}`),
    scriptAttributes: { "data-config": "#pp-config", "data-user": "u_base_other", "data-locale": "en" },
    path: "/t/deep/base-other.html",
  });
  await page.goto(path);
  expect(await page.evaluate(() => document.baseURI)).toBe("http://127.0.0.1:9/elsewhere/");
  await answerName(page, "Base Elsewhere");
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect((await backend.delivered())[0]).toMatchObject({ answers: { name: "Base Elsewhere" } });
});
