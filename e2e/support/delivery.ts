// What the delivery specs share: a visit of the B2B config as user u_delivery, the widget's
// console lines, and the first step answered.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, b2bConfig, withEndpoint, type Backend } from "../fixtures";

export type HostPage = (o?: object) => Promise<string>;

/**
 * A backend that drops every connection for as long as a test needs, until it replaces the
 * script. Thirty, since a try can use two: Chromium sends a POST again by itself when a reused
 * connection closes before any answer, and a few scripted drops ran out within a stalled test.
 */
export const DROPS: "drop"[] = Array(30).fill("drop");

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

/** Makes the page report itself hidden (as when its tab goes to the background) and says so. */
export const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    Object.defineProperty(document, "hidden", { value: true, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });

export interface SentPost {
  url: string;
  /** `init.keepalive` as the page's code passed it to fetch() (null: not given). */
  keepalive: boolean | null;
  idempotencyKey: string | null;
  /** `init.credentials` as the page's code passed it (null: not given). */
  credentials: RequestCredentials | null;
}

/**
 * Records, from before the page's own scripts run, each POST the page makes through fetch():
 * its URL, keepalive flag, Idempotency-Key and credentials mode, then lets the request go as it was.
 */
export async function recordPosts(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const w = window as unknown as { __ppPosts: SentPost[] };
    w.__ppPosts = [];
    const original = window.fetch;
    window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if ((init?.method ?? "GET").toUpperCase() === "POST") {
        const headers = new Headers(init?.headers);
        w.__ppPosts.push({
          url: input instanceof Request ? input.url : String(input),
          keepalive: init?.keepalive ?? null,
          idempotencyKey: headers.get("idempotency-key"),
          credentials: init?.credentials ?? null,
        });
      }
      return original.call(this, input, init);
    } as typeof fetch;
  });
}

export const postsSent = (page: Page) => page.evaluate(() => (window as unknown as { __ppPosts: SentPost[] }).__ppPosts);
