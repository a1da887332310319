// The built script tag defines window.ProgressiveProfile, and validate() works in a page.
import { test, expect, b2bConfig } from "./fixtures";
import { answerName, openVisit } from "./support/delivery";
import fc from "fast-check";
import { validate } from "../src/config/validate";
import { mountMix, type Json } from "../scripts/chaos/fuzz-configs";

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

/** validate() in the page (the built script tag) and in the source (the unit tests' zod), as JSON. */
async function bothValidate(page: import("@playwright/test").Page, configs: unknown[]) {
  const texts = configs.map((c) => JSON.stringify(c));
  const inPage = await page.evaluate((list) => list.map((t) => JSON.stringify(window.ProgressiveProfile!.validate(JSON.parse(t)))), texts);
  const origin = new URL(page.url()).origin;
  const inSource = texts.map((t) => {
    const result = validate(JSON.parse(t), { pageOrigin: origin });
    return JSON.stringify(result.ok ? result : { ok: false, errors: result.errors.map(({ path, message }) => ({ path, message })) });
  });
  return { inPage, inSource };
}

// The script tag's zod is cut to what the page runs (scripts/zod-steps.ts: no async
// parse, no memoizer, no enumeration or numeric record keys, no metadata for other schemas):
// whatever the config, its validate() must say what the source's says, message for message.
test("validate() in the page gives the source's answer, message for message, on generated and mutated configs", async ({ page, hostPage }) => {
  await page.goto(await hostPage());
  const seed = Number(process.env.PP_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
  console.log(`validate() parity: seed ${seed} (replay: PP_FUZZ_SEED=${seed})`);
  const configs = fc.sample(mountMix(b2bConfig() as Record<string, Json>), { numRuns: 300, seed });
  const { inPage, inSource } = await bothValidate(page, configs);
  expect(inPage.filter((r) => r.startsWith('{"ok":true')).length).toBeGreaterThan(20);
  for (let i = 0; i < configs.length; i++) expect(inPage[i], JSON.stringify(configs[i])).toBe(inSource[i]);
});

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
  const { inPage, inSource } = await bothValidate(page, configs);
  expect(inPage).toEqual(inSource);
  const results = inPage.map((r) => JSON.parse(r) as { ok: boolean; errors?: { path: string }[] });
  expect(results.map((r) => r.ok)).toEqual([false, false, false, false, true]);
  expect(results[0]!.errors!.map((e) => e.path)).toEqual(['questions["123"]', 'questions["1e3"]']);
});

test("loading, mounting and taking an answer makes no Error (with DevTools open, each would cost a re-parse of the whole script)", async ({ page, hostPage, backend }) => {
  // Chromium with a protocol session (DevTools, this test) captures a new Error's stack with
  // line and column, re-parsing the bundle for its source positions: ~70 ms at 4× CPU, measured
  // when two module-level sentinels were Errors (src/script-tag.evaluation.test.ts).
  await page.addInitScript(() => {
    const made: string[] = [];
    Object.defineProperty(window, "__errorsMade", { value: made });
    for (const name of ["Error", "TypeError", "RangeError", "SyntaxError", "DOMException"] as const) {
      const Real = window[name] as unknown as new (...args: unknown[]) => object;
      const count = (args: unknown[]) => void made.push(`${name}: ${String(args[0])}`);
      (window as unknown as Record<string, unknown>)[name] = new Proxy(Real, {
        construct: (target, args, newTarget) => (count(args), Reflect.construct(target, args, newTarget)),
        apply: (target, self, args) => (count(args), Reflect.apply(target as unknown as (...a: unknown[]) => unknown, self, args)),
      });
    }
  });
  await openVisit(page, hostPage, backend);
  await answerName(page, "Ada Lovelace");
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __errorsMade: string[] }).__errorsMade)).toEqual([]);
});
