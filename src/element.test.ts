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

it("attributes changed as the element moves (disconnected, connected again) go to the widget it has then", async () => {
  const { element, identify: first } = await mountedElement();
  element.setAttribute("user", "u_moved");
  // A keyed list reorders: the element leaves the page and comes back, with a new widget.
  document.body.append(document.createElement("div"), element);
  const calls: unknown[][] = [];
  const second = element.widget!.then((w) => {
    vi.spyOn(w, "identify").mockImplementation(async (...args) => void calls.push(args));
    return w;
  });
  element.setAttribute("known", '{"email":"m@example.com"}');
  await second;
  await vi.waitFor(() => expect(calls).toEqual([["u_moved", { visit: undefined, known: '{"email":"m@example.com"}' }]]));
  expect(first).not.toHaveBeenCalled();
});
