// <progressive-profile>'s attributes after mount, in happy-dom with fake-indexeddb: what the
// widget is told when a page (or a framework) changes them.
import "fake-indexeddb/auto";
import { afterEach, expect, it, vi } from "vitest";
import type { Widget } from "./widget";
import { defineElement } from "./element";

type Element = HTMLElement & { widget: Promise<Widget> | null };
const config = JSON.stringify({
  id: "el",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["name", "email"] }],
  questions: { name: { type: "text", label: "Name" }, email: { type: "email", label: "Email" } },
});

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function mountedElement(): Promise<{ element: Element; identify: ReturnType<typeof vi.fn> }> {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  defineElement();
  document.body.insertAdjacentHTML("beforeend", `<script type="application/json" id="el-config">${config}</script>`);
  const element = document.createElement("progressive-profile") as Element;
  element.setAttribute("config", "#el-config");
  element.setAttribute("user", "u_a");
  document.body.append(element);
  const widget = await element.widget!;
  const identify = vi.spyOn(widget, "identify").mockResolvedValue(undefined) as unknown as ReturnType<typeof vi.fn>;
  return { element, identify };
}

it("user, visit and known set together make one identify() with all three", async () => {
  const { element, identify } = await mountedElement();
  element.setAttribute("user", "u_b");
  element.setAttribute("visit", "2");
  element.setAttribute("known", '{"email":"b@example.com"}');
  await vi.waitFor(() => expect(identify).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(identify.mock.calls).toEqual([["u_b", { visit: "2", known: '{"email":"b@example.com"}' }]]);
});

it("a user changed alone does not pass on the known the page set for the one before", async () => {
  const { element, identify } = await mountedElement();
  element.setAttribute("known", '{"email":"a@example.com"}');
  await vi.waitFor(() => expect(identify).toHaveBeenCalledTimes(1));
  element.setAttribute("user", "u_b");
  await vi.waitFor(() => expect(identify).toHaveBeenCalledTimes(2));
  expect(identify.mock.calls).toEqual([
    ["u_a", { visit: undefined, known: '{"email":"a@example.com"}' }],
    ["u_b", { visit: undefined, known: undefined }],
  ]);
});

it("an element moved in one task (a keyed list reorders) keeps its widget, and its card on screen and styled", async () => {
  const { element, identify } = await mountedElement();
  const widget = element.widget;
  const shadow = element.shadowRoot!;
  await vi.waitFor(() => expect(shadow.querySelector("input")).not.toBeNull());
  document.body.append(document.createElement("div"), element);
  element.setAttribute("user", "u_moved");
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(element.widget).toBe(widget);
  expect(shadow.adoptedStyleSheets).toHaveLength(1);
  expect(shadow.querySelector("input")).not.toBeNull();
  await vi.waitFor(() => expect(identify).toHaveBeenCalledWith("u_moved", { visit: undefined, known: undefined }));
});

it("an element taken out and put back later gets a new widget, with the attributes it has then", async () => {
  const { element, identify: first } = await mountedElement();
  const shadow = element.shadowRoot!;
  await vi.waitFor(() => expect(shadow.querySelector("input")).not.toBeNull());
  const before = element.widget;
  element.remove();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(element.widget).toBeNull();
  element.setAttribute("user", "u_back");
  document.body.append(element);
  const second = await element.widget!;
  expect(element.widget).not.toBe(before);
  expect(second).not.toBe(await before);
  await vi.waitFor(() => expect(shadow.querySelector("input")).not.toBeNull());
  expect(shadow.adoptedStyleSheets).toHaveLength(1);
  const calls: unknown[][] = [];
  vi.spyOn(second, "identify").mockImplementation(async (...args) => void calls.push(args));
  element.setAttribute("known", '{"email":"m@example.com"}');
  await vi.waitFor(() => expect(calls).toEqual([["u_back", { visit: undefined, known: '{"email":"m@example.com"}' }]]));
  expect(first).not.toHaveBeenCalled();
});

it("an element put back while its first widget is still mounting: the new widget mounts after the old one is gone, card styled", async () => {
  let releaseConfig!: () => void;
  const configHeld = new Promise<void>((resolve) => (releaseConfig = resolve));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (!String(url).endsWith("/questions.json")) return new Response(null, { status: 200 });
      await configHeld;
      return new Response(config, { headers: { "content-type": "application/json" } });
    }),
  );
  defineElement();
  const element = document.createElement("progressive-profile") as Element;
  element.setAttribute("config", "/questions.json");
  document.body.append(element);
  element.remove();
  await new Promise((resolve) => setTimeout(resolve, 0));
  document.body.append(element);
  releaseConfig();
  await element.widget;
  const shadow = element.shadowRoot!;
  await vi.waitFor(() => expect(shadow.querySelector("input")).not.toBeNull());
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(shadow.adoptedStyleSheets).toHaveLength(1);
  expect(shadow.querySelectorAll("input")).toHaveLength(1);
});

/** A second config for the same element: another form (its question labelled "Company"). */
const otherConfig = JSON.stringify({
  id: "el-other",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["company"] }],
  questions: { company: { type: "text", label: "Company" } },
});

const labels = (element: Element) => [...element.shadowRoot!.querySelectorAll("label")].map((l) => l.textContent);

it("an element put in the page before its attributes are set (a framework's bindings) mounts with them", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 200 })));
  defineElement();
  document.body.insertAdjacentHTML("beforeend", `<script type="application/json" id="el-config">${config}</script>`);
  const errors: unknown[] = [];
  document.addEventListener("progressive-profile:error", (e) => errors.push((e as CustomEvent).detail), { once: true });
  const element = document.createElement("progressive-profile") as Element;
  document.body.append(element);
  element.setAttribute("config", "#el-config");
  element.setAttribute("user", "u_late");
  await element.widget;
  await vi.waitFor(() => expect(labels(element)).toContain("Name"));
  expect(errors).toEqual([]);
});

it("a new config (or endpoint, or locale) on a mounted element mounts the widget again with it", async () => {
  const { element } = await mountedElement();
  await vi.waitFor(() => expect(labels(element)).toContain("Name"));
  const first = element.widget;
  document.body.insertAdjacentHTML("beforeend", `<script type="application/json" id="el-other">${otherConfig}</script>`);
  element.setAttribute("config", "#el-other");
  await vi.waitFor(() => expect(labels(element)).toContain("Company"));
  expect(element.widget).not.toBe(first);
  expect(labels(element)).not.toContain("Name");
  expect(element.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
  expect(element.shadowRoot!.querySelectorAll("input")).toHaveLength(1);
});

it("an element given a new config and taken out in the same task stays out, and no widget is left on it", async () => {
  const { element } = await mountedElement();
  await vi.waitFor(() => expect(labels(element)).toContain("Name"));
  document.body.insertAdjacentHTML("beforeend", `<script type="application/json" id="el-other">${otherConfig}</script>`);
  element.setAttribute("config", "#el-other");
  element.remove();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(element.isConnected).toBe(false);
  expect(element.widget).toBeNull();
  expect(element.shadowRoot!.querySelector("label")).toBeNull();
});
