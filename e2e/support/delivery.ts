// What the delivery specs share: a visit of the B2B config as user u_delivery, the widget's
// console lines, and the first step answered.
import type { Page } from "@playwright/test";
import { expect, b2bConfig, withEndpoint, type Backend } from "../fixtures";

export type HostPage = (o?: object) => Promise<string>;

export async function openVisit(page: Page, hostPage: HostPage, backend: Backend, opts: { visit?: number; user?: string; config?: object } = {}) {
  const path = await hostPage({
    inlineConfig: withEndpoint((opts.config as Record<string, unknown>) ?? b2bConfig(), backend.endpoint),
    scriptAttributes: {
      "data-config": "#pp-config",
      "data-user": opts.user ?? "u_delivery",
      "data-visit": String(opts.visit ?? 1),
      "data-locale": "en",
    },
    path: "/t/delivery.html",
  });
  await page.goto(path);
}

/** The widget's console errors and warnings, as they come. */
export function widgetConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && m.text().includes("progressive-profile")) lines.push(m.text());
  });
  return lines;
}

export async function answerName(page: Page, name = "Ada Lovelace") {
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
}
