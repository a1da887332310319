// Privacy and security figures in a real browser (SPEC §8, issue 9): every request of the
// page goes to the page's origin or the endpoint; the strict-CSP page reports no violation in
// any state of the widget; no answer value ever reaches an event, a dataLayer push or the
// console.
import { test, expect, b2bConfig, withEndpoint, type Backend } from "./fixtures";
import { breakableWrites, dumpIndexedDb, holdOutboxWrites } from "./idb";
import { answerText, deliveredCount, mounted } from "./support/widget";
import type { Page } from "@playwright/test";

const card = (page: Page) => page.locator("progressive-profile-root");
const call = (page: Page, method: "flush" | "forget" | "open" | "destroy" | "track") =>
  page.evaluate((m) => window.ProgressiveProfile!.ready.then((w) => (m === "track" ? w!.track("purchase") : w![m]())), method);

/** The id of the question on screen, or null. */
const onScreen = (page: Page) =>
  page.evaluate(() => document.querySelector("progressive-profile-root")?.shadowRoot?.querySelector("[id*='-q-'][id$='-l']")?.id ?? null);

/**
 * Answers the question on screen through its control, presses Next / Submit, waits for the form
 * to move on: to another question, or away (a card being rebuilt shows none for a moment, which
 * is no step of its own).
 */
async function answer(page: Page, value: string) {
  await expect.poll(() => onScreen(page), { message: "a question on screen" }).not.toBeNull();
  const label = (await onScreen(page))!;
  // The control of that question (its label's id less "-l"), not whatever control comes first.
  const control = card(page).locator(`#${label.slice(0, -2)}`);
  if ((await control.evaluate((el) => el.tagName)) === "SELECT") await control.selectOption(value);
  else await control.fill(value);
  await card(page).locator("button.b1").click();
  await expect.poll(() => onScreen(page)).not.toBe(label);
}

test("the page requests the page, the script, the config, profileUrl and the endpoint, and nothing else", async ({ page, context, hostPage, backend, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  // Same-origin requests by path, any other by full URL: nothing is left out of the list.
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).origin === origin ? new URL(r.url()).pathname : r.url()}`));
  const only = (...fixed: string[]) => {
    const posts = requests.length - fixed.length;
    expect(posts, "POSTs to the endpoint").toBeGreaterThan(0);
    return [...fixed, ...Array.from({ length: posts }, () => `POST ${requests.at(-1)!.slice(5)}`)];
  };
  await backend.setTraits({ phone: "+81 3-0000-0000" });
  await backend.faults([503, "drop"], "1");
  const config = { ...withEndpoint(b2bConfig(), backend.endpoint), profileUrl: `/api/me/${backend.bucket}`, theme: { font: "serif", accent: "#123456" } };
  // A config URL (the script tag's usual form), so that its request is seen too.
  await context.route("**/t/origins.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(config) }));
  const attrs = { "data-config": "/t/origins.json", "data-user": "u_origins", "data-visit": "2", "data-locale": "en" };
  await page.goto(await hostPage({ scriptAttributes: attrs, path: "/t/origins.html" }));
  for (const value of ["Ori Gin", "ori@example.com", "1 Origin Road"]) await answer(page, value);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(3);
  await call(page, "forget");
  expect(requests).toEqual(only("GET /t/origins.html", "GET /dist/progressive-profile.js", "GET /t/origins.json", `GET /api/me/${backend.bucket}`));
  expect(requests.at(-1)).toBe(`POST ${backend.endpoint}`);
  // Three answers and the 503's retry: four POSTs at least, all to the endpoint. (Chromium itself
  // may resend a POST whose reused connection was dropped: the backend then counts one more.)
  expect(requests.length - 4).toBeGreaterThanOrEqual(4);

  // The endpoint on another origin (localhost vs 127.0.0.1): the page, the script, then only POSTs there.
  const elsewhere = `http://localhost:${new URL(baseURL!).port}`;
  requests.length = 0;
  const cross = withEndpoint(b2bConfig(), `${elsewhere}${backend.endpoint}`);
  await page.goto(await hostPage({ inlineConfig: cross, scriptAttributes: { ...attrs, "data-config": "#pp-config", "data-user": "u_cross", "data-visit": "1" }, path: "/t/cross.html" }));
  await answer(page, "Cross Origin");
  // (Not answered with CORS headers: the POST fails in the page, which is not what is checked here.)
  await expect.poll(() => requests.filter((r) => r.startsWith(`POST ${elsewhere}`)).length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(requests).toEqual(only("GET /t/cross.html", "GET /dist/progressive-profile.js"));
  expect(requests.at(-1)).toBe(`POST ${elsewhere}${backend.endpoint}`);
});

