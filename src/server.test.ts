import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import * as hostZod from "zod/mini";
import { encodeMessage } from "./core/encode";
import type { DeliveryFormat, DeliveryMessage } from "./core/types";
import { deliveryMessageSchema, messageSchema, parseDelivery, validate } from "./server";
import { makeMessage } from "./storage/test-fixtures";

/** SPEC §7's example message, with every kind of answer value. */
function makeDelivery(overrides: Partial<DeliveryMessage> = {}): DeliveryMessage {
  const answers = { phone: "+81 3-1234-5678", employees: 42, newsletter: true, topics: ["saas", "retail"] };
  const pending = makeMessage({ userId: "u_123", visit: 2, answers, skipped: ["birthday"], locale: "ja" });
  return { ...pending, sentAt: "2026-11-24T10:00:00.120Z", ...overrides };
}

describe("round trips from the widget's own encoding", () => {
  test.each<DeliveryFormat>(["json", "segment"])("%s: the message comes back exactly", (format) => {
    const message = makeDelivery();
    const { body, contentType } = encodeMessage(message, format);
    expect(parseDelivery(body, contentType)).toEqual({ ok: true, message });
    expect(parseDelivery(new TextEncoder().encode(body), `${contentType}; charset=utf-8`)).toEqual({ ok: true, message });
  });

  test("form: every field comes back; answers as the text a form carries", () => {
    const message = makeDelivery({ userId: null, answers: { phone: "+81 3-1234-5678", topics: ["saas", "retail"] } });
    const { body, contentType } = encodeMessage(message, "form");
    expect(parseDelivery(body, contentType)).toEqual({ ok: true, message });
    expect(parseDelivery(new URLSearchParams(body))).toEqual({ ok: true, message });
  });

  test("form: a FormData, as a Fetch-style handler's `await request.formData()` gives it", async () => {
    const message = makeDelivery({ userId: null, answers: { phone: "+81 3-1234-5678", topics: ["saas", "retail"] } });
    const { body, contentType } = encodeMessage(message, "form");
    const form = await new Request("https://api.example.com/profile", { method: "POST", body, headers: { "content-type": contentType } }).formData();
    expect(parseDelivery(form, contentType)).toEqual({ ok: true, message });
    expect(parseDelivery(form)).toEqual({ ok: true, message });
    // One made by another copy of the class (undici's own Request) is known by its shape.
    const foreign = { getAll: () => [], *[Symbol.iterator]() {
      yield* new URLSearchParams(body);
    } };
    expect(parseDelivery(foreign as unknown as FormData, contentType)).toEqual({ ok: true, message });
  });

  test("form: a multiselect of many choices comes back whole and in order (each appended, not the list copied per choice)", () => {
    const topics = Array.from({ length: 20_000 }, (_, i) => `t${i}`);
    const { body, contentType } = encodeMessage(makeDelivery({ answers: { topics } }), "form");
    const parsed = parseDelivery(body, contentType);
    expect(parsed.ok && parsed.message.answers.topics).toEqual(topics);
  });

  test("form: question ids that are names of every object's methods (toString, constructor, …) come back as sent", () => {
    // (A config refuses "__proto__" as a question id.)
    const answers = { toString: "Acme", constructor: ["a", "b"], hasOwnProperty: "y", valueOf: "z" };
    const message = makeDelivery({ userId: null, answers });
    const { body, contentType } = encodeMessage(message, "form");
    const parsed = parseDelivery(body, contentType);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && Object.entries(parsed.message.answers)).toEqual(Object.entries(message.answers));
  });

  test("a JSON body behind a byte-order mark, bytes as an ArrayBuffer, a content type as a header array", () => {
    const message = makeDelivery();
    const { body, contentType } = encodeMessage(message, "json");
    expect(parseDelivery(`\uFEFF${body}`, contentType)).toEqual({ ok: true, message });
    expect(parseDelivery(new TextEncoder().encode(body).buffer, contentType)).toEqual({ ok: true, message });
    expect(parseDelivery(body, [contentType] as unknown as string)).toEqual({ ok: true, message });
    expect(parseDelivery(body, 42 as unknown as string)).toEqual({ ok: true, message });
  });

  test("without a content type the body's shape decides", () => {
    const message = makeDelivery({ answers: { phone: "1" } });
    for (const format of ["json", "form", "segment"] as const) {
      expect(parseDelivery(encodeMessage(message, format).body)).toEqual({ ok: true, message });
    }
  });

  test("a body a framework already parsed: JSON, a Segment call, and both kinds of parsed form", () => {
    const message = makeDelivery({ answers: { phone: "1", topics: ["a", "b"] } });
    const fromJson = (format: DeliveryFormat): Record<string, unknown> => {
      const parsed: unknown = JSON.parse(encodeMessage(message, format).body);
      expect(parsed).toBeTypeOf("object");
      return Object.fromEntries(Object.entries(parsed ?? {}));
    };
    expect(parseDelivery(fromJson("json"))).toEqual({ ok: true, message });
    expect(parseDelivery(fromJson("segment"))).toEqual({ ok: true, message });
    const flat = { ...stringly(message), "answers[phone]": "1", "answers[topics]": ["a", "b"] };
    expect(parseDelivery(flat)).toEqual({ ok: true, message });
    const nested = { ...stringly(message), answers: { phone: "1", topics: ["a", "b"] } };
    expect(parseDelivery(nested)).toEqual({ ok: true, message });
  });

  test("a parsed object that no form parser makes (a number, an object, a JSON content type) is checked as JSON, not turned into text", () => {
    const message = makeDelivery({ answers: { phone: "1" } });
    const form = { ...stringly(message), answers: { phone: "1" } };
    for (const body of [{ ...form, userId: 123 }, { ...form, answers: { phone: { evil: 1 } } }, { ...form, skipped: [{}] }]) {
      const result = parseDelivery(body);
      expect(result.ok, JSON.stringify(body)).toBe(false);
    }
    expect(parseDelivery(form, "application/json").ok).toBe(false);
    expect(parseDelivery(form, "application/x-www-form-urlencoded")).toEqual({ ok: true, message });
  });
});

