// The runtime's write order as a host page sees it, through mount() in happy-dom with
// fake-indexeddb: what reaches the backend and which events fire when the person is quicker
// than the writes.
import "fake-indexeddb/auto";
import { expect, it, vi } from "vitest";
import type { ConfigInput } from "../config/schema";
import { mount } from "../widget";
import { abc, answerOnScreen, button, config, MAIN, mounted, onScreen, shadow } from "./test-kit";

it('"Not now" pressed while the answer is saving: the answer is not skipped, and answer comes before dismiss', async () => {
  const bodies: { answers: object; skipped: string[] }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { answers: object; skipped: string[] });
      return new Response(null, { status: 200 });
    }),
  );
  const widget = await mount({ config, user: "u_quick" });
  mounted.push(widget);
  const events: string[] = [];
  for (const type of ["answer", "dismiss"] as const) widget.on(type, (d) => events.push(`${type} ${d.questionIds.join(",")}`));
  await vi.waitFor(() => expect(shadow()?.querySelector("input")).toBeTruthy());
  const input = shadow()!.querySelector("input")!;
  input.value = "Ada";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  button(MAIN).click();
  button(/^Not now$/).click();
  // The card goes at once.
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
  await vi.waitFor(() => expect(bodies).toHaveLength(2));
  expect(bodies.map(({ answers, skipped }) => ({ answers, skipped }))).toEqual([
    { answers: { name: "Ada" }, skipped: [] },
    { answers: {}, skipped: ["email"] },
  ]);
  expect(events).toEqual(["answer name", "dismiss email"]);
});

it("identify() of a user who answered the question on screen earlier in this visit moves the card on", async () => {
  const bodies: { answers: object; userId: string | null }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { answers: object; userId: string | null });
      return new Response(null, { status: 200 });
    }),
  );
  // Logged in on one page: A answered.
  const first = await mount({ config: abc, user: "u_ident" });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await answerOnScreen("first");
  first.destroy();
  // The next page of the same visit, before the host knows who it is: asked A.
  const anonymous = await mount({ config: abc });
  mounted.push(anonymous);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await anonymous.identify("u_ident");
  expect(onScreen()).toBe("B 2 / 3");
  await answerOnScreen("b");
  await vi.waitFor(() => expect(bodies).toHaveLength(2));
  expect(bodies.map((b) => b.answers)).toEqual([{ a: "first" }, { b: "b" }]);
});

it("identify() of another user builds the card anew from that user's plan", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config: abc, user: "u_one", visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await answerOnScreen("one's answer");
  expect(onScreen()).toBe("B 2 / 3");
  await widget.identify("u_two", { visit: 1 });
  expect(onScreen()).toBe("A 1 / 3");
  expect(shadow()!.querySelector("input")!.value).toBe("");
});

it("identify() of another user forgets what the host knew of the first (data-known); a login keeps it", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const known = { b: "from the first user's CRM" };
  const widget = await mount({ config: abc, user: "u_known_a", visit: 1, known });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await widget.identify("u_known_b", { visit: 1 });
  expect(onScreen()).toBe("A 1 / 3");
  widget.destroy();
  // Anonymous, then logged in: what the host knew of the visitor is the user's.
  const login = await mount({ config: abc, visit: 1, known });
  mounted.push(login);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 2"));
  await login.identify("u_known_c");
  expect(onScreen()).toBe("A 1 / 2");
});

it("the delayed first show waits for an identify() being stored: the new user never gets the previous user's card", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  // A typed into the card on an earlier page of this visit.
  const before = await mount({ config: abc, user: "u_draft_a", visit: 1 });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  const input = shadow()!.querySelector("input")!;
  input.value = "A typed this";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  before.destroy();
  // The next page: the display delay runs out while identify() of B is being stored.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const widget = await mount({ config: { ...abc, display: { delayMs: 100 } }, user: "u_draft_a", visit: 1 });
    mounted.push(widget);
    const shows: string[][] = [];
    widget.on("show", (d) => shows.push(d.questionIds));
    const switching = widget.identify("u_draft_b", { visit: 1 });
    // identify() is under way (microtasks only: its IndexedDB transaction has not run yet).
    for (let i = 0; i < 10; i++) await Promise.resolve();
    vi.advanceTimersByTime(100);
    // Not A's card, not even for a moment (Next there would send A's text as B's answer).
    expect(shadow()?.querySelector("input")?.value).not.toBe("A typed this");
    vi.useRealTimers();
    await switching;
    await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
    expect(shadow()!.querySelector("input")!.value).toBe("");
    expect(shows).toEqual([["a", "b", "c"]]);
  } finally {
    vi.useRealTimers();
  }
});

