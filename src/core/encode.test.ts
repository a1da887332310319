import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, LIBRARY } from "./encode";
import type { DeliveryMessage } from "./types";

const makeMessage = (overrides: Partial<DeliveryMessage> = {}): DeliveryMessage => ({
  messageId: "2b1f-0001",
  configId: "b2b-onboarding",
  configVersion: 1,
  userId: "u_123",
  anonymousId: "a_9c",
  visit: 2,
  answers: { phone: "+81 3-1234-5678" },
  skipped: ["birthday"],
  answeredAt: "2026-11-24T10:00:00.000Z",
  sentAt: "2026-11-24T10:00:00.120Z",
  locale: "ja",
  page: "https://shop.example.com/account",
  ...overrides,
});

describe("LIBRARY", () => {
  it("names this package at package.json's version", () => {
    const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(pkg).toMatchObject({ name: LIBRARY.name, version: LIBRARY.version });
  });
});

describe("json", () => {
  it("is the message as is", () => {
    const message = makeMessage({ userId: null, skipped: [] });
    const { body, contentType } = encodeMessage(message, "json");
    expect(contentType).toBe("application/json");
    expect(JSON.parse(body)).toEqual(message);
    expect(decodeMessage(body, "application/json; charset=utf-8")).toEqual(message);
  });
});

describe("on a page whose Array.prototype has a toJSON (Prototype.js 1.6 and older)", () => {
  it("lists stay lists in the json and segment bodies, not the strings that toJSON makes of them", () => {
    const proto = Array.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function (this: unknown[]) {
      return `[${this.join(",")}]`;
    };
    try {
      const message = makeMessage({ answers: { tools: ["slack", "jira"] }, skipped: ["birthday"] });
      expect(JSON.parse(encodeMessage(message, "json").body)).toEqual(message);
      expect(JSON.parse(encodeMessage(message, "segment").body)).toMatchObject({ traits: { tools: ["slack", "jira"] } });
    } finally {
      delete proto.toJSON;
    }
  });
});

describe("form", () => {
  it("sends every field by name, answers as answers[ID], arrays and skipped repeated", () => {
    const message = makeMessage({
      answers: { name: "Ann & Bob", size: 42, agree: true, tags: ["a b", "c=d"] },
      skipped: ["birthday", "phone"],
    });
    const { body, contentType } = encodeMessage(message, "form");
    expect(contentType).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(body)]).toEqual([
      ["messageId", "2b1f-0001"],
      ["configId", "b2b-onboarding"],
      ["configVersion", "1"],
      ["userId", "u_123"],
      ["anonymousId", "a_9c"],
      ["visit", "2"],
      ["answers[name]", "Ann & Bob"],
      ["answers[size]", "42"],
      ["answers[agree]", "true"],
      ["answers[tags]", "a b"],
      ["answers[tags]", "c=d"],
      ["skipped", "birthday"],
      ["skipped", "phone"],
      ["answeredAt", "2026-11-24T10:00:00.000Z"],
      ["sentAt", "2026-11-24T10:00:00.120Z"],
      ["locale", "ja"],
      ["page", "https://shop.example.com/account"],
    ]);
    expect(body).toContain("answers%5Bname%5D=Ann+%26+Bob");
  });

  it("sends a null userId as empty and no skipped key when nothing was skipped", () => {
    const { body } = encodeMessage(makeMessage({ userId: null, skipped: [], answers: {} }), "form");
    const form = new URLSearchParams(body);
    expect(form.get("userId")).toBe("");
    expect(form.has("skipped")).toBe(false);
    expect([...form.keys()].some((k) => k.startsWith("answers"))).toBe(false);
  });

  it("round-trips: numbers back as numbers, empty userId as null, repeats as arrays, answers as text", () => {
    const message = makeMessage({ userId: null, answers: { size: 42, agree: false, tags: ["a", "b"] }, skipped: ["x"] });
    const { body, contentType } = encodeMessage(message, "form");
    expect(decodeMessage(body, contentType)).toEqual({
      ...message,
      answers: { size: "42", agree: "false", tags: ["a", "b"] },
    });
  });

  it("round-trips a string-only message exactly, and an empty skipped as []", () => {
    const message = makeMessage({ answers: { phone: "+1 (555) 0100" }, skipped: [] });
    const { body, contentType } = encodeMessage(message, "form");
    expect(decodeMessage(body, contentType)).toEqual(message);
  });

  it("keeps a non-numeric version as text so the schema can report it", () => {
    expect(decodeMessage("configVersion=abc&visit=", "application/x-www-form-urlencoded")).toMatchObject({
      configVersion: "abc",
      visit: "",
    });
  });
});

describe("segment", () => {
  it("is an identify call carrying the message, field by field", () => {
    const message = makeMessage({ answers: { phone: "+81 3-1234-5678", tags: ["a"] } });
    const { body, contentType } = encodeMessage(message, "segment");
    expect(contentType).toBe("application/json");
    const call: unknown = JSON.parse(body);
    expect(call).toEqual({
      type: "identify",
      messageId: "2b1f-0001",
      userId: "u_123",
      anonymousId: "a_9c",
      traits: { phone: "+81 3-1234-5678", tags: ["a"] },
      timestamp: "2026-11-24T10:00:00.000Z",
      sentAt: "2026-11-24T10:00:00.120Z",
      context: {
        library: { name: "progressive-profile", version: LIBRARY.version },
        locale: "ja",
        page: { url: "https://shop.example.com/account" },
        progressiveProfile: { configId: "b2b-onboarding", configVersion: 1, visit: 2, skipped: ["birthday"] },
      },
    });
  });

  it("round-trips exactly, userId null included", () => {
    const message = makeMessage({ userId: null, answers: { n: 3, ok: true, tags: ["x", "y"] }, skipped: [] });
    const { body, contentType } = encodeMessage(message, "segment");
    expect(decodeMessage(body, contentType)).toEqual(message);
  });
});

describe("decodeMessage on other input", () => {
  it("sniffs the format when the content type is missing", () => {
    const message = makeMessage();
    expect(decodeMessage(encodeMessage(message, "json").body, null)).toEqual(message);
    expect(decodeMessage(encodeMessage(message, "form").body, null)).toEqual(message);
  });

  it.each([
    ["{not json", "application/json", /not valid JSON/],
    ["[1,2]", "application/json", /not a JSON object/],
    ["null", "application/json", /not a JSON object/],
    ["<xml/>", "text/xml", /Unsupported content type "text\/xml"/],
    // Without a content type, JSON that is no object is said to be so (it is no form either).
    ["null", null, /not a JSON object/],
    [" [1, 2]", null, /not a JSON object/],
    ["42", null, /not a JSON object/],
    ['"messageId=m"', null, /not a JSON object/],
  ])("throws a clear error on %s", (body, type, message) => {
    expect(() => decodeMessage(body, type)).toThrow(message);
  });

  it("leaves a broken identify call's missing parts undefined for the schema to report", () => {
    expect(decodeMessage('{"type":"identify","messageId":"m"}', "application/json")).toMatchObject({
      messageId: "m",
      configId: undefined,
      page: undefined,
    });
  });
});
