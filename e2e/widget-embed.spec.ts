// The ways a site owner puts the widget on a page (SPEC §3, §5 display): the script tag with
// a config URL or #id, async; data-endpoint and data-target; the <progressive-profile> custom
// element; mount() from code; display modes, positions and delay; open()/close(); the theme.
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../scripts/chromium.mjs";
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { b2b, callWidget, deliveredCount, errorCodes, idsOf, mounted, recordEvents, visitHost } from "./support/widget";

const shadow = (page: Page, selector: string, props: string[]) =>
  page.evaluate(
    ({ selector, props }) => {
      const host = document.querySelector("progressive-profile-root, progressive-profile")!;
      const style = getComputedStyle(host.shadowRoot!.querySelector(selector)!);
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    },
    { selector, props },
  );

test("an async script tag with a config URL and data-endpoint", async ({ page, hostPage, backend }) => {
  const config = withEndpoint(b2bConfig(), "/api/collect/not-this-one");
  await page.route("**/t/questions.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(config) }));
  const path = await hostPage({
    scriptAttributes: { async: "", "data-config": "/t/questions.json", "data-endpoint": backend.endpoint, "data-user": "u_1", "data-visit": "1", "data-locale": "en" },
  });
  await page.goto(path);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ userId: "u_1", answers: { name: "Ada" } });
});

test('a tag pasted with type="module" mounts from its data-* as the classic tag does', async ({ page, hostPage, backend, consoleErrors }) => {
  const path = await hostPage({
    inlineConfig: withEndpoint(b2bConfig(), backend.endpoint),
    scriptAttributes: { type: "module", "data-config": "#pp-config", "data-user": "u_module", "data-visit": "1", "data-locale": "en" },
  });
  await page.goto(path);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ userId: "u_module", answers: { name: "Ada" } });
  expect(await page.locator("progressive-profile-root").count()).toBe(1);
  expect(consoleErrors).toEqual([]);
});

test("the same script tag twice on a page (a tag manager's and the page's own): one form, each answer POSTed once", async ({ page, hostPage, backend }) => {
  const attributes = { "data-config": "#pp-config", "data-user": "u_twice", "data-visit": "1", "data-locale": "en" };
  const tag = `<script src="/dist/progressive-profile.js" ${Object.entries(attributes).map(([k, v]) => `${k}="${v}"`).join(" ")}></script>`;
  await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), body: tag, scriptAttributes: attributes }));
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const delivered = await deliveredCount(backend, 2, page);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }, { email: "ada@example.com" }]);
  // POSTed once each: the backend saw one request per message, none sent by a second copy.
  expect((await backend.log()).map((d) => d.idempotencyKey)).toEqual(delivered.map((m) => m.messageId));
  expect(await page.locator("progressive-profile-root").count()).toBe(1);
  // The page's own code still reaches the widget the tags mounted.
  expect(await page.evaluate(async () => (await window.ProgressiveProfile!.ready) !== null)).toBe(true);
});

test("a tag with data-config, then a copy without (the API alone): ProgressiveProfile.ready is still the form's widget", async ({ page, hostPage, backend }) => {
  const attributes = { "data-config": "#pp-config", "data-user": "u_bare", "data-visit": "1", "data-locale": "en" };
  const configured = `<script src="/dist/progressive-profile.js" ${Object.entries(attributes).map(([k, v]) => `${k}="${v}"`).join(" ")}></script>`;
  // The page's own tag (no data-config) comes after the tag manager's.
  await page.goto(await hostPage({ inlineConfig: withEndpoint(b2bConfig(), backend.endpoint), body: configured, scriptAttributes: {} }));
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.evaluate(async () => (await window.ProgressiveProfile!.ready)!.close());
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
});

test("a copy without data-config on a page with a ProgressiveProfile of its own (a stub) still defines the API", async ({ page, hostPage }) => {
  await page.goto(await hostPage({ body: "<script>window.ProgressiveProfile = { queued: [] };</script>", scriptAttributes: {} }));
  expect(await page.evaluate(async () => [typeof window.ProgressiveProfile!.mount, await window.ProgressiveProfile!.ready])).toEqual(["function", null]);
});

test("a page that re-renders <body> (taking the widget's element out) gets the form back on open()", async ({ page, hostPage, backend }) => {
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  await visitHost(page, hostPage, backend, { visit: 1 });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.evaluate(() => (document.body.innerHTML = "<main><h1>New view</h1></main>"));
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await callWidget(page, "open");
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toBeFocused();
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.keyboard.press("Enter");
  await deliveredCount(backend, 1);
  expect(errors).toEqual([]);
});