it("identify() after the page loaded anonymous asks profileUrl again: what the backend knows of the user is not asked", async () => {
  let loggedIn = false;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) =>
      String(url).endsWith("/me")
        ? Response.json({ traits: loggedIn ? { a: "from the CRM" } : {} })
        : new Response(null, { status: 200 }),
    ),
  );
  const widget = await mount({ config: { ...abc, profileUrl: "/me" }, visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  loggedIn = true;
  await widget.identify("u_traits");
  expect(onScreen()).toBe("B 1 / 2");
});

it("a login's profileUrl traits replace what profileUrl said of the anonymous page; the host's known wins over both", async () => {
  let loggedIn = false;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) =>
      String(url).endsWith("/me")
        ? Response.json({ traits: loggedIn ? { a: "from the CRM", c: "" } : { a: "", b: "a guess", c: "" } })
        : new Response(null, { status: 200 }),
    ),
  );
  const widget = await mount({ config: { ...abc, profileUrl: "/me" }, visit: 1, known: { c: "from the host" } });
  mounted.push(widget);
  // An empty trait is "unknown": A is asked; B is known, and so is C, from the host.
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  loggedIn = true;
  await widget.identify("u_fresh_traits");
  // The CRM knows A now, and nothing of B.
  expect(onScreen()).toBe("B 1 / 1");
});

it("a login whose profileUrl fails keeps what profileUrl said of the anonymous page", async () => {
  let loggedIn = false;
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) =>
      !String(url).endsWith("/me")
        ? new Response(null, { status: 200 })
        : loggedIn
          ? new Response(null, { status: 503 })
          : Response.json({ traits: { a: "from the CRM" } }),
    ),
  );
  const widget = await mount({ config: { ...abc, profileUrl: "/me" }, visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  loggedIn = true;
  await widget.identify("u_traits_failed");
  expect(onScreen()).toBe("B 1 / 2");
});

it("the host's close() while the first show waits its turn (behind an identify() asking profileUrl) keeps the card away", async () => {
  let slow = false;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (String(url).endsWith("/me") && slow) await new Promise((resolve) => setTimeout(resolve, 600));
      return String(url).endsWith("/me") ? Response.json({ traits: {} }) : new Response(null, { status: 200 });
    }),
  );
  const widget = await mount({ config: { ...abc, profileUrl: "/me", display: { delayMs: 100 } }, user: "u_close_a", visit: 1 });
  mounted.push(widget);
  const shows: unknown[] = [];
  widget.on("show", (d) => shows.push(d));
  slow = true;
  const switching = widget.identify("u_close_b", { visit: 1 });
  // The delay is over; the first show waits behind identify(), which waits for /me.
  await new Promise((resolve) => setTimeout(resolve, 250));
  widget.close();
  await switching;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
  expect(shows).toEqual([]);
});

it("identify(B) then identify(A) at once: A's profileUrl traits are asked for again, after B's", async () => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => (String(url).endsWith("/me") ? Response.json({ traits: { a: "from the CRM" } }) : new Response(null, { status: 200 }))),
  );
  const widget = await mount({ config: { ...abc, profileUrl: "/me" }, user: "u_twice_a", visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("B 1 / 2"));
  await Promise.all([widget.identify("u_twice_b", { visit: 1 }), widget.identify("u_twice_a", { visit: 1 })]);
  expect(onScreen()).toBe("B 1 / 2");
});

