// The `npm start` demo as a newcomer and a backend engineer meet it: the real demo server
// (demo/server.mjs, its own temp SQLite file; see playwright.config.ts), the built widget,
// and the backend checked through its listing API.
import { spawnSync } from "node:child_process";
import { renameSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect } from "./fixtures";

const DEMO = "http://127.0.0.1:4320";
test.use({ baseURL: DEMO });

/** A user name no other test (or earlier run against the same file) has used. */
const newUser = (label: string) => `${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

interface StoredMessage {
  messageId: string;
  idempotencyKey: string;
  answers: Record<string, unknown>;
  skipped: string[];
  format: string;
  repeats: number;
}
interface Person {
  person: string;
  logins: number;
  traits: Record<string, unknown>;
  visits: { visit: number; messages: StoredMessage[] }[];
}

async function person(request: APIRequestContext, user: string): Promise<Person | undefined> {
  const body = (await (await request.get("/api/people")).json()) as { people: Person[] };
  return body.people.find((p) => p.person === user);
}

/** Question ids answered per visit, as the backend stored them. */
async function answeredByVisit(request: APIRequestContext, user: string): Promise<Record<number, string[]>> {
  const p = await person(request, user);
  const out: Record<number, string[]> = {};
  for (const v of p?.visits ?? []) out[v.visit] = v.messages.flatMap((m) => Object.keys(m.answers));
  return out;
}

async function logIn(page: Page, user: string) {
  await page.goto("/account");
  await page.getByLabel("User name").fill(user);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Login 1" })).toBeVisible();
}

async function logInAgain(page: Page, visit: number) {
  await page.getByRole("button", { name: `Log in again (login ${visit})` }).click();
  await expect(page.getByRole("heading", { name: `Login ${visit}` })).toBeVisible();
}

const next = (page: Page, name: "Next" | "Submit") => page.getByRole("button", { name, exact: true }).click();

async function answerNameAndEmail(page: Page) {
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ada Lovelace");
  await next(page, "Next");
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await next(page, "Submit");
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
}

test("three logins fill the profile stage by stage, and every answer lands in SQLite", async ({ page, request, consoleErrors }) => {
  const user = newUser("walk");
  await logIn(page, user);
  await expect(page.getByText("1 / 2")).toBeVisible();
  await answerNameAndEmail(page);
  await expect.poll(() => answeredByVisit(request, user)).toEqual({ 1: ["name", "email"] });

  await logInAgain(page, 2);
  await page.getByRole("textbox", { name: "Address" }).fill("1-2-3 Marunouchi, Tokyo");
  await next(page, "Next");
  await page.getByLabel("Birthday").fill("1990-05-01");
  await next(page, "Next");
  await page.getByRole("textbox", { name: "Phone number" }).fill("+81 3-1234-5678");
  await next(page, "Submit");
  await expect.poll(() => answeredByVisit(request, user)).toEqual({ 1: ["name", "email"], 2: ["address", "birthday", "phone"] });

  await logInAgain(page, 3);
  await page.getByRole("textbox", { name: "Company" }).fill("Acme KK");
  await next(page, "Next");
  await page.getByRole("combobox", { name: "Number of employees" }).selectOption("30-99");
  await next(page, "Next");
  // Industry is shown only once Company is answered (showIf), and still fits this visit.
  await page.getByRole("combobox", { name: "Industry" }).selectOption("software");
  await next(page, "Submit");
  await expect
    .poll(() => answeredByVisit(request, user))
    .toEqual({ 1: ["name", "email"], 2: ["address", "birthday", "phone"], 3: ["company", "employees", "industry"] });

  const stored = await person(request, user);
  expect(stored?.logins).toBe(3);
  expect(stored?.traits).toEqual({
    name: "Ada Lovelace",
    email: "ada@example.com",
    address: "1-2-3 Marunouchi, Tokyo",
    birthday: "1990-05-01",
    phone: "+81 3-1234-5678",
    company: "Acme KK",
    employees: "30-99",
    industry: "software",
  });
  // One message per answer, each stored under its own messageId (= Idempotency-Key).
  const messages = stored?.visits.flatMap((v) => v.messages) ?? [];
  expect(messages).toHaveLength(8);
  expect(new Set(messages.map((m) => m.messageId)).size).toBe(8);
  for (const m of messages) expect(m.idempotencyKey).toBe(m.messageId);

  // The profile the widget reads back (profileUrl) is what was stored.
  const me = await (await page.request.get("/api/profile/me")).json();
  expect(me.traits.company).toBe("Acme KK");
  expect(consoleErrors).toEqual([]);
});

test("a purchase at the first login makes the address stage due at once", async ({ page, request }) => {
  const user = newUser("buyer");
  await logIn(page, user);
  await answerNameAndEmail(page);
  await page.goto("/products/task-chair");
  await page.getByRole("button", { name: "Buy now" }).click();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
  // Name and email already used two of this visit's three questions: the address fits.
  await page.getByRole("textbox", { name: "Address" }).fill("4-5-6 Umeda, Osaka");
  await next(page, "Submit");
  await expect.poll(() => answeredByVisit(request, user)).toEqual({ 1: ["name", "email", "address"] });
});

const message = (overrides: Record<string, unknown> = {}) => ({
  messageId: `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
  configId: "b2b-onboarding",
  configVersion: 1,
  userId: newUser("api"),
  anonymousId: "a_api",
  visit: 1,
  answers: { name: "Grace" },
  skipped: [],
  answeredAt: "2026-11-24T10:00:00.000Z",
  sentAt: "2026-11-24T10:00:00.120Z",
  locale: "en",
  page: `${DEMO}/account`,
  ...overrides,
});

