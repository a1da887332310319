// The runtime's write order as a host page sees it, through mount() in happy-dom with
// fake-indexeddb: what reaches the backend and which events fire when the person is quicker
// than the writes.
import "fake-indexeddb/auto";
import { afterEach, expect, it, vi } from "vitest";
import { createStore, get } from "idb-keyval";
import type { ConfigInput } from "../config/schema";
import { mount, type Widget } from "../widget";

const config: ConfigInput = {
  id: "rt",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["name", "email"] }],
  questions: { name: { type: "text", label: "Name" }, email: { type: "email", label: "Email" } },
};
const shadow = () => document.querySelector("progressive-profile-root")?.shadowRoot ?? null;
/** A button of the card on screen by its text, as a person finds it ("Next" or "Submit": the step's main one). */
const button = (name: RegExp, root: ShadowRoot | null = shadow()): HTMLButtonElement => {
  const found = [...(root?.querySelectorAll("button") ?? [])].find((b) => name.test(b.textContent ?? ""));
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const MAIN = /^(Next|Submit)$/;
const mounted: Widget[] = [];

afterEach(() => {
  mounted.splice(0).forEach((w) => w.destroy());
  vi.restoreAllMocks();
});

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

const abc: ConfigInput = {
  id: "rt-abc",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["a", "b", "c"] }],
  questions: { a: { type: "text", label: "A" }, b: { type: "text", label: "B" }, c: { type: "text", label: "C" } },
};
/** The question on screen (its label) and the progress, e.g. "B 2 / 3". */
const onScreen = () => {
  const root = shadow();
  const label = root?.querySelector("label")?.textContent ?? "";
  return `${label} ${root?.querySelector("[role=status]")?.textContent ?? ""}`.trim();
};

async function answerOnScreen(value: string): Promise<void> {
  const input = shadow()!.querySelector("input")!;
  const before = onScreen();
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  button(MAIN).click();
  await vi.waitFor(() => expect(onScreen()).not.toBe(before));
}

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

it("a message of the previous user delivered after identify() of another: its answer is marked delivered in that user's record, the current one's is untouched", async () => {
  const bodies: { answers: object; userId: string | null }[] = [];
  let release: (() => void) | undefined;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { answers: object; userId: string | null });
      // A's message is on its way (a slow network) until the test lets it arrive.
      await new Promise<void>((resolve) => (release = resolve));
      return new Response(null, { status: 200 });
    }),
  );
  const people = createStore("progressive-profile-people", "kv");
  type Stored = { person: { userId: string | null; answers: Record<string, { value?: unknown; delivered?: boolean }> } };
  const record = async (key: string) => (await get(key, people)) as Stored | undefined;
  const widget = await mount({ config, user: "u_other_a", visit: 1 });
  mounted.push(widget);
  const delivered: string[][] = [];
  widget.on("delivered", (d) => delivered.push(d.questionIds));
  await vi.waitFor(() => expect(onScreen()).toBe("Name 1 / 2"));
  await answerOnScreen("Ada Lovelace");
  await vi.waitFor(() => expect(bodies).toEqual([expect.objectContaining({ answers: { name: "Ada Lovelace" }, userId: "u_other_a" })]));
  expect((await record("u:u_other_a"))?.person.answers.name).toMatchObject({ value: "Ada Lovelace" });
  expect((await record("u:u_other_a"))?.person.answers.name?.delivered).not.toBe(true);

  // Another person logs in on this page while A's answer is still being delivered.
  await widget.identify("u_other_b", { visit: 1 });
  expect(onScreen()).toBe("Name 1 / 2");
  const before = await record("u:u_other_b");
  expect(before?.person).toMatchObject({ userId: "u_other_b", answers: {} });

  release!();
  await vi.waitFor(() => expect(delivered).toEqual([["name"]]));
  // A's record: answered, delivered, and the value gone from the device (SPEC §8).
  const a = await record("u:u_other_a");
  expect(a?.person.answers.name).toMatchObject({ visit: 1, delivered: true });
  expect(a?.person.answers.name).not.toHaveProperty("value");
  expect(JSON.stringify(a)).not.toContain("Ada Lovelace");
  // B's record and card are as they were: A's answer is not taken for B's.
  expect(await record("u:u_other_b")).toEqual(before);
  expect(onScreen()).toBe("Name 1 / 2");
  expect(bodies).toHaveLength(1);
});

