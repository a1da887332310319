// The widget and the host page keep out of each other's way (SPEC §8): a whole flow under the
// strict CSP with Trusted Types and no violation; a hostile stylesheet that cannot break the
// widget; nothing outside the widget's element changes; text from the config or the host is
// text, never markup.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { dumpIndexedDb } from "./idb";
import { EVERY_TYPE } from "./support/configs";
import { answerText, askOnly, b2b, callWidget, deliveredCount, track, visitHost } from "./support/widget";

const shadowStyle = (page: Page, selector: string, props: string[]) =>
  page.evaluate(
    ({ selector, props }) => {
      const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
      const el = root.querySelector(selector);
      if (!el) return null;
      const style = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    },
    { selector, props },
  );

test("strict CSP with Trusted Types: a whole flow, the purchase stage and a modal, with no violation", async ({
  page,
  hostPage,
  backend,
  cspViolations,
  consoleErrors,
}) => {
  const theme = { accent: "#0f766e", radius: "12px", font: "Georgia, serif" };
  await visitHost(page, hostPage, backend, { visit: 1, csp: true, config: b2b({ theme }) });
  await answerText(page, "Name", "Ada Lovelace");
  await answerText(page, "Email address", "ada@example.com", "Submit");
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await track(page, "purchase");
  await expect(page.getByText("3 / 3", { exact: true })).toBeVisible();
  await answerText(page, "Address", "1-2-3 Shibuya", "Submit");
  await deliveredCount(backend, 3);
  // Styled by the adopted sheet and themed through CSSOM, neither of which CSP blocks.
  await visitHost(page, hostPage, backend, { visit: 2, csp: true, config: b2b({ theme, display: { mode: "modal" } }) });
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await shadowStyle(page, ".b1", ["background-color", "font-family"])).toEqual({ "background-color": "rgb(15, 118, 110)", "font-family": "Georgia, serif" });
  expect(await shadowStyle(page, ".pp", ["border-top-left-radius"])).toEqual({ "border-top-left-radius": "12px" });
  await page.getByLabel("Birthday").fill("1990-05-17");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await deliveredCount(backend, 5);
  expect(cspViolations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("strict CSP: every question type renders and answers with no violation", async ({ page, hostPage, backend, cspViolations }) => {
  await visitHost(page, hostPage, backend, { visit: 1, csp: true, config: askOnly(EVERY_TYPE) });
  await expect(page.getByRole("textbox", { name: "Nickname" })).toBeVisible();
  await page.getByRole("textbox", { name: "Nickname" }).fill("Ada");
  // Required ones answered, optional ones skipped: each control is rendered once.
  for (const step of ["Next", "Skip", "Skip", "Skip", "Skip", "Skip", "Skip"]) await page.getByRole("button", { name: step, exact: true }).click();
  await page.getByRole("combobox", { name: "Plan" }).selectOption("free");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("radio", { name: "Yearly" }).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("checkbox", { name: "AI" }).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("checkbox", { name: "Send me the newsletter" }).check();
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await deliveredCount(backend, 5);
  expect(cspViolations).toEqual([]);
});

const HOSTILE_CSS = `
* { all: unset; color: red !important; font-size: 40px !important; line-height: 3 !important; letter-spacing: 4px !important }
button { display: none !important }
input, select, textarea { visibility: hidden !important }
progressive-profile-root { display: none !important; opacity: 0 !important; position: absolute !important; left: -9999px !important }
section, dialog, label, p { display: none !important }
:root { --pp-accent: lime; --pp-radius: 0; --pp-font: cursive; direction: rtl }
head, script, style, title { display: none }
`;

for (const position of ["bottom-right", "top-left"] as const) {
  test(`host CSS on <body> (transform, filter) and a top z-index header neither move nor cover the floating card (${position})`, async ({ page, hostPage, backend }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    // No slide-in: the card is measured where it rests.
    await page.emulateMedia({ reducedMotion: "reduce" });
    const css = `body { transform: translateZ(0); filter: contrast(1); will-change: transform }
main { min-height: 3000px }
#bar { position: fixed; top: 0; left: 0; right: 0; height: 120px; z-index: 2147483647; background: #000 }`;
    await visitHost(page, hostPage, backend, { visit: 1, css, body: `<div id="bar"></div>`, config: b2b({ display: { mode: "floating", position } }) });
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    // In the browser's top layer (the card goes there in the task after its first render).
    await expect.poll(() => page.evaluate(() => document.querySelector("progressive-profile-root")!.shadowRoot!.querySelector(".pp")!.matches(":popover-open"))).toBe(true);
    const where = () =>
      page.evaluate(() => {
        const card = document.querySelector("progressive-profile-root")!.shadowRoot!.querySelector(".pp")!;
        const r = card.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 20, r.top + 20);
        return { top: r.top, bottom: r.bottom, inView: r.top >= 0 && r.bottom <= innerHeight, onTop: hit?.tagName.toLowerCase() };
      });
    const before = await where();
    expect(before).toMatchObject({ inView: true, onTop: "progressive-profile-root" });
    // Fixed to the screen, not to the page: scrolling does not take it away.
    await page.mouse.wheel(0, 1500);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    expect(await where()).toEqual(before);
  });
}

for (const kind of ["dialog", "consent"] as const) {
  test(`a ${kind === "dialog" ? "<dialog> the page opened with showModal()" : "cookie consent (aria-modal, top z-index)"} before the card shows stays usable: the card does not cover its buttons`, async ({ page, hostPage, backend }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    // A bottom sheet across the phone's width, under the corner where the card shows.
    const sheet =
      kind === "dialog"
        ? `<dialog id="sheet" style="position:fixed;inset:auto 0 0 0;margin:0;width:100%;max-width:none;height:200px"><button id="ok" style="position:absolute;right:8px;bottom:8px">OK</button></dialog>
<script>document.getElementById("sheet").showModal()</script>`
        : `<div id="sheet" role="dialog" aria-modal="true" aria-label="Cookies" style="position:fixed;left:0;right:0;bottom:0;height:200px;z-index:2147483647;background:#eee"><button id="ok" style="position:absolute;right:8px;bottom:8px">OK</button></div>`;
    await visitHost(page, hostPage, backend, { visit: 1, body: sheet, config: b2b({ display: { mode: "floating", position: "bottom-right", delayMs: 300 } }) });
    await expect(page.getByRole("textbox", { name: "Name", includeHidden: true })).toBeAttached();
    // Past the task in which the card would go into the top layer.
    await page.waitForTimeout(300);
    // A person's click on the page's OK lands there (Playwright refuses a click another element would take).
    await page.locator("#ok").click({ timeout: 2_000 });
    expect(await page.evaluate(() => document.querySelector("progressive-profile-root")!.shadowRoot!.querySelector(".pp")!.matches(":popover-open"))).toBe(false);
  });
}

test("a hostile host stylesheet does not change the widget", async ({ page, hostPage, backend }, testInfo) => {
  await visitHost(page, hostPage, backend, { visit: 1, css: HOSTILE_CSS });
  const name = page.getByRole("textbox", { name: "Name" });
  await expect(name).toBeVisible();
  await expect(page.getByRole("button", { name: "Next", exact: true })).toBeVisible();
  expect(await shadowStyle(page, ".pp", ["font-size", "color", "position", "right", "bottom", "letter-spacing", "direction"])).toEqual({
    "font-size": "16px",
    color: "rgb(17, 24, 39)",
    position: "fixed",
    right: "16px",
    bottom: "16px",
    "letter-spacing": "normal",
    direction: "ltr",
  });
  expect(await shadowStyle(page, ".b1", ["display", "background-color", "color"])).toEqual({
    display: "block",
    "background-color": "rgb(79, 70, 229)",
    // White, as the default accent's lightness asks (styles.css picks black or white).
    color: "lch(100 0 0)",
  });
  expect(await shadowStyle(page, "input", ["visibility", "font-size"])).toEqual({ visibility: "visible", "font-size": "16px" });
  // The page's own --pp-* variables stay out; the font is the page's, as theme.font "inherit" says.
  const pageFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(await shadowStyle(page, ".pp", ["font-family", "border-top-left-radius"])).toEqual({ "font-family": pageFont, "border-top-left-radius": "8px" });
  // The card sits in the bottom-right corner of the viewport, its usual size (once it slid in).
  await page.evaluate(() => Promise.all(document.querySelector("progressive-profile-root")!.shadowRoot!.getAnimations().map((a) => a.finished)));
  const box = (await page.getByRole("region").boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.round(box.x + box.width)).toBe(viewport.width - 16);
  expect(Math.round(box.y + box.height)).toBe(viewport.height - 16);
  expect(box.width).toBe(360);
  await page.screenshot({ path: testInfo.outputPath("hostile-css.png") });

  await answerText(page, "Name", "Ada");
  await answerText(page, "Email address", "ada@example.com", "Submit");
  await deliveredCount(backend, 2);
});

test("an inline form inside host text decorated with a line (a promo block, a struck-out price) is drawn without it", async ({ page, hostPage, backend }) => {
  // Decorations are drawn across an ancestor's in-flow descendants, Shadow DOM or not; the
  // inline form is an atomic box, which they do not reach. Compared pixel for pixel with the
  // same form once the page drops the decoration.
  const css = ".promo { text-decoration: line-through red 3px }";
  await visitHost(page, hostPage, backend, { visit: 1, css, body: `<div class="promo">Was ¥9,800 <div id="slot"></div></div>`, attrs: { "data-target": "#slot" } });
  const form = page.getByRole("region");
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  const shot = () => form.screenshot({ animations: "disabled", caret: "hide" });
  const decorated = await shot();
  await page.evaluate(() => document.querySelector(".promo")!.classList.remove("promo"));
  expect(await differingPixels(page, decorated, await shot())).toBe(0);
});

/** How many colour values of two same-sized PNG screenshots differ visibly (decoded by the browser, in a blank page). */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(async (images) => {
      const [x, y] = await Promise.all(
        images.map(async (base64) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext("2d")!;
          context.drawImage(bitmap, 0, 0);
          return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        }),
      );
      if (x!.length !== y!.length) return Infinity;
      // Anti-aliasing of the rounded corners may differ by a shade between two draws.
      let differing = 0;
      for (let i = 0; i < x!.length; i++) if (Math.abs(x![i]! - y![i]!) > 32) differing++;
      return differing;
    }, [a.toString("base64"), b.toString("base64")]);
  } finally {
    await blank.close();
  }
}

