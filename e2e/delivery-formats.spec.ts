// SPEC §7's other two bodies, `format: "form"` and `format: "segment"`, as a backend receives
// them from a real visit through the built script tag (the raw body and content type the e2e
// backend recorded), and a text question's `pattern` (SPEC §4) as a person meets it: a value
// that does not match is refused with the `pattern` message and goes nowhere; one that matches
// is delivered.
import type { Page } from "@playwright/test";
import { test, expect, withEndpoint, type Backend, type Delivery } from "./fixtures";
import { askOnly, answerText, deliveredCount, visitHost } from "./support/widget";

const progress = (page: Page, text: string) => page.getByText(text, { exact: true });
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/** SPEC §7: the fields of every message besides `answers` and `skipped` (one value each). */
const SCALAR_FIELDS = ["messageId", "configId", "configVersion", "userId", "anonymousId", "visit", "answeredAt", "sentAt", "locale", "page"];
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Five questions at visit 1: a text whose answer needs escaping in a form body, two optional
 * ones the person skips, a multiselect (an array), and an optional last step they skip too.
 */
const QUESTIONS = {
  team: { type: "text", label: "Team name", required: true },
  handle: { type: "text", label: "Chat handle" },
  website: { type: "url", label: "Website" },
  interests: {
    type: "multiselect",
    label: "Interests",
    options: [
      { value: "ai", label: "AI" },
      { value: "security", label: "Security" },
      { value: "cloud", label: "Cloud" },
    ],
  },
  nickname: { type: "text", label: "Nickname" },
};
/** Characters a urlencoded body must escape (&, =, +, %, space) and some beyond ASCII. */
const TEAM = "R&D = 100% + Ünïcode 東京";

/** Waits until the backend answered `count` deliveries 2xx and returns them, raw (any format). */
async function deliveredRaw(backend: Backend, count: number): Promise<Delivery[]> {
  const ok = async () => (await backend.log()).filter((d) => typeof d.outcome === "number" && d.outcome < 300);
  await expect.poll(async () => (await ok()).length, { message: `${count} messages delivered` }).toBe(count);
  return ok();
}

/** Answers the team, skips handle and website, picks AI and Cloud, then the last step. */
async function walkTheFiveQuestions(page: Page, last: "Skip" | "Not now") {
  await expect(progress(page, "1 / 5")).toBeVisible();
  await answerText(page, "Team name", TEAM);
  await expect(progress(page, "2 / 5")).toBeVisible();
  await button(page, "Skip").click();
  await expect(progress(page, "3 / 5")).toBeVisible();
  await button(page, "Skip").click();
  await expect(progress(page, "4 / 5")).toBeVisible();
  const interests = page.getByRole("group", { name: "Interests" });
  await interests.getByRole("checkbox", { name: "AI" }).check();
  await interests.getByRole("checkbox", { name: "Cloud" }).check();
  await button(page, "Next").click();
  await expect(progress(page, "5 / 5")).toBeVisible();
  await expect(page.getByLabel("Nickname")).toBeVisible();
  await button(page, last).click();
  await expect(page.getByLabel("Nickname")).toHaveCount(0);
}