test("a retried message (same Idempotency-Key) is stored once and answered 2xx both times", async ({ request }) => {
  const body = message();
  const headers = { "Idempotency-Key": body.messageId };
  const first = await request.post("/api/profile", { data: body, headers });
  const again = await request.post("/api/profile", { data: { ...body, sentAt: "2026-11-24T10:00:05.000Z" }, headers });
  expect(first.status()).toBe(201);
  expect(again.status()).toBe(200);
  const stored = await person(request, body.userId);
  const messages = stored?.visits.flatMap((v) => v.messages) ?? [];
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ messageId: body.messageId, repeats: 1 });
});

test("an Idempotency-Key other than the messageId is refused (400); the same key with other content is a conflict (422)", async ({ request }) => {
  const body = message();
  const other = await request.post("/api/profile", { data: body, headers: { "Idempotency-Key": `${body.messageId}-x` } });
  expect(other.status()).toBe(400);
  expect((await other.json()).error).toMatch(/not the message's messageId/);
  const headers = { "Idempotency-Key": body.messageId };
  expect((await request.post("/api/profile", { data: body, headers })).status()).toBe(201);
  const changed = await request.post("/api/profile", { data: { ...body, answers: { name: "Someone else" } }, headers });
  expect(changed.status()).toBe(422);
  const messages = (await person(request, body.userId))?.visits.flatMap((v) => v.messages) ?? [];
  expect(messages.map((m) => m.answers)).toEqual([body.answers]);
});

test("a body over 64 KiB gets its 413 (not a reset connection, which a client would retry)", async ({ request }) => {
  const body = message({ answers: { name: "x".repeat(70 * 1024) } });
  const response = await request.post("/api/profile", { data: body, headers: { "Idempotency-Key": body.messageId } });
  expect(response.status()).toBe(413);
});

test("a doubled slash in the address (GET //) is a page not found, not a crash: the server carries on", async () => {
  const status = (path: string) =>
    new Promise<number>((resolve, reject) =>
      get({ host: "127.0.0.1", port: Number(new URL(DEMO).port), path }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on("error", reject),
    );
  expect(await status("//")).toBe(404);
  expect(await status("//x")).toBe(404);
  expect(await status("/health")).toBe(200);
});

test("HEAD answers as GET does, without a body; a NUL in an asset path is a page not found, not a server error", async ({ request }) => {
  for (const path of ["/", "/account", "/progressive-profile.js", "/questions.json", "/health"]) {
    const head = await request.head(path);
    expect(head.status(), path).toBe(200);
    expect(head.headers()["content-type"], path).toBe((await request.get(path)).headers()["content-type"]);
    expect((await head.body()).length, path).toBe(0);
  }
  expect((await request.get("/assets/%00")).status()).toBe(404);
  expect((await request.get("/assets/a%00.css")).status()).toBe(404);
});

test("a log-in's back field leads only to this site (a tab in it does not make it another host)", async ({ request }) => {
  for (const back of ["/\t/evil.example/x", "//evil.example", "/\\evil.example"]) {
    const response = await request.post("/login", { form: { user: newUser("back"), back }, maxRedirects: 0 });
    expect(response.status(), back).toBe(303);
    expect(response.headers().location, back).toBe("/account");
  }
  const fine = await request.post("/login", { form: { user: newUser("back"), back: "/products/notebook?x=1" }, maxRedirects: 0 });
  expect(fine.headers().location).toBe("/products/notebook?x=1");
});

test("a page opened with a fault switch the endpoint would refuse (?fail=404) says so, and its answers go to the plain endpoint", async ({ request }) => {
  const user = newUser("fault");
  await request.post("/login", { form: { user, back: "/account" }, maxRedirects: 0 });
  const page = await (await request.get("/account?fail=404")).text();
  expect(page).toContain("Fault switch ignored: fail= must be a status the widget retries");
  expect(page).not.toContain("fail=404");
  const good = await (await request.get("/account?fail=503")).text();
  expect(good).toContain('data-endpoint="/api/profile?fail=503"');
  expect(good).toContain("retries included");
  // A rejection is no retry: the banner says what the widget does with it.
  const rejected = await (await request.get("/account?reject=400")).text();
  expect(rejected).toContain('data-endpoint="/api/profile?reject=400"');
  expect(rejected).toContain("which refuses them (a 4xx is not retried");
});

test("a switch that changes nothing (times= alone, latency=0) puts up no banner and leaves the endpoint as it is", async ({ request }) => {
  const user = newUser("fault");
  await request.post("/login", { form: { user, back: "/account" }, maxRedirects: 0 });
  for (const query of ["times=5", "latency=0"]) {
    const page = await (await request.get(`/account?${query}`)).text();
    expect(page, query).not.toContain("Fault switch");
    expect(page, query).not.toContain('data-endpoint="');
  }
});

test("POST /api/faults: a body that is no object is a 400, and the mode is left as it was", async ({ request }) => {
  // A mode of its own first, so a refusal that reset it to the defaults would show.
  const before = (await (await request.post("/api/faults", { data: { failNext: 0, status: 500, latencyMs: 5 } })).json()).mode;
  expect(before).toEqual({ failNext: 0, status: 500, latencyMs: 5 });
  try {
    for (const body of ["null", "[1,2]", "5"]) {
      const response = await request.post("/api/faults", { data: Buffer.from(body), headers: { "content-type": "application/json" } });
      expect(response.status(), body).toBe(400);
      expect((await response.json()).error, body).toMatch(/Expected an object/);
    }
    const misspelt = await request.post("/api/faults", { data: { failnext: 5 } });
    expect(misspelt.status()).toBe(400);
    expect((await misspelt.json()).error).toBe('Unknown field "failnext": expected failNext, status, latencyMs or clear.');
    const refused = await request.post("/api/faults", { form: { failNext: "5000" }, maxRedirects: 0 });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toMatch(/failNext/);
    expect((await (await request.get("/api/faults")).json()).mode).toEqual(before);
  } finally {
    await request.post("/api/faults", { data: { clear: 1 } });
  }
});

test("the Backend page shows a multi-line answer on its lines", async ({ page, request }) => {
  const user = newUser("lines");
  expect((await request.post("/api/profile", { data: message({ userId: user, answers: { address: "1-2-3 Marunouchi\nTokyo" } }) })).status()).toBe(201);
  await page.goto("/backend");
  const cell = page.getByRole("article", { name: user }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "address" }) }).getByRole("cell").nth(1);
  await expect(cell).toHaveCount(1);
  expect(await cell.evaluate((td) => (td as HTMLElement).innerText)).toBe("1-2-3 Marunouchi\nTokyo");
});

