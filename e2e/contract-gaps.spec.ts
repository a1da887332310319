// SPEC statements no other browser test checked (a review's list): profileUrl's traits (§5.2),
// what the device keeps after delivery for a showIf (§8), every field of the JSON message
// (§7), identify()'s visit and known (§3), mount() with a config URL (§3), a Skip's snooze of
// several visits (§5.2), the modal's Close (§5), a dataLayer that is not an array (§10), and
// events remembered per person (§6).
import type { Page } from "@playwright/test";
import { test, expect, b2bConfig, withEndpoint, type Backend } from "./fixtures";
import { dumpIndexedDb } from "./idb";
import {
  answerText,
  askOnly,
  b2b,
  deliveredCount,
  idsOf,
  QUIET_MS,
  recordEvents,
  shownOrQuiet,
  track,
  visitHost,
  widgetContent,
  type Config,
  type HostPage,
} from "./support/widget";

const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
const progress = (page: Page, text: string) => page.getByText(text, { exact: true });

/** Waits until the page's widget has shown a card, and gives the questionIds of its latest `show`. */
async function lastShown(page: Page): Promise<unknown> {
  await expect.poll(async () => (await idsOf(page, "show")).length, { message: "the card was shown" }).toBeGreaterThan(0);
  return (await idsOf(page, "show")).at(-1);
}

/** What the people database keeps of one person (its `person` part), read from the device. */
async function storedPerson(page: Page, key: string): Promise<{ answers: Record<string, Record<string, unknown>> } | undefined> {
  const people = (await dumpIndexedDb(page))["progressive-profile-people"] ?? [];
  const record = people.find(([k]) => k === key)?.[1] as { person?: { answers: Record<string, Record<string, unknown>> } } | undefined;
  return record?.person;
}

/** A host page of `config` at this test's bucket, with the script tag's attributes as given (and nothing else). */
async function openWith(page: Page, hostPage: HostPage, backend: Backend, config: Config, attrs: Record<string, string>, path: string): Promise<void> {
  await page.goto(await hostPage({ inlineConfig: withEndpoint(config, backend.endpoint), scriptAttributes: { "data-config": "#pp-config", ...attrs }, path }));
}

test("a question answered in profileUrl's traits is not asked: the form asks the next one instead", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await backend.setTraits({ name: "Ada Lovelace" });
  const config = b2b({ profileUrl: `/api/me/${backend.bucket}` });
  await visitHost(page, hostPage, backend, { config, user: "u_traits", visit: 1 });
  // Visit 1 asks name and email; the backend already knows the name.
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await expect(progress(page, "1 / 1")).toBeVisible();
  expect(await idsOf(page, "show")).toEqual([["email"]]);
  await answerText(page, "Email address", "ada@example.com", "Submit");
  const delivered = await deliveredCount(backend, 1, page);
  // The traits are not sent back as if the person had answered them.
  expect(delivered[0]).toMatchObject({ userId: "u_traits", answers: { email: "ada@example.com" }, skipped: [] });
});

