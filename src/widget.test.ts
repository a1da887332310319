// The Widget API's ordering guarantees, through mount() in happy-dom with fake-indexeddb:
// what a host page sees when it calls open/close/forget while the widget is still writing.
import "fake-indexeddb/auto";
import { afterEach, expect, it, vi } from "vitest";
import { createStore, entries } from "idb-keyval";
import type { ConfigInput } from "./config/schema";
import { mount, type Widget } from "./widget";

const config: ConfigInput = {
  id: "t",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["name", "email"] }],
  questions: { name: { type: "text", label: "Name" }, email: { type: "email", label: "Email" } },
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const card = () => document.querySelector("progressive-profile-root")?.shadowRoot?.querySelector("input") ?? null;
const mounted: Widget[] = [];

afterEach(() => {
  mounted.splice(0).forEach((w) => w.destroy());
  vi.restoreAllMocks();
});

async function mountShown(): Promise<Widget> {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config });
  mounted.push(widget);
  await vi.waitFor(() => expect(card()).not.toBeNull());
  return widget;
}

it("close() right after open() wins: the form stays hidden", async () => {
  const widget = await mountShown();
  widget.close();
  await wait(30);
  expect(card()?.checkVisibility?.() ?? card()?.isConnected).toBeFalsy();
  widget.open();
  widget.close();
  await wait(50);
  expect(card()?.checkVisibility?.() ?? card()?.isConnected).toBeFalsy();
  widget.open();
  await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
});

it("forget() right after Next leaves nothing of the person on the device", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  const widget = await mountShown();
  const input = card()!;
  input.value = "Ada Lovelace";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  (input.getRootNode() as ShadowRoot).querySelector<HTMLButtonElement>("button.b1")!.click();
  await widget.forget();
  await wait(100);
  const people = await entries(createStore("progressive-profile-people", "kv"));
  const outbox = await entries(createStore("progressive-profile-outbox", "kv"));
  expect(JSON.stringify(people)).not.toContain("Ada Lovelace");
  expect(people.filter(([key]) => String(key).startsWith("p:") || String(key).startsWith("a:"))).toEqual([]);
  expect(outbox.filter(([key]) => String(key).startsWith("msg:"))).toEqual([]);
});