it("typed into A's card just as identify() of B is called: it is no draft of B's", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const type = async (text: string) => {
    const input = shadow()!.querySelector("input")!;
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  // B was here first in this visit, and typed: B's record has this visit's session.
  const widget = await mount({ config: abc, user: "u_typing_b", visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  await type("B's words");
  await widget.identify("u_typing_a", { visit: 1 });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  // A types as the page switches back to B, behind a write still being made (a track()).
  void widget.track("busy");
  const switching = widget.identify("u_typing_b", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await type("A's words");
  await switching;
  // The draft's write comes in turn after identify()'s.
  await widget.track("settled");
  const people = createStore("progressive-profile-people", "kv");
  const b = (await get("u:u_typing_b", people)) as { person: { session: { drafts: Record<string, unknown> } | null } };
  expect(b.person.session?.drafts).toEqual({ a: "B's words" });
});

it("typed by an anonymous visitor just as they log in: it is the user's draft (the login takes the anonymous record in)", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config: abc, visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  void widget.track("busy");
  const loggingIn = widget.identify("u_typing_login", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  const input = shadow()!.querySelector("input")!;
  input.value = "typed at login";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await loggingIn;
  await widget.track("settled");
  const people = createStore("progressive-profile-people", "kv");
  const user = (await get("u:u_typing_login", people)) as { person: { session: { drafts: Record<string, unknown> } | null } };
  expect(user.person.session?.drafts).toEqual({ a: "typed at login" });
});

it("A presses Next just as identify() of B is called: A's answer is not sent or stored as B's", async () => {
  const bodies: { userId: string | null; answers: object }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { userId: string | null; answers: object });
      return new Response(null, { status: 200 });
    }),
  );
  const widget = await mount({ config: abc, user: "u_next_a", visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  const input = shadow()!.querySelector("input")!;
  input.value = "A's answer";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  void widget.track("busy");
  const switching = widget.identify("u_next_b", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  button(MAIN).click();
  await switching;
  await widget.track("settled");
  await widget.flush();
  const people = createStore("progressive-profile-people", "kv");
  const b = (await get("u:u_next_b", people)) as { person: { answers: Record<string, unknown> } };
  expect(b.person.answers).toEqual({});
  expect(bodies.filter((body) => body.userId === "u_next_b" && Object.keys(body.answers).length > 0)).toEqual([]);
});

it("typed by an anonymous visitor as the page logs in one user and then another: it is no draft of the second", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config: abc, visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  void widget.track("busy");
  const first = widget.identify("u_first_x", { visit: 1 });
  const second = widget.identify("u_then_y", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  const input = shadow()!.querySelector("input")!;
  input.value = "typed by the anonymous visitor";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await Promise.all([first, second]);
  await widget.track("settled");
  const people = createStore("progressive-profile-people", "kv");
  const y = (await get("u:u_then_y", people)) as { person: { session: { drafts: Record<string, unknown> } | null } };
  expect(JSON.stringify(y.person.session?.drafts ?? {})).not.toContain("typed by the anonymous visitor");
});

it("B's draft restored from the tab's copy as identify() of C waits its turn: it is no draft of C's", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  sessionStorage.setItem("progressive-profile:draft:u:u_restored_b", JSON.stringify({ visit: 1, questionId: "a", raw: "B typed this" }));
  const widget = await mount({ config: { ...abc, display: { delayMs: 600_000 } }, user: "u_restored_b", visit: 1 });
  mounted.push(widget);
  void widget.track("busy");
  widget.open();
  await widget.identify("u_restored_c", { visit: 1 });
  await widget.track("settled");
  const people = createStore("progressive-profile-people", "kv");
  const c = (await get("u:u_restored_c", people)) as { person: { session: { drafts: Record<string, unknown> } | null } };
  expect(JSON.stringify(c.person.session?.drafts ?? {})).not.toContain("B typed this");
});

it("A presses Not now just as identify() of B is called: nothing of A's is put away in B's record", async () => {
  const bodies: { userId: string | null; skipped: string[] }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { userId: string | null; skipped: string[] });
      return new Response(null, { status: 200 });
    }),
  );
  const widget = await mount({ config: abc, user: "u_notnow_a", visit: 1 });
  mounted.push(widget);
  const dismissed: string[][] = [];
  widget.on("dismiss", (d) => dismissed.push(d.questionIds));
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  void widget.track("busy");
  const switching = widget.identify("u_notnow_b", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  button(/^Not now$/).click();
  await switching;
  await widget.track("settled");
  await widget.flush();
  const people = createStore("progressive-profile-people", "kv");
  const b = (await get("u:u_notnow_b", people)) as { person: { snoozes: object; session: { dismissed: boolean } | null } };
  expect(b.person.snoozes).toEqual({});
  expect(b.person.session?.dismissed ?? false).toBe(false);
  expect(dismissed).toEqual([]);
  expect(bodies.filter((body) => body.userId === "u_notnow_b")).toEqual([]);
});

it("A skips an optional step just as identify() of B is called: no skip of A's is stored or sent as B's", async () => {
  const bodies: { userId: string | null; skipped: string[] }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as { userId: string | null; skipped: string[] });
      return new Response(null, { status: 200 });
    }),
  );
  const widget = await mount({ config: abc, user: "u_skip_a", visit: 1 });
  mounted.push(widget);
  const skips: string[][] = [];
  widget.on("skip", (d) => skips.push(d.questionIds));
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  void widget.track("busy");
  const switching = widget.identify("u_skip_b", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  // Next on the empty optional step is a skip.
  button(MAIN).click();
  await switching;
  await widget.track("settled");
  await widget.flush();
  const people = createStore("progressive-profile-people", "kv");
  const b = (await get("u:u_skip_b", people)) as { person: { snoozes: object; session: { pendingSkipped: string[] } | null } };
  expect(b.person.snoozes).toEqual({});
  expect(b.person.session?.pendingSkipped ?? []).toEqual([]);
  expect(skips).toEqual([]);
  expect(bodies.filter((body) => body.userId === "u_skip_b")).toEqual([]);
});