test("the demo serves the simulator it built at start, whatever happens to its folder meanwhile (a second npm start rebuilds it)", async ({ request }) => {
  const build = join(process.env.PP_DEMO_E2E_TMP!, "build");
  const aside = `${build}-aside`;
  renameSync(build, aside);
  try {
    const simulator = await request.get("/assets/build/simulator.js");
    expect(simulator.status()).toBe(200);
    expect(simulator.headers()["content-type"]).toContain("javascript");
  } finally {
    renameSync(aside, build);
  }
});

test("a PORT that is no port number is said so, without a stack trace", () => {
  // Its own database and build folder, and a time limit: a server that took the port would
  // otherwise build into demo/ and listen for ever.
  const tmp = process.env.PP_DEMO_E2E_TMP!;
  for (const PORT of ["abc", " ", "0x10E1", "0", "65536"]) {
    const env = { ...process.env, PORT, PP_DEMO_DB: join(tmp, "port-check.sqlite"), PP_DEMO_BUILD_DIR: join(tmp, "port-check-build") };
    const run = spawnSync(process.execPath, ["demo/server.mjs"], { env, encoding: "utf8", timeout: 20_000 });
    expect(run.status, PORT).toBe(1);
    expect(run.stderr, PORT).toContain(`PORT must be a port number from 1 to 65535; found "${PORT}"`);
    expect(run.stderr, PORT).not.toMatch(/\n\s+at /);
  }
});