test("the card's text follows the person's default font size (a browser setting), not the page's", async ({ page, hostPage, backend }) => {
  // As Settings → Appearance → Font size "Very large" does.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Page.setFontSizes", { fontSizes: { standard: 24 } });
  await visitHost(page, hostPage, backend, { visit: 1, css: "html{font-size:10px}body{font-size:12px}" });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  expect(await shadowStyle(page, "input", ["font-size"])).toEqual({ "font-size": "24px" });
  expect(await shadowStyle(page, ".pg", ["font-size"])).toEqual({ "font-size": "19.5px" });
});

test("on a dark page (color-scheme light dark, a dark-mode browser) the card's controls are drawn for its light background", async ({ page, hostPage, backend }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const options = [{ value: "a", label: "A" }, { value: "b", label: "B" }];
  const config = askOnly({ topics: { type: "multiselect", label: "Topics", options }, size: { type: "radio", label: "Size", options } });
  await visitHost(page, hostPage, backend, { visit: 1, config, body: '<meta name="color-scheme" content="light dark">' });
  await expect(page.getByRole("checkbox", { name: "A" })).toBeVisible();
  // Without it they follow the page into dark mode: dark filled boxes on the white card, which
  // read as ticked or disabled.
  expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(true);
  expect(await shadowStyle(page, "input[type=checkbox]", ["color-scheme"])).toEqual({ "color-scheme": "light" });
  // The whole card, so a date's picker icon, a select's arrow and the scrollbars too.
  expect(await shadowStyle(page, ".pp", ["color-scheme"])).toEqual({ "color-scheme": "light" });
  await page.getByRole("button", { name: "Skip", exact: true }).click();
  await expect(page.getByRole("radio", { name: "A" })).toBeVisible();
  expect(await shadowStyle(page, "input[type=radio]", ["color-scheme"])).toEqual({ "color-scheme": "light" });
});