test("after delivery the device keeps which questions were answered, and the value only of one a showIf reads", async ({ page, hostPage, backend }) => {
  // `plan` is read by seats' showIf (not `retain`); `nickname` is read by nobody.
  const config = askOnly({
    plan: {
      type: "select",
      label: "Plan",
      options: [
        { value: "enterprise-tier-x", label: "Enterprise" },
        { value: "starter-tier-y", label: "Starter" },
      ],
    },
    nickname: { type: "text", label: "Nickname" },
    seats: { type: "number", label: "Seats", showIf: { question: "plan", equals: "enterprise-tier-x" } },
  });
  expect((config.questions as Record<string, Config>).plan!.retain).toBeUndefined();
  await visitHost(page, hostPage, backend, { config, user: "u_keep", visit: 1 });
  await page.getByRole("combobox", { name: "Plan" }).selectOption("enterprise-tier-x");
  await button(page, "Next").click();
  await answerText(page, "Nickname", "Secret Nick 77");
  // The showIf holds: seats is asked.
  await answerText(page, "Seats", "4217", "Submit");
  await expect(page.getByLabel("Seats")).toHaveCount(0);
  const delivered = await deliveredCount(backend, 3, page);
  // (In any order: several messages may be in flight at once.)
  expect(delivered.map((m) => m.answers)).toEqual(expect.arrayContaining([{ plan: "enterprise-tier-x" }, { nickname: "Secret Nick 77" }, { seats: 4217 }]));

  // Delivered (the outbox is empty). The record is minimised behind the sends, one message at
  // a time, so what it keeps is polled: it must come to keep that each question was answered,
  // no plain value, and the value seats' showIf needs.
  const kept = async () => {
    const person = await storedPerson(page, "u:u_keep");
    const answers = person?.answers ?? {};
    return {
      answered: Object.keys(answers).sort(),
      values: Object.fromEntries(Object.entries(answers).map(([id, record]) => [id, record.value ?? null])),
    };
  };
  await expect.poll(kept).toEqual({ answered: ["nickname", "plan", "seats"], values: { plan: "enterprise-tier-x", nickname: null, seats: null } });
  expect(JSON.stringify((await dumpIndexedDb(page))["progressive-profile-people"])).not.toContain("Secret Nick 77");
});

test("the default JSON message has every field, with its type; page is origin + path without query or fragment", async ({ page, hostPage, backend, baseURL }) => {
  const before = Date.now();
  // No data-user and no data-visit: userId null, the widget counts visit 1.
  // (The route's glob takes "?" literally, so the page is served at exactly this URL.)
  const path = await hostPage({
    inlineConfig: withEndpoint(b2bConfig(), backend.endpoint),
    scriptAttributes: { "data-config": "#pp-config", "data-locale": "en" },
    path: "/t/message-fields.html?query=1",
  });
  await page.goto(`${path}#frag`);
  expect(page.url()).toContain("?query=1#frag");
  await answerText(page, "Name", "Ada Lovelace");
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  const [message] = await deliveredCount(backend, 1, page);
  const [request] = (await backend.log()).filter((d) => d.outcome === 200);
  expect(request!.contentType).toMatch(/^application\/json/);

  const m = message!;
  for (const field of ["messageId", "configId", "configVersion", "userId", "anonymousId", "visit", "answers", "skipped", "answeredAt", "sentAt", "locale", "page"]) {
    expect(Object.hasOwn(m, field), `field "${field}" is present`).toBe(true);
  }
  expect(typeof m.messageId).toBe("string");
  expect((m.messageId as string).length).toBeGreaterThan(0);
  expect(request!.idempotencyKey).toBe(m.messageId);
  expect(m.configId).toBe("b2b-onboarding");
  expect(m.configVersion).toBe(1);
  expect(m.userId).toBeNull();
  expect(typeof m.anonymousId).toBe("string");
  expect((m.anonymousId as string).length).toBeGreaterThan(0);
  expect(m.visit).toBe(1);
  expect(m.answers).toEqual({ name: "Ada Lovelace" });
  expect(m.skipped).toEqual([]);
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  for (const field of ["answeredAt", "sentAt"] as const) {
    expect(m[field], field).toMatch(iso);
    const at = Date.parse(m[field] as string);
    expect(at, `${field} is a time of this test`).toBeGreaterThanOrEqual(before - 1000);
    expect(at, `${field} is a time of this test`).toBeLessThanOrEqual(Date.now() + 1000);
  }
  expect(Date.parse(m.sentAt as string)).toBeGreaterThanOrEqual(Date.parse(m.answeredAt as string));
  expect(m.locale).toBe("en");
  expect(m.page).toBe(`${new URL(baseURL!).origin}/t/message-fields.html`);
});

