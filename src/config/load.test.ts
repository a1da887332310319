import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_TIMEOUT_MS, loadConfig as loadConfigOnPage, type LoadEnv } from "./load";
import { validate } from "./validate";
import { B2B_EXAMPLE } from "./test-fixtures";

const exampleText = readFileSync(B2B_EXAMPLE, "utf8");

interface Call {
  url: string;
  init?: RequestInit;
}

/** A fetch that answers every request with one response (or failure), and records the calls. */
function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  // Like window.fetch, refuse to be called as a method of another object.
  const fetch = function (this: unknown, url: string | URL | Request, init?: RequestInit) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    calls.push({ url: String(url), init });
    return Promise.resolve().then(answer);
  } as typeof globalThis.fetch;
  return { fetch, calls };
}

const respond = (body: string, status = 200, type: string | null = "application/json") =>
  new Response(status === 204 ? null : body, { status, headers: type ? { "content-type": type } : {} });

/** A document with `<script type=… id=…>` elements, as far as loadConfig looks at one. */
function fakeDocument(elements: Record<string, { tag: string; type?: string; text: string }>, origin = "https://shop.example"): Document {
  return {
    location: { origin, href: `${origin}/account` },
    getElementById: (id: string) => {
      const e = elements[id];
      return e ? { tagName: e.tag.toUpperCase(), textContent: e.text, getAttribute: (n: string) => (n === "type" ? (e.type ?? null) : null) } : null;
    },
  } as unknown as Document;
}

/** loadConfig on a page of https://shop.example without the elements a test does not need. */
const loadConfig = (source: string | object, env: Omit<LoadEnv, "document"> & { document?: Document }) =>
  loadConfigOnPage(source, { document: fakeDocument({}), ...env });

const message = (result: Awaited<ReturnType<typeof loadConfig>>) => {
  if (result.ok) throw new Error("expected a failure");
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]!.path).toBe("");
  return result.errors[0]!.message;
};

describe("loadConfig from a URL", () => {
  it("fetches with same-origin credentials and validates", async () => {
    const { fetch, calls } = fakeFetch(() => respond(exampleText));
    const result = await loadConfig("/questions.json", { fetch });
    expect(result).toMatchObject({ ok: true, config: { id: "b2b-onboarding", format: "json" } });
    expect(calls).toEqual([{ url: "/questions.json", init: expect.objectContaining({ credentials: "same-origin" }) }]);
  });

  it("accepts +json, text/plain and a missing content type", async () => {
    for (const type of ["application/json; charset=utf-8", "application/vnd.example+json", "text/plain", null]) {
      const { fetch } = fakeFetch(() => respond(exampleText, 200, type));
      expect((await loadConfig("/q.json", { fetch })).ok, String(type)).toBe(true);
    }
  });

  it("a 404 names the URL and the status", async () => {
    const { fetch } = fakeFetch(() => new Response("nope", { status: 404, statusText: "Not Found" }));
    expect(message(await loadConfig("/questions.json", { fetch }))).toBe(
      "could not load the config from /questions.json: the server answered HTTP 404 Not Found",
    );
  });

  it("a network error names the URL and the reason", async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(message(await loadConfig("https://cdn.example/q.json", { fetch }))).toBe(
      "could not load the config from https://cdn.example/q.json: the request failed (Failed to fetch)",
    );
  });

  it("a server that never answers is reported after 10 s, and the request is aborted", async () => {
    vi.useFakeTimers();
    try {
      const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => {}));
      const loading = loadConfig("/hang.json", { fetch });
      await vi.advanceTimersByTimeAsync(CONFIG_TIMEOUT_MS);
      expect(message(await loading)).toBe("could not load the config from /hang.json: no answer in 10 s");
      expect(calls[0]?.init?.signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a status without a reason phrase (HTTP/2 has none) names the status alone", async () => {
    const { fetch } = fakeFetch(() => new Response("oops", { status: 500 }));
    expect(message(await loadConfig("/q.json", { fetch }))).toBe("could not load the config from /q.json: the server answered HTTP 500");
  });

  it("a body that breaks off while it is read names the URL and the reason", async () => {
    const body = new ReadableStream({ pull: (controller) => controller.error(new TypeError("terminated")) });
    const { fetch } = fakeFetch(() => new Response(body, { headers: { "content-type": "application/json" } }));
    expect(message(await loadConfig("/q.json", { fetch }))).toBe("could not read the config from /q.json: terminated");
  });

  it("another content type is refused by name, without the HTML hint", async () => {
    const { fetch } = fakeFetch(() => respond(exampleText, 200, "text/css"));
    expect(message(await loadConfig("/q.json", { fetch }))).toBe("the config at /q.json is text/css, expected application/json");
  });

  it("an HTML page is refused clearly", async () => {
    const { fetch } = fakeFetch(() => respond("<!doctype html><p>Home</p>", 200, "text/html; charset=utf-8"));
    const text = message(await loadConfig("/questons.json", { fetch }));
    expect(text).toContain("the config at /questons.json is text/html, expected application/json");
    expect(text).toContain("the URL is wrong");
  });

  it("malformed JSON names the URL and the parser's complaint", async () => {
    const { fetch } = fakeFetch(() => respond('{"id": "x",}'));
    expect(message(await loadConfig("/q.json", { fetch }))).toMatch(/^the config at \/q\.json is not valid JSON: .+/);
  });

  it("a config that is not valid comes back with its own errors", async () => {
    const { fetch } = fakeFetch(() => respond('{"id": "x", "version": 0, "stages": [], "questions": {}}'));
    const result = await loadConfig("/q.json", { fetch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["version", "stages"]);
  });

  it("uses the page's origin for the endpoint policy", async () => {
    const config = { ...JSON.parse(exampleText), endpoint: "http://intranet.test/api" };
    const { fetch } = fakeFetch(() => respond(JSON.stringify(config)));
    expect((await loadConfig("/q.json", { fetch, pageOrigin: "http://intranet.test" })).ok).toBe(true);
    expect((await loadConfig("/q.json", { fetch })).ok).toBe(false);
  });

  it("replaces the config's endpoint with data-endpoint, which passes the same checks", async () => {
    const { fetch } = fakeFetch(() => respond(exampleText));
    const result = await loadConfig("/q.json", { fetch, endpoint: "https://api.example.com/other" });
    expect(result.ok && result.config.endpoint).toBe("https://api.example.com/other");
    const refused = await loadConfig("/q.json", { fetch, endpoint: "http://other.example/p" });
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual(["endpoint"]);
  });
});

