// A slow backend: a POST that takes long must not hold back the messages written after it
// (a person answering on, a page being hidden and closed), nor let any message go twice at once.
import { expect, test, vi } from "vitest";
import { putMessage } from "../storage/outbox";
import { createMemoryStore } from "../storage/store";
import { makeEntry } from "../storage/test-fixtures";
import { fakeBackend, setup, stored, T0 } from "./test-fixtures";

/** A backend that answers each POST only when the test says so. */
function heldBackend() {
  const posts: { messageId: string; keepalive: boolean }[] = [];
  const answers = new Map<string, (response: Response) => void>();
  const fetch: typeof globalThis.fetch = (_url, init = {}) => {
    const messageId = new Headers(init.headers).get("idempotency-key")!;
    posts.push({ messageId, keepalive: init.keepalive === true });
    return new Promise<Response>((resolve) => answers.set(messageId, resolve));
  };
  const answer = (messageId: string) => answers.get(messageId)!(new Response(null, { status: 200 }));
  return { fetch, posts, answer };
}

async function oneMessageHanging() {
  const outbox = createMemoryStore();
  await putMessage(outbox, makeEntry({ createdAt: T0, nextAttemptAt: T0 }, { messageId: "m-1" }));
  const backend = heldBackend();
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
