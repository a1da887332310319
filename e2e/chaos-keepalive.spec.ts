// A targeted chaos case (issue 9, SPEC §7): a tab is hidden with a message pending, so the
// widget sends it with `keepalive`, and the tab is closed while that POST is still open. A
// keepalive request outlives its page (and the page's Web Lock); another tab of the same
// person must still not send the same message while it is in flight, and a flush() held
// back by that runs once the lease ends.
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { callWidget } from "./support/widget";
import { hide, postsSent, recordPosts } from "./support/delivery";

test("a keepalive POST still open after its tab closed is not sent again by another tab at the same time", async ({ context, hostPage, backend }) => {
  test.setTimeout(120_000);
  const path = await hostPage({
    inlineConfig: withEndpoint(b2bConfig(), backend.endpoint),
    scriptAttributes: { "data-config": "#pp-config", "data-user": "u_keepalive", "data-visit": "1", "data-locale": "en" },
    path: "/t/keepalive.html",
  });
  await recordPosts(context);
  const [first, second] = [await context.newPage(), await context.newPage()];
  await first.goto(path);
  await second.goto(path);
  // The first POST fails; the retry, sent while the first tab is hidden, never answers ("hang").
  // The keepalive retry is answered only after 12 s, past the widget's 10 s delivery timeout:
  // its page is gone by then, so only the lease persisted on the message keeps the other tab
  // from sending it meanwhile. (A request the backend never answers at all cannot be bounded
  // by any client: the lease covers the delivery timeout and the 30 s Chromium gives a keepalive
  // request after its page is gone, plus a margin: 45 s.)
  await backend.faults([503, { status: 503, delayMs: 12_000 }], "30");
  await first.getByRole("textbox", { name: "Name" }).fill("Kept Alive");
  await first.getByRole("button", { name: "Next" }).click();
  await expect.poll(async () => (await backend.log()).length).toBe(1);
  await hide(first);
  await expect.poll(async () => (await backend.log()).length).toBe(2);
  const keepalive = (await backend.log())[1]!;
  // The first POST went while the tab was visible, the retry while it was hidden: with keepalive.
  expect(await postsSent(first)).toEqual([
    expect.objectContaining({ keepalive: false, idempotencyKey: keepalive.idempotencyKey }),
    expect.objectContaining({ keepalive: true, idempotencyKey: keepalive.idempotencyKey }),
  ]);
  await first.close();
  await callWidget(second, "flush");
  // The other tab's flush is held back by the lease, and runs when it ends.
  await expect.poll(async () => (await backend.delivered()).length, { timeout: 70_000 }).toBe(1);
  const log = await backend.log();
  const ids = new Set(log.map((d) => d.idempotencyKey));
  expect(ids.size).toBe(1);
  expect(keepalive.idempotencyKey).toBe(log[2]!.idempotencyKey);
  // The backend flags a request whose Idempotency-Key is already in flight (e2e/server.mjs).
  const overlapping = log.filter((d) => d.concurrent).map((d) => ({ outcome: d.outcome, keepaliveStillOpen: log[1]!.outcome === null }));
  expect(overlapping, "the same message in flight twice at once").toEqual([]);
});
