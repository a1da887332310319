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
