// The built script tag defines window.ProgressiveProfile, and validate() works in a page.
import { test, expect, b2bConfig } from "./fixtures";
import { validate } from "../src/config/validate";

test("the script tag defines ProgressiveProfile with a working validate()", async ({ page, hostPage, consoleErrors }) => {
  await page.goto(await hostPage());
  const result = await page.evaluate((config) => {
    const pp = window.ProgressiveProfile!;
    const good = pp.validate(config);
    const bad = pp.validate({ ...config, stagez: [], version: "one" });
    return {
      type: typeof pp.mount,
      goodOk: good.ok,
      defaults: good.ok ? good.config.display : null,
      badErrors: bad.ok ? [] : bad.errors.map((e) => e.path),
    };
  }, b2bConfig());
  expect(result.type).toBe("function");
  expect(result.goodOk).toBe(true);
  expect(result.defaults).toEqual({ mode: "floating", position: "bottom-right", delayMs: 0 });
  expect(result.badErrors).toEqual(expect.arrayContaining(["stagez", "version"]));
  expect(consoleErrors).toEqual([]);
});

// The script tag's zod parses records with its enumeration-key and numeric-key branches left out
// (scripts/script-tag-plugins.ts): every record key the config can have is checked as in the source.
test("validate() in the page refuses bad record keys as the source does: question ids, header names, locales", async ({ page, hostPage }) => {
  await page.goto(await hostPage());
  const base = b2bConfig() as Record<string, any>;
  const configs = [
    { ...base, questions: { ...base.questions, "123": { type: "text", label: "N" }, "1e3": { type: "text", label: "E" } } },
    { ...base, questions: { ...base.questions, toString: { type: "text", label: "T" } }, stages: [...base.stages, { when: { visit: 9 }, ask: ["toString"] }] },
    { ...base, headers: { "X-Ok": "1", "Bad Header": "2", "42": "3" } },
    { ...base, title: { en: "Hi", "12": "x", "ja_JP": "y" }, strings: { ja: { next: "次へ" }, "0": { next: "n" } } },
    { ...base, title: { en: "Hi", ja: "こんにちは" }, headers: { "X-Key": "k" }, strings: { "pt-BR": { next: "Próximo" } } },
  ];
  const inPage = await page.evaluate((list) => list.map((c) => window.ProgressiveProfile!.validate(c)), configs);
  const inSource = configs.map((c) => {
    const result = validate(c, { pageOrigin: new URL(page.url()).origin });
    return result.ok ? result : { ok: false, errors: result.errors.map(({ path, message }) => ({ path, message })) };
  });
  expect(inPage).toEqual(JSON.parse(JSON.stringify(inSource)));
  expect(inPage.map((r) => r.ok)).toEqual([false, false, false, false, true]);
  expect(inPage[0]!.ok ? [] : inPage[0]!.errors.map((e) => e.path)).toEqual(['questions["123"]', 'questions["1e3"]']);
});
