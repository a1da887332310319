// axe-core (WCAG 2.x / 2.2 A and AA) in every state of the widget (SPEC §9): each step of the
// B2B flow, an error shown, each question type, each display mode, English and Japanese.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { EVERY_TYPE } from "./support/configs";
import { answerText, askOnly, b2b, deliveredCount, visitHost } from "./support/widget";

const next = (page: Page, name = "Next") => page.getByRole("button", { name, exact: true }).click();

for (const locale of ["en", "ja"] as const) {
  const t = locale === "en" ? { name: "Name", email: "Email address", next: "Next" } : { name: "お名前", email: "メールアドレス", next: "次へ" };

  test(`axe: each step of visit 1 in ${locale}, with and without an error`, async ({ page, hostPage, backend, checkA11y }) => {
    await visitHost(page, hostPage, backend, { visit: 1, locale });
    await expect(page.getByRole("textbox", { name: t.name })).toBeVisible();
    await checkA11y(page, `${locale} step 1`);
    await next(page, t.next);
    await expect(page.getByRole("textbox", { name: t.name })).toHaveAttribute("aria-invalid", "true");
    await checkA11y(page, `${locale} step 1 with the required error`);
    await answerText(page, t.name, "Ada", t.next as "Next");
    await page.getByRole("textbox", { name: t.email }).fill("ada@");
    await page.getByRole("button", { name: locale === "en" ? "Submit" : "送信", exact: true }).click();
    await expect(page.getByRole("textbox", { name: t.email })).toHaveAttribute("aria-invalid", "true");
    await checkA11y(page, `${locale} step 2 with the email error`);
  });
}

test("axe: each step of visits 2 and 3", async ({ page, hostPage, backend, checkA11y }) => {
  const attrs = { "data-known": JSON.stringify({ name: "Ada", email: "ada@example.com" }) };
  await visitHost(page, hostPage, backend, { visit: 2, attrs });
  await expect(page.getByRole("textbox", { name: "Address" })).toBeVisible();
  await checkA11y(page, "visit 2 address");
  await next(page);
  await expect(page.getByLabel("Birthday")).toBeVisible();
  await page.getByLabel("Birthday").fill("2999-01-01");
  await next(page);
  await expect(page.getByLabel("Birthday")).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, "visit 2 birthday with the dateMax error");
  await page.getByLabel("Birthday").fill("1990-01-01");
  await next(page);
  await expect(page.getByRole("textbox", { name: "Phone number" })).toBeVisible();
  await checkA11y(page, "visit 2 phone");
  await answerText(page, "Phone number", "+81 3-1234-5678", "Submit");
  await expect(page.getByRole("textbox")).toHaveCount(0);

  await visitHost(page, hostPage, backend, { visit: 3, attrs });
  await answerText(page, "Company", "Analytical Engines");
  await expect(page.getByRole("combobox", { name: "Number of employees" })).toBeVisible();
  await checkA11y(page, "visit 3 employees");
  await next(page);
  await expect(page.getByRole("combobox", { name: "Industry" })).toBeVisible();
  await checkA11y(page, "visit 3 industry");
});

