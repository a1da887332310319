// The widget with a keyboard only (SPEC §5, §9): Enter advances, never while an input method
// is composing; focus follows the steps; a modal is a real modal dialog that takes focus; a
// floating card or inline form never traps it.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { askOnly, b2b, callWidget, cardLifted, deliveredCount, idsOf, recordEvents, recordedEvents, visitHost } from "./support/widget";

const progress = (page: Page, text: string) => page.getByText(text, { exact: true });

/** Presses Tab until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, key = "Tab", max = 12): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    if (await isTarget()) return presses;
  }
  throw new Error(`focus never reached the target with ${max} × ${key}`);
}

const focusedIs = (page: Page, name: string) => () =>
  page.evaluate((n) => {
    // Focus inside a shadow root shows on document as the host; follow it down.
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const text = el?.getAttribute("aria-label") ?? el?.textContent ?? "";
    return el !== null && (el.id === n || text.trim() === n || (el as HTMLInputElement).labels?.[0]?.textContent?.startsWith(n) === true);
  }, name);

test("visit 1 by keyboard alone: Tab into the card, type, Enter, type, Enter", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  const name = page.getByRole("textbox", { name: "Name" });
  await expect(name).toBeVisible();
  // A floating card does not steal focus from the page on load (nor once it is lifted).
  await cardLifted(page);
  await expect(name).not.toBeFocused();
  await tabTo(page, focusedIs(page, "Name"));
  await page.keyboard.type("Ada Lovelace");
  await page.keyboard.press("Enter");
  // Focus moves to the new step's field.
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeFocused();
  await page.keyboard.type("ada@example.com");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada Lovelace" }, { email: "ada@example.com" }]);
});

test("selects by keyboard: arrow keys choose, Enter advances; Back by keyboard puts focus on the field", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ stages: [{ when: { visit: 1 }, ask: ["company", "employees", "industry"] }] }) });
  const company = page.getByRole("textbox", { name: "Company" });
  await company.focus();
  await page.keyboard.type("Analytical Engines");
  await page.keyboard.press("Enter");
  const employees = page.getByRole("combobox", { name: "Number of employees" });
  await expect(employees).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(employees).toHaveValue("30-99");
  await page.keyboard.press("Enter");
  const industry = page.getByRole("combobox", { name: "Industry" });
  await expect(industry).toBeFocused();
  await tabTo(page, focusedIs(page, "Back"));
  await page.keyboard.press("Enter");
  await expect(employees).toBeFocused();
  await expect(employees).toHaveValue("30-99");
  await page.keyboard.press("Enter");
  await expect(industry).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  // Back to an answer and on again without changing it does not send it a second time.
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => m.answers)).toEqual([{ company: "Analytical Engines" }, { employees: "30-99" }, { industry: "software" }]);
});

for (const leave of ["the last answer", "Not now", "Escape", "the page's destroy()"] as const) {
  test(`when the floating card goes (${leave}) with focus in it, focus returns to where it came from`, async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1 });
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    await page.locator("#host-button").focus();
    await tabTo(page, focusedIs(page, "Name"));
    await page.keyboard.type("Ada Lovelace");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Email address" })).toBeFocused();
    if (leave === "the last answer") {
      await page.keyboard.type("ada@example.com");
      await page.keyboard.press("Enter");
    } else if (leave === "Escape") {
      await page.keyboard.press("Escape");
    } else if (leave === "the page's destroy()") {
      await callWidget(page, "destroy");
    } else {
      await tabTo(page, focusedIs(page, "Not now"), "Shift+Tab");
      await page.keyboard.press("Enter");
    }
    await expect(page.getByRole("textbox")).toHaveCount(0);
    // Not lost to <body>: a keyboard user carries on from the page's button.
    await expect(page.locator("#host-button")).toBeFocused();
  });
}

test("'Not now' and Skip work from the keyboard", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly({ city: { type: "text", label: "City" }, pet: { type: "text", label: "Pet" } }) });
  await page.getByRole("textbox", { name: "City" }).focus();
  await tabTo(page, focusedIs(page, "Skip"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Pet" })).toBeFocused();
  await tabTo(page, focusedIs(page, "Not now"), "Shift+Tab");
  await page.keyboard.press("Space");
  await expect(page.getByRole("textbox")).toHaveCount(0);
  // (The dismissal's own delivery comes whenever the backend answers.)
  const steps = async () => (await recordedEvents(page)).filter((e) => e.type !== "delivered").map((e) => [e.type, e.detail.questionIds]);
  await expect.poll(steps).toEqual([
    ["show", ["city", "pet"]],
    ["skip", ["city"]],
    ["step", ["pet"]],
    ["dismiss", ["pet"]],
  ]);
});

test("Enter while an input method is composing does not advance; Enter after compositionend does", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, locale: "ja", config: b2b() });
  const name = page.getByRole("textbox", { name: "お名前" });
  await name.fill("山田");
  await name.focus();
  type Fired = { type: "compositionstart" | "compositionend" | "keydown"; init: { key?: string; code?: string; isComposing?: boolean } };
  const fire = (type: Fired["type"], init: Fired["init"] = {}) =>
    name.evaluate((el: Element, f: Fired) => {
      const base = { bubbles: true, composed: true, cancelable: true };
      el.dispatchEvent(f.type === "keydown" ? new KeyboardEvent(f.type, { ...f.init, ...base }) : new CompositionEvent(f.type, { ...base, data: "太郎" }));
    }, { type, init });
  await fire("compositionstart");
  // The Enter that confirms a conversion: isComposing is set.
  await fire("keydown", { key: "Enter", code: "Enter", isComposing: true });
  // Some browsers send the confirming Enter without isComposing, before compositionend.
  await fire("keydown", { key: "Enter", code: "Enter" });
  await expect(progress(page, "1 / 2")).toBeVisible();
  await fire("compositionend");
  // Escape that cancels a conversion does not close the card either.
  await fire("compositionstart");
  await fire("keydown", { key: "Escape", code: "Escape", isComposing: true });
  await fire("compositionend");
  await expect(name).toBeVisible();
  await expect(progress(page, "1 / 2")).toBeVisible();
  expect(await backend.log()).toEqual([]);

  await page.keyboard.press("Enter");
  await expect(progress(page, "2 / 2")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "メールアドレス" })).toBeFocused();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: { name: "山田" }, locale: "ja" });
});

test("Enter advances from a textarea too (SPEC §5); Shift+Enter makes a new line", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly({ address: { type: "textarea", label: "Address" }, x: { type: "text", label: "Next one" } }) });
  const address = page.getByRole("textbox", { name: "Address" });
  await address.focus();
  await page.keyboard.type("1 Main St");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("Springfield");
  await expect(address).toHaveValue("1 Main St\nSpringfield");
  await expect(progress(page, "1 / 2")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Next one" })).toBeFocused();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: { address: "1 Main St\nSpringfield" } });
});

test("Escape closes a floating card that has not been used yet (focus still on the page), as 'Not now'", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1 });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);
});

test("Escape on a page control the floating card covers closes the card, as 'Not now'; on one it leaves in sight it is the page's (WCAG 2.4.11)", async ({ page, hostPage, backend }) => {
  await page.setViewportSize({ width: 320, height: 568 });
  await recordEvents(page);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const body =
    '<button id="in-sight">In sight</button>' +
    '<button id="partly" style="position:fixed;left:0;right:0;bottom:40px">Partly under the card</button>' +
    '<button id="under" style="position:fixed;right:24px;bottom:24px">Under the card</button>';
  await visitHost(page, hostPage, backend, { visit: 1, body });
  const name = page.getByRole("textbox", { name: "Name" });
  await expect(name).toBeVisible();
  for (const inSight of ["#in-sight", "#partly"]) {
    await page.locator(inSight).focus();
    await page.keyboard.press("Escape");
    await expect(name).toBeVisible();
  }
  // A page's "close everything" Escape sent to the document itself is the page's, and throws nothing.
  await page.evaluate(() => document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
  await expect(name).toBeVisible();
  expect(pageErrors).toEqual([]);
  // Tabbed to, a control under the card has focus but cannot be seen: Escape takes the card away.
  await page.locator("#under").focus();
  await page.keyboard.press("Escape");
  await expect(name).toHaveCount(0);
  await expect(page.locator("#under")).toBeFocused();
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);
});

test("modal: a modal dialog that takes focus, keeps Tab inside, and Escape is 'Not now'", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ display: { mode: "modal" } }) });
  const dialog = page.getByRole("dialog", { name: "Help us tailor your experience" });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((el) => el.matches(":modal") || el.getAttribute("aria-modal") === "true")).toBe(true);
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  // The page behind is inert: Tab and Shift+Tab go round the dialog (and the browser's own
  // controls, as native modal dialogs do) but never reach the page.
  const seen = new Set<string>();
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(key);
      seen.add(await page.evaluate(() => (document.hasFocus() ? (document.activeElement?.tagName.toLowerCase() ?? "none") : "browser")));
    }
  }
  seen.delete("browser");
  expect([...seen]).toEqual(["progressive-profile-root"]);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);
  // The page works again.
  await page.getByRole("button", { name: "Host button" }).focus();
  await expect(page.getByRole("button", { name: "Host button" })).toBeFocused();
});

test("modal: the page's destroy() while the dialog is open gives focus back to where it came from", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b({ display: { mode: "modal", delayMs: 400 } }) });
  await page.getByRole("button", { name: "Host button" }).focus();
  const dialog = page.getByRole("dialog", { name: "Help us tailor your experience" });
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  await callWidget(page, "destroy");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Host button" })).toBeFocused();
});

test("a floating card never traps focus: Tab and Shift+Tab leave it for the page", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  const name = page.getByRole("textbox", { name: "Name" });
  await name.focus();
  await tabTo(page, focusedIs(page, "host-button"), "Shift+Tab", 4);
  await name.focus();
  // Past the card's last button focus leaves the page and comes round to the host's first.
  await tabTo(page, focusedIs(page, "host-button"), "Tab", 8);
});

test("an inline form never traps focus: Tab goes on to the page's next element", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, {
    visit: 1,
    body: `<div id="slot"></div><a id="after" href="#after">After the form</a>`,
    attrs: { "data-target": "#slot" },
  });
  await page.locator("#slot").getByRole("textbox", { name: "Name" }).focus();
  await tabTo(page, focusedIs(page, "after"), "Tab", 4);
});

test("Escape in an inline form is the page's (a drawer of its own may close on it); the form stays, and other keys stop at its edge", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, body: `<div id="slot"></div>`, attrs: { "data-target": "#slot" } });
  await page.evaluate(() => {
    const w = window as unknown as { __pageKeys: string[] };
    w.__pageKeys = [];
    document.addEventListener("keydown", (e) => w.__pageKeys.push(e.key));
  });
  const name = page.locator("#slot").getByRole("textbox", { name: "Name" });
  await name.focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("a");
  await expect(name).toBeVisible();
  await expect(name).toHaveValue("a");
  expect(await page.evaluate(() => (window as unknown as { __pageKeys: string[] }).__pageKeys)).toEqual(["Escape"]);
});

for (const when of ["not shown yet", "already on screen"] as const) {
  test(`the host's open() from its own button takes focus to the card's field (floating card ${when})`, async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, {
      visit: 1,
      config: b2b({ display: { mode: "floating", delayMs: when === "not shown yet" ? 60_000 : 0 } }),
      body: `<button id="complete" onclick="ProgressiveProfile.ready.then((w) => w.open())">Complete your profile</button>`,
    });
    const name = page.getByRole("textbox", { name: "Name" });
    if (when === "already on screen") {
      await expect(name).toBeVisible();
      await cardLifted(page);
      await expect(name).not.toBeFocused();
    } else await expect(name).toHaveCount(0);
    await page.getByRole("button", { name: "Complete your profile" }).click();
    await expect(name).toBeFocused();
    await page.keyboard.type("Ada Lovelace");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Email address" })).toBeFocused();
  });
}
