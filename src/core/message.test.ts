import { describe, expect, it } from "vitest";
import { buildMessage, pageOf, withSentAt } from "./message";

describe("pageOf", () => {
  it.each([
    ["https://shop.example.com/account?token=abc#top", "https://shop.example.com/account"],
    ["https://shop.example.com", "https://shop.example.com/"],
    ["http://localhost:5173/a/b/?q=1", "http://localhost:5173/a/b/"],
    ["https://user:secret@example.com/p", "https://example.com/p"],
    ["https://example.com:443/p#frag", "https://example.com/p"],
    ["file:///home/me/page.html?x", "file:///home/me/page.html"],
  ])("%s → %s", (url, page) => {
    expect(pageOf(url)).toBe(page);
  });
});

describe("buildMessage / withSentAt", () => {
  const input = {
    messageId: "m-1",
    config: { id: "b2b-onboarding", version: 2 },
    person: { userId: null, anonymousId: "a_1" },
    visit: 2,
    answers: { phone: "+81 3-1234-5678", tags: ["a", "b"] },
    skipped: ["birthday"],
    now: Date.UTC(2026, 10, 24, 10, 0, 0),
    locale: "ja",
    pageUrl: "https://shop.example.com/account?session=secret",
  };

  it("has every SPEC §7 field, userId null until known", () => {
    expect(buildMessage(input)).toEqual({
      messageId: "m-1",
      configId: "b2b-onboarding",
      configVersion: 2,
      userId: null,
      anonymousId: "a_1",
      visit: 2,
      answers: { phone: "+81 3-1234-5678", tags: ["a", "b"] },
      skipped: ["birthday"],
      answeredAt: "2026-11-24T10:00:00.000Z",
      locale: "ja",
      page: "https://shop.example.com/account",
    });
  });

  it("copies answers and skipped so later changes to the inputs do not leak in", () => {
    const answers: Record<string, string[]> = { tags: ["a"] };
    const skipped = ["x"];
    const message = buildMessage({ ...input, answers, skipped });
    answers.tags?.push("b");
    skipped.push("y");
    expect(message.answers).toEqual({ tags: ["a"] });
    expect(message.skipped).toEqual(["x"]);
  });

  it("withSentAt adds sentAt after answeredAt, in the SPEC's key order", () => {
    const sent = withSentAt(buildMessage({ ...input, person: { userId: "u_1", anonymousId: "a_1" } }), input.now + 120);
    expect(sent.sentAt).toBe("2026-11-24T10:00:00.120Z");
    expect(sent.userId).toBe("u_1");
    expect(Object.keys(sent)).toEqual([
      "messageId", "configId", "configVersion", "userId", "anonymousId", "visit",
      "answers", "skipped", "answeredAt", "sentAt", "locale", "page",
    ]);
  });
});
