import { afterEach, describe, expect, test, vi } from "vitest";
import { encodeMessage } from "../core/encode";
import { withSentAt } from "../core/message";
import type { DeliveryFormat } from "../core/types";
import { parseOutboxEntry } from "../storage/records";
import { makeEntry } from "../storage/test-fixtures";
import { DELIVERY_TIMEOUT_MS } from "../core/retry-policy";
import { deliverOnce, KEEPALIVE_MAX_BYTES } from "./deliver";
import { recordingFetch } from "./test-fixtures";

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0, 120);

const fakeFetch = (respond: (init: RequestInit) => Promise<Response> | Response = () => new Response(null, { status: 204 })) =>
  recordingFetch(respond);

const env = (fetch: typeof globalThis.fetch, extra: { keepalive?: boolean } = {}) => ({
  fetch,
  now: () => NOW,
  keepalive: extra.keepalive ?? false,
});

/** deliverOnce with the clock run past its 10 s timeout. */
async function pastTheTimeout(fetch: typeof globalThis.fetch) {
  vi.useFakeTimers();
  const outcome = deliverOnce(makeEntry(), env(fetch));
  await vi.advanceTimersByTimeAsync(DELIVERY_TIMEOUT_MS);
  return outcome;
}

afterEach(() => void vi.useRealTimers());

describe("the request", () => {
  test("POSTs to the endpoint with content type, Idempotency-Key, the config's headers and credentials", async () => {
    const { fetch, calls } = fakeFetch();
    const entry = makeEntry({
      target: {
        endpoint: "https://api.example.com/profile",
        format: "json",
        // A config cannot replace the two headers the protocol depends on.
        headers: { Authorization: "Bearer public-key", "content-type": "text/plain", "idempotency-key": "forged" },
        credentials: "include",
      },
    });
    expect(await deliverOnce(entry, env(fetch))).toEqual({ kind: "status", status: 204, retryAfter: null, redirected: false });
    expect(calls).toHaveLength(1);
    const [{ url, init } = { url: "", init: {} }] = calls;
    expect(url).toBe("https://api.example.com/profile");
    expect(init).toMatchObject({ method: "POST", credentials: "include", keepalive: false });
    const headers = new Headers(init.headers);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("idempotency-key")).toBe("m-1");
    expect(headers.get("authorization")).toBe("Bearer public-key");
  });

  test.each<DeliveryFormat>(["json", "form", "segment"])("the %s body is the core's encoding, with sentAt = now", async (format) => {
    const { fetch, calls } = fakeFetch();
    const entry = makeEntry({ target: { ...makeEntry().target, format } });
    await deliverOnce(entry, env(fetch));
    const expected = encodeMessage(withSentAt(entry.message, NOW), format);
    expect(calls[0]?.init.body).toBe(expected.body);
    expect(new Headers(calls[0]?.init.headers).get("content-type")).toBe(expected.contentType);
    expect(decodeURIComponent(expected.body)).toContain("2026-11-24T10:00:00.120Z");
  });

  test("keepalive when asked, unless the body is over the browser's 64 KiB keepalive limit", async () => {
    const { fetch, calls } = fakeFetch();
    await deliverOnce(makeEntry(), env(fetch, { keepalive: true }));
    const big = makeEntry({}, { answers: { notes: "x".repeat(KEEPALIVE_MAX_BYTES) } });
    await deliverOnce(big, env(fetch, { keepalive: true }));
    expect(calls.map((call) => call.init.keepalive)).toEqual([true, false]);
  });
});

describe("outcomes", () => {
  test("any status is reported with its Retry-After header", async () => {
    const { fetch } = fakeFetch(() => new Response("busy", { status: 503, headers: { "Retry-After": "7" } }));
    expect(await deliverOnce(makeEntry(), env(fetch))).toEqual({ kind: "status", status: 503, retryAfter: "7", redirected: false });
  });

  test("a response reached through a redirect says so", async () => {
    const redirected = Object.defineProperty(new Response(null, { status: 200 }), "redirected", { value: true });
    const { fetch } = fakeFetch(() => redirected);
    expect(await deliverOnce(makeEntry(), env(fetch))).toMatchObject({ kind: "status", status: 200, redirected: true });
  });

  test("a rejected fetch is a network error", async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await deliverOnce(makeEntry(), env(fetch))).toEqual({ kind: "network" });
  });

  test("a fetch that throws synchronously is a network error too: deliverOnce never throws", async () => {
    const fetch: typeof globalThis.fetch = () => {
      throw new TypeError("Illegal invocation");
    };
    expect(await deliverOnce(makeEntry(), env(fetch))).toEqual({ kind: "network" });
  });

  test("a fetch that never settles times out, and its request is aborted", async () => {
    const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => {}));
    expect(await pastTheTimeout(fetch)).toEqual({ kind: "timeout" });
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  test("a fetch that rejects when aborted (as browsers do) is a timeout, not a network error", async () => {
    const { fetch } = fakeFetch(
      (init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    expect(await pastTheTimeout(fetch)).toEqual({ kind: "timeout" });
  });
});

test("the JSON body has SPEC §7's key order even for an entry stored with its keys in another order", async () => {
  const { fetch, calls } = fakeFetch();
  const stored = makeEntry();
  const scrambled = Object.fromEntries(Object.entries(stored.message).reverse());
  const entry = parseOutboxEntry({ ...stored, message: scrambled }, () => {});
  if (entry === null) throw new Error("the entry did not parse");
  await deliverOnce(entry, env(fetch));
  expect(Object.keys(JSON.parse(String(calls[0]?.init.body)))).toEqual([
    "messageId", "configId", "configVersion", "userId", "anonymousId", "visit",
    "answers", "skipped", "answeredAt", "sentAt", "locale", "page",
  ]);
});