/** What express.urlencoded makes of the form's scalar fields: strings only. */
function stringly(m: DeliveryMessage): Record<string, unknown> {
  return {
    messageId: m.messageId,
    configId: m.configId,
    configVersion: String(m.configVersion),
    userId: m.userId ?? "",
    anonymousId: m.anonymousId,
    visit: String(m.visit),
    skipped: m.skipped,
    answeredAt: m.answeredAt,
    sentAt: m.sentAt,
    locale: m.locale,
    page: m.page,
  };
}

describe("malformed bodies get an error naming the problem", () => {
  const errorOf = (...args: Parameters<typeof parseDelivery>): string => {
    const result = parseDelivery(...args);
    expect(result.ok).toBe(false);
    return result.ok ? "" : result.error;
  };

  test("a hostile body with a problem in each of a huge list's items: a short error, and no throw", () => {
    const body = (skipped: unknown[]) => JSON.stringify({ ...makeDelivery(), skipped });
    const error = errorOf(body(Array(5000).fill(1)), "application/json");
    expect(error).toMatch(/^Invalid delivery message: skipped\[0\]: expected a string, found 1; .*; and 4990 more$/);
    expect(error.length).toBeLessThan(1000);
    expect(errorOf(body(Array(200_000).fill(1)), "application/json")).toMatch(/^Invalid delivery message: /);
  });

  test("not JSON, not UTF-8, an unsupported content type", () => {
    expect(errorOf("{ nope", "application/json")).toMatch(/not valid JSON/);
    expect(errorOf(new Uint8Array([0xff, 0xfe, 0x7b]), "application/json")).toMatch(/not valid UTF-8/);
    expect(errorOf("<xml/>", "text/xml")).toMatch(/Unsupported content type "text\/xml"/);
  });

  test("an empty body (a proxy that dropped it, a client that sent none): said so, not as every field missing", () => {
    for (const type of ["application/json", "application/x-www-form-urlencoded", undefined]) {
      expect(errorOf("", type)).toBe("The body is empty: expected a delivery message.");
      expect(errorOf(new Uint8Array([0x20, 0x0a]), type)).toBe("The body is empty: expected a delivery message.");
    }
  });

  test("no body at all (a framework without a parser for it): a plain message, not a TypeError", () => {
    expect(errorOf(undefined as never)).toBe("Expected the request body as a string, bytes or a parsed object; found undefined.");
    expect(errorOf(null as never)).toBe("Expected the request body as a string, bytes or a parsed object; found null.");
  });

  test("each wrong field is named with what was expected and found", () => {
    const { visit: _visit, ...noVisit } = makeDelivery();
    const error = errorOf(
      JSON.stringify({ ...noVisit, answers: { phone: { number: "1" } }, sentAt: "yesterday", extra: true }),
      "application/json",
    );
    expect(error).toMatch(/^Invalid delivery message: /);
    expect(error).toMatch(/answers\.phone: expected a string, a number, true\/false or a list \[ … \], found an object/);
    expect(error).toMatch(/sentAt: expected an ISO 8601 UTC date-time/);
    expect(error).toMatch(/extra: unknown key "extra"/);
    expect(error).toMatch(/visit: missing; expected an integer ≥ 1/);
  });

  test("userId, the one field that may be null, says so when it is wrong or missing", () => {
    const { userId: _userId, ...noUser } = makeDelivery();
    expect(errorOf(JSON.stringify({ ...makeDelivery(), userId: 5 }), "application/json")).toBe(
      "Invalid delivery message: userId: expected a string or null, found 5",
    );
    expect(errorOf(JSON.stringify(noUser), "application/json")).toBe("Invalid delivery message: userId: missing; expected a string or null");
    expect(parseDelivery(JSON.stringify({ ...makeDelivery(), userId: null }), "application/json").ok).toBe(true);
  });

  test("a form whose numbers are not numbers, or not written as the widget writes them (decimals), as JSON would refuse them", () => {
    const body = encodeMessage(makeDelivery(), "form").body;
    expect(errorOf(body.replace("configVersion=1", "configVersion=one"), "application/x-www-form-urlencoded")).toMatch(/configVersion: expected an integer ≥ 1, found "one"/);
    for (const visit of ["0x10", "1e3", "%2B2", "2%20", "02"]) {
      expect(errorOf(body.replace("visit=2", `visit=${visit}`), "application/x-www-form-urlencoded")).toMatch(/visit: expected an integer ≥ 1, found "[^"]+" \(a string\)/);
    }
    expect(errorOf(body.replace("visit=2", "visit=1.5"), "application/x-www-form-urlencoded")).toMatch(/visit: expected an integer ≥ 1, found 1.5, which is not a whole number/);
  });

  test("a body that is another format than its content type says, or another Segment call, is named as such", () => {
    const json = encodeMessage(makeDelivery(), "json").body;
    expect(errorOf(json, "application/x-www-form-urlencoded")).toBe(
      "The body is JSON, but its content type says a form (application/x-www-form-urlencoded): expected application/json.",
    );
    const track = { type: "track", event: "Signed Up", messageId: "m1", anonymousId: "a1", properties: {} };
    expect(errorOf(JSON.stringify(track), "application/json")).toBe('The body is a Segment "track" call: expected a delivery message, or a Segment "identify" call.');
    // A delivery message with a stray "type" key is still checked as one: the key is named.
    expect(errorOf(JSON.stringify({ ...makeDelivery(), type: "track" }), "application/json")).toMatch(/type: unknown key "type"/);
    expect(errorOf(JSON.stringify({ ...makeDelivery(), type: "identify" }), "application/json")).toMatch(/type: unknown key "type"/);
  });
});