describe("loadConfig from #id", () => {
  const { fetch, calls } = fakeFetch(() => respond("{}"));

  it("reads a <script type=application/json> and validates it, without fetching", async () => {
    const document = fakeDocument({ "pp-config": { tag: "script", type: "application/json", text: exampleText } });
    expect(await loadConfig("#pp-config", { fetch, document })).toMatchObject({ ok: true, config: { id: "b2b-onboarding" } });
    expect(calls).toEqual([]);
  });

  it('"#" alone asks for the id', async () => {
    const document = fakeDocument({ "": { tag: "script", type: "application/json", text: exampleText } });
    for (const source of ["#", "  #  "]) {
      expect(message(await loadConfig(source, { fetch, document }))).toBe(
        'expected "#" followed by the id of a <script type="application/json">, found "#" alone',
      );
    }
    expect(calls).toEqual([]);
  });

  it("a missing element names the id", async () => {
    const text = message(await loadConfig("#pp-config", { fetch, document: fakeDocument({}) }));
    expect(text).toBe('no element with id "pp-config" on the page; expected <script type="application/json" id="pp-config"> holding the config');
  });

  it("an element of the wrong kind says what it found", async () => {
    const document = fakeDocument({ a: { tag: "div", text: exampleText }, b: { tag: "script", type: "text/javascript", text: exampleText } });
    expect(message(await loadConfig("#a", { fetch, document }))).toBe('expected #a to be a <script type="application/json">, found <div>');
    expect(message(await loadConfig("#b", { fetch, document }))).toBe('expected #b to be a <script type="application/json">, found <script type="text/javascript">');
  });

  it("malformed JSON in the element names the id", async () => {
    const document = fakeDocument({ c: { tag: "script", type: "application/json", text: "{ id: 1 }" } });
    expect(message(await loadConfig("#c", { fetch, document }))).toMatch(/^the config in #c is not valid JSON: /);
  });
});

describe("loadConfig from an object", () => {
  it("makes a relative endpoint and profileUrl absolute against the page's address (not a <base href>)", async () => {
    const { fetch } = fakeFetch(() => respond("{}"));
    const document = { location: { origin: "https://shop.example", href: "https://shop.example/account/settings?tab=1" } } as unknown as Document;
    const config = { ...JSON.parse(exampleText), endpoint: "api/profile", profileUrl: "/api/me" };
    const result = await loadConfig(config, { fetch, document });
    expect(result.ok && [result.config.endpoint, result.config.profileUrl]).toEqual(["https://shop.example/account/api/profile", "https://shop.example/api/me"]);
    const absolute = await loadConfig({ ...config, endpoint: "https://api.example.com/p", profileUrl: undefined }, { fetch, document });
    expect(absolute.ok && [absolute.config.endpoint, absolute.config.profileUrl]).toEqual(["https://api.example.com/p", undefined]);
  });

  it("follows a <base href> on the page's own site (an app shell's \"/\"), never one on another site", async () => {
    const { fetch } = fakeFetch(() => respond("{}"));
    const config = { ...JSON.parse(exampleText), endpoint: "api/profile", profileUrl: "me" };
    const at = (baseURI: string) =>
      ({ baseURI, location: { origin: "https://shop.example", href: "https://shop.example/account/settings?tab=1" } }) as unknown as Document;
    const own = await loadConfig(config, { fetch, document: at("https://shop.example/") });
    expect(own.ok && [own.config.endpoint, own.config.profileUrl]).toEqual(["https://shop.example/api/profile", "https://shop.example/me"]);
    const other = await loadConfig(config, { fetch, document: at("http://cdn.example/app/") });
    expect(other.ok && [other.config.endpoint, other.config.profileUrl]).toEqual(["https://shop.example/account/api/profile", "https://shop.example/account/me"]);
  });

  it("does not refuse a config whose \"min\": \"today\" has passed a fixed \"max\" since it was written (the plan leaves that question out)", async () => {
    const { fetch } = fakeFetch(() => respond("{}"));
    const config = JSON.parse(exampleText);
    config.questions.birthday = { ...config.questions.birthday, min: "today", max: "2020-12-31" };
    expect(validate(config, { pageOrigin: "https://shop.example" }).ok).toBe(false);
    expect(await loadConfig(config, { fetch })).toMatchObject({ ok: true });
  });

  it("validates it", async () => {
    const { fetch, calls } = fakeFetch(() => respond("{}"));
    expect(await loadConfig(JSON.parse(exampleText), { fetch })).toMatchObject({ ok: true });
    expect(await loadConfig({ id: 1 }, { fetch })).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it("JSON text given as the config is refused without a request (it would send the config, headers and all, to the page's server)", async () => {
    const { fetch, calls } = fakeFetch(() => respond("{}"));
    const result = await loadConfig(' {"id": "x", "headers": {"Authorization": "Bearer k"}}', { fetch });
    expect(message(result)).toBe('expected the config: a URL, #id of a <script type="application/json">, or an object; found JSON text');
    expect(calls).toEqual([]);
  });

  it("an empty or blank string is refused as such, without a request", async () => {
    const { fetch, calls } = fakeFetch(() => respond("{}"));
    for (const source of ["", "  \n "]) {
      expect(message(await loadConfig(source, { fetch }))).toBe(
        'expected the config: a URL, #id of a <script type="application/json">, or an object; found an empty string',
      );
    }
    expect(calls).toEqual([]);
  });

  it("no config at all (mount() without options, or without `config`) is refused as such", async () => {
    const { fetch, calls } = fakeFetch(() => respond("{}"));
    for (const source of [undefined, null]) {
      expect(message(await loadConfig(source as unknown as string, { fetch }))).toBe(
        'expected the config: a URL, #id of a <script type="application/json">, or an object; found none',
      );
    }
    expect(calls).toEqual([]);
  });

  it("anything unexpected thrown on the way (here, by the page's document) becomes one message", async () => {
    const { fetch } = fakeFetch(() => respond("{}"));
    const document = {
      location: { origin: "https://shop.example", href: "https://shop.example/account" },
      getElementById: () => {
        throw new Error("the document is gone");
      },
    } as unknown as Document;
    expect(message(await loadConfig("#pp-config", { fetch, document }))).toBe("could not load the config: the document is gone");
  });

  it("never throws, whatever the source", async () => {
    const { fetch } = fakeFetch(() => {
      throw new Error("boom");
    });
    for (const source of ["", "   ", "#", '{"id": 1}', "/q.json", null as unknown as object]) {
      const result = await loadConfig(source, { fetch });
      expect(result.ok).toBe(false);
    }
  });
});

describe("loadConfig on a page whose Object.prototype was polluted", () => {
  it("reads only what the config says: no endpoint, showIf, pattern or key from the prototype, and no key refused for it", async () => {
    const { fetch } = fakeFetch(() => respond(exampleText));
    const bare = JSON.parse(exampleText) as Record<string, unknown>;
    delete bare.endpoint;
    const polluted = { endpoint: "https://attacker.example/collect", profileUrl: "https://attacker.example/me", strings: { en: { next: "Enter your password" } }, showIf: { question: "name", answered: false }, pattern: "^$", user: "u_attacker" };
    const proto = Object.prototype as Record<string, unknown>;
    // Plain assignment, as a vulnerable parser does it: enumerable, so for…in sees the keys.
    for (const [key, value] of Object.entries(polluted)) proto[key] = value;
    try {
      for (const source of [bare, { ...bare, endpoint: "/api/profile" }]) {
        const result = await loadConfig(source, { fetch, pageOrigin: "https://shop.example", endpoint: null });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const { config } = result;
        expect(config.endpoint).toBe(source === bare ? undefined : "https://shop.example/api/profile");
        expect(config.profileUrl).toBeUndefined();
        expect(config.strings).toBeUndefined();
        expect(config.questions.company!.showIf).toBeUndefined();
        expect((config.questions.name as { pattern?: string }).pattern).toBeUndefined();
      }
    } finally {
      for (const key of Object.keys(polluted)) delete proto[key];
    }
  });
});