test("strict CSP: no violation in any state of the widget", async ({ page, hostPage, backend, cspViolations }) => {
  test.setTimeout(60_000);
  const states: string[] = [];
  // A violation is reported by an event queued after it, and reaches the test through
  // exposeFunction: before concluding, a frame and a task go by, then a round trip to the page.
  const check = async (state: string) => {
    states.push(state);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    await page.evaluate(() => true);
    expect(cspViolations, `CSP violations by state "${state}"`).toEqual([]);
  };
  const setWritesBroken = await breakableWrites(page);
  const cardText = (text: string) => card(page).getByText(text, { exact: true });
  const config = { ...withEndpoint(b2bConfig(), backend.endpoint), theme: { accent: "#0a7", radius: "2px", font: "serif" } };
  const open = async (attrs: Record<string, string>, extra: object = {}, path?: string) => {
    await page.goto(await hostPage({ csp: true, inlineConfig: config, scriptAttributes: { "data-config": "#pp-config", "data-locale": "en", ...attrs }, ...extra, ...(path ? { path } : {}) }));
    await mounted(page);
  };

  await backend.faults([{ status: 200, delayMs: 1500 }, 503], "1");
  await open({ "data-user": "u_csp", "data-visit": "1" });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await check("floating card, first step");
  await card(page).locator("button.b1").click();
  await expect(card(page).locator("[aria-invalid=true]")).toBeVisible();
  await check("required error");
  // Saving: the step's write is held in IndexedDB, so the card shows it is saving.
  await page.getByRole("textbox", { name: "Name" }).fill("Csp Person");
  const letWritesThrough = await holdOutboxWrites(page);
  await card(page).locator("button.b1").click();
  await expect(cardText("Saving…")).toBeVisible();
  await check("saving");
  // Still saving: the check above was made in that state, not after it.
  expect(await cardText("Saving…").isVisible()).toBe(true);
  await letWritesThrough();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await check("back");
  await answer(page, "Csp Person");
  // Save failed: IndexedDB refuses the step's write; the step stays, and says so.
  await page.getByRole("textbox", { name: "Email address" }).fill("csp@example.com");
  await setWritesBroken(true);
  await card(page).locator("button.b1").click();
  await expect(cardText("Your answer could not be saved. Please try again.")).toBeVisible();
  await check("save failed");
  await setWritesBroken(false);
  await card(page).locator("button.b1").click();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await call(page, "flush");
  await check("retry after 503, delivered, complete");
  await open({ "data-user": "u_csp", "data-visit": "2" }, {}, "/t/csp-2.html");
  await page.getByRole("button", { name: "Not now" }).click();
  await check("not now");
  await call(page, "open");
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await page.getByRole("button", { name: "Skip" }).click();
  await page.keyboard.press("Escape");
  await check("skip, escape");
  await open({ "data-user": "u_csp_event", "data-visit": "1" }, {}, "/t/csp-3.html");
  await answer(page, "Event Person");
  await answer(page, "event@example.com");
  await call(page, "track");
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await check("track opens the form");
  await page.getByLabel("Address").fill("1 Event Road");
  // The draft is written as it is typed; wait until it is on the device, as a person would.
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain("1 Event Road");
  await page.reload();
  await expect(page.getByLabel("Address")).toHaveValue("1 Event Road");
  await check("reload restores a draft");
  await call(page, "forget");
  await call(page, "destroy");
  await check("forget, destroy");

  const modal = { ...config, display: { mode: "modal" }, locale: "ja" };
  await page.goto(await hostPage({ csp: true, inlineConfig: modal, scriptAttributes: { "data-config": "#pp-config", "data-user": "u_modal", "data-visit": "3" }, path: "/t/csp-modal.html" }));
  await expect(page.locator("progressive-profile-root dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await check("modal in Japanese, escape");
  await page.goto(await hostPage({ csp: true, inlineConfig: config, body: '<div id="slot"></div>', scriptAttributes: { "data-config": "#pp-config", "data-target": "#slot", "data-visit": "1", "data-locale": "en" }, path: "/t/csp-inline.html" }));
  await expect(page.locator("#slot progressive-profile-root")).toBeAttached();
  await check("inline");
  await page.goto(await hostPage({ csp: true, inlineConfig: { id: "BAD" }, scriptAttributes: { "data-config": "#pp-config", "data-visit": "abc" }, path: "/t/csp-bad.html" }));
  await mounted(page);
  await check("bad config, bad visit");
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("blocked", "SecurityError");
    };
  });
  await page.goto(await hostPage({ csp: true, inlineConfig: config, scriptAttributes: { "data-config": "#pp-config", "data-visit": "1", "data-locale": "en" }, path: "/t/csp-memory.html" }));
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await check("memory fallback");
  expect(states).toHaveLength(15);
});

