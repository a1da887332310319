// Every question type of SPEC §4 as a person fills it in: its own control, a wrong entry
// refused with a message next to the field in the UI language (aria-invalid +
// aria-describedby), and a right one delivered with the JSON type of the contract.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { EVERY_TYPE } from "./support/configs";
import { askOnly, deliveredCount, visitHost } from "./support/widget";

const MESSAGES = {
  en: {
    required: "This field is required.",
    tooShort: "Enter at least 2 characters.",
    tooLong: "Enter at most 12 characters.",
    email: "Enter a valid email address.",
    tel: "Enter a valid phone number.",
    url: "Enter a valid web address.",
    number: "Enter a number.",
    integer: "Enter a whole number.",
    max: "Enter 500 or less.",
    dateMin: "Enter a date on or after 2020-01-01.",
    maxSelected: "Choose at most 2.",
    consent: "Check this box to continue.",
    next: "Next",
    submit: "Submit",
    policy: "Read the policy",
  },
  ja: {
    required: "この項目は必須です。",
    tooShort: "2文字以上で入力してください。",
    tooLong: "12文字以内で入力してください。",
    email: "有効なメールアドレスを入力してください。",
    tel: "有効な電話番号を入力してください。",
    url: "有効なURLを入力してください。",
    number: "数値を入力してください。",
    integer: "整数を入力してください。",
    max: "500以下の値を入力してください。",
    dateMin: "2020-01-01以降の日付を入力してください。",
    maxSelected: "2個以内で選択してください。",
    consent: "続行するにはチェックを入れてください。",
    next: "次へ",
    submit: "送信",
    policy: "ポリシーを読む",
  },
} as const;

type Locale = keyof typeof MESSAGES;
const label = (id: keyof typeof EVERY_TYPE, locale: Locale) => EVERY_TYPE[id].label[locale];

/**
 * After Next was pressed on a wrong entry: the message shows just below the field (a group of
 * choices: just above its first choice, `above`, where the focus goes: below a long list it
 * would be out of sight), the field says it is invalid, and the message is its (or its
 * group's) accessible description.
 */
