// A slow backend: a POST that takes long must not hold back the messages written after it
// (a person answering on, a page being hidden and closed), nor let any message go twice at once.
import { expect, test, vi } from "vitest";
import { putMessage } from "../storage/outbox";
import { createMemoryStore } from "../storage/store";
import { makeEntry } from "../storage/test-fixtures";
import { fakeBackend, setup, stored, T0 } from "./test-fixtures";

/** A backend that answers each POST only when the test says so; `refused` answer at once, 429 with a Retry-After of 2 minutes. */
function heldBackend(refused: string[] = []) {
  const posts: { messageId: string; keepalive: boolean }[] = [];
  const answers = new Map<string, (response: Response) => void>();
  const fetch: typeof globalThis.fetch = (_url, init = {}) => {
    const messageId = new Headers(init.headers).get("idempotency-key")!;
    posts.push({ messageId, keepalive: init.keepalive === true });
    if (refused.includes(messageId)) return Promise.resolve(new Response(null, { status: 429, headers: { "Retry-After": "120" } }));
    return new Promise<Response>((resolve) => answers.set(messageId, resolve));
  };
  const answer = (messageId: string, response = new Response(null, { status: 200 })) => answers.get(messageId)!(response);
  return { fetch, posts, answer };
}

async function oneMessageHanging(refused: string[] = []) {
  const outbox = createMemoryStore();
  await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }, { messageId: "m-1" }));
  const backend = heldBackend(refused);
  let hidden = false;
  const tab = setup(outbox, fakeBackend([200]), { fetch: backend.fetch, isHidden: () => hidden });
  const firstPass = tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts).toEqual([{ messageId: "m-1", keepalive: false }]));
  const write = async (messageId: string) => {
    tab.clock.now += 1000;
    await putMessage(outbox, makeEntry({ createdAt: tab.clock.now, nextAttemptAt: tab.clock.now }, { messageId }));
  };
  return { outbox, backend, tab, firstPass, write, hide: () => (hidden = true) };
}

test("a message written while an earlier POST hangs is POSTed at once, not after it", async () => {
  const { outbox, backend, tab, firstPass, write } = await oneMessageHanging();
  await write("m-2");
  tab.sender.schedule();
  await vi.waitFor(() => expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-2"]));
  backend.answer("m-2");
  await vi.waitFor(() => expect(tab.delivered.map((entry) => entry.id)).toEqual(["m-2"]));

  // The slow one ends: delivered once, never sent again meanwhile.
  backend.answer("m-1");
  await firstPass;
  await vi.waitFor(() => expect(tab.delivered.map((entry) => entry.id)).toEqual(["m-2", "m-1"]));
  expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-2"]);
  expect(await stored(outbox)).toEqual([]);
});

test("flush() while a POST hangs sends the rest now; the page hidden meanwhile sends them with keepalive", async () => {
  const { backend, tab, write, hide } = await oneMessageHanging();
  await write("m-2");
  void tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-2"]));

  // The person answers on, and the page is hidden (maybe closing) while m-1 and m-2 still hang.
  await write("m-3");
  hide();
  void tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts.at(-1)).toEqual({ messageId: "m-3", keepalive: true }));
  expect(backend.posts).toHaveLength(3);
});

test("flush() while a POST hangs tries a new message once: its 429's Retry-After holds after the slow one ends", async () => {
  const { backend, tab, firstPass, write } = await oneMessageHanging(["m-2"]);
  await write("m-2");
  const flushed = tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-2"]));
  backend.answer("m-1");
  await firstPass;
  await flushed;
  expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-2"]);
  // The next try waits for the Retry-After (120 s), not the 1 s backoff.
  expect(tab.liveTimers()).toEqual([120_000]);
});

test("hidden while more POSTs hang than keepalive may have: a new message still goes at once, with keepalive", async () => {
  const outbox = createMemoryStore();
  for (let i = 1; i <= 6; i++) await putMessage(outbox, makeEntry({ createdAt: T0 + i, nextAttemptAt: T0 }, { messageId: `m-${i}` }));
  const backend = heldBackend();
  let hidden = false;
  const tab = setup(outbox, fakeBackend([200]), { fetch: backend.fetch, isHidden: () => hidden });
  void tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts).toHaveLength(6));
  tab.clock.now += 1000;
  await putMessage(outbox, makeEntry({ createdAt: tab.clock.now, nextAttemptAt: tab.clock.now }, { messageId: "m-new" }));
  hidden = true;
  void tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts.at(-1)).toEqual({ messageId: "m-new", keepalive: true }));
});

test("the page hidden and left while its keepalive POST is open: a flush that sees that POST's own lease owes no forced pass, so a 429's Retry-After holds", async () => {
  const { backend, tab, firstPass, write, hide } = await oneMessageHanging();
  // m-2 goes with keepalive (leased) when the page is hidden; pagehide flushes again while it is open.
  await write("m-2");
  hide();
  void tab.sender.flush();
  await vi.waitFor(() => expect(backend.posts.at(-1)).toEqual({ messageId: "m-2", keepalive: true }));
  void tab.sender.flush();
  await new Promise((resolve) => setTimeout(resolve, 20));
  backend.answer("m-2", new Response(null, { status: 429, headers: { "Retry-After": "120" } }));
  backend.answer("m-1", new Response(null, { status: 503 }));
  await firstPass;
  // m-1's backoff (1 s) comes first; that pass leaves m-2 to its Retry-After.
  expect(tab.liveTimers()).toEqual([1000]);
  tab.clock.now += 1000;
  tab.timers.fire();
  await vi.waitFor(() => expect(backend.posts).toHaveLength(3));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(backend.posts.map((post) => post.messageId)).toEqual(["m-1", "m-2", "m-1"]);
  backend.answer("m-1");
  await vi.waitFor(() => expect(tab.liveTimers()).toEqual([119_000]));
});
