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
  [...(input.getRootNode() as ShadowRoot).querySelectorAll("button")].find((b) => b.textContent === "Next")!.click();
  // forget() resolves once the deletions (after the answer being saved) are done.
  await widget.forget();
  const people = await entries(createStore("progressive-profile-people", "kv"));
  const outbox = await entries(createStore("progressive-profile-outbox", "kv"));
  expect(JSON.stringify(people)).not.toContain("Ada Lovelace");
  expect(people.filter(([key]) => String(key).startsWith("u:") || String(key).startsWith("a:"))).toEqual([]);
  expect(outbox.filter(([key]) => String(key).startsWith("msg:"))).toEqual([]);
});

it("after forget(), an identify() (a single-page app calls it on every route) writes nothing back", async () => {
  const widget = await mountShown();
  await widget.forget();
  await widget.identify("u_after_forget", { visit: 2 });
  await widget.track("purchase");
  const people = await entries(createStore("progressive-profile-people", "kv"));
  expect(people.map(([key]) => key)).toEqual([]);
  expect(card()).toBeNull();
});

it.each([
  ["a number", 123],
  ["a plain object", {}],
  ["a selector that matches nothing", "#nowhere"],
  ["an element of another document (a frame's)", document.implementation.createHTMLDocument("frame").body],
])("a target that is %s: one option_invalid error event, and the form floats at the end of <body>", async (_name, target) => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const lines: unknown[] = [];
  vi.spyOn(console, "error").mockImplementation((...args) => void lines.push(args));
  const codes: string[] = [];
  const listen = (event: Event) => codes.push((event as CustomEvent<{ code: string }>).detail.code);
  document.addEventListener("progressive-profile:error", listen);
  try {
    const widget = await mount({ config, target: target as string });
    mounted.push(widget);
    await vi.waitFor(() => expect(card()).not.toBeNull());
    expect(codes).toEqual(["option_invalid"]);
    expect(lines).toHaveLength(1);
    expect(document.body.lastElementChild?.tagName.toLowerCase()).toBe("progressive-profile-root");
  } finally {
    document.removeEventListener("progressive-profile:error", listen);
  }
});

it("a page that took the widget's element out (re-rendering <body>) gets the form back on open()", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  const widget = await mountShown();
  document.querySelector("progressive-profile-root")!.remove();
  expect(card()).toBeNull();
  widget.open();
  await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
  expect(document.body.lastElementChild?.tagName.toLowerCase()).toBe("progressive-profile-root");
  expect(console.error).not.toHaveBeenCalled();
});

it("a config with no endpoint (and no data-endpoint) is reported like any refused config: with its errors", async () => {
  const details: unknown[] = [];
  const listen = (e: Event) => details.push((e as CustomEvent).detail);
  document.addEventListener("progressive-profile:error", listen);
  vi.spyOn(console, "error").mockImplementation(() => {});
  const { endpoint: _, ...withoutEndpoint } = config;
  mounted.push(await mount({ config: withoutEndpoint }));
  await vi.waitFor(() => expect(details).toHaveLength(1));
  document.removeEventListener("progressive-profile:error", listen);
  expect(details[0]).toMatchObject({
    code: "config_invalid",
    errors: [{ path: "endpoint", message: expect.stringMatching(/^expected a URL to POST answers to/) }],
  });
  expect(card()).toBeNull();
});

it("close() while the display delay runs keeps the card away when the delay is over; open() still shows it", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const shows: unknown[] = [];
  const widget = await mount({ config: { ...config, display: { delayMs: 150 } } });
  mounted.push(widget);
  widget.on("show", (detail) => shows.push(detail));
  widget.close();
  await wait(400);
  expect(card()).toBeNull();
  expect(shows).toEqual([]);
  widget.open();
  await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
  expect(shows).toHaveLength(1);
});

it("identify() while the display delay runs (a page that logs the person in at load) waits for the delay", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config: { ...config, display: { delayMs: 400 } } });
  mounted.push(widget);
  const shows: unknown[] = [];
  widget.on("show", (detail) => shows.push(detail));
  await widget.identify("u_during_delay");
  await wait(150);
  expect(card()).toBeNull();
  await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
  expect(shows).toHaveLength(1);
});