test("axe: each question type, and each type's error", async ({ page, hostPage, backend, checkA11y }) => {
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly(EVERY_TYPE) });
  const ids = Object.keys(EVERY_TYPE) as (keyof typeof EVERY_TYPE)[];
  // Wrong entries that give each step an error; the right ones after.
  const wrong: Partial<Record<keyof typeof EVERY_TYPE, (p: Page) => Promise<void>>> = {
    workEmail: (p) => p.getByLabel("Work email").fill("x@"),
    mobile: (p) => p.getByLabel("Mobile").fill("phone"),
    website: (p) => p.getByLabel("Website").fill("nope"),
    teamSize: (p) => p.getByLabel("Team size").fill("0"),
    startDate: (p) => p.getByLabel("Start date").fill("2000-01-01"),
    interests: async (p) => {
      for (const box of await p.getByRole("checkbox").all()) await box.check();
    },
  };
  const right: Record<keyof typeof EVERY_TYPE, (p: Page) => Promise<void>> = {
    nickname: (p) => p.getByLabel("Nickname").fill("Ada"),
    about: async () => {},
    workEmail: (p) => p.getByLabel("Work email").fill("ada@example.com"),
    mobile: (p) => p.getByLabel("Mobile").fill("+1 555 0100"),
    website: (p) => p.getByLabel("Website").fill("https://example.com"),
    teamSize: (p) => p.getByLabel("Team size").fill("12"),
    startDate: (p) => p.getByLabel("Start date").fill("2024-05-01"),
    plan: async (p) => void (await p.getByRole("combobox", { name: "Plan" }).selectOption("pro")),
    billing: (p) => p.getByRole("radio", { name: "Monthly" }).check(),
    interests: (p) => p.getByRole("checkbox", { name: "Cloud" }).uncheck(),
    newsletter: (p) => p.getByRole("checkbox", { name: "Send me the newsletter" }).check(),
  };
  for (const [i, id] of ids.entries()) {
    const last = i === ids.length - 1;
    await expect(page.getByText(`${i + 1} / ${ids.length}`, { exact: true })).toBeVisible();
    await checkA11y(page, `${EVERY_TYPE[id].type} (${id})`);
    const required = "required" in EVERY_TYPE[id];
    if (wrong[id] || required) {
      await wrong[id]?.(page);
      await next(page, last ? "Submit" : "Next");
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
      await checkA11y(page, `${EVERY_TYPE[id].type} (${id}) with its error`);
    }
    await right[id](page);
    await next(page, last ? "Submit" : "Next");
  }
  await expect(page.getByRole("checkbox")).toHaveCount(0);
});

for (const mode of ["floating", "inline", "modal"] as const) {
  for (const locale of ["en", "ja"] as const) {
    test(`axe: ${mode} display in ${locale}`, async ({ page, hostPage, backend, checkA11y }) => {
      const inline = mode === "inline";
      await visitHost(page, hostPage, backend, {
        visit: 1,
        locale,
        config: b2b({ display: { mode } }),
        ...(inline ? { body: `<section aria-label="Profile"><div id="slot"></div></section>`, attrs: { "data-target": "#slot" } } : {}),
      });
      const name = page.getByRole("textbox", { name: locale === "en" ? "Name" : "お名前" });
      await expect(name).toBeVisible();
      await checkA11y(page, `${mode} ${locale}`);
      await next(page, locale === "en" ? "Next" : "次へ");
      await expect(name).toHaveAttribute("aria-invalid", "true");
      await checkA11y(page, `${mode} ${locale} with an error`);
    });
  }
}

for (const accent of ["#facc15", "#93c5fd", "#1e3a8a"]) {
  test(`axe: a marketer's accent ${accent} keeps the button text and the policy link readable`, async ({ page, hostPage, backend, checkA11y }) => {
    const config = askOnly(
      { terms: { type: "consent", label: "I accept the terms", policyUrl: "https://example.com/terms", required: true }, city: { type: "text", label: "City" } },
      { theme: { accent } },
    );
    await visitHost(page, hostPage, backend, { visit: 1, config });
    await expect(page.getByRole("link")).toBeVisible();
    await checkA11y(page, `accent ${accent}`);
    await next(page, "Next");
    await expect(page.getByRole("checkbox")).toHaveAttribute("aria-invalid", "true");
    await checkA11y(page, `accent ${accent} with an error`);
  });
}

test("a light accent still gives a focus ring that stands out from the white card (3:1, WCAG 1.4.11)", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly({ city: { type: "text", label: "City" } }, { theme: { accent: "#ffff00" } }) });
  const field = page.getByRole("textbox", { name: "City" });
  await expect(field).toBeVisible();
  await field.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(field).toBeFocused();
  const contrast = await page.evaluate(() => {
    const input = document.querySelector("progressive-profile-root")!.shadowRoot!.querySelector("input")!;
    const style = getComputedStyle(input);
    if (!input.matches(":focus-visible") || style.outlineStyle === "none") return 0;
    // The outline colour as sRGB, through a canvas (it may be written as lch()).
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    ctx.fillStyle = style.outlineColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    return 1.05 / (luminance + 0.05);
  });
  expect(contrast).toBeGreaterThanOrEqual(3);
});

