// What starts a retry before its wait is over (SPEC §7): retries "start again on load, on the
// `online` event and on `flush()`", and "when the page is hidden, pending messages are sent
// with `keepalive`". Here the message waits out a backend's `Retry-After: 600` (ten minutes),
// so only the event under test can send it within the few seconds these tests allow.
import type { Page } from "@playwright/test";
import { test, expect, type Backend } from "./fixtures";
import { outboxAttempts } from "./idb";
import { answerName, hide, openVisit, postsSent, recordPosts, type HostPage } from "./support/delivery";

/** Longer than a first retry would wait without the Retry-After (1 s × at most 1.2). */
const PAST_NORMAL_BACKOFF_MS = 1_500;
/** "At once": far below the 600 s the backend asked for. */
const AT_ONCE = { timeout: 5_000 };

/**
 * The name answered, its first POST answered 503 with `Retry-After: 600`, that try recorded, and
 * no second try made once an ordinary backoff would have sent it: the message is waiting.
 */
async function waitingForLongRetry(page: Page, hostPage: HostPage, backend: Backend): Promise<string> {
  await backend.faults([503], "600");
  await openVisit(page, hostPage, backend, { user: "u_wake" });
  await answerName(page, "Ada Lovelace");
  await expect.poll(async () => (await outboxAttempts(page))[0] ?? 0).toBe(1);
  await page.waitForTimeout(PAST_NORMAL_BACKOFF_MS);
  const log = await backend.log();
  expect(log.map((d) => d.outcome)).toEqual([503]);
  return log[0]!.idempotencyKey!;
}

test("a message waiting out a 10-minute Retry-After is delivered at once when the browser comes back online", async ({ page, context, hostPage, backend }) => {
  const messageId = await waitingForLongRetry(page, hostPage, backend);
  await context.setOffline(true);
  await context.setOffline(false);
  await expect.poll(async () => (await backend.delivered()).length, AT_ONCE).toBe(1);
  const log = await backend.log();
  expect(log.map((d) => [d.outcome, d.idempotencyKey])).toEqual([
    [503, messageId],
    [200, messageId],
  ]);
  expect((await backend.delivered())[0]).toMatchObject({ messageId, answers: { name: "Ada Lovelace" } });
  await expect.poll(() => outboxAttempts(page)).toEqual([]);
});

test("a message waiting for a retry is sent at once, with keepalive, when the page is hidden", async ({ page, hostPage, backend }) => {
  await recordPosts(page);
  const messageId = await waitingForLongRetry(page, hostPage, backend);
  await hide(page);
  await expect.poll(async () => (await backend.delivered()).length, AT_ONCE).toBe(1);
  expect((await backend.delivered())[0]).toMatchObject({ messageId, answers: { name: "Ada Lovelace" } });
  // The first try went while the page was visible; the one sent as it was hidden, with keepalive.
  expect(await postsSent(page)).toEqual([
    expect.objectContaining({ keepalive: false, idempotencyKey: messageId }),
    expect.objectContaining({ keepalive: true, idempotencyKey: messageId }),
  ]);
});