test.describe('format: "form"', () => {
  test("a visit delivers urlencoded bodies with the JSON payload's fields, answers[ID]=value and arrays as repeated keys", async ({
    page,
    hostPage,
    backend,
    consoleErrors,
  }) => {
    await visitHost(page, hostPage, backend, { visit: 1, user: "u_form", path: "/t/form.html", config: askOnly(QUESTIONS, { format: "form" }) });
    await walkTheFiveQuestions(page, "Skip");
    const origin = new URL(page.url()).origin;

    // SPEC §7: Next on the team, Next on the interests (after two skips), and the last step
    // skipped: three messages.
    const log = await deliveredRaw(backend, 3);
    const bodies = log.map((d) => new URLSearchParams(d.body));
    for (const [i, delivery] of log.entries()) {
      const form = bodies[i]!;
      expect(delivery.contentType, "the content type of a form body").toMatch(/^application\/x-www-form-urlencoded\s*(;|$)/i);
      // Never JSON under a form content type.
      expect(delivery.body.trimStart().startsWith("{")).toBe(false);
      for (const field of SCALAR_FIELDS) expect(form.getAll(field), `${field}: one value`).toHaveLength(1);
      // Nothing but the JSON payload's fields (answers flattened to answers[ID]).
      const keys = [...new Set(form.keys())];
      expect(keys.filter((k) => !SCALAR_FIELDS.includes(k) && k !== "skipped" && !/^answers\[[^\]]+\]$/.test(k)), "keys beyond SPEC §7's fields").toEqual([]);
      expect(delivery.idempotencyKey, "Idempotency-Key is the messageId").toBe(form.get("messageId"));
      expect(form.get("configId")).toBe("b2b-onboarding");
      expect(form.get("configVersion")).toBe("1");
      expect(form.get("userId")).toBe("u_form");
      expect(form.get("anonymousId")).toBeTruthy();
      expect(form.get("visit")).toBe("1");
      expect(form.get("locale")).toBe("en");
      expect(form.get("page")).toBe(`${origin}/t/form.html`);
      for (const at of ["answeredAt", "sentAt"]) {
        expect(form.get(at), at).toMatch(ISO_TIMESTAMP);
        expect(Number.isNaN(Date.parse(form.get(at)!)), at).toBe(false);
      }
    }
    expect(new Set(bodies.map((f) => f.get("messageId"))).size, "three distinct messageIds").toBe(3);
    expect(new Set(bodies.map((f) => f.get("anonymousId"))).size, "one anonymousId").toBe(1);

    const answerKeys = (form: URLSearchParams) => [...new Set([...form.keys()].filter((k) => k.startsWith("answers[")))];
    const team = bodies.find((f) => f.has("answers[team]"));
    const interests = bodies.find((f) => f.has("answers[interests]"));
    const lastSkipped = bodies.find((f) => answerKeys(f).length === 0);
    expect(team && interests && lastSkipped, "one message per Next / Submit and one for the last step skipped").toBeTruthy();

    // The text comes back exactly as typed once the body is decoded (&, =, + and % escaped).
    expect(answerKeys(team!)).toEqual(["answers[team]"]);
    expect(team!.getAll("answers[team]")).toEqual([TEAM]);
    // README: an empty `skipped` has no key at all.
    expect(team!.getAll("skipped")).toEqual([]);

    // The array answer and the two skips since the previous message: repeated keys.
    expect(answerKeys(interests!)).toEqual(["answers[interests]"]);
    expect(interests!.getAll("answers[interests]").sort()).toEqual(["ai", "cloud"]);
    expect(interests!.getAll("skipped").sort()).toEqual(["handle", "website"]);

    // The last step skipped: a message with empty answers (README: no key at all) naming it.
    expect(lastSkipped!.getAll("skipped")).toEqual(["nickname"]);
    expect(consoleErrors).toEqual([]);
  });

  test("an anonymous visit sends userId as an empty value (null has no form spelling)", async ({ page, hostPage, backend }) => {
    const path = await hostPage({
      inlineConfig: withEndpoint(askOnly(QUESTIONS, { format: "form" }), backend.endpoint),
      scriptAttributes: { "data-config": "#pp-config", "data-locale": "en" },
      path: "/t/form-anonymous.html",
    });
    await page.goto(path);
    await answerText(page, "Team name", "Anonymous team");
    const [delivery] = await deliveredRaw(backend, 1);
    expect(delivery!.contentType).toMatch(/^application\/x-www-form-urlencoded\s*(;|$)/i);
    const form = new URLSearchParams(delivery!.body);
    // SPEC §7: userId is null until the host gives one; README: sent as an empty `userId=`.
    expect(form.getAll("userId")).toEqual([""]);
    expect(form.get("anonymousId")).toBeTruthy();
    expect(form.getAll("answers[team]")).toEqual(["Anonymous team"]);
  });
});