test("the exported schema is strict and parses what encodeMessage sends", () => {
  expect(deliveryMessageSchema.safeParse(makeDelivery()).success).toBe(true);
  expect(deliveryMessageSchema.safeParse({ ...makeDelivery(), more: 1 }).success).toBe(false);
  expect(messageSchema).toBe(deliveryMessageSchema);
});

test("validate is re-exported for backends that serve the config", () => {
  expect(validate({ id: "x", version: 1, stages: [], questions: {} }).ok).toBe(false);
});

test("the server entry reaches no DOM, Preact, storage, transport or UI module", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, specifier = ""] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      expect(specifier, `${file} imports ${specifier}`).not.toMatch(/preact|\/(ui|storage|transport|widget)\b|idb-keyval/);
      if (specifier.startsWith(".")) visit(resolveSource(dirname(file), specifier));
    }
  };
  visit(fileURLToPath(new URL("./server.ts", import.meta.url)));
  expect(seen.size).toBeGreaterThan(3);
});

function resolveSource(dir: string, specifier: string): string {
  for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`, specifier]) {
    const path = resolve(dir, candidate);
    try {
      readFileSync(path);
      return path;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${dir}`);
}

describe("the host's own zod", () => {
  test("is left as it was: our schemas are built without JIT, the host's keep theirs", () => {
    const { body, contentType } = encodeMessage(makeDelivery(), "json");
    expect(parseDelivery(body, contentType).ok).toBe(true);
    expect(validate({}).ok).toBe(false);
    // The same zod module the host imports (the package's dependency is external in the lib build).
    expect(hostZod.config().jitless).toBeFalsy();
  });
});