test("a malformed POST gets 400 with a clear error, and nothing is stored", async ({ request }) => {
  const broken = await request.post("/api/profile", { data: Buffer.from("{ not json"), headers: { "content-type": "application/json" } });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error).toMatch(/not valid JSON/);
  const user = newUser("bad");
  const incomplete = await request.post("/api/profile", { data: message({ userId: user, visit: 0 }) });
  expect(incomplete.status()).toBe(400);
  expect((await incomplete.json()).error).toMatch(/visit/);
  expect(await person(request, user)).toBeUndefined();
});

test("form and Segment bodies are parsed and stored like JSON", async ({ request }) => {
  const form = message();
  const fields = new URLSearchParams([
    ["messageId", form.messageId],
    ["configId", form.configId],
    ["configVersion", "1"],
    ["userId", form.userId],
    ["anonymousId", form.anonymousId],
    ["visit", "1"],
    ["answers[name]", "Grace"],
    ["answeredAt", form.answeredAt],
    ["sentAt", form.sentAt],
    ["locale", form.locale],
    ["page", form.page],
  ]);
  const asForm = await request.post("/api/profile", {
    data: fields.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "Idempotency-Key": form.messageId },
  });
  expect(asForm.status()).toBe(201);
  const seg = message();
  const segment = {
    type: "identify",
    messageId: seg.messageId,
    userId: seg.userId,
    anonymousId: seg.anonymousId,
    traits: { email: "grace@example.com" },
    timestamp: seg.answeredAt,
    sentAt: seg.sentAt,
    context: {
      library: { name: "progressive-profile", version: "0.1.0" },
      locale: "en",
      page: { url: seg.page },
      progressiveProfile: { configId: seg.configId, configVersion: 1, visit: 1, skipped: [] },
    },
  };
  expect((await request.post("/api/profile", { data: segment, headers: { "Idempotency-Key": seg.messageId } })).status()).toBe(201);
  expect((await person(request, form.userId))?.visits[0]?.messages[0]).toMatchObject({ format: "form", answers: { name: "Grace" } });
  expect((await person(request, seg.userId))?.visits[0]?.messages[0]).toMatchObject({ format: "segment", answers: { email: "grace@example.com" } });
});