test.describe('format: "segment"', () => {
  test("a visit delivers Segment identify calls: type, messageId, userId, anonymousId, traits = answers, timestamp, context", async ({
    page,
    hostPage,
    backend,
    consoleErrors,
  }) => {
    // A page address with a query and a fragment, as a campaign link gives: SPEC §7's `page`
    // (here context.page.url) is origin + path only.
    await page.addInitScript(() => history.replaceState(null, "", `${location.pathname}?utm_source=newsletter&email=ada%40example.com#offer`));
    const startedAt = Date.now();
    await visitHost(page, hostPage, backend, { visit: 1, user: "u_segment", path: "/t/segment.html", config: askOnly(QUESTIONS, { format: "segment" }) });
    await walkTheFiveQuestions(page, "Not now");
    const origin = new URL(page.url()).origin;
    expect(page.url()).toContain("?utm_source=newsletter");

    const log = await deliveredRaw(backend, 3);
    const calls = log.map((d) => JSON.parse(d.body) as Record<string, unknown>);
    for (const [i, delivery] of log.entries()) {
      const call = calls[i]!;
      // A Segment-compatible collector takes JSON bodies.
      expect(delivery.contentType, "a Segment call is JSON").toMatch(/^application\/json\s*(;|$)/i);
      expect(call).toMatchObject({
        type: "identify",
        userId: "u_segment",
        context: { locale: "en", page: { url: `${origin}/t/segment.html` } },
      });
      expect(typeof call.messageId === "string" && call.messageId.length > 0, "messageId").toBe(true);
      expect(delivery.idempotencyKey, "Idempotency-Key is the messageId").toBe(call.messageId);
      expect(typeof call.anonymousId === "string" && call.anonymousId.length > 0, "anonymousId").toBe(true);
      expect(call.timestamp).toMatch(ISO_TIMESTAMP);
      const timestamp = Date.parse(call.timestamp as string);
      expect(timestamp).toBeGreaterThanOrEqual(startedAt - 1_000);
      expect(timestamp).toBeLessThanOrEqual(Date.now() + 1_000);
      // Segment's context.library names the library making the call and its version.
      const library = (call.context as { library?: { name?: unknown; version?: unknown } }).library;
      expect(typeof library?.name === "string" && library.name.length > 0, "context.library.name").toBe(true);
      expect(typeof library?.version === "string" && library.version.length > 0, "context.library.version").toBe(true);
      // The whole JSON payload is not sent as-is: answers go in traits.
      expect(call).not.toHaveProperty("answers");
    }
    expect(new Set(calls.map((c) => c.messageId)).size, "three distinct messageIds").toBe(3);
    expect(new Set(calls.map((c) => c.anonymousId)).size, "one anonymousId").toBe(1);

    // traits = answers, with the JSON types of SPEC §4 (the multiselect a list); the message of
    // "Not now" has empty answers, so empty traits.
    const traits = calls.map((c) => c.traits);
    expect(traits).toContainEqual({ team: TEAM });
    expect(traits).toContainEqual({ interests: ["ai", "cloud"] });
    expect(traits).toContainEqual({});
    expect(traits).toHaveLength(3);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe("a text question's pattern", () => {
  const PATTERN_MESSAGE = "Use two capital letters, a hyphen and four digits, like AB-1234.";
  const config = askOnly(
    {
      code: { type: "text", label: "Member code", required: true, pattern: "[A-Z]{2}-[0-9]{4}" },
      team: { type: "text", label: "Team name" },
    },
    // SPEC §4: `pattern` is one of the validation messages a config's `strings` overrides.
    { strings: { en: { pattern: PATTERN_MESSAGE } } },
  );

  test("a value that does not match is refused with the pattern message, stays on the step and is not sent; a match is delivered", async ({
    page,
    hostPage,
    backend,
    consoleErrors,
  }) => {
    await visitHost(page, hostPage, backend, { visit: 1, config });
    const code = page.getByLabel("Member code");
    await expect(progress(page, "1 / 2")).toBeVisible();

    for (const wrong of ["hello", "ab 12"]) {
      await code.fill(wrong);
      await button(page, "Next").click();
      await expect(page.getByText(PATTERN_MESSAGE, { exact: true })).toBeVisible();
      // SPEC §9: the error is tied to its field.
      await expect(code).toHaveAttribute("aria-invalid", "true");
      await expect(code).toHaveAccessibleDescription(new RegExp(PATTERN_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      await expect(progress(page, "1 / 2")).toBeVisible();
      await expect(page.getByLabel("Team name")).toHaveCount(0);
    }
    // Enter advances (SPEC §5), but not past a refused value either.
    await code.fill("nope");
    await code.press("Enter");
    await expect(page.getByText(PATTERN_MESSAGE, { exact: true })).toBeVisible();
    await expect(progress(page, "1 / 2")).toBeVisible();
    await expect(code).toHaveValue("nope");

    await page.waitForTimeout(500);
    expect(await backend.log(), "nothing was sent for a refused value").toEqual([]);

    await code.fill("AB-1234");
    await button(page, "Next").click();
    await expect(progress(page, "2 / 2")).toBeVisible();
    await expect(page.getByLabel("Team name")).toBeVisible();
    await expect(page.getByText(PATTERN_MESSAGE, { exact: true })).toHaveCount(0);
    const [delivered] = await deliveredCount(backend, 1);
    expect(delivered!.answers).toStrictEqual({ code: "AB-1234" });
    expect(delivered!.skipped).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
