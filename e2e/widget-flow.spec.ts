// The stepper as an end user meets it across visits (SPEC §1, §5): the B2B flow at visits 1–3,
// the purchase event, Skip / required / "Not now" with its snooze, Back, Escape and double
// clicks. A reload, a failing device and two tabs: widget-resume.spec.ts.
import { test, expect } from "./fixtures";
import { answerText, callWidget, deliveredCount, eventTypes, idsOf, recordEvents, settled, track, visitHost, widgetContent } from "./support/widget";

const progress = (page: import("@playwright/test").Page, text: string) => page.getByText(text, { exact: true });
const button = (page: import("@playwright/test").Page, name: string) => page.getByRole("button", { name, exact: true });

test("the B2B flow over visits 1, 2 and 3 asks each stage once and delivers every answer", async ({ page, hostPage, backend, consoleErrors }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await expect(page.getByRole("heading", { name: "Help us tailor your experience" })).toBeVisible();
  await expect(progress(page, "1 / 2")).toBeVisible();
  await answerText(page, "Name", "Ada Lovelace");
  await expect(progress(page, "2 / 2")).toBeVisible();
  await answerText(page, "Email address", "ada@example.com", "Submit");
  await expect(page.getByRole("region")).toHaveCount(0);

  await visitHost(page, hostPage, backend, { visit: 2 });
  await expect(progress(page, "1 / 3")).toBeVisible();
  await answerText(page, "Address", "1-2-3 Shibuya, Tokyo");
  await answerText(page, "Birthday", "1990-05-17");
  await expect(progress(page, "3 / 3")).toBeVisible();
  await answerText(page, "Phone number", "+81 3-1234-5678", "Submit");
  await expect(page.getByLabel("Phone number")).toHaveCount(0);

  await visitHost(page, hostPage, backend, { visit: 3 });
  // Industry waits on the company's answer, which comes first: the visit counts three steps.
  await expect(progress(page, "1 / 3")).toBeVisible();
  await answerText(page, "Company", "Analytical Engines Ltd");
  await expect(progress(page, "2 / 3")).toBeVisible();
  await page.getByRole("combobox", { name: "Number of employees" }).selectOption("30-99");
  await button(page, "Next").click();
  await page.getByRole("combobox", { name: "Industry" }).selectOption("software");
  await button(page, "Submit").click();
  await expect(page.getByRole("combobox")).toHaveCount(0);

  const delivered = await deliveredCount(backend, 8);
  expect(delivered.map((m) => [m.visit, m.answers])).toEqual([
    [1, { name: "Ada Lovelace" }],
    [1, { email: "ada@example.com" }],
    [2, { address: "1-2-3 Shibuya, Tokyo" }],
    [2, { birthday: "1990-05-17" }],
    [2, { phone: "+81 3-1234-5678" }],
    [3, { company: "Analytical Engines Ltd" }],
    [3, { employees: "30-99" }],
    [3, { industry: "software" }],
  ]);
  expect(delivered.every((m) => m.userId === "u_widget" && Array.isArray(m.skipped) && (m.skipped as unknown[]).length === 0)).toBe(true);

  // Everything is answered: a fourth visit shows nothing at all.
  await visitHost(page, hostPage, backend, { visit: 4 });
  await settled(page);
  await expect(widgetContent(page)).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test("visit 3 counts industry, which waits on the company: skipping the company drops it, 'Not now' snoozes it too", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  const known = { name: "Ada", email: "ada@example.com", address: "Tokyo", birthday: "1990-05-17", phone: "+81 3" };
  const attrs = { "data-known": JSON.stringify(known) };
  await visitHost(page, hostPage, backend, { visit: 3, attrs });
  await expect(progress(page, "1 / 3")).toBeVisible();
  expect(await idsOf(page, "show")).toEqual([["company", "employees", "industry"]]);
  await button(page, "Skip").click();
  // No company, so no industry: the visit is one step shorter.
  await expect(page.getByRole("combobox", { name: "Number of employees" })).toBeVisible();
  await expect(progress(page, "2 / 2")).toBeVisible();
  await page.getByRole("combobox", { name: "Number of employees" }).selectOption("30-99");
  await button(page, "Submit").click();
  await expect(page.getByRole("combobox")).toHaveCount(0);
  const delivered = await deliveredCount(backend, 1);
  expect(delivered[0]).toMatchObject({ visit: 3, answers: { employees: "30-99" }, skipped: ["company"] });

  // Another person at visit 3 puts the form away on its first step: all three are snoozed.
  await visitHost(page, hostPage, backend, { visit: 3, attrs, user: "u_other" });
  await expect(progress(page, "1 / 3")).toBeVisible();
  await button(page, "Not now").click();
  const both = await deliveredCount(backend, 2);
  expect(both[1]).toMatchObject({ userId: "u_other", answers: {}, skipped: ["company", "employees", "industry"] });
});

test("track('purchase') after the visit-1 questions opens the address stage at once", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1 });
  await answerText(page, "Name", "Ada Lovelace");
  await answerText(page, "Email address", "ada@example.com", "Submit");
  await expect(page.getByLabel("Email address")).toHaveCount(0);

  await track(page, "purchase");
  // The visit's budget is 3 and two were answered: the address is the one more question.
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await expect(progress(page, "3 / 3")).toBeVisible();
  await answerText(page, "Address", "221B Baker Street", "Submit");
  const delivered = await deliveredCount(backend, 3);
  expect(delivered[2]).toMatchObject({ visit: 1, answers: { address: "221B Baker Street" } });
  expect(await eventTypes(page)).toEqual(expect.arrayContaining(["show", "complete"]));
  expect((await eventTypes(page)).filter((t) => t === "show")).toHaveLength(2);
});