it("identify() checks its visit as mount() does: \"2\" counts, 0 is reported and ignored", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  vi.spyOn(console, "error").mockImplementation(() => {});
  const staged: ConfigInput = { ...abc, stages: [{ when: { visit: 1 }, ask: ["a"] }, { when: { visit: 2 }, ask: ["b"] }] };
  const widget = await mount({ config: staged, user: "u_visit_text", visit: 1 });
  mounted.push(widget);
  const errors: string[] = [];
  widget.on("error", (d) => errors.push(String(d.code)));
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 1"));
  await widget.identify("u_visit_text", { visit: 0 });
  expect(errors).toEqual(["option_invalid"]);
  expect(onScreen()).toBe("A 1 / 1");
  await widget.identify("u_visit_text", { visit: "2" as unknown as number });
  expect(onScreen()).toBe("A 1 / 2");
});

it("back in a tab whose card asks what another tab has just answered: the card moves on", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  // Two widgets of one person on one page stand for two tabs: they share the person's record.
  const tabA = await mount({ config: abc, user: "u_tabs", visit: 1 });
  const tabB = await mount({ config: abc, user: "u_tabs", visit: 1 });
  mounted.push(tabA, tabB);
  const roots = () => [...document.querySelectorAll("progressive-profile-root")].map((host) => host.shadowRoot!);
  const label = (root: ShadowRoot) => `${root.querySelector("label")?.textContent} ${root.querySelector("[role=status]")?.textContent}`;
  await vi.waitFor(() => expect(roots().map(label)).toEqual(["A 1 / 3", "A 1 / 3"]));
  const [a, b] = roots() as [ShadowRoot, ShadowRoot];
  const input = a.querySelector("input")!;
  input.value = "from tab A";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  button(MAIN, a).click();
  await vi.waitFor(() => expect(label(a)).toBe("B 2 / 3"));
  expect(label(b)).toBe("A 1 / 3");
  document.dispatchEvent(new Event("visibilitychange"));
  await vi.waitFor(() => expect(label(roots()[1]!)).toBe("B 2 / 3"));
});

it("the host's close() then open() shows the card again, with a show event each time it appears", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config: abc, user: "u_reshown" });
  mounted.push(widget);
  const shows: string[][] = [];
  widget.on("show", (d) => shows.push(d.questionIds));
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await vi.waitFor(() => expect(shows).toHaveLength(1));
  widget.close();
  await vi.waitFor(() => expect(shadow()?.querySelector("input") ?? null).toBeNull());
  widget.open();
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  // open() on a card already on screen is no new showing. (open() returns nothing to wait for;
  // a track() is queued behind it, so once it resolves the open() has run.)
  widget.open();
  await widget.track("settled");
  expect(shows).toEqual([["a", "b", "c"], ["a", "b", "c"]]);
});

it("two configs on one site: a skip goes with the next message of its own config, not of the other", async () => {
  const bodies: { configId: string; answers: object; skipped: string[] }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { configId: string; answers: object; skipped: string[] });
      return new Response(null, { status: 200 });
    }),
  );
  const onboarding = await mount({ config: abc, user: "u_two_configs" });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  button(/^Skip$/).click();
  await vi.waitFor(() => expect(onScreen()).toBe("B 2 / 3"));
  onboarding.destroy();
  // Another page of the site, in the same visit, with its own config (name, email).
  const newsletter = await mount({ config, user: "u_two_configs" });
  await vi.waitFor(() => expect(onScreen()).toBe("Name 1 / 2"));
  await answerOnScreen("Ada");
  await vi.waitFor(() => expect(bodies).toHaveLength(1));
  newsletter.destroy();
  const back = await mount({ config: abc, user: "u_two_configs" });
  mounted.push(back);
  await vi.waitFor(() => expect(onScreen()).toBe("B 2 / 3"));
  await answerOnScreen("b");
  await vi.waitFor(() => expect(bodies).toHaveLength(2));
  expect(bodies.map(({ configId, answers, skipped }) => ({ configId, answers, skipped }))).toEqual([
    { configId: "rt", answers: { name: "Ada" }, skipped: [] },
    { configId: "rt-abc", answers: { b: "b" }, skipped: ["a"] },
  ]);
});