it("after the host's close() during the display delay, identify() with questions newly due opens the form", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const later: ConfigInput = { ...config, stages: [{ when: { visit: 1 }, ask: ["name"] }, { when: { visit: 2 }, ask: ["email"] }] };
  const widget = await mount({ config: { ...later, display: { delayMs: 300 } } });
  mounted.push(widget);
  widget.close();
  await widget.identify("u_second_visit", { visit: 2 });
  await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
});

it("after the host's close(), a track() that makes questions due opens the form, also during the display delay", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const purchase: ConfigInput = {
    ...config,
    stages: [{ when: { visit: 1 }, ask: ["name"] }, { when: { visit: 9, event: "purchase" }, ask: ["email"] }],
  };
  for (const delayMs of [0, 300]) {
    document.body.replaceChildren();
    const widget = await mount({ config: { ...purchase, display: { delayMs } }, user: `u_track_${delayMs}` });
    mounted.push(widget);
    if (delayMs === 0) await vi.waitFor(() => expect(card()).not.toBeNull());
    widget.close();
    await widget.track("purchase");
    await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
    widget.destroy();
  }
});

it("after the host's close(), identify() of the same user (a single-page app's route change) keeps the card away", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const widget = await mount({ config, user: "u_same" });
  mounted.push(widget);
  const shows: unknown[] = [];
  widget.on("show", (detail) => shows.push(detail));
  await vi.waitFor(() => expect(card()).not.toBeNull());
  await vi.waitFor(() => expect(shows).toHaveLength(1));
  widget.close();
  await widget.identify("u_same");
  await wait(50);
  expect(card()).toBeNull();
  expect(shows).toHaveLength(1);
  widget.open();
  await vi.waitFor(() => expect(card()?.isConnected).toBe(true));
});

it("leaves no message port open once the form is up (an open one keeps a Node test runner's process alive)", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const Real = globalThis.MessageChannel;
  const open = new Set<MessagePort>();
  vi.stubGlobal(
    "MessageChannel",
    class extends Real {
      constructor() {
        super();
        for (const port of [this.port1, this.port2]) {
          open.add(port);
          const close = port.close.bind(port);
          port.close = () => (open.delete(this.port1), open.delete(this.port2), close());
        }
      }
    },
  );
  mounted.push(await mount({ config, user: "u_ports" }));
  await vi.waitFor(() => expect(card()).not.toBeNull());
  expect(open.size).toBe(0);
});

it.each([
  ["an empty", ""],
  ["a blank", "   "],
])("identify() with %s user id: one option_invalid error, and the person and the card stay as they are", async (_name, user) => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  const lines: unknown[] = [];
  vi.spyOn(console, "error").mockImplementation((...args) => void lines.push(args.join(" ")));
  const widget = await mount({ config, user: `u_not_blank_${user.length}` });
  mounted.push(widget);
  const errors: unknown[] = [];
  widget.on("error", (detail) => errors.push(detail));
  await vi.waitFor(() => expect(card()).not.toBeNull());
  const before = card();
  await wait(50);
  const people = () => entries(createStore("progressive-profile-people", "kv"));
  const stored = await people();
  await widget.identify(user);
  expect(errors).toEqual([expect.objectContaining({ code: "option_invalid", message: "identify(user) needs a non-empty user id." })]);
  expect(lines).toEqual(["[progressive-profile] option_invalid: identify(user) needs a non-empty user id."]);
  // Nothing changed: the same card (not rebuilt for another person), and no record written.
  expect(card()).toBe(before);
  expect(card()?.isConnected).toBe(true);
  expect(await people()).toEqual(stored);
});

it("a component that mounts in an effect and destroys in its cleanup, run twice (React's development mode), shows one form", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  document.body.replaceChildren();
  const shows: string[] = [];
  const effect = (name: string) => {
    const widget = mount({ config, user: "u_effect" });
    void widget.then((w) => (mounted.push(w), w.on("show", () => shows.push(name))));
    return () => void widget.then((w) => w.destroy());
  };
  const cleanup = effect("first");
  cleanup();
  effect("second");
  await vi.waitFor(() => expect(card()).not.toBeNull());
  await wait(50);
  expect(shows).toEqual(["second"]);
  expect(document.querySelectorAll("progressive-profile-root")).toHaveLength(1);
});
