// The runtime's write order as a host page sees it, through mount() in happy-dom with
// fake-indexeddb: what reaches the backend and which events fire when the person is quicker
// than the writes.
import "fake-indexeddb/auto";
import { afterEach, expect, it, vi } from "vitest";
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
  shadow()!.querySelector<HTMLButtonElement>("button.b1")!.click();
  shadow()!.querySelector<HTMLButtonElement>("button.ln")!.click();
  // The card goes at once.
  expect(shadow()?.querySelector("input") ?? null).toBeNull();
  await vi.waitFor(() => expect(bodies).toHaveLength(2));
  expect(bodies.map(({ answers, skipped }) => ({ answers, skipped }))).toEqual([
    { answers: { name: "Ada" }, skipped: [] },
    { answers: {}, skipped: ["email"] },
  ]);
  expect(events).toEqual(["answer name", "dismiss email"]);
});