test("the widget changes nothing outside its own element", async ({ page, hostPage, backend }) => {
  // Watches the page from before any of its scripts run: the globals it gets, and from the
  // end of parsing every DOM change outside our element and the document's own sheets.
  await page.addInitScript(() => {
    const watch = { mutations: [] as string[], globals: Object.keys(window), snapshot: "" };
    (window as unknown as { __hostWatch: typeof watch }).__hostWatch = watch;
    const ours = (node: Node) => node instanceof Element && node.closest("progressive-profile-root") !== null;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (ours(r.target)) continue;
        const added = [...r.addedNodes, ...r.removedNodes].filter((n) => !(n instanceof Element && n.tagName === "PROGRESSIVE-PROFILE-ROOT"));
        if (r.type === "childList" && added.length === 0) continue;
        watch.mutations.push(`${r.type} ${(r.target as Element).tagName ?? r.target.nodeName} ${r.attributeName ?? ""} ${added.map((n) => n.nodeName).join(",")}`);
      }
    });
    // Once the page is parsed (the widget mounts after this listener, registered first, ran).
    document.addEventListener(
      "DOMContentLoaded",
      () => {
        watch.snapshot = document.documentElement.outerHTML;
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      },
      { once: true },
    );
  });
  const hostState = () =>
    page.evaluate(() => {
      const w = (window as unknown as { __hostWatch: { mutations: string[]; globals: string[]; snapshot: string } }).__hostWatch;
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelectorAll("progressive-profile-root").forEach((el) => el.remove());
      const body = getComputedStyle(document.body);
      return {
        mutations: w.mutations,
        newGlobals: Object.keys(window).filter((k) => !w.globals.includes(k) && k !== "__hostWatch"),
        sameHtml: clone.outerHTML === w.snapshot,
        documentSheets: document.adoptedStyleSheets.length + document.styleSheets.length,
        bodyStyle: [document.body.getAttribute("style"), document.documentElement.getAttribute("style"), body.overflow, body.position, body.paddingRight],
      };
    });
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ display: { mode: "modal" } }) });
  await answerText(page, "Name", "Ada");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByText("This field is required.")).toBeVisible();
  const during = await hostState();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await callWidget(page, "destroy");
  const after = await hostState();
  for (const state of [during, after]) {
    expect(state).toEqual({
      mutations: [],
      newGlobals: ["ProgressiveProfile"],
      sameHtml: true,
      documentSheets: 0,
      bodyStyle: [null, null, "visible", "static", "0px"],
    });
  }
  await expect(page.locator("progressive-profile-root")).toHaveCount(0);
});

