// The widget's language (SPEC §9): data-locale, then the config's locale, then the browser's
// languages, then English; built-in English and Japanese text, overridable through `strings`.
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures";
import { b2b, deliveredCount, visitHost } from "./support/widget";

/** The card's UI text as a person sees it: buttons, the close button's name, progress. */
async function expectJapanese(page: Page) {
  await expect(page.getByRole("heading", { name: "あなたに合わせたご案内のために" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "お名前" })).toBeVisible();
  for (const name of ["閉じる", "今はしない", "次へ"]) await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  await expect(page.getByText("1 / 2", { exact: true })).toBeVisible();
  // Screen readers switch voice for a Japanese card on an English page (WCAG 3.1.2).
  await expect(page.getByRole("region", { name: "あなたに合わせたご案内のために" })).toHaveAttribute("lang", /^ja\b/);
}

/** The example config with no `locale`: the browser's languages decide. */
function withoutLocale() {
  const config = b2b();
  delete config.locale;
  return config;
}

async function expectEnglish(page: Page) {
  await expect(page.getByRole("heading", { name: "Help us tailor your experience" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Help us tailor your experience" })).toHaveAttribute("lang", "en");
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  for (const name of ["Close", "Not now", "Next"]) await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
}

test("the config's locale (ja) speaks Japanese on an English browser, and so do its messages", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, locale: null });
  await expectJapanese(page);
  await page.getByRole("button", { name: "次へ", exact: true }).click();
  await expect(page.getByText("この項目は必須です。")).toBeVisible();
  await page.getByRole("textbox", { name: "お名前" }).fill("山田 太郎");
  await page.getByRole("button", { name: "次へ", exact: true }).click();
  await page.getByRole("textbox", { name: "メールアドレス" }).fill("taro@");
  await page.getByRole("button", { name: "送信", exact: true }).click();
  await expect(page.getByText("有効なメールアドレスを入力してください。")).toBeVisible();
  await page.getByRole("button", { name: "戻る", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "お名前" })).toHaveValue("山田 太郎");
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ locale: "ja", answers: { name: "山田 太郎" } });
});

test("data-locale=en beats the config's ja", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, locale: "en" });
  await expectEnglish(page);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("button", { name: "Back", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit", exact: true })).toBeVisible();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ locale: "en" });
});

test("data-locale=ja beats a config in English", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1, locale: "ja", config: b2b({ locale: "en" }) });
  await expectJapanese(page);
});

test("data-locale as a server writes it (ja_JP) or with an extension (ja-JP-u-ca-japanese) speaks Japanese; one that is no language tag is reported", async ({ page, hostPage, backend, consoleErrors }) => {
  await visitHost(page, hostPage, backend, { visit: 1, locale: "ja_JP", config: b2b({ locale: "en" }) });
  await expectJapanese(page);
  await page.getByRole("textbox", { name: "お名前" }).fill("山田 太郎");
  await page.getByRole("button", { name: "次へ", exact: true }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ locale: "ja-JP" });

  await visitHost(page, hostPage, backend, { visit: 1, user: "u_2", locale: "ja-JP-u-ca-japanese", config: b2b({ locale: "en" }) });
  await expectJapanese(page);
  expect(consoleErrors).toEqual([]);

  await visitHost(page, hostPage, backend, { visit: 1, user: "u_3", locale: "日本語", config: b2b({ locale: "ja" }) });
  await expectJapanese(page);
  expect(consoleErrors).toEqual([expect.stringContaining('locale must be a language tag such as "en" or "ja-JP"; found "日本語"')]);
});

test.describe("with a Japanese browser", () => {
  test.use({ locale: "ja-JP" });

  test("no data-locale and no config locale: the browser's language", async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1, locale: null, config: withoutLocale() });
    await expectJapanese(page);
  });

  test("the config's locale still beats the browser's", async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1, locale: null, config: b2b({ locale: "en" }) });
    await expectEnglish(page);
  });
});

test.describe("with a French browser", () => {
  test.use({ locale: "fr-FR" });

  test("a language without built-in text falls back to English", async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1, locale: null, config: withoutLocale() });
    await expectEnglish(page);
  });
});

test.describe("with a browser asking for French, then English", () => {
  test.use({ locale: "fr-FR" });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "languages", { get: () => ["fr-FR", "en-US"] }));
  });
  const inFrench = () => {
    const config = withoutLocale();
    const questions = config.questions as Record<string, Record<string, unknown>>;
    config.questions = { ...questions, name: { ...questions.name, label: { en: "Name", fr: "Nom" } } };
    return config;
  };

  test("a config with French UI text (strings.fr) speaks French", async ({ page, hostPage, backend }) => {
    const config = { ...inFrench(), strings: { fr: { next: "Suivant", notNow: "Pas maintenant", close: "Fermer" } } };
    await visitHost(page, hostPage, backend, { visit: 1, locale: null, config });
    await expect(page.getByRole("textbox", { name: "Nom" })).toBeVisible();
    for (const name of ["Fermer", "Pas maintenant", "Suivant"]) await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  });

  test("without French UI text, the next language the widget speaks (English)", async ({ page, hostPage, backend }) => {
    await visitHost(page, hostPage, backend, { visit: 1, locale: null, config: inFrench() });
    await expect(page.getByRole("region", { name: "Help us tailor your experience" })).toHaveAttribute("lang", "en-US");
    await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
    for (const name of ["Close", "Not now", "Next"]) await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  });
});

test("strings override the built-in text per locale", async ({ page, hostPage, backend }) => {
  const strings = { ja: { next: "つぎへ進む", notNow: "あとで", progress: "{current}問目 / 全{total}問" }, en: { next: "Continue", required: "Please tell us your name." } };
  await visitHost(page, hostPage, backend, { visit: 1, locale: "ja", config: b2b({ strings }) });
  await expect(page.getByRole("button", { name: "つぎへ進む", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "あとで", exact: true })).toBeVisible();
  await expect(page.getByText("1問目 / 全2問", { exact: true })).toBeVisible();
  // Keys not overridden keep the built-in Japanese.
  await expect(page.getByRole("button", { name: "閉じる", exact: true })).toBeVisible();

  await visitHost(page, hostPage, backend, { visit: 1, locale: "en", config: b2b({ strings }), path: "/t/widget-en.html" });
  await expect(page.getByRole("button", { name: "Continue", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByText("Please tell us your name.", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Not now", exact: true })).toBeVisible();
});

test("on a Shift_JIS page, a script served without a charset still reads its Japanese text right (and the config's)", async ({ page, baseURL }) => {
  const script = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../dist/progressive-profile.js"));
  const config = { ...b2b(), endpoint: "/api/collect/sjis" };
  // The page's own bytes are ASCII: \u escapes keep the config's Japanese inside the JSON.
  const json = JSON.stringify(config).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const html = `<!doctype html><html lang="ja"><head><meta charset="shift_jis"><title>SJIS</title></head><body>
<script type="application/json" id="pp-config">${json}</script>
<script src="/sjis/progressive-profile.js" data-config="#pp-config" data-visit="1"></script></body></html>`;
  await page.route(`${baseURL}/sjis/**`, (route) =>
    route.request().url().endsWith(".js")
      ? route.fulfill({ body: script, headers: { "content-type": "text/javascript" } })
      : route.fulfill({ body: html, headers: { "content-type": "text/html; charset=shift_jis" } }),
  );
  await page.goto(`${baseURL}/sjis/page.html`);
  expect(await page.evaluate(() => document.characterSet)).toBe("Shift_JIS");
  await expectJapanese(page);
});