/**
 * A Turbo Drive (or pjax) visit: the page's <body> is replaced by the next page's, whose script
 * tags are run again as new elements. `attributes` change the next page's tag.
 */
const turboVisit = (page: Page, attributes: Record<string, string | null>) =>
  page.evaluate((attributes) => {
    const body = document.createElement("body");
    body.append(document.getElementById("pp-config")!.cloneNode(true));
    const old = document.querySelector("script[data-config]")!;
    const tag = document.createElement("script");
    for (const { name, value } of old.attributes) tag.setAttribute(name, value);
    for (const [name, value] of Object.entries(attributes)) value === null ? tag.removeAttribute(name) : tag.setAttribute(name, value);
    body.append(tag);
    document.body.replaceWith(body);
    // Once the tag's script has run (its load event comes after).
    return new Promise((resolve) => tag.addEventListener("load", resolve));
  }, attributes);

test("a Turbo-style visit that logs the person out ends the form of the tag it replaced: one anonymous form, nothing sent as the last user", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { user: "u_turbo", visit: 1 });
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@private.example");
  await deliveredCount(backend, 1);
  await turboVisit(page, { "data-user": null });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  // Back to the tab: the logged-out user's card does not come back beside the new one.
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await page.evaluate(() => window.ProgressiveProfile!.ready);
  await expect(page.locator("progressive-profile-root")).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Name" }).fill("Bob");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => [m.userId, m.answers])).toEqual([
    ["u_turbo", { name: "Ada" }],
    [null, { name: "Bob" }],
  ]);
});

test("a Turbo-style visit to a page with the same tag keeps the one form and opens no database again", async ({ page, hostPage, backend }) => {
  await page.addInitScript(() => {
    const open = indexedDB.open.bind(indexedDB);
    (window as unknown as { opens: number }).opens = 0;
    indexedDB.open = (...args: Parameters<typeof open>) => ((window as unknown as { opens: number }).opens++, open(...args));
  });
  await visitHost(page, hostPage, backend, { user: "u_turbo_same", visit: 1 });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  const opens = () => page.evaluate(() => (window as unknown as { opens: number }).opens);
  const before = await opens();
  for (let i = 0; i < 3; i++) await turboVisit(page, {});
  // A task later (when a mounting tag asks for its stores): none asked for again.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(await opens()).toBe(before);
  await page.evaluate(async () => (await window.ProgressiveProfile!.ready)!.open());
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await expect(page.locator("progressive-profile-root")).toHaveCount(1);
  // A second, different tag on this page: the first one is on the page (run again by the
  // visits), so its form stays beside the new one.
  await page.evaluate(() => {
    const tag = document.createElement("script");
    for (const { name, value } of document.querySelector("script[data-config]")!.attributes) tag.setAttribute(name, value);
    tag.setAttribute("data-locale", "ja");
    document.body.append(tag);
    return new Promise((resolve) => tag.addEventListener("load", resolve));
  });
  await expect(page.getByRole("textbox", { name: "お名前" })).toBeVisible();
  await expect(page.locator("progressive-profile-root")).toHaveCount(2);
});

test("a page with the widget and nothing left to send stays in the back-forward cache", async ({ backend, baseURL }) => {
  // Playwright turns the cache off by default; a browser of this test's own keeps it.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, ignoreDefaultArgs: ["--disable-back-forward-cache"] });
  try {
    const context = await browser.newContext({ baseURL });
    const config = JSON.stringify(withEndpoint(b2bConfig(), backend.endpoint)).replace(/</g, "\\u003c");
    const page = `<!doctype html><html lang="en"><head><title>Shop</title></head><body><a id="away" href="/t/bf-away.html">Away</a>
      <script type="application/json" id="pp-config">${config}</script>
      <script src="/dist/progressive-profile.js" data-config="#pp-config" data-user="u_bf" data-visit="1" data-locale="en"></script></body></html>`;
    await context.route("**/t/bf.html", (route) => route.fulfill({ contentType: "text/html", body: page }));
    await context.route("**/t/bf-away.html", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Away</title><p>Elsewhere" }));
    const tab = await context.newPage();
    await tab.addInitScript(() => addEventListener("pageshow", (e) => ((window as unknown as { restored: boolean }).restored = e.persisted)));
    await tab.goto("/t/bf.html");
    await tab.getByRole("textbox", { name: "Name" }).fill("Ada");
    await tab.keyboard.press("Enter");
    await expect(tab.getByRole("textbox", { name: "Email address" })).toBeFocused();
    // Delivered and removed from the outbox; the sender's pass then ends with one more read of it.
    await deliveredCount(backend, 1, tab);
    await tab.waitForTimeout(1000);
    await tab.locator("#away").click();
    await tab.waitForURL(/bf-away/);
    await tab.goBack({ waitUntil: "commit" });
    // pageshow says persisted: true only when the page came back from the cache (a reload says false).
    await expect.poll(() => tab.evaluate(() => (window as unknown as { restored: boolean }).restored), { message: "restored from the back-forward cache", timeout: 5000 }).toBe(true);
    await tab.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
    await tab.keyboard.press("Enter");
    const delivered = await deliveredCount(backend, 2);
    expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }, { email: "ada@example.com" }]);
  } finally {
    await browser.close();
  }
});