async function expectRefused(page: Page, o: { invalid: Locator; described?: Locator; box?: Locator; above?: Locator; message: string }) {
  const error = page.getByText(o.message, { exact: true });
  await expect(error).toBeVisible();
  await expect(o.invalid).toHaveAttribute("aria-invalid", "true");
  await expect(o.described ?? o.invalid).toHaveAccessibleDescription(new RegExp(o.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  const field = await (o.box ?? o.described ?? o.invalid).boundingBox();
  const text = await error.boundingBox();
  expect(field && text, "field and message are laid out").toBeTruthy();
  if (o.above) {
    const choice = (await o.above.boundingBox())!;
    expect(text!.y + text!.height).toBeLessThanOrEqual(choice.y + 1);
    expect(choice.y - (text!.y + text!.height), `"${o.message}" right above the first choice`).toBeLessThan(24);
    return;
  }
  // Right under the field (a consent's: under its policy link), not at the top of the card or in the footer.
  expect(text!.y).toBeGreaterThanOrEqual(field!.y + field!.height - 1);
  expect(text!.y - (field!.y + field!.height), `"${o.message}" right under its field`).toBeLessThan(24);
}

/** Walks every type: each wrong entry first, then the right one. */
async function fillEveryType(page: Page, locale: Locale) {
  const m = MESSAGES[locale];
  const next = () => page.getByRole("button", { name: m.next, exact: true }).click();
  const byLabel = (id: keyof typeof EVERY_TYPE) => page.getByLabel(label(id, locale));
  const step = (n: number) => expect(page.getByText(`${n} / 11`, { exact: true })).toBeVisible();

  // text, required, minLength 2, maxLength 12
  await step(1);
  await next();
  await expectRefused(page, { invalid: byLabel("nickname"), message: m.required });
  await byLabel("nickname").fill("A");
  await next();
  await expectRefused(page, { invalid: byLabel("nickname"), message: m.tooShort });
  // A paste longer than allowed is kept whole and refused, not cut short without a word.
  await byLabel("nickname").fill("Ada Lovelace-Byron");
  await expect(byLabel("nickname")).toHaveValue("Ada Lovelace-Byron");
  await next();
  await expectRefused(page, { invalid: byLabel("nickname"), message: m.tooLong });
  await byLabel("nickname").fill("  Ada ");
  await next();

  // textarea: a multi-line answer; its help text is its description
  await step(2);
  const about = page.getByRole("textbox", { name: label("about", locale) });
  await expect(about).toHaveAccessibleDescription(EVERY_TYPE.about.help[locale]);
  await about.fill("Line one\nLine two");
  await next();

  for (const [id, wrong, message, right] of [
    ["workEmail", "ada@", m.email, "ada@example.com"],
    ["mobile", "call me", m.tel, "+44 20 7946 0958"],
    ["website", "not a url", m.url, "https://example.com/ada"],
  ] as const) {
    await byLabel(id).fill(wrong);
    await next();
    await expectRefused(page, { invalid: byLabel(id), message });
    await byLabel(id).fill(right);
    await next();
  }

  await step(6);
  for (const [wrong, message] of [
    ["abc", m.number],
    ["3.5", m.integer],
    ["900", m.max],
  ] as const) {
    await byLabel("teamSize").fill(wrong);
    await next();
    await expectRefused(page, { invalid: byLabel("teamSize"), message });
  }
  await byLabel("teamSize").fill("42");
  await next();

  await step(7);
  await byLabel("startDate").fill("2019-12-31");
  await next();
  await expectRefused(page, { invalid: byLabel("startDate"), message: m.dateMin });
  await byLabel("startDate").fill("2024-02-29");
  await next();

  const plan = page.getByRole("combobox", { name: label("plan", locale) });
  await next();
  await expectRefused(page, { invalid: plan, message: m.required });
  await plan.selectOption("pro");
  await next();

  const billing = page.getByRole("radiogroup", { name: label("billing", locale) }).or(page.getByRole("group", { name: label("billing", locale) }));
  await next();
  await expectRefused(page, { invalid: billing.getByRole("radio").first(), described: billing, above: billing.locator("label").first(), message: m.required });
  await billing.getByRole("radio", { name: locale === "en" ? "Yearly" : "毎年" }).check();
  await next();

  const interests = page.getByRole("group", { name: label("interests", locale) });
  await expect(interests.getByRole("checkbox")).toHaveCount(3);
  for (const box of await interests.getByRole("checkbox").all()) await box.check();
  await next();
  await expectRefused(page, { invalid: interests.getByRole("checkbox").first(), described: interests, above: interests.locator("label").first(), message: m.maxSelected });
  await interests.getByRole("checkbox", { name: locale === "en" ? "Security" : "セキュリティ" }).uncheck();
  await next();

  await step(11);
  const consent = page.getByRole("checkbox", { name: label("newsletter", locale) });
  await expect(page.getByRole("button", { name: m.submit, exact: true })).toBeVisible();
  await page.getByRole("button", { name: m.submit, exact: true }).click();
  await expectRefused(page, { invalid: consent, box: page.getByRole("link", { name: m.policy }), message: m.consent });
  await consent.check();
  await page.getByRole("button", { name: m.submit, exact: true }).click();
  await expect(consent).toHaveCount(0);
}

const EXPECTED = {
  nickname: "Ada",
  about: "Line one\nLine two",
  workEmail: "ada@example.com",
  mobile: "+44 20 7946 0958",
  website: "https://example.com/ada",
  teamSize: 42,
  startDate: "2024-02-29",
  plan: "pro",
  billing: "yearly",
  interests: ["ai", "cloud"],
  newsletter: true,
};

for (const locale of ["en", "ja"] as const) {
  test(`every question type in ${locale}: wrong entries explained next to the field, right ones delivered with their JSON type`, async ({
    page,
    hostPage,
    backend,
    consoleErrors,
  }) => {
    await visitHost(page, hostPage, backend, { visit: 1, locale, config: askOnly(EVERY_TYPE) });
    await fillEveryType(page, locale);
    const delivered = await deliveredCount(backend, 11);
    const answers = Object.assign({}, ...delivered.map((d) => d.answers as object)) as Record<string, unknown>;
    // toStrictEqual: 42 must be a number, true a boolean, the interests a list (in option order).
    expect(answers).toStrictEqual(EXPECTED);
    expect(delivered.every((d) => d.locale === locale)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
}

test("each type has its own control", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, config: askOnly(EVERY_TYPE, { maxQuestionsPerVisit: 20 }) });
  const next = () => page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "Nickname" })).toHaveAttribute("type", "text");
  await page.getByRole("textbox", { name: "Nickname" }).fill("Ada");
  await next();
  await expect(page.getByRole("textbox", { name: "About you" })).toHaveJSProperty("tagName", "TEXTAREA");
  await expect(page.getByRole("button", { name: "Skip", exact: true })).toBeVisible();
  await next();
  await expect(page.getByRole("textbox", { name: "Work email" })).toHaveAttribute("type", "email");
  await expect(page.getByRole("textbox", { name: "Work email" })).toHaveAttribute("autocomplete", "email");
  await next();
  await expect(page.getByRole("textbox", { name: "Mobile" })).toHaveAttribute("type", "tel");
  await next();
  await expect(page.getByRole("textbox", { name: "Website" })).toHaveAttribute("type", "url");
  await next();
  // A numeric keyboard on phones.
  await expect(page.getByRole("textbox", { name: "Team size" })).toHaveAttribute("inputmode", "numeric");
  await next();
  await expect(page.getByLabel("Start date")).toHaveAttribute("type", "date");
  await expect(page.getByLabel("Start date")).toHaveAttribute("min", "2020-01-01");
  await next();
  await expect(page.getByRole("combobox", { name: "Plan" }).getByRole("option")).toHaveText(["", "Free", "Pro"]);
  await page.getByRole("combobox", { name: "Plan" }).selectOption("free");
  await next();
  await expect(page.getByRole("radio")).toHaveCount(2);
  await page.getByRole("radio", { name: "Monthly" }).check();
  await next();
  await expect(page.getByRole("group", { name: "Interests" }).getByRole("checkbox")).toHaveCount(3);
  await next();
  const policy = page.getByRole("link", { name: "Read the policy" });
  await expect(policy).toHaveAttribute("href", "https://example.com/privacy");
  await expect(policy).toHaveAttribute("target", "_blank");
  await expect(policy).toHaveAttribute("rel", /noopener/);
  await expect(page.getByRole("checkbox", { name: "Send me the newsletter" })).not.toBeChecked();
  await expect(page.getByRole("button", { name: "Submit", exact: true })).toBeVisible();
});

for (const [locale, message] of [
  ["en", "Enter a value in steps of 5, such as 11."],
  ["ja", "5刻みの値（11など）を入力してください。"],
] as const) {
  test(`a number off its step (min 1, step 5) names the nearest value on it, in ${locale}`, async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, {
      locale,
      config: askOnly({ seats: { type: "number", label: { en: "Seats", ja: "席数" }, min: 1, max: 20, step: 5 } }),
    });
    const seats = page.getByLabel(locale === "en" ? "Seats" : "席数");
    // 10 is a multiple of 5, but not on this field's steps (1, 6, 11, 16).
    await seats.fill("10");
    await page.getByRole("button", { name: MESSAGES[locale].submit, exact: true }).click();
    await expectRefused(page, { invalid: seats, message });
    await seats.fill("11");
    await page.getByRole("button", { name: MESSAGES[locale].submit, exact: true }).click();
    const [delivered] = await deliveredCount(backend, 1);
    expect(delivered).toMatchObject({ answers: { seats: 11 } });
  });
}
