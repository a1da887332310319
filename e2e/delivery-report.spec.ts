// What a host page is told when delivery goes wrong (SPEC §3, §7): an endpoint that cannot be
// reached, or that fails every time, is reported once (one console line, one `error` event)
// while the retries go on; and "Not now" pressed while an answer is still saving does not turn
// that answer into a skip.
import { createServer } from "node:net";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { outboxAttempts as attempts } from "./idb";
import { askOnly, callWidget, recordedEvents, recordEvents, visitHost } from "./support/widget";

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The widget's own console.error lines (not the browser's "Failed to load resource"). */
function ourConsoleErrors(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().startsWith("[progressive-profile]")) lines.push(m.text());
  });
  return lines;
}

async function answerNameAndRetry(page: Page): Promise<void> {
  await page.getByRole("textbox", { name: "Name" }).fill("Ada Lovelace");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  // The first try has been made and recorded on the one message (attempts counts tries made).
  await expect.poll(async () => (await attempts(page))[0] ?? 0).toBeGreaterThanOrEqual(1);
  expect(await attempts(page)).toHaveLength(1);
  // More tries, forced: still pending, never dropped, and not reported again.
  await callWidget(page, "flush");
  await callWidget(page, "flush");
  expect((await attempts(page))[0]).toBeGreaterThanOrEqual(3);
}

test("an unreachable endpoint: one console line and one error event naming it, and the retries go on", async ({ page, hostPage, backend }) => {
  const endpoint = `http://127.0.0.1:${await closedPort()}/collect`;
  const lines = ourConsoleErrors(page);
  await recordEvents(page);
  await visitHost(page, hostPage, backend, { attrs: { "data-endpoint": endpoint } });
  await answerNameAndRetry(page);
  const errors = (await recordedEvents(page)).filter((e) => e.type === "error").map((e) => e.detail);
  expect(errors).toEqual([
    expect.objectContaining({ code: "delivery_failed", message: `could not deliver to ${endpoint} (network error); will retry`, questionIds: ["name"], messageId: expect.any(String) }),
  ]);
  expect(lines).toEqual([`[progressive-profile] delivery_failed: could not deliver to ${endpoint} (network error); will retry`]);
  // The page carries on: the form still works.
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

test("a backend answering 503 every time: reported once, retried, delivered once it recovers", async ({ page, hostPage, backend }) => {
  await backend.faults(Array.from({ length: 20 }, () => 503));
  const lines = ourConsoleErrors(page);
  await recordEvents(page);
  await visitHost(page, hostPage, backend);
  await answerNameAndRetry(page);
  const errors = (await recordedEvents(page)).filter((e) => e.type === "error").map((e) => e.detail);
  expect(errors).toEqual([expect.objectContaining({ code: "delivery_failed", message: `could not deliver to ${new URL(backend.endpoint, page.url()).href} (HTTP 503); will retry` })]);
  expect(lines).toHaveLength(1);
  await backend.faults([]);
  await callWidget(page, "flush");
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect(lines).toHaveLength(1);
});

/** Clicks the card's buttons with these texts one after another in one task: the second lands before the first one's write has finished. */
function clickInOneTask(page: Page, texts: string[]) {
  return page.evaluate((texts) => {
    const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
    for (const text of texts) [...root.querySelectorAll("button")].find((b) => b.textContent?.trim() === text)!.click();
  }, texts);
}

test('"Not now" pressed while the answer is saving: the answer is not reported skipped, and answer comes before dismiss', async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  // Next and "Not now" in the same task: the answer's write cannot have landed in between.
  await clickInOneTask(page, ["Next", "Not now"]);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect.poll(async () => (await backend.delivered()).length).toBe(2);
  const bodies = (await backend.delivered()).map((m) => ({ answers: m.answers, skipped: m.skipped }));
  expect(bodies).toEqual(
    expect.arrayContaining([
      { answers: { name: "Ada" }, skipped: [] },
      { answers: {}, skipped: ["email"] },
    ]),
  );
  const order = (await recordedEvents(page)).filter((e) => e.type === "answer" || e.type === "dismiss");
  expect(order.map((e) => [e.type, e.detail.questionIds])).toEqual([
    ["answer", ["name"]],
    ["dismiss", ["email"]],
  ]);
});

test('Skip and then "Not now" in the same task: the dismiss event lists what the dismissal put away, not the skipped question', async ({ page, hostPage, backend }) => {
  await recordEvents(page);
  await visitHost(page, hostPage, backend, {
    config: askOnly({ first: { type: "text", label: { en: "First" } }, second: { type: "text", label: { en: "Second" } } }),
  });
  await expect(page.getByRole("textbox", { name: "First" })).toBeVisible();
  await clickInOneTask(page, ["Skip", "Not now"]);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect.poll(async () => (await backend.delivered()).length).toBe(1);
  expect((await backend.delivered())[0]).toMatchObject({ answers: {}, skipped: ["first", "second"] });
  const events = (await recordedEvents(page)).filter((e) => e.type === "skip" || e.type === "dismiss");
  expect(events.map((e) => [e.type, e.detail.questionIds])).toEqual([
    ["skip", ["first"]],
    ["dismiss", ["second"]],
  ]);
});