test("identify(user, { visit, known }): the known answers are not asked, and the given visit is the one planned and delivered", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  // An anonymous page (no data-user, no data-visit) whose code identifies the person at once.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () =>
      void window.ProgressiveProfile!.ready.then((w) => w?.identify("u_ident", { visit: 3, known: { name: "Ada Lovelace", email: "ada@example.com" } })),
    );
  });
  await openWith(page, hostPage, backend, b2bConfig(), { "data-locale": "en" }, "/t/identify-known.html");
  // Visit 3 for someone whose name and email are known: the purchase stage (budget 3).
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
  expect(await lastShown(page)).toEqual(["address", "birthday", "phone"]);
  await answerText(page, "Address", "12 St James's Square");
  const [message] = await deliveredCount(backend, 1, page);
  expect(message).toMatchObject({ userId: "u_ident", visit: 3, answers: { address: "12 St James's Square" } });
  // The host's known answers are not delivered as the person's.
  expect((await backend.delivered()).some((m) => "name" in (m.answers as object) || "email" in (m.answers as object))).toBe(false);
});

test("ProgressiveProfile.mount({ config: URL }) from page code loads that config and shows the form", async ({ page, context, hostPage, backend }) => {
  const config = withEndpoint(b2b({ id: "from-url" }), backend.endpoint);
  await context.route("**/t/mount-config.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(config) }));
  // The script tag without data-config defines the API and mounts nothing.
  await page.goto(await hostPage({ path: "/t/mount-url.html" }));
  await shownOrQuiet(page);
  await expect(widgetContent(page)).toHaveCount(0);
  await page.evaluate(() => window.ProgressiveProfile!.mount({ config: "/t/mount-config.json", user: "u_mount", visit: 1, locale: "en" }));
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await answerText(page, "Name", "Ada Lovelace");
  const [message] = await deliveredCount(backend, 1, page);
  expect(message).toMatchObject({ configId: "from-url", userId: "u_mount", answers: { name: "Ada Lovelace" } });
});

test("Skip with snoozeVisits 2: skipped at visit 1, not asked at visits 2 and 3, asked again at visit 4", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  // Each later visit has a question of its own, so the form does show there: only the skipped one is missing.
  const config = b2b({
    snoozeVisits: 2,
    maxQuestionsPerVisit: 5,
    stages: [
      { when: { visit: 1 }, ask: ["nickname", "city"] },
      { when: { visit: 2 }, ask: ["colour"] },
      { when: { visit: 3 }, ask: ["food"] },
    ],
    questions: {
      nickname: { type: "text", label: "Nickname" },
      city: { type: "text", label: "City" },
      colour: { type: "text", label: "Favourite colour" },
      food: { type: "text", label: "Favourite food" },
    },
  });
  const at = (visit: number) => visitHost(page, hostPage, backend, { config, user: "u_snooze2", visit, path: `/t/snooze-${visit}.html` });

  await at(1);
  await expect(page.getByRole("textbox", { name: "Nickname" })).toBeVisible();
  await button(page, "Skip").click();
  await answerText(page, "City", "Kyoto", "Submit");
  expect((await deliveredCount(backend, 1, page))[0]).toMatchObject({ visit: 1, answers: { city: "Kyoto" }, skipped: ["nickname"] });

  await at(2);
  expect(await lastShown(page)).toEqual(["colour"]);
  await answerText(page, "Favourite colour", "Green", "Submit");
  await deliveredCount(backend, 2, page);

  await at(3);
  expect(await lastShown(page)).toEqual(["food"]);
  await expect(page.getByRole("textbox", { name: "Nickname" })).toHaveCount(0);
  await answerText(page, "Favourite food", "Soba", "Submit");
  await deliveredCount(backend, 3, page);

  await at(4);
  await expect(page.getByRole("textbox", { name: "Nickname" })).toBeVisible();
  expect(await lastShown(page)).toEqual(["nickname"]);
});

