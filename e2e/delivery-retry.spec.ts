// The rest of SPEC §7's retry rules and the config's request settings (§4), in a real browser:
// 408 and 425 retried like a 5xx, a `Retry-After` given as an HTTP date, the 10-second timeout,
// the config's `headers` on every delivery, and `credentials` deciding whether the site's cookies
// go with it. (503, `Retry-After` in seconds and the 4xx that is not retried: delivery.spec.ts,
// delivery-wake.spec.ts.)
import { test, expect, b2bConfig } from "./fixtures";
import { outboxIds } from "./idb";
import { answerName, openVisit, postsSent, recordPosts } from "./support/delivery";

/** Time between two requests the backend logged, in ms. */
const gap = (log: { at: number }[], from: number, to: number) => log[to]!.at - log[from]!.at;

test("408 and then 425: each retried, delivered on the third try with the same Idempotency-Key", async ({ page, hostPage, backend }) => {
  await backend.faults([408, 425]);
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  const log = await backend.log();
  expect(log.map((d) => d.outcome)).toEqual([408, 425, 200]);
  expect(new Set(log.map((d) => d.idempotencyKey)).size).toBe(1);
  // Backoff: the first retry waits 1 s × 0.8–1.2, the second 2 s × 0.8–1.2.
  expect(gap(log, 0, 1)).toBeGreaterThanOrEqual(700);
  expect(gap(log, 1, 2)).toBeGreaterThanOrEqual(1_500);
  await expect.poll(() => outboxIds(page)).toEqual([]);
});

test("429 with Retry-After as an HTTP date: the retry waits until that date, not the 1 s backoff", async ({ page, hostPage, backend }) => {
  // The date is made as the 429 is sent, five seconds on; HTTP dates have whole seconds, so the
  // retry is due at least four seconds after the first try.
  await backend.faults([429], "in 5s");
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  const log = await backend.log();
  expect(log.map((d) => d.outcome)).toEqual([429, 200]);
  // A backoff alone would have retried within 1.2 s.
  expect(gap(log, 0, 1)).toBeGreaterThanOrEqual(3_500);
});

test("a backend that never answers: the POST is given up after 10 s and retried with the same messageId", async ({ page, hostPage, backend }) => {
  test.slow();
  await backend.faults(["hang"]);
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 20_000 }).toBe(1);
  const log = await backend.log();
  expect(log.map((d) => d.outcome)).toEqual(["hang", 200]);
  expect(log[0]!.idempotencyKey).toBe(log[1]!.idempotencyKey);
  // 10 s of timeout, then a 1 s × 0.8–1.2 backoff.
  expect(gap(log, 0, 1)).toBeGreaterThanOrEqual(10_000);
});

test("the config's headers go with every delivery, retries included", async ({ page, hostPage, backend }) => {
  await backend.faults([503]);
  const config = { ...b2bConfig(), headers: { Authorization: "Bearer public-key", "X-Shop": "kyoto" } };
  await openVisit(page, hostPage, backend, { config });
  await answerName(page);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(1);
  const log = await backend.log();
  expect(log).toHaveLength(2);
  for (const request of log) {
    expect(request.headers).toMatchObject({ authorization: "Bearer public-key", "x-shop": "kyoto" });
    expect(request.headers["idempotency-key"]).toBe(request.idempotencyKey);
  }
});

for (const credentials of ["omit", "include"] as const) {
  test(`credentials "${credentials}": passed to fetch, and the site's cookie ${credentials === "omit" ? "stays home" : "goes with the delivery"}`, async ({ page, context, hostPage, backend, baseURL }) => {
    await recordPosts(page);
    await context.addCookies([{ name: "session", value: "s3cr3t", url: baseURL! }]);
    await openVisit(page, hostPage, backend, { config: { ...b2bConfig(), credentials } });
    await answerName(page);
    await expect.poll(async () => (await backend.delivered()).length).toBe(1);
    // The endpoint is on the page's origin, where fetch's own default would send the cookie too.
    expect(await postsSent(page)).toEqual([expect.objectContaining({ credentials })]);
    const [request] = await backend.log();
    if (credentials === "omit") expect(request!.headers.cookie).toBeUndefined();
    else expect(request!.headers.cookie).toBe("session=s3cr3t");
  });
}

test("a backend slow to answer one POST: the answers after it are POSTed and delivered meanwhile, each once", async ({ page, hostPage, backend }) => {
  await backend.faults([{ delayMs: 8_000 }]);
  await openVisit(page, hostPage, backend);
  await answerName(page);
  await page.getByRole("textbox", { name: "Email address" }).fill("ada@example.com");
  await page.getByRole("button", { name: "Submit" }).click();
  // The email arrives while the name's POST still waits for its answer (8 s).
  await expect.poll(async () => (await backend.delivered()).map((m) => m.answers), { timeout: 4_000 }).toEqual([{ email: "ada@example.com" }]);
  expect((await backend.log()).map((d) => d.outcome)).toEqual([null, 200]);
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 15_000 }).toBe(2);
  expect(await backend.log()).toHaveLength(2);
  await expect.poll(() => outboxIds(page)).toEqual([]);
});