const XSS = `<img src=x onerror="window.__xss=1">`;

test("markup in labels, help, options, title, strings and data-known shows as text and never runs", async ({ page, hostPage, backend }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const config = askOnly(
    {
      q1: { type: "text", label: `Name ${XSS}`, help: `Help ${XSS}`, placeholder: `Placeholder ${XSS}` },
      q2: { type: "radio", label: "Pick", options: [{ value: "a", label: `Option ${XSS}` }] },
    },
    { title: `Title ${XSS}`, strings: { en: { next: `Next ${XSS}`, notNow: `<b>Later</b>` } } },
  );
  await visitHost(page, hostPage, backend, { visit: 1, config, attrs: { "data-known": JSON.stringify({ other: XSS }) } });
  await expect(page.getByRole("heading", { name: `Title ${XSS}` })).toBeVisible();
  const field = page.getByRole("textbox", { name: `Name ${XSS}` });
  await expect(field).toBeVisible();
  await expect(field).toHaveAccessibleDescription(`Help ${XSS}`);
  await expect(field).toHaveAttribute("placeholder", `Placeholder ${XSS}`);
  await expect(page.getByRole("button", { name: "<b>Later</b>" })).toBeVisible();
  // An answer that looks like markup is a draft like any other, restored as text.
  await field.fill(XSS);
  await expect.poll(async () => JSON.stringify(await dumpIndexedDb(page))).toContain("__xss");
  await page.reload();
  await expect(field).toHaveValue(XSS);
  await page.getByRole("button", { name: `Next ${XSS}` }).click();
  await expect(page.getByRole("radio", { name: `Option ${XSS}` })).toBeVisible();

  const counts = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    images: document.querySelector("progressive-profile-root")!.shadowRoot!.querySelectorAll("img, b").length,
  }));
  expect(counts).toEqual({ xss: null, images: 0 });
  expect(requests.filter((url) => new URL(url).pathname.endsWith("/x"))).toEqual([]);
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: { q1: XSS } });
});

test.describe("with reduced motion", () => {
  test.use({ reducedMotion: "reduce" });

  test("prefers-reduced-motion: the card appears without sliding in", async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1 });
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    expect(await shadowStyle(page, ".pp", ["animation-name"])).toEqual({ "animation-name": "none" });
  });
});
