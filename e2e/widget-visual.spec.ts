// How the card looks in each display mode and language, on a desktop and a phone: screenshots
// (attached to the report, for a person to look at) and the layout facts behind "looks right":
// inside the viewport, nothing overflowing, Back / Skip / Next together with Next on the right.
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./fixtures";
import { askOnly, b2b, visitHost } from "./support/widget";

const TEXT = {
  en: { birthday: "Birthday", next: "Next" },
  ja: { birthday: "誕生日", next: "次へ" },
};

/** Layout facts of the card, measured in its shadow root. */
function layout(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
    const card = root.querySelector<HTMLElement>(".pp")!;
    const box = card.getBoundingClientRect();
    const nav = [...root.querySelectorAll<HTMLElement>(".ft button:not(.ln)")].map((b) => b.getBoundingClientRect());
    const primary = root.querySelector<HTMLElement>(".b1")!.getBoundingClientRect();
    const contentRight = box.right - parseFloat(getComputedStyle(card).paddingRight) - parseFloat(getComputedStyle(card).borderRightWidth);
    const overflowing = [...root.querySelectorAll<HTMLElement>(".pp *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
      })
      .map((el) => el.className || el.tagName);
    return {
      inViewport: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
      scrolls: card.scrollWidth > card.clientWidth,
      overflowing,
      // Back / Skip / Next stay together on one row, the primary one at the right edge.
      navRows: new Set(nav.map((b) => Math.round(b.top))).size,
      primaryAtEnd: Math.abs(primary.right - contentRight) < 1,
      buttonTextWraps: [...root.querySelectorAll<HTMLElement>(".ft button")].filter((b) => b.getBoundingClientRect().height > 44).map((b) => b.textContent),
    };
  });
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => Promise.all(document.querySelector("progressive-profile-root")!.shadowRoot!.getAnimations().map((a) => a.finished)));
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 720 },
  { name: "phone", width: 375, height: 667 },
]) {
  test.describe(viewport.name, () => {
    test.use({ viewport });

    for (const mode of ["floating", "inline", "modal"] as const) {
      for (const locale of ["en", "ja"] as const) {
        test(`${mode} in ${locale}: a busy step (Back, Skip, Next) with an error`, async ({ page, hostPage, backend }, testInfo) => {
          const t = TEXT[locale];
          const inline = mode === "inline";
          await visitHost(page, hostPage, backend, {
            visit: 2,
            locale,
            config: b2b({ display: { mode } }),
            attrs: { "data-known": JSON.stringify({ name: "Ada", email: "ada@example.com" }), ...(inline ? { "data-target": "#slot" } : {}) },
            ...(inline ? { body: `<div id="slot" style="max-width:480px;margin:24px"></div><p>More host content.</p>` } : {}),
          });
          await page.getByRole("button", { name: t.next, exact: true }).click();
          await page.getByLabel(t.birthday).fill("2999-01-01");
          await page.getByRole("button", { name: t.next, exact: true }).click();
          await expect(page.getByLabel(t.birthday)).toHaveAttribute("aria-invalid", "true");
          await shoot(page, testInfo, `${viewport.name}-${mode}-${locale}`);
          expect(await layout(page)).toEqual({ inViewport: true, scrolls: false, overflowing: [], navRows: 1, primaryAtEnd: true, buttonTextWraps: [] });
        });
      }
    }
  });
}

test.describe("phone, long unbroken text", () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test("a label and help with an 80-character word (a URL, a product code) wrap inside the card", async ({ page, hostPage, backend }, testInfo) => {
    const word = `https://example.com/${"onboarding".repeat(6)}`;
    await visitHost(page, hostPage, backend, {
      config: askOnly({ code: { type: "text", label: `Code from ${word}`, help: `See ${word}`, required: true } }),
    });
    await expect(page.getByLabel("Code from")).toBeVisible();
    await shoot(page, testInfo, "phone-long-word");
    const { scrolls, overflowing, inViewport } = await layout(page);
    expect({ scrolls, overflowing, inViewport }).toEqual({ scrolls: false, overflowing: [], inViewport: true });
  });
});