test("the custom element mounts inline where it stands, and its events come from it", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  const attrs = `config="#pp-config" endpoint="${backend.endpoint}" user="u_el" visit="1" locale="en"`;
  await page.goto(
    await hostPage({
      inlineConfig: b2bConfig(),
      body: `<p id="before">Before the form.</p><progressive-profile ${attrs}></progressive-profile><p id="after">After the form.</p>`,
    }),
  );
  const element = page.locator("progressive-profile");
  const name = element.getByRole("textbox", { name: "Name" });
  await expect(name).toBeVisible();
  // In the page's flow, between the paragraphs around it; no close button, not a floating card.
  const [before, form, after] = await Promise.all(["#before", "progressive-profile", "#after"].map(async (s) => (await page.locator(s).boundingBox())!));
  expect(form!.y).toBeGreaterThan(before!.y + before!.height - 1);
  expect(after!.y).toBeGreaterThanOrEqual(form!.y + form!.height - 1);
  // In flow (relative only to hold what it hides from sight), not fixed over the page.
  expect(await shadow(page, ".pp", ["position"])).toEqual({ position: "relative" });
  await expect(element.getByRole("button", { name: "Close" })).toHaveCount(0);
  await expect(page.locator("progressive-profile-root")).toHaveCount(0);

  await name.fill("Ada");
  await element.getByRole("button", { name: "Next", exact: true }).click();
  await element.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await element.getByRole("button", { name: "Submit", exact: true }).click();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => [m.userId, m.answers])).toEqual([
    ["u_el", { name: "Ada" }],
    ["u_el", { email: "ada@example.com" }],
  ]);
  await expect.poll(() => idsOf(page, "complete")).toEqual([["name", "email"]]);
  const targets = await page.evaluate(() => (window as unknown as { __ppEvents: { target: string }[] }).__ppEvents.map((e) => e.target));
  expect(new Set(targets)).toEqual(new Set(["progressive-profile"]));

});

test("the custom element follows its user attribute, as identify() (a framework logging the person in)", async ({ page, hostPage, backend }) => {
  const attrs = `config="#pp-config" endpoint="${backend.endpoint}" visit="1" locale="en"`;
  await page.goto(await hostPage({ inlineConfig: b2bConfig(), body: `<progressive-profile ${attrs}></progressive-profile>` }));
  const element = page.locator("progressive-profile");
  await element.getByRole("textbox", { name: "Name" }).fill("Ada");
  await element.getByRole("button", { name: "Next", exact: true }).click();
  await expect(element.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await page.evaluate(() => document.querySelector("progressive-profile")!.setAttribute("user", "u_logged_in"));
  await element.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await element.getByRole("button", { name: "Submit", exact: true }).click();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => [m.userId, m.answers])).toEqual([
    [null, { name: "Ada" }],
    ["u_logged_in", { email: "ada@example.com" }],
  ]);
  expect(delivered[1]!.anonymousId).toBe(delivered[0]!.anonymousId);
});

