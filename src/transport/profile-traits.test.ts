import { describe, expect, test } from "vitest";
import { recordingReport } from "../storage/test-fixtures";
import { fetchTraits } from "./profile-traits";
import { recordingFetch } from "./test-fixtures";

const URL_ = "https://api.example.com/profile/me";
/** What start.ts waits for the traits. */
const WAIT = 3000;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

test("GETs the URL with the config's headers and credentials; keeps the answer-shaped traits", async () => {
  const { fetch, calls } = recordingFetch(() =>
    json({
      traits: { name: "Ada", employees: 42, newsletter: false, topics: ["saas"], address: { city: "Tokyo" }, nothing: null, nested: [[1]] },
      other: "ignored",
    }),
  );
  const report = recordingReport();
  const traits = await fetchTraits(URL_, { fetch, headers: { Authorization: "Bearer k" }, credentials: "include", report, timeoutMs: WAIT });
  expect(traits).toEqual({ name: "Ada", employees: 42, newsletter: false, topics: ["saas"] });
  expect(report.calls).toEqual([]);
  expect(calls[0]?.url).toBe(URL_);
  expect(calls[0]?.init).toMatchObject({ method: "GET", credentials: "include" });
  const headers = new Headers(calls[0]?.init.headers);
  expect(headers.get("authorization")).toBe("Bearer k");
  expect(headers.get("accept")).toBe("application/json");
});

test('a "__proto__" trait is not used and touches no prototype', async () => {
  const { fetch } = recordingFetch(() => new Response('{"traits":{"__proto__":["x"],"a":"b"}}', { status: 200 }));
  const traits = await fetchTraits(URL_, { fetch, headers: {}, credentials: "omit", report: recordingReport(), timeoutMs: WAIT });
  expect(Object.getPrototypeOf(traits)).toBe(Object.prototype);
  expect(traits).toEqual({ a: "b" });
  expect(Object.hasOwn(traits!, "__proto__")).toBe(false);
});

test.each([
  ["204 (nothing known of this person)", 204, "omit"],
  ["204 with cookies", 204, "include"],
  ["401 with cookies (an anonymous visitor of a /me endpoint)", 401, "include"],
] as const)("%s: no traits, and nothing reported", async (_name, status, credentials) => {
  const { fetch } = recordingFetch(() => new Response(null, { status }));
  const report = recordingReport();
  expect(await fetchTraits(URL_, { fetch, headers: {}, credentials, report, timeoutMs: WAIT })).toEqual({});
  expect(report.calls).toEqual([]);
});

test("401 without cookies (a wrong key in the config's headers) is reported", async () => {
  const { fetch } = recordingFetch(() => new Response(null, { status: 401 }));
  const report = recordingReport();
  expect(await fetchTraits(URL_, { fetch, headers: { Authorization: "Bearer wrong" }, credentials: "omit", report, timeoutMs: WAIT })).toBeNull();
  expect(report.calls).toEqual([["profile_unavailable", { message: expect.stringMatching(/HTTP 401/), url: URL_ }]]);
});

describe("every failure is null and one profile_unavailable report", () => {
  const cases: [string, (init: RequestInit) => Promise<Response> | Response, RegExp][] = [
    ["an HTTP error", () => json({ traits: { name: "Ada" } }, 500), /HTTP 500/],
    ["a 404 (a wrong profileUrl, most likely)", () => json({ error: "not found" }, 404), /HTTP 404/],
    ["a 403", () => json({ error: "forbidden" }, 403), /HTTP 403/],
    ["a body that is not JSON", () => new Response("<html>", { status: 200 }), /failed/],
    ["JSON without traits", () => json({ name: "Ada" }), /did not return/],
    ["a network error", () => Promise.reject(new TypeError("Failed to fetch")), /Failed to fetch/],
    ["a request that never settles", () => new Promise<Response>(() => {}), /timed out/],
  ];
  test.each(cases)("%s", async (_name, respond, reason) => {
    const { fetch } = recordingFetch(respond);
    const report = recordingReport();
    expect(await fetchTraits(URL_, { fetch, headers: {}, credentials: "omit", report, timeoutMs: 20 })).toBeNull();
    expect(report.calls).toEqual([["profile_unavailable", { message: expect.stringMatching(reason), url: URL_ }]]);
  });
});
