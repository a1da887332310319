// The built script tag defines window.ProgressiveProfile, and validate() works in a page.
import { test, expect, b2bConfig } from "./fixtures";

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