test("the modal's close button, labelled 'Close', closes it and snoozes what remains for the next visit", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  const config = b2b({ display: { mode: "modal" }, snoozeVisits: 1 });
  const at = (visit: number) => visitHost(page, hostPage, backend, { config, user: "u_modal_close", visit, path: `/t/modal-${visit}.html` });
  const dialog = page.getByRole("dialog", { name: "Help us tailor your experience" });

  await at(1);
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  expect((await deliveredCount(backend, 1, page))[0]).toMatchObject({ visit: 1, answers: {}, skipped: ["name", "email"] });
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);

  // Visit 2: name and email are snoozed; the visit-2 stage is asked.
  await at(2);
  await expect(dialog.getByRole("textbox", { name: "Address" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  expect(await lastShown(page)).toEqual(["address", "birthday", "phone"]);

  // Visit 3: asked again, first in stage order.
  await at(3);
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeVisible();
  expect(await lastShown(page)).toEqual(["name", "email", "address"]);
});

// SPEC §10: only an array dataLayer is pushed to. A plain object, and one with a push() of its
// own (not an array either), must come out of a whole visit as they went in.
for (const [shape, make] of [
  ["a plain object", "plain"],
  ["an object with its own push()", "push"],
] as const) {
  test(`a window.dataLayer that is ${shape}, not an array, is left alone and nothing throws`, async ({ page, hostPage, backend, consoleErrors }) => {
    await recordEvents(page);
    await page.addInitScript((kind) => {
      const w = window as unknown as { dataLayer: unknown; __ppLayer: unknown; __ppPushes: unknown[] };
      w.__ppPushes = [];
      const layer: Record<string, unknown> = { owner: "host", items: ["host-item"] };
      if (kind === "push") layer.push = (...items: unknown[]) => void w.__ppPushes.push(...items);
      w.dataLayer = layer;
      w.__ppLayer = layer;
    }, make);
    await visitHost(page, hostPage, backend, { visit: 1, user: "u_layer" });
    await answerText(page, "Name", "Ada Lovelace");
    await button(page, "Not now").click();
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await deliveredCount(backend, 2, page);
    // show, answer, step, dismiss and delivered all happened: each would have been pushed.
    await expect.poll(async () => (await idsOf(page, "delivered")).length).toBe(2);
    const state = await page.evaluate(() => {
      const w = window as unknown as { dataLayer: Record<string, unknown>; __ppLayer: unknown; __ppPushes: unknown[] };
      const { push: _push, ...data } = w.dataLayer;
      return { same: w.dataLayer === w.__ppLayer, isArray: Array.isArray(w.dataLayer), data, pushes: w.__ppPushes };
    });
    expect(state).toEqual({ same: true, isArray: false, data: { owner: "host", items: ["host-item"] }, pushes: [] });
    expect(consoleErrors).toEqual([]);
  });
}

test("events are remembered per person: B, identified on a fresh page, is not due for A's purchase", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  const known = { name: "Ada", email: "ada@example.com" };
  // A at visit 1 with name and email known: nothing is due until the purchase.
  await openWith(page, hostPage, backend, b2bConfig(), { "data-user": "u_person_a", "data-visit": "1", "data-locale": "en", "data-known": JSON.stringify(known) }, "/t/person-a.html");
  await shownOrQuiet(page);
  await expect(widgetContent(page)).toHaveCount(0);
  await track(page, "purchase");
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();

  // A fresh page, anonymous, whose code identifies B (visit 1, name and email known).
  await openWith(page, hostPage, backend, b2bConfig(), { "data-locale": "en" }, "/t/person-b.html");
  await page.evaluate(async (k) => (await window.ProgressiveProfile!.ready)!.identify("u_person_b", { visit: 1, known: k }), known);
  // The anonymous visitor's own card (name, email) may have shown before identify(), so the
  // card's presence says nothing here: what B is asked is watched for a while instead.
  await page.waitForTimeout(QUIET_MS);
  await expect(page.getByRole("textbox", { name: "Address" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  expect((await idsOf(page, "show")).flat()).not.toContain("address");
  // B's own purchase does make it due (so the check above was not of a widget that shows nothing).
  await track(page, "purchase");
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
});