test("track('purchase') while the last answer is still being saved opens the address, not the answered step", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await answerText(page, "Name", "Ada Lovelace");
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  // The host tracks the purchase in the same task as the person's Submit (e.g. one click
  // handler on the page does both).
  await page.evaluate(async () => {
    const widget = (await window.ProgressiveProfile!.ready)!;
    const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Submit")!.click();
    await widget.track("purchase");
  });
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await expect(progress(page, "3 / 3")).toBeVisible();
  await answerText(page, "Address", "221B Baker Street", "Submit");
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada Lovelace" }, { email: "ada@example.com" }, { address: "221B Baker Street" }]);
});

test("track('purchase') while the person is typing adds the new questions to the card on screen: the text and the focus stay", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1 });
  const name = page.getByRole("textbox", { name: "Name" });
  await name.click();
  await page.keyboard.type("Ada");
  await expect(progress(page, "1 / 2")).toBeVisible();
  await track(page, "purchase");
  // The plan grew (maxQuestionsPerVisit 3: name, email, address); the step on screen did not move.
  await expect(progress(page, "1 / 3")).toBeVisible();
  await expect(name).toBeFocused();
  await page.keyboard.type(" Lovelace");
  await expect(name).toHaveValue("Ada Lovelace");
  expect(await idsOf(page, "show")).toEqual([["name", "email"]]);
  await page.keyboard.press("Enter");
  await answerText(page, "Email address", "ada@example.com");
  // (A label match is by substring: "Address" would also find "Email address" while it saves.)
  await expect(page.getByRole("textbox", { name: "Address", exact: true })).toBeVisible();
  await answerText(page, "Address", "221B Baker Street", "Submit");
  const delivered = await deliveredCount(backend, 3);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada Lovelace" }, { email: "ada@example.com" }, { address: "221B Baker Street" }]);
});

test("a required question offers no Skip and Next with it empty shows why", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  const name = page.getByRole("textbox", { name: "Name" });
  await expect(name).toBeVisible();
  await expect(button(page, "Skip")).toHaveCount(0);
  await button(page, "Next").click();
  await expect(page.getByText("This field is required.")).toBeVisible();
  await expect(progress(page, "1 / 2")).toBeVisible();
  await expect(name).toBeFocused();
  // Typing takes the message away; the answer goes through.
  await name.fill("Ada");
  await expect(page.getByText("This field is required.")).toHaveCount(0);
  await button(page, "Next").click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(button(page, "Skip")).toHaveCount(0);
});

test("Skip on an optional question moves on and the skip travels with the next answer", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  const known = JSON.stringify({ name: "Ada", email: "ada@example.com" });
  await visitHost(page, hostPage, backend, { visit: 2, attrs: { "data-known": known } });
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await button(page, "Skip").click();
  await expect(page.getByLabel("Birthday")).toBeFocused();
  await expect(progress(page, "2 / 3")).toBeVisible();
  await answerText(page, "Birthday", "1985-01-02");
  await button(page, "Skip").click();
  // The last step skipped: a message with no answers carries that skip.
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => [m.answers, m.skipped])).toEqual([
    [{ birthday: "1985-01-02" }, ["address"]],
    [{}, ["phone"]],
  ]);
  await expect.poll(() => idsOf(page, "skip")).toEqual([["address"], ["phone"]]);
});

test("Back shows the previous answer, and changing it sends the new value", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await answerText(page, "Name", "Ada");
  await button(page, "Back").click();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Ada");
  await expect(progress(page, "1 / 2")).toBeVisible();
  await expect(button(page, "Back")).toHaveCount(0);
  await answerText(page, "Name", "Ada Lovelace");
  await expect(progress(page, "2 / 2")).toBeVisible();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }, { name: "Ada Lovelace" }]);
});

