// Whose record it is: through mount() in happy-dom with fake-indexeddb, what a person does on
// the card as the page logs someone in or switches users (identify()) goes to the person whose
// card it was, and a delivery of the previous user's message lands in that user's record.
import "fake-indexeddb/auto";
import { expect, it, vi } from "vitest";
import { mount } from "../widget";
import {
  abc,
  answerOnScreen,
  button,
  config,
  identifyBehindAWrite,
  MAIN,
  mounted,
  onScreen,
  postedBodies,
  settled,
  storedPerson,
  typeOnScreen,
} from "./test-kit";

type Drafts = { session: { drafts: Record<string, unknown> } | null };
type Body = { userId: string | null; answers: object; skipped: string[] };

/** A widget for `user` (anonymous without) at visit 1, with the card's first step on screen. */
async function mountShown(user?: string, extra: Partial<typeof abc> = {}) {
  const widget = await mount({ config: { ...abc, ...extra }, ...(user ? { user } : {}), visit: 1 });
  mounted.push(widget);
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  return widget;
}

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
  type Stored = { userId: string | null; answers: Record<string, { value?: unknown; delivered?: boolean }> };
  const record = (key: string) => storedPerson<Stored>(key);
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
  postedBodies();
  // B was here first in this visit, and typed: B's record has this visit's session.
  const widget = await mountShown("u_typing_b");
  typeOnScreen("B's words");
  await widget.identify("u_typing_a", { visit: 1 });
  await vi.waitFor(() => expect(onScreen()).toBe("A 1 / 3"));
  // A types as the page switches back to B, behind a write still being made.
  const { switched } = await identifyBehindAWrite(widget, "u_typing_b");
  typeOnScreen("A's words");
  await switched;
  // The draft's write comes in turn after identify()'s.
  await settled(widget);
  expect((await storedPerson<Drafts>("u:u_typing_b"))!.person.session?.drafts).toEqual({ a: "B's words" });
});

it("typed by an anonymous visitor just as they log in: it is the user's draft (the login takes the anonymous record in)", async () => {
  postedBodies();
  const widget = await mountShown();
  const { switched } = await identifyBehindAWrite(widget, "u_typing_login");
  typeOnScreen("typed at login");
  await switched;
  await settled(widget);
  expect((await storedPerson<Drafts>("u:u_typing_login"))!.person.session?.drafts).toEqual({ a: "typed at login" });
});

it("typed by an anonymous visitor as the page logs in one user and then another: it is no draft of the second", async () => {
  postedBodies();
  const widget = await mountShown();
  void widget.track("busy");
  const first = widget.identify("u_first_x", { visit: 1 });
  const second = widget.identify("u_then_y", { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  typeOnScreen("typed by the anonymous visitor");
  await Promise.all([first, second]);
  await settled(widget);
  const y = (await storedPerson<Drafts>("u:u_then_y"))!;
  expect(JSON.stringify(y.person.session?.drafts ?? {})).not.toContain("typed by the anonymous visitor");
});

it("B's draft restored from the tab's copy as identify() of C waits its turn: it is no draft of C's", async () => {
  postedBodies();
  sessionStorage.setItem("progressive-profile:draft:u:u_restored_b", JSON.stringify({ visit: 1, questionId: "a", raw: "B typed this" }));
  const widget = await mount({ config: { ...abc, display: { delayMs: 600_000 } }, user: "u_restored_b", visit: 1 });
  mounted.push(widget);
  void widget.track("busy");
  widget.open();
  await widget.identify("u_restored_c", { visit: 1 });
  await settled(widget);
  const c = (await storedPerson<Drafts>("u:u_restored_c"))!;
  expect(JSON.stringify(c.person.session?.drafts ?? {})).not.toContain("B typed this");
});

it("A presses Next just as identify() of B is called: A's answer is not sent or stored as B's (nor as A's: the card is gone)", async () => {
  const bodies = postedBodies<Body>();
  const widget = await mountShown("u_next_a");
  typeOnScreen("A's answer");
  const { switched } = await identifyBehindAWrite(widget, "u_next_b");
  button(MAIN).click();
  await switched;
  await settled(widget);
  expect((await storedPerson<{ answers: object }>("u:u_next_b"))!.person.answers).toEqual({});
  expect(bodies.filter((body) => body.userId === "u_next_b" && Object.keys(body.answers).length > 0)).toEqual([]);
  // The press came after the switch was asked for: what README says, it is kept for neither.
  expect((await storedPerson<{ answers: object }>("u:u_next_a"))!.person.answers).toEqual({});
  expect(JSON.stringify(bodies)).not.toContain("A's answer");
});

it("A presses Not now just as identify() of B is called: nothing of A's is put away in B's record", async () => {
  const bodies = postedBodies<Body>();
  const widget = await mountShown("u_notnow_a");
  const dismissed: string[][] = [];
  widget.on("dismiss", (d) => dismissed.push(d.questionIds));
  const { switched } = await identifyBehindAWrite(widget, "u_notnow_b");
  button(/^Not now$/).click();
  await switched;
  await settled(widget);
  const b = (await storedPerson<{ snoozes: object; session: { dismissed: boolean } | null }>("u:u_notnow_b"))!;
  expect(b.person.snoozes).toEqual({});
  expect(b.person.session?.dismissed ?? false).toBe(false);
  expect(dismissed).toEqual([]);
  expect(bodies.filter((body) => body.userId === "u_notnow_b")).toEqual([]);
});

it("A skips an optional step just as identify() of B is called: no skip of A's is stored or sent as B's", async () => {
  const bodies = postedBodies<Body>();
  const widget = await mountShown("u_skip_a");
  const skips: string[][] = [];
  widget.on("skip", (d) => skips.push(d.questionIds));
  const { switched } = await identifyBehindAWrite(widget, "u_skip_b");
  // Next on the empty optional step is a skip.
  button(MAIN).click();
  await switched;
  await settled(widget);
  const b = (await storedPerson<{ snoozes: object; session: { pendingSkipped: string[] } | null }>("u:u_skip_b"))!;
  expect(b.person.snoozes).toEqual({});
  expect(b.person.session?.pendingSkipped ?? []).toEqual([]);
  expect(skips).toEqual([]);
  expect(bodies.filter((body) => body.userId === "u_skip_b")).toEqual([]);
});