test("no answer value in any event detail, dataLayer push or console line", async ({ page, hostPage, backend }) => {
  test.setTimeout(60_000);
  const seen: string[] = [];
  await page.exposeFunction("__ppSeen", (text: string) => seen.push(text));
  page.on("console", (m) => seen.push(`console: ${m.text()}`));
  await page.addInitScript(() => {
    const send = (window as unknown as { __ppSeen: (t: string) => void }).__ppSeen;
    const layer: unknown[] = [];
    layer.push = (...items: unknown[]) => (items.forEach((i) => send(`dataLayer: ${JSON.stringify(i)}`)), Array.prototype.push.apply(layer, items));
    (window as unknown as { dataLayer: unknown[] }).dataLayer = layer;
    for (const type of ["show", "step", "answer", "skip", "complete", "dismiss", "delivered", "error"]) {
      document.addEventListener(`progressive-profile:${type}`, (e) => send(`event ${type}: ${JSON.stringify((e as CustomEvent).detail)}`));
    }
  });
  const values = ["Zelda Quux", "zq7781@example.com", "Secret Street 99", "1969-07-20", "+81 3-5555-0199", "Qwertyuiop Ltd", "100-999", "finance"];
  const open = async (visit: number) => {
    await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), scriptAttributes: { "data-config": "#pp-config", "data-user": "u_quiet", "data-visit": String(visit), "data-locale": "en" }, path: `/t/quiet-${visit}.html` }));
    await page.evaluate(() =>
      window.ProgressiveProfile!.ready.then((w) => {
        const send = (window as unknown as { __ppSeen: (t: string) => void }).__ppSeen;
        for (const type of ["show", "step", "answer", "skip", "complete", "dismiss", "delivered", "error"] as const) w!.on(type, (d) => send(`on ${type}: ${JSON.stringify(d)}`));
      }),
    );
  };
  await backend.faults([503, 400, "drop"], "1");
  await open(1);
  await answer(page, values[0]!);
  await answer(page, values[1]!);
  // The first POST gets the 503 and the second the 400: one of this visit's two messages. This
  // page must take the 400 in before the next navigation: cut off, its message would be sent
  // again by the next page (at least once), and delivered.
  await expect.poll(() => seen.some((line) => line.includes("delivery_rejected"))).toBe(true);
  await open(2);
  await answer(page, values[2]!);
  await answer(page, values[3]!);
  await answer(page, values[4]!);
  await open(3);
  await answer(page, values[5]!);
  await answer(page, values[6]!);
  await page.getByRole("button", { name: "Not now" }).click();
  await call(page, "open");
  // open() shows the card in a later turn: answer() must see it there before it answers.
  await expect.poll(() => onScreen(page)).not.toBeNull();
  await answer(page, values[7]!);
  // Eight answers, one refused by the 400: seven arrive (and the "Not now" message, without
  // answers); backend.delivered() has each message once, however often a navigation re-sent it.
  const withAnswers = async () => (await backend.delivered()).filter((m) => Object.keys(m.answers as object).length > 0).length;
  await expect.poll(withAnswers, { timeout: 20_000 }).toBe(7);
  const text = seen.join("\n");
  expect(text).toMatch(/event answer: .*"questionIds":\["name"\]/);
  expect(text).toMatch(/dataLayer: .*progressive_profile_delivered/);
  expect(text).toMatch(/delivery_rejected/);
  for (const value of values) expect(text, `"${value}" leaked`).not.toContain(value);
  for (const line of seen.filter((l) => l.startsWith("dataLayer: "))) {
    expect(Object.keys(JSON.parse(line.slice(11)) as object).sort()).toEqual(["configId", "event", "questionIds", "visit"]);
  }
});

