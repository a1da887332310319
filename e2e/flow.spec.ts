// The B2B flow of SPEC §1, as an end user sees it, with the host giving the visit count.
import { test, expect, b2bConfig, withEndpoint, type Backend } from "./fixtures";
import type { Page } from "@playwright/test";

async function open(page: Page, hostPage: (o?: object) => Promise<string>, backend: Backend, visit: number, extra: Record<string, string> = {}) {
  const path = await hostPage({
    inlineConfig: withEndpoint(b2bConfig(), backend.endpoint),
    scriptAttributes: { "data-config": "#pp-config", "data-user": "u_1", "data-visit": String(visit), "data-locale": "en", ...extra },
    path: "/t/flow.html",
  });
  await page.goto(path);
}

test("visit 1 asks name and email; answers are delivered", async ({ page, hostPage, backend, consoleErrors }) => {
  await open(page, hostPage, backend, 1);
  await expect(page.getByText("1 / 2")).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("Ada Lovelace");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("2 / 2")).toBeVisible();
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveCount(0);
  await expect.poll(async () => (await backend.delivered()).length).toBe(2);
  const [first, second] = await backend.delivered();
  expect(first).toMatchObject({ configId: "b2b-onboarding", configVersion: 1, userId: "u_1", visit: 1, answers: { name: "Ada Lovelace" }, skipped: [], locale: "en" });
  expect(second).toMatchObject({ answers: { email: "ada@example.com" } });
  expect(consoleErrors).toEqual([]);
});