test("the custom element follows its known attribute: what the page learns later is not asked", async ({ page, hostPage, backend }) => {
  const attrs = `config="#pp-config" endpoint="${backend.endpoint}" user="u_known_later" visit="1" locale="en"`;
  await page.goto(await hostPage({ inlineConfig: b2bConfig(), body: `<progressive-profile ${attrs}></progressive-profile>` }));
  const element = page.locator("progressive-profile");
  await expect(element.getByRole("textbox", { name: "Name" })).toBeVisible();
  // The page's CRM call answers after the element was written.
  await page.evaluate(() => document.querySelector("progressive-profile")!.setAttribute("known", JSON.stringify({ email: "ada@example.com" })));
  await expect(element.getByRole("button", { name: "Submit", exact: true })).toBeVisible();
  await element.getByRole("textbox", { name: "Name" }).fill("Ada");
  await element.getByRole("button", { name: "Submit", exact: true }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ userId: "u_known_later", answers: { name: "Ada" } });
});

test("another user's login through the user attribute does not take in what the page knew of the one before", async ({ page, hostPage, backend }) => {
  const known = JSON.stringify({ email: "a@example.com" }).replaceAll('"', "&quot;");
  const attrs = `config="#pp-config" endpoint="${backend.endpoint}" user="u_known_a" visit="1" locale="en" known="${known}"`;
  await page.goto(await hostPage({ inlineConfig: b2bConfig(), body: `<progressive-profile ${attrs}></progressive-profile>` }));
  const element = page.locator("progressive-profile");
  await expect(element.getByText("1 / 1", { exact: true })).toBeVisible();
  // B logs in on the same computer; what the page knows of B comes later, if at all.
  await page.evaluate(() => document.querySelector("progressive-profile")!.setAttribute("user", "u_known_b"));
  await expect(element.getByText("1 / 2", { exact: true })).toBeVisible();
  await element.getByRole("textbox", { name: "Name" }).fill("Bea");
  await element.getByRole("button", { name: "Next", exact: true }).click();
  await expect(element.getByRole("textbox", { name: "Email address" })).toBeVisible();
});

test("the custom element put in the page first and given its attributes after (a framework's bindings), then a new locale", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await page.goto(await hostPage({ inlineConfig: b2bConfig(), body: `<div id="app"></div>` }));
  await page.evaluate((endpoint) => {
    const element = document.createElement("progressive-profile");
    document.querySelector("#app")!.append(element);
    for (const [name, value] of Object.entries({ config: "#pp-config", endpoint, user: "u_bound", visit: "1", locale: "en" })) element.setAttribute(name, value);
  }, backend.endpoint);
  const element = page.locator("progressive-profile");
  await expect(element.getByRole("textbox", { name: "Name" })).toBeVisible();
  expect(await errorCodes(page)).toEqual([]);
  // The page switches its language: the form follows, in Japanese.
  await page.evaluate(() => document.querySelector("progressive-profile")!.setAttribute("locale", "ja"));
  await expect(element.getByRole("textbox", { name: "お名前" })).toBeVisible();
  await expect(element.getByRole("textbox")).toHaveCount(1);
  await element.getByRole("textbox", { name: "お名前" }).fill("Ada");
  await element.getByRole("button", { name: "次へ", exact: true }).click();
  const [message] = await deliveredCount(backend, 1, page);
  expect(message).toMatchObject({ userId: "u_bound", answers: { name: "Ada" }, locale: "ja" });
});

test("taking the custom element out of the page ends its widget", async ({ page, hostPage, backend }) => {
  const attrs = `config="#pp-config" endpoint="${backend.endpoint}" user="u_el" visit="1" locale="en"`;
  await page.goto(await hostPage({ inlineConfig: b2bConfig(), body: `<progressive-profile ${attrs}></progressive-profile>` }));
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.evaluate(() => {
    const el = document.querySelector("progressive-profile")!;
    (window as unknown as { removed: Element }).removed = el;
    el.remove();
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { removed: Element }).removed.shadowRoot!.childNodes.length)).toBe(0);
});

test("data-target renders inline in that element", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, body: `<aside id="slot"></aside>`, attrs: { "data-target": "#slot" } });
  const name = page.locator("#slot").getByRole("textbox", { name: "Name" });
  await expect(name).toBeVisible();
  expect(await shadow(page, ".pp", ["position"])).toEqual({ position: "relative" });
});