/** Answers the visit-1 questions on screen; both reach the backend as the page's anonymous person at visit 1. */
async function answersGoAsTheAnonymousFirstVisit(page: Page, backend: Backend, name: string, email: string): Promise<void> {
  await answerText(page, "Name", name);
  await answerText(page, "Email address", email, "Submit");
  const delivered = await deliveredCount(backend, 2, page);
  expect(delivered.map((m) => [m.userId, m.visit, m.answers])).toEqual([
    [null, 1, { name }],
    [null, 1, { email }],
  ]);
}

test("a page whose Object.prototype was polluted (?__proto__[endpoint]=… through a query-string parser) sends answers only to the config's endpoint, as the page's own person", async ({ page, context, hostPage, backend }) => {
  const elsewhere: string[] = [];
  await context.route("https://attacker.example/**", (route) => (elsewhere.push(route.request().url()), route.abort()));
  const pollute = (enumerable: boolean) =>
    page.addInitScript((enumerable) => {
      const polluted = { endpoint: "https://attacker.example/collect", profileUrl: "https://attacker.example/me", user: "u_attacker", visit: "3", known: '{"email":"x@attacker.example"}', locale: "ja" };
      for (const [key, value] of Object.entries(polluted)) Object.defineProperty(Object.prototype, key, { value, writable: true, configurable: true, enumerable });
    }, enumerable);
  // The usual embed: the endpoint in the config, no data-endpoint, no user, no visit; no locale
  // either (the example config's "ja" left out), so the browser's English is the language.
  const { locale: _, ...config } = withEndpoint(b2bConfig(), backend.endpoint);
  const open = async (path: string) => page.goto(await hostPage({ inlineConfig: config, scriptAttributes: { "data-config": "#pp-config" }, path }));
  await pollute(false);
  await open("/t/polluted.html");
  // An anonymous first visit, in the browser's language, both visit-1 questions still to ask.
  await expect(page.getByText("1 / 2", { exact: true })).toBeVisible();
  await answersGoAsTheAnonymousFirstVisit(page, backend, "Ada Lovelace", "ada@example.com");

  // Polluted by assignment (enumerable keys, which zod's own objects then inherit), the widget
  // cannot build its checks: it says so once and shows nothing, and nothing is sent anywhere.
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  await pollute(true);
  await open("/t/polluted-enumerable.html");
  await expect.poll(() => errors.length).toBe(1);
  expect(errors[0]).toMatch(/^\[progressive-profile\] internal: /);
  await expect(page.locator("progressive-profile-root input")).toHaveCount(0);
  expect(await backend.delivered()).toHaveLength(2);
  expect(elsewhere).toEqual([]);
});

test("Object.prototype polluted by assignment once the widget is up (a page script after the async tag): answers are still saved and sent, to the config's endpoint", async ({ page, context, hostPage, backend }) => {
  const elsewhere: string[] = [];
  await context.route("https://attacker.example/**", (route) => (elsewhere.push(route.request().url()), route.abort()));
  await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), scriptAttributes: { "data-config": "#pp-config", "data-locale": "en" }, path: "/t/polluted-later.html" }));
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  // Enumerable keys, as a vulnerable parser's assignment makes them: for…in finds them on every object.
  await page.evaluate(() => {
    const polluted = { endpoint: "https://attacker.example/collect", user: "u_attacker", visit: "3", known: '{"email":"x@attacker.example"}' };
    for (const [key, value] of Object.entries(polluted)) (Object.prototype as Record<string, unknown>)[key] = value;
  });
  await answersGoAsTheAnonymousFirstVisit(page, backend, "Grace Hopper", "grace@example.com");
  expect(elsewhere).toEqual([]);
});