test("a browser without relative colours still shows white text on the main button and accent links (default accent)", async ({ page, hostPage, backend, checkA11y }) => {
  const config = askOnly({ terms: { type: "consent", label: "I accept the terms", policyUrl: "https://example.com/terms", required: true } });
  await visitHost(page, hostPage, backend, { visit: 1, config });
  await expect(page.getByRole("link")).toBeVisible();
  // Such a browser drops each `lch(from …)` value and finds `@supports (color: lch(from …))`
  // false: the card's own stylesheet with that syntax made unreadable is what it would apply.
  const colours = await page.evaluate(() => {
    const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
    const text = [...root.adoptedStyleSheets[0]!.cssRules].map((rule) => rule.cssText).join("\n");
    const old = new CSSStyleSheet();
    old.replaceSync(text.replaceAll("lch(from", "lch(frm"));
    root.adoptedStyleSheets = [old];
    const accent = getComputedStyle(root.querySelector(".pp")!).getPropertyValue("--pp-accent");
    const probe = document.createElement("i");
    probe.style.color = accent;
    document.body.append(probe);
    const accentRgb = getComputedStyle(probe).color;
    probe.remove();
    return { button: getComputedStyle(root.querySelector(".b1")!).color, link: getComputedStyle(root.querySelector("a")!).color, accentRgb };
  });
  expect(colours.button).toBe("rgb(255, 255, 255)");
  expect(colours.link).toBe(colours.accentRgb);
  await checkA11y(page, "without relative colours");
});

test("a card without a title has a name of its own; each label (without the required mark) finds its field alone", async ({ page, hostPage, backend, checkA11y }) => {
  const config = askOnly(
    { name: { type: "text", label: "Name", required: true }, terms: { type: "consent", label: "I agree", required: true } },
    { title: undefined },
  );
  await visitHost(page, hostPage, backend, { visit: 1, config });
  await expect(page.getByRole("region", { name: "A few questions" })).toBeVisible();
  // Strict locators: one element each. Named by the question, the card would be found too.
  await page.getByLabel("Name", { exact: true }).fill("Ada");
  await expect(page.getByText("*", { exact: true })).toBeVisible();
  await checkA11y(page, "no title, a required text field");
  await page.getByLabel("Name").press("Enter");
  // A consent box has no required state of its own to say: its name says it.
  await page.getByLabel("I agree required", { exact: true }).check();
  await checkA11y(page, "no title, a required consent");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  const delivered = await deliveredCount(backend, 2);
  expect(delivered.map((m) => m.answers)).toEqual([{ name: "Ada" }, { terms: true }]);
});

test("the progress is the card's status (a polite live region), and each new step's field takes focus", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  const live = page.getByRole("status");
  await expect(live).toHaveAttribute("aria-live", "polite");
  await expect(live).toHaveText("1 / 2");
  await answerText(page, "Name", "Ada");
  await expect(live).toHaveText("2 / 2");
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeFocused();
  // Errors are announced through the field they belong to, and it gets focus back.
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveAccessibleDescription("This field is required.");
});