test("a data-target that never shows what is put in it (<head>, a <template>) is refused by name, and the form floats instead", async ({ page, hostPage, backend, consoleErrors }) => {
  await recordEvents(page);
  for (const [target, tag] of [["head", "head"], ["#later", "template"]] as const) {
    await visitHost(page, hostPage, backend, { visit: 1, body: `<template id="later"></template>`, attrs: { "data-target": target }, path: `/t/target-${tag}.html` });
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    expect(await shadow(page, ".pp", ["position"])).toEqual({ position: "fixed" });
    await expect.poll(() => errorCodes(page)).toEqual(["option_invalid"]);
    expect(consoleErrors.at(-1)).toContain(`target ${JSON.stringify(target)} is <${tag}>, an element that does not show what is put in it; it is ignored.`);
  }
});

test("mount() from code with a config object, a target element and a locale", async ({ page, hostPage, backend }) => {
  await page.goto(await hostPage({ body: `<div id="here"></div>` }));
  const config = withEndpoint(b2bConfig(), backend.endpoint);
  const version = await page.evaluate(async (c) => {
    const pp = window.ProgressiveProfile!;
    await pp.mount({ config: c as never, target: document.getElementById("here")!, user: "u_code", visit: 1, locale: "ja" });
    return pp.version;
  }, config);
  expect(version).toMatch(/^\d+\.\d+\.\d+/);
  await page.locator("#here").getByRole("textbox", { name: "お名前" }).fill("山田");
  await page.getByRole("button", { name: "次へ" }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ userId: "u_code", locale: "ja", answers: { name: "山田" } });
});

test("close() hides the form without snoozing it; open() brings it back where it was", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1 });
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@exa");
  await callWidget(page, "close");
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await callWidget(page, "open");
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveValue("ada@exa");
  await expect(page.getByText("2 / 2", { exact: true })).toBeVisible();
  expect(await idsOf(page, "dismiss")).toEqual([]);
  await deliveredCount(backend, 1);
});

test("display.delayMs holds the form back", async ({ page, hostPage, backend }) => {
  // When the card shows, on the page's own clock (ms since navigation): the delay runs from a
  // moment after navigation, so it cannot show before 3,000 ms, however slow the machine (that
  // figure proves the delay; 3 s also leaves the check of nothing shown yet time to come first).
  await page.addInitScript(() =>
    document.addEventListener("progressive-profile:show", () => ((window as unknown as { shownAt: number }).shownAt ??= performance.now())),
  );
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ display: { mode: "floating", delayMs: 3000 } }) });
  await mounted(page);
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible({ timeout: 8000 });
  expect(await page.evaluate(() => (window as unknown as { shownAt: number }).shownAt)).toBeGreaterThanOrEqual(3000);
});

for (const position of ["top-left", "bottom-left", "top-right"] as const) {
  test(`display.position ${position}`, async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ display: { mode: "floating", position } }) });
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    await page.evaluate(() => Promise.all(document.querySelector("progressive-profile-root")!.shadowRoot!.getAnimations().map((a) => a.finished)));
    const box = (await page.getByRole("region").boundingBox())!;
    const viewport = page.viewportSize()!;
    const [vertical, horizontal] = position.split("-");
    expect(Math.round(vertical === "top" ? box.y : viewport.height - box.y - box.height)).toBe(16);
    expect(Math.round(horizontal === "left" ? box.x : viewport.width - box.x - box.width)).toBe(16);
  });
}

test("theme: accent, radius and font reach the card through custom properties", async ({ page, hostPage, backend }) => {
  const theme = { accent: "#b45309", radius: "2px", font: "\"Courier New\", monospace" };
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ theme }) });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  const host = page.locator("progressive-profile-root");
  expect(await host.evaluate((el) => ["--pp-accent", "--pp-radius", "--pp-font"].map((p) => (el as HTMLElement).style.getPropertyValue(p)))).toEqual([
    theme.accent,
    theme.radius,
    theme.font,
  ]);
  expect(await shadow(page, ".b1", ["background-color", "border-top-left-radius"])).toEqual({
    "background-color": "rgb(180, 83, 9)",
    "border-top-left-radius": "1px",
  });
  expect(await shadow(page, ".pp", ["font-family", "border-top-left-radius"])).toEqual({ "font-family": theme.font, "border-top-left-radius": "2px" });
  // The host element has no style of its own beyond the theme's custom properties.
  expect(await host.getAttribute("style")).toMatch(/^(\s*--pp-[a-z]+:[^;]+;)+\s*$/);
});

test("without theme.font the card uses the page's font", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, css: `body { font-family: "Trebuchet MS", sans-serif }` });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  expect(await shadow(page, "input", ["font-family"])).toEqual({ "font-family": '"Trebuchet MS", sans-serif' });
});
