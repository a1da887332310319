// What the runtime's tests share: small configs, the card on screen as a person finds it, and
// the stored records and POST bodies a host page's backend and device would see.
import { afterEach, expect, vi } from "vitest";
import { createStore, get } from "idb-keyval";
import type { ConfigInput } from "../config/schema";
import type { Widget } from "../widget";

export const config: ConfigInput = {
  id: "rt",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["name", "email"] }],
  questions: { name: { type: "text", label: "Name" }, email: { type: "email", label: "Email" } },
};

export const abc: ConfigInput = {
  id: "rt-abc",
  version: 1,
  endpoint: "/api",
  stages: [{ when: { visit: 1 }, ask: ["a", "b", "c"] }],
  questions: { a: { type: "text", label: "A" }, b: { type: "text", label: "B" }, c: { type: "text", label: "C" } },
};

export const shadow = () => document.querySelector("progressive-profile-root")?.shadowRoot ?? null;

/** A button of the card on screen by its text, as a person finds it ("Next" or "Submit": the step's main one). */
export const button = (name: RegExp, root: ShadowRoot | null = shadow()): HTMLButtonElement => {
  const found = [...(root?.querySelectorAll("button") ?? [])].find((b) => name.test(b.textContent ?? ""));
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
export const MAIN = /^(Next|Submit)$/;

/** The question on screen (its label) and the progress, e.g. "B 2 / 3". */
export const onScreen = () => {
  const root = shadow();
  const label = root?.querySelector("label")?.textContent ?? "";
  return `${label} ${root?.querySelector("[role=status]")?.textContent ?? ""}`.trim();
};

/** Types into the field on screen, as the person does. */
export function typeOnScreen(value: string): void {
  const input = shadow()!.querySelector("input")!;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

export async function answerOnScreen(value: string): Promise<void> {
  typeOnScreen(value);
  // After typing: what is typed may change the count (a follow-up it reveals).
  const before = onScreen();
  button(MAIN).click();
  await vi.waitFor(() => expect(onScreen()).not.toBe(before));
}

/** Widgets a test mounted, destroyed after it. */
export const mounted: Widget[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.destroy());
  vi.restoreAllMocks();
});

/** A fetch answering 200 that keeps every POST body, parsed. */
export function postedBodies<Body>(): Body[] {
  const bodies: Body[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as Body);
      return new Response(null, { status: 200 });
    }),
  );
  return bodies;
}

/** A person's record as stored in IndexedDB (`u:<user>` or `a:<anonymous id>`). */
export const storedPerson = async <Person>(key: string) =>
  (await get(key, createStore("progressive-profile-people", "kv"))) as { person: Person } | undefined;

/**
 * identify() called while another write (a track()) is still being made, so that its turn
 * comes later: what the person does on the card meanwhile waits behind it.
 */
export async function identifyBehindAWrite(widget: Widget, user: string): Promise<{ switched: Promise<void> }> {
  void widget.track("busy");
  const switched = widget.identify(user, { visit: 1 });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return { switched };
}

/** Until the writes asked for so far are made (a track() waits its turn behind them), and delivered. */
export async function settled(widget: Widget): Promise<void> {
  await widget.track("settled");
  await widget.flush();
}