test("?fail=503&times=1 on the page: the widget retries the same message until it is stored", async ({ page, request }) => {
  const user = newUser("retry");
  await logIn(page, user);
  await page.goto("/account?fail=503&times=1");
  await expect(page.getByRole("note")).toContainText("/api/profile?fail=503&times=1");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Retry Ray");
  await next(page, "Next");
  await expect.poll(() => answeredByVisit(request, user), { timeout: 15_000 }).toEqual({ 1: ["name"] });
  const stored = await person(request, user);
  const key = stored?.visits[0]?.messages[0]?.messageId;
  const { deliveries } = (await (await request.get("/api/log")).json()) as { deliveries: { idempotencyKey: string; status: number }[] };
  const attempts = deliveries.filter((d) => d.idempotencyKey === key).map((d) => d.status).reverse();
  expect(attempts).toEqual([503, 201]);
});

test("the Backend page's fault switch fails the next deliveries; the widget retries until stored", async ({ page, request }) => {
  const user = newUser("switch");
  let key: string | undefined;
  await logIn(page, user);
  await page.goto("/backend");
  await page.getByLabel("Fail the next deliveries").fill("2");
  await page.getByLabel("with status").selectOption("503");
  await page.getByRole("button", { name: "Apply" }).click();
  try {
    await expect(page.locator("#fault-status")).toHaveText("Faults on: the next 2 deliveries get 503.");
    await page.goto("/account");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Patient Pat");
    await next(page, "Next");
    // Backoff: about 1 s, then about 2 s.
    await expect.poll(async () => (await person(request, user))?.traits, { timeout: 15_000 }).toEqual({ name: "Patient Pat" });
    key = (await person(request, user))?.visits[0]?.messages[0]?.messageId;
    const { deliveries } = (await (await request.get("/api/log")).json()) as { deliveries: { idempotencyKey: string; status: number }[] };
    expect(deliveries.filter((d) => d.idempotencyKey === key).map((d) => d.status).reverse()).toEqual([503, 503, 201]);
  } finally {
    await request.post("/api/faults", { data: { clear: 1 } });
  }
  await page.goto("/backend");
  await expect(page.locator("#fault-status")).toHaveText("No faults: deliveries are stored at once.");
  // The log on the page shows the attempts as they happened.
  const attempts = page.getByRole("table", { name: "Delivery attempts, newest first" }).getByRole("row").filter({ hasText: key ?? "?" });
  await expect(attempts.getByRole("cell").nth(1)).toHaveText("201");
  await expect(attempts).toHaveCount(3);
});

test("Reset clears the person's rows and this browser's form state", async ({ page, request }) => {
  const user = newUser("reset");
  await logIn(page, user);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Temp");
  await next(page, "Next");
  await expect.poll(async () => (await person(request, user))?.traits).toEqual({ name: "Temp" });
  await page.getByRole("button", { name: "Reset the demo" }).click();
  await expect(page.getByRole("status")).toContainText("The demo was reset");
  expect(await person(request, user)).toBeUndefined();
  // Same user again: login 1, and the form starts from the first question.
  await logIn(page, user);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
  await expect(page.getByText("1 / 2")).toBeVisible();
});

test("the strict-CSP page shows the form with no policy violation", async ({ page, cspViolations }) => {
  await logIn(page, newUser("csp"));
  const response = await page.goto("/csp");
  expect(response?.headers()["content-security-policy"]).toContain("require-trusted-types-for 'script'");
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toBeVisible();
  await expect(page.locator("#csp-status")).toHaveText("No policy violation reported on this page.");
  expect(cspViolations).toEqual([]);
});

test("axe is silent on the demo pages", async ({ page, request, checkA11y }) => {
  // The widget's card fades in; axe judges contrast on the settled card, not mid-fade.
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (const path of ["/", "/account", "/products/standing-desk", "/checkout?item=standing-desk", "/csp", "/backend"]) {
    await page.goto(path);
    await checkA11y(page, `signed out ${path}`);
  }
  const user = newUser("axe");
  await logIn(page, user);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toBeVisible();
  await checkA11y(page, "account with the form open");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Axe");
  await next(page, "Next");
  await expect.poll(async () => (await person(request, user))?.traits).toEqual({ name: "Axe" });
  await page.goto("/checkout/thanks?item=desk-lamp");
  await checkA11y(page, "order placed");
  await page.goto("/backend");
  await expect(page.getByRole("heading", { name: user })).toBeVisible();
  await checkA11y(page, "backend with people and log");
});
