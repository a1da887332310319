// forget() in one tab as the person's other tabs see it, through mount() in happy-dom with
// fake-indexeddb (one database for the "tabs"): back in them, nothing of the person is left.
import "fake-indexeddb/auto";
import { createStore, get, keys } from "idb-keyval";
import { expect, it, vi } from "vitest";
import { PEOPLE_DB } from "../storage/store";
import { mount } from "../widget";
import { abc, mounted } from "./test-kit";

it("forget() in one tab: back in another tab of the person, the card goes and nothing of them is written back", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const people = createStore(PEOPLE_DB, "kv");
  const before = await keys(people);
  const tabA = await mount({ config: abc });
  const tabB = await mount({ config: abc });
  mounted.push(tabA, tabB);
  const roots = () => [...document.querySelectorAll("progressive-profile-root")].map((host) => host.shadowRoot!);
  await vi.waitFor(() => expect(roots().map((root) => root.querySelector("label")?.textContent)).toEqual(["A", "A"]));
  await tabA.forget();
  document.dispatchEvent(new Event("visibilitychange"));
  await vi.waitFor(() => expect(roots()[1]!.querySelector("label")).toBeNull());
  await tabB.track("purchase");
  // No record of this device's anonymous person, nor its id (other tests' users stay).
  expect((await keys(people)).filter((key) => !before.includes(key) || key === "anonymous-id")).toEqual([]);
});

it("forget() in one tab: a tab with no card on screen does not write the person back either; another user's tab carries on", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const people = createStore(PEOPLE_DB, "kv");
  const before = await keys(people);
  const events = { ...abc, stages: [{ when: { event: "purchase" }, ask: ["a"] }] };
  const shown = await mount({ config: abc });
  const quiet = await mount({ config: events });
  const other = await mount({ config: events, user: "u_other_person" });
  mounted.push(shown, quiet, other);
  await shown.forget();
  document.dispatchEvent(new Event("visibilitychange"));
  await quiet.track("purchase");
  expect((await keys(people)).filter((key) => !before.includes(key) && key !== "u:u_other_person")).toEqual([]);
  // The user of the third tab was not forgotten: their purchase is asked about.
  await other.track("purchase");
  await vi.waitFor(() => expect([...document.querySelectorAll("progressive-profile-root")].some((h) => h.shadowRoot?.querySelector("label"))).toBe(true));
});

it("forget() in one tab while the person goes on in another (two windows side by side): its next keystroke or Next writes nothing of them back, and its card goes", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 503 })));
  const people = createStore(PEOPLE_DB, "kv");
  for (const [n, act] of [["typing", "input"], ["pressing Next", "next"]] as const) {
    const user = `u_side_by_side_${n.replace(" ", "_")}`;
    const tabA = await mount({ config: abc, user });
    const tabB = await mount({ config: abc, user });
    mounted.push(tabA, tabB);
    const roots = () => [...document.querySelectorAll("progressive-profile-root")].slice(-2).map((host) => host.shadowRoot!);
    const input = () => roots()[1]!.querySelector("input")!;
    const type = (value: string) => {
      input().value = value;
      input().dispatchEvent(new Event("input", { bubbles: true }));
    };
    await vi.waitFor(() => expect(roots().map((root) => root.querySelector("label")?.textContent)).toEqual(["A", "A"]));
    type("secret answer");
    [...roots()[1]!.querySelectorAll("button")].find((b) => b.textContent === "Next")!.click();
    await vi.waitFor(() => expect(roots()[1]!.querySelector("label")?.textContent).toBe("B"));
    // (happy-dom's ShadowRoot.activeElement throws while focus is in another shadow tree: the
    // person's focus, in tab B's field, is let go first, as it would be by going to window A.)
    (roots()[1]!.activeElement as HTMLElement | null)?.blur();
    await tabA.forget();
    expect(await get(`u:${user}`, people)).toBeUndefined();
    type("typed after");
    if (act === "next") [...roots()[1]!.querySelectorAll("button")].find((b) => b.textContent === "Next")!.click();
    await vi.waitFor(() => expect(roots()[1]!.querySelector("label")).toBeNull());
    await tabB.track("settled");
    expect(await get(`u:${user}`, people)).toBeUndefined();
  }
});

it("an anonymous tab's message delivered after a login in another tab took its record in: the anonymous record is not made again", async () => {
  let answer = 503;
  const ids: Record<string, string> = {};
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { messageId: string; answers: Record<string, string> };
      if (body.answers.a) ids[body.answers.a] = body.messageId;
      return new Response(null, { status: answer });
    }),
  );
  const people = createStore(PEOPLE_DB, "kv");
  const anonymousTab = await mount({ config: abc });
  mounted.push(anonymousTab);
  const root = () => document.querySelector("progressive-profile-root")!.shadowRoot!;
  await vi.waitFor(() => expect(root().querySelector("label")?.textContent).toBe("A"));
  const input = root().querySelector("input")!;
  input.value = "before the login";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  [...root().querySelectorAll("button")].find((b) => b.textContent === "Next")!.click();
  await vi.waitFor(() => expect(root().querySelector("label")?.textContent).toBe("B"));
  const anonymousKeys = async () => (await keys(people)).filter((key) => String(key).startsWith("a:"));
  expect(await anonymousKeys()).toHaveLength(1);
  // Another tab: the person logs in (data-user), which takes the anonymous record in.
  const loginTab = await mount({ config: { ...abc, stages: [{ when: { event: "never" }, ask: ["a"] }] }, user: "u_logged_in_elsewhere" });
  mounted.push(loginTab);
  await vi.waitFor(async () => expect(await anonymousKeys()).toEqual([]));
  // Delivered by either tab's sender (one outbox for the site's tabs), and settled there.
  const delivered: string[] = [];
  for (const tab of [anonymousTab, loginTab]) tab.on("delivered", (d) => delivered.push(String(d.messageId)));
  answer = 200;
  await Promise.all([anonymousTab.flush(), loginTab.flush()]);
  await vi.waitFor(() => expect(delivered).toContain(ids["before the login"] ?? "(never posted)"));
  expect(await anonymousKeys()).toEqual([]);
});