test("an error found on Enter, with focus already in the field, is announced as an alert", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  const name = page.getByRole("textbox", { name: "Name" });
  await name.focus();
  await name.press("Enter");
  // Focus does not move (it is already there), so the error itself must speak up.
  await expect(page.getByRole("alert")).toHaveText("This field is required.");
  await name.fill("Ada");
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a choice group's error is tied to the group and to each choice, and both are marked invalid", async ({ page, hostPage, backend, checkA11y }) => {
  const options = [{ value: "a", label: "Alpha" }, { value: "b", label: "Beta" }];
  const config = askOnly({
    plan: { type: "radio", label: "Plan", required: true, options },
    tools: { type: "multiselect", label: "Tools", required: true, options },
  });
  await visitHost(page, hostPage, backend, { visit: 1, config });
  await next(page, "Next");
  const required = "This field is required.";
  await expect(page.getByRole("group", { name: "Plan" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Plan" })).toHaveAccessibleDescription(required);
  for (const name of ["Alpha", "Beta"]) {
    await expect(page.getByRole("radio", { name })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("radio", { name })).toHaveAccessibleDescription(required);
  }
  await checkA11y(page, "radio with its error");
  await page.getByRole("radio", { name: "Beta" }).check();
  await next(page, "Next");
  await next(page, "Submit");
  const group = page.getByRole("group", { name: "Tools" });
  await expect(group).toHaveAttribute("aria-invalid", "true");
  const message = await page.locator("progressive-profile-root [role=alert]").textContent();
  await expect(page.getByRole("checkbox", { name: "Alpha" })).toHaveAccessibleDescription(message!);
  await expect(page.getByRole("checkbox", { name: "Alpha" })).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page, "multiselect with its error");
});

test("a required question says so to a screen reader before anything is filled in, and nothing reads as invalid until Next", async ({ page, hostPage, backend, checkA11y }) => {
  const options = [{ value: "a", label: "Alpha" }, { value: "b", label: "Beta" }];
  const config = askOnly({
    name: { type: "text", label: "Name", required: true },
    born: { type: "date", label: "Birthday", required: true },
    plan: { type: "select", label: "Plan", required: true, options },
    billing: { type: "radio", label: "Billing", required: true, options },
    tools: { type: "multiselect", label: "Tools", required: true, options },
    terms: { type: "consent", label: "I agree", required: true },
  });
  await visitHost(page, hostPage, backend, { visit: 1, config });
  // What Chromium gives a screen reader: each node's role, name and states.
  const cdp = await page.context().newCDPSession(page);
  type AxNode = { role?: { value: string }; name?: { value: string }; properties?: { name: string; value: { value: unknown } }[] };
  const controlOf = async (role: string, label: string) => {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
    const all = nodes.map((n) => ({
      role: n.role?.value,
      name: n.name?.value ?? "",
      invalid: n.properties?.some((p) => p.name === "invalid" && p.value.value !== "false") ?? false,
      required: n.properties?.some((p) => p.name === "required" && p.value.value === true) ?? false,
    }));
    expect(all.filter((n) => n.invalid).map((n) => `${n.role} ${n.name}`), "read as invalid before Next").toEqual([]);
    return all.find((n) => n.role === role && n.name.startsWith(label));
  };
  // A text input says it itself; the others have "required" in their name, in words not seen.
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  expect(await controlOf("textbox", "Name")).toMatchObject({ name: "Name", required: true });
  await answerText(page, "Name", "Ada");
  await expect(page.getByLabel("Birthday")).toBeVisible();
  expect((await controlOf("Date", "Birthday"))?.name).toBe("Birthday required");
  await page.getByLabel("Birthday").fill("1990-01-01");
  await next(page);
  await expect(page.getByRole("combobox", { name: "Plan" })).toBeVisible();
  expect((await controlOf("combobox", "Plan"))?.name).toBe("Plan required");
  await checkA11y(page, "a required select, nothing chosen");
  await page.getByRole("combobox", { name: "Plan" }).selectOption("b");
  await next(page);
  await expect(page.getByRole("group", { name: "Billing" })).toBeVisible();
  expect((await controlOf("group", "Billing"))?.name).toBe("Billing required");
  await checkA11y(page, "a required radio group, nothing chosen");
  await page.getByRole("radio", { name: "Alpha" }).check();
  await next(page);
  await expect(page.getByRole("group", { name: "Tools" })).toBeVisible();
  expect((await controlOf("group", "Tools"))?.name).toBe("Tools required");
  await page.getByRole("checkbox", { name: "Beta" }).check();
  await next(page);
  await expect(page.getByRole("checkbox", { name: "I agree" })).toBeVisible();
  expect((await controlOf("checkbox", "I agree"))?.name).toBe("I agree required");
  await checkA11y(page, "a required consent, not ticked");
  // Next with the box not ticked: now it is invalid, and says why.
  await next(page, "Submit");
  await expect(page.getByRole("checkbox", { name: "I agree" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("checkbox", { name: "I agree" })).toHaveAccessibleDescription("Check this box to continue.");
});

test('an inline form\'s unseen "required" stays inside the form: an app shell\'s page does not grow a scrollbar', async ({ page, hostPage, backend }) => {
  const options = [{ value: "a", label: "Alpha" }, { value: "b", label: "Beta" }];
  const config = askOnly({ plan: { type: "select", label: "Plan", required: true, options } });
  // The page scrolls in a box of its own, not as a whole; the form is far down in it.
  await visitHost(page, hostPage, backend, {
    config,
    attrs: { "data-target": "#slot" },
    css: "html,body{height:100%;margin:0} body>main{height:100%;display:flex;flex-direction:column} .shell{flex:1;min-height:0;overflow:auto}",
    body: '<div class="shell"><div style="height:1500px"></div><div id="slot"></div><div style="height:500px"></div></div>',
  });
  await expect(page.getByRole("combobox", { name: "Plan required" })).toBeAttached();
  const scroll = await page.evaluate(() => ({ height: document.scrollingElement!.scrollHeight, client: document.scrollingElement!.clientHeight }));
  expect(scroll.height).toBe(scroll.client);
});