test("'Not now' snoozes what remains: not asked next visit, asked again the visit after", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  const attrs = { "data-known": JSON.stringify({ name: "Ada", email: "ada@example.com" }) };
  await visitHost(page, hostPage, backend, { visit: 2, attrs });
  await answerText(page, "Address", "1-2-3 Shibuya");
  await expect(page.getByLabel("Birthday")).toBeVisible();
  await button(page, "Not now").click();
  await expect(page.getByLabel("Birthday")).toHaveCount(0);

  const delivered = await deliveredCount(backend, 2);
  expect(delivered[1]).toMatchObject({ visit: 2, answers: {}, skipped: ["birthday", "phone"] });
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["birthday", "phone"]]);

  // The same visit again (a reload): the form stays away.
  await page.reload();
  await settled(page);
  await expect(widgetContent(page)).toHaveCount(0);

  // Visit 3: the snoozed questions wait; the visit-3 stage is asked.
  await visitHost(page, hostPage, backend, { visit: 3, attrs });
  await expect(page.getByRole("textbox", { name: "Company" })).toBeVisible();
  await expect(page.getByLabel("Birthday")).toHaveCount(0);
  await expect(progress(page, "1 / 3")).toBeVisible();

  // Visit 4: asked again, first in stage order.
  await visitHost(page, hostPage, backend, { visit: 4, attrs });
  await expect(page.getByLabel("Birthday")).toBeVisible();
  await expect(progress(page, "1 / 3")).toBeVisible();
  await button(page, "Next").click();
  await expect(page.getByRole("textbox", { name: "Phone number" })).toBeVisible();
});

test("open() after 'Not now' brings back what was put away, at once or after the dismissal is stored", async ({ page, hostPage, backend }) => {
  const attrs = { "data-known": JSON.stringify({ name: "Ada", email: "ada@example.com" }) };
  const open = () => callWidget(page, "open");
  await visitHost(page, hostPage, backend, { visit: 2, attrs });
  await answerText(page, "Address", "1-2-3 Shibuya");
  // At once: the open() call races the dismissal's write and must not depend on who wins.
  await button(page, "Not now").click();
  await open();
  await expect(page.getByLabel("Birthday")).toBeVisible();
  await expect(progress(page, "2 / 3")).toBeVisible();

  // Dismissed again, and this time stored (the message is delivered) before a reload.
  await button(page, "Not now").click();
  await deliveredCount(backend, 3);
  await page.reload();
  await settled(page);
  await expect(widgetContent(page)).toHaveCount(0);
  await open();
  await expect(page.getByLabel("Birthday")).toBeVisible();
  await page.getByLabel("Birthday").fill("1990-01-02");
  await button(page, "Next").click();
  const delivered = await deliveredCount(backend, 4);
  expect(delivered[3]).toMatchObject({ visit: 2, answers: { birthday: "1990-01-02" }, skipped: [] });
});

test("the close button is 'Not now' too: everything on screen and after it is snoozed", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1 });
  await button(page, "Close").click();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: {}, skipped: ["name", "email"] });
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);
});

test("Escape closes a floating card, as 'Not now'", async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { visit: 1 });
  await page.getByRole("textbox", { name: "Name" }).fill("Ad");
  await page.getByRole("textbox", { name: "Name" }).press("Escape");
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveCount(0);
  await expect.poll(() => idsOf(page, "dismiss")).toEqual([["name", "email"]]);
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ answers: {}, skipped: ["name", "email"] });
});

test("Escape in an inline form does nothing", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, body: `<div id="slot"></div>`, attrs: { "data-target": "#slot" } });
  const name = page.locator("#slot").getByRole("textbox", { name: "Name" });
  await name.press("Escape");
  await expect(name).toBeVisible();
  await expect(button(page, "Close")).toHaveCount(0);
  await expect(button(page, "Not now")).toBeVisible();
});

test("a double click on Next sends the answer once and does not skip the next step", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await button(page, "Next").dblclick();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect(progress(page, "2 / 2")).toBeVisible();
  await expect(page.getByText("This field is required.")).toHaveCount(0);
  const delivered = await deliveredCount(backend, 1, page);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }]);
});

test("the second click of a double click, landing after the step moved on, does not press the next step's button", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  const box = (await button(page, "Next").boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.click(x, y);
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  // A person's double click: the second press (click count 2) comes a moment later, on the same spot.
  await page.mouse.move(x, y);
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
  await page.waitForTimeout(200);
  await expect(page.getByText("This field is required.")).toHaveCount(0);
  await expect(progress(page, "2 / 2")).toBeVisible();
  const delivered = await deliveredCount(backend, 1, page);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }]);
});
