// What the widget tells the host page (SPEC §3, §10): events through on() and as bubbling,
// composed DOM events, dataLayer pushes with ids only, a broken config reported exactly once
// while the page carries on, and destroy() leaving nothing behind.
import type { Page } from "@playwright/test";
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { DROPS } from "./support/delivery";
import { b2b, deliveredCount, EVENT_TYPES, recordEvents, recordedEvents, settled, shownOrQuiet, visitHost, widgetContent } from "./support/widget";

test("one visit's events, through on() and on document, with ids and never values", async ({ page, hostPage, backend }) => {
  await recordEvents(page, { dataLayer: true });
  // on() handlers registered as soon as the widget exists.
  await page.addInitScript((types) => {
    const w = window as unknown as { __onCalls: [string, unknown][] };
    w.__onCalls = [];
    const start = () =>
      void window.ProgressiveProfile?.ready.then((widget) => types.forEach((t) => widget?.on(t as "show", (d) => w.__onCalls.push([t, d]))));
    document.addEventListener("DOMContentLoaded", () => queueMicrotask(start));
  }, [...EVENT_TYPES]);
  const attrs = { "data-known": JSON.stringify({ name: "Ada", email: "ada@example.com" }) };
  await visitHost(page, hostPage, backend, { visit: 2, attrs });
  await page.getByRole("textbox", { name: "Address" }).fill("Secret Street 1");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Skip", exact: true }).click();
  await page.getByRole("textbox", { name: "Phone number" }).fill("+81 90-0000-0000");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await deliveredCount(backend, 2);
  await expect.poll(async () => (await recordedEvents(page)).filter((e) => e.type === "delivered").length).toBe(2);

  const events = await recordedEvents(page);
  // The person's steps in order; deliveries come whenever the backend answers.
  expect(events.filter((e) => e.type !== "delivered").map((e) => [e.type, e.detail.questionIds, e.detail.step])).toEqual([
    ["show", ["address", "birthday", "phone"], undefined],
    ["answer", ["address"], undefined],
    ["step", ["birthday"], 1],
    ["skip", ["birthday"], undefined],
    ["step", ["phone"], 2],
    ["answer", ["phone"], undefined],
    ["complete", ["address", "phone"], undefined],
  ]);
  expect(events.filter((e) => e.type === "delivered").map((e) => e.detail.questionIds)).toEqual([["address"], ["phone"]]);
  for (const e of events) {
    expect(e.target).toBe("progressive-profile-root");
    expect(e.detail).toMatchObject({ configId: "b2b-onboarding", visit: 2 });
  }
  const delivered = await backend.delivered();
  const ids = events.filter((e) => e.type === "delivered").map((e) => e.detail.messageId);
  expect(ids).toEqual(delivered.map((d) => d.messageId));

  // on() got the same events, in the same order.
  const onCalls = await page.evaluate(() => (window as unknown as { __onCalls: [string, { questionIds: string[] }][] }).__onCalls);
  expect(onCalls.map(([t, d]) => [t, d.questionIds])).toEqual(events.map((e) => [e.type, e.detail.questionIds]));

  // dataLayer: one push per event, ids only.
  const layer = await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer);
  expect(layer).toEqual(events.map((e) => ({ event: `progressive_profile_${e.type}`, configId: "b2b-onboarding", questionIds: e.detail.questionIds, visit: 2 })));
  const everything = JSON.stringify({ layer, events, onCalls });
  for (const secret of ["Secret Street", "+81 90", "ada@example.com", "Ada"]) expect(everything).not.toContain(secret);
});

test("events bubble and cross the shadow boundary; an off() handler is not called again", async ({ page, hostPage, backend }) => {
  await visitHost(page, hostPage, backend, { visit: 1 });
  await expect(page.getByRole("button", { name: "Not now" })).toBeVisible();
  const seen = await page.evaluate(async () => {
    const widget = (await window.ProgressiveProfile!.ready)!;
    const calls: string[] = [];
    const off = widget.on("dismiss", () => calls.push("on"));
    off();
    widget.on("dismiss", () => calls.push("kept"));
    // A handler that throws does not stop the others or the widget.
    widget.on("dismiss", () => {
      throw new Error("host handler bug");
    });
    const event = new Promise<{ bubbles: boolean; composed: boolean }>((resolve) =>
      document.body.addEventListener("progressive-profile:dismiss", (e) => resolve({ bubbles: e.bubbles, composed: e.composed }), { once: true }),
    );
    const root = document.querySelector("progressive-profile-root")!.shadowRoot!;
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Not now")!.click();
    return { flags: await event, calls };
  });
  expect(seen).toEqual({ flags: { bubbles: true, composed: true }, calls: ["kept"] });
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

/** The widget's own console.error lines (the browser's "Failed to load resource" is not ours). */
const ours = (errors: string[]) => errors.filter((e) => !e.startsWith("Failed to load resource"));

const BROKEN: { name: string; setup: (page: Page) => Promise<Record<string, string>>; inline?: unknown }[] = [
  {
    name: "a config URL answering 404",
    setup: async () => ({ "data-config": "/t/missing-config.json" }),
  },
  {
    name: "a config URL with broken JSON",
    setup: async (page) => {
      await page.route("**/t/broken.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{ "id": "b2b", ' }));
      return { "data-config": "/t/broken.json" };
    },
  },
  {
    name: "an invalid config",
    inline: { ...b2bConfig(), version: "one", stagez: [] },
    setup: async () => ({ "data-config": "#pp-config" }),
  },
  {
    name: "a #id that is not on the page",
    setup: async () => ({ "data-config": "#no-such-config" }),
  },
];

for (const broken of BROKEN) {
  test(`${broken.name}: one console.error, one error event, and the page carries on`, async ({ page, hostPage, consoleErrors }) => {
    await recordEvents(page);
    const attrs = await broken.setup(page);
    const path = await hostPage({
      scriptAttributes: { ...attrs, "data-user": "u_1" },
      ...(broken.inline === undefined ? {} : { inlineConfig: broken.inline }),
      body: `<output id="clicks">0</output>`,
    });
    await page.goto(path);
    await page.evaluate(() => {
      const out = document.getElementById("clicks")!;
      document.getElementById("host-button")!.addEventListener("click", () => (out.textContent = String(Number(out.textContent) + 1)));
    });
    await settled(page);
    // Every public call still answers, and none of them throws or reports again.
    const calls = await page.evaluate(async () => {
      const widget = await window.ProgressiveProfile!.ready;
      if (!widget) return "no widget";
      widget.open();
      widget.close();
      await widget.track("purchase");
      await widget.identify("u_2");
      await widget.flush();
      widget.on("show", () => {})();
      widget.destroy();
      return "ok";
    });
    expect(calls).toBe("ok");
    await page.getByRole("button", { name: "Host button" }).click();
    await expect(page.locator("#clicks")).toHaveText("1");

    const errors = (await recordedEvents(page)).filter((e) => e.type === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.detail).toMatchObject({ code: "config_invalid", questionIds: [] });
    expect(ours(consoleErrors)).toHaveLength(1);
    expect(ours(consoleErrors)[0]).toMatch(/^\[progressive-profile\] config_invalid: /);
    expect(consoleErrors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
    await expect(page.getByRole("region")).toHaveCount(0);
  });
}

test("mount() with a bad config resolves to a widget that shows nothing, and reports the problems", async ({ page, hostPage, consoleErrors }) => {
  await page.goto(await hostPage());
  const result = await page.evaluate(async () => {
    const errors: unknown[] = [];
    document.addEventListener("progressive-profile:error", (e) => errors.push((e as CustomEvent).detail));
    const widget = await window.ProgressiveProfile!.mount({ config: { id: "Bad Id!", version: 0 } as never });
    return { methods: Object.keys(widget).sort(), errors };
  });
  expect(result.methods).toEqual(["close", "destroy", "flush", "forget", "identify", "on", "open", "track"]);
  expect(result.errors).toHaveLength(1);
  const detail = result.errors[0] as { code: string; errors: { path: string }[] };
  expect(detail.code).toBe("config_invalid");
  expect(detail.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["id", "version"]));
  expect(consoleErrors).toHaveLength(1);
  // Its element is in the page (the error reached document through it), and stays empty: no
  // field, no button, no card or dialog, however long the form would take to show.
  await expect(page.locator("progressive-profile-root")).toHaveCount(1);
  expect(await page.evaluate(() => document.querySelector("progressive-profile-root")!.shadowRoot !== null)).toBe(true);
  await shownOrQuiet(page);
  await expect(widgetContent(page)).toHaveCount(0);
});

test("mount() with no options, and the custom element with no config attribute, each say that no config was given", async ({ page, hostPage, consoleErrors }) => {
  await page.goto(await hostPage());
  await page.evaluate(async () => {
    const heard: string[] = ((window as unknown as { heard: string[] }).heard = []);
    document.addEventListener("progressive-profile:error", (e) => heard.push((e as CustomEvent).detail.errors[0].message));
    await (window.ProgressiveProfile!.mount as (options?: unknown) => Promise<unknown>)();
    document.body.append(document.createElement("progressive-profile"));
  });
  const none = 'expected the config: a URL, #id of a <script type="application/json">, or an object; found none';
  const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
  await expect.poll(heard).toEqual([none, none]);
  // Once each: no second error comes after.
  await page.waitForTimeout(300);
  expect(await heard()).toEqual([none, none]);
  expect(ours(consoleErrors)).toHaveLength(2);
});

test("mount() from <head>, before there is a body: a bad config's error still reaches document", async ({ page, context, consoleErrors }) => {
  // The page is still parsing (a slow script in <body>) when the config is refused.
  const html = `<!doctype html><html lang="en"><head><title>Head mount</title>
<script src="/dist/progressive-profile.js"></script>
<script>
  window.heard = [];
  document.addEventListener("progressive-profile:error", (e) => window.heard.push([e.detail.code, document.readyState]));
  window.ProgressiveProfile.mount({ config: { id: "Bad Id!" } });
</script></head><body><p>Slow page</p><script>const until = Date.now() + 300; while (Date.now() < until);</script></body></html>`;
  await context.route("**/t/head-mount.html", (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto("/t/head-mount.html");
  await expect.poll(() => page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([["config_invalid", "loading"]]);
  expect(await page.evaluate(() => document.querySelector("progressive-profile-root")?.isConnected)).toBe(true);
  expect(consoleErrors).toHaveLength(1);
});

test("a bad inline config: a listener the page adds on DOMContentLoaded, after the script tag's own, still hears the error", async ({ page, hostPage, consoleErrors }) => {
  // On window: DOMContentLoaded reaches it after every listener on document, the script tag's too.
  await page.addInitScript(() => {
    const w = window as unknown as { heard: string[] };
    w.heard = [];
    window.addEventListener("DOMContentLoaded", () =>
      document.addEventListener("progressive-profile:error", (e) => w.heard.push((e as CustomEvent<{ code: string }>).detail.code)),
    );
  });
  await page.goto(await hostPage({ inlineConfig: { id: "Bad Id!" }, scriptAttributes: { "data-config": "#pp-config" } }));
  await expect.poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(["config_invalid"]);
  expect(consoleErrors).toHaveLength(1);
});

test("mount() from <head> on a slow page: a card shown before DOMContentLoaded is still there after it", async ({ page, context, backend }) => {
  const config = JSON.stringify(withEndpoint(b2bConfig(), backend.endpoint));
  const html = `<!doctype html><html lang="en"><head><title>Head mount</title>
<script src="/dist/progressive-profile.js"></script>
<script>window.ProgressiveProfile.mount({ config: ${config}, visit: 1, locale: "en" });</script>
</head><body><p>Slow page</p><script src="/t/slow.js"></script></body></html>`;
  await context.route("**/t/head-mount-good.html", (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  // A parser-blocking script that takes its time: the widget starts and shows meanwhile.
  let release = () => {};
  const slow = new Promise<void>((resolve) => (release = resolve));
  await context.route("**/t/slow.js", async (route) => {
    await slow;
    await route.fulfill({ status: 200, contentType: "text/javascript", body: "window.slowDone = true;" });
  });
  await page.goto("/t/head-mount-good.html", { waitUntil: "commit" });
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  expect(await page.evaluate(() => document.readyState)).toBe("loading");
  release();
  await page.waitForFunction(() => document.readyState === "complete");
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
});

test("destroy() removes the element and every listener; the widget then does nothing", async ({ page, hostPage, backend }) => {
  // Records each listener put on window and document from before the script runs, as the
  // browser identifies it (target, type, function, capture): a removal that names another
  // function or capture removes nothing here either, and a `once` listener counts until it fires.
  await page.addInitScript(() => {
    type Entry = { target: EventTarget; type: string; fn: unknown; capture: boolean };
    const live: Entry[] = [];
    (window as unknown as { __listeners: () => string[] }).__listeners = () =>
      live.map((e) => `${e.target === window ? "window" : "document"}:${e.type}`);
    const capture = (opts: unknown) => (typeof opts === "boolean" ? opts : Boolean((opts as { capture?: boolean } | undefined)?.capture));
    const find = (target: EventTarget, type: string, fn: unknown, opts: unknown) =>
      live.findIndex((e) => e.target === target && e.type === type && e.fn === fn && e.capture === capture(opts));
    const forget = (target: EventTarget, type: string, fn: unknown, opts: unknown) => {
      const at = find(target, type, fn, opts);
      if (at >= 0) live.splice(at, 1);
    };
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (type: string, fn: EventListenerOrEventListenerObject | null, opts?: boolean | AddEventListenerOptions) {
      if ((this === window || this === document) && fn && find(this, type, fn, opts) < 0) {
        live.push({ target: this, type, fn, capture: capture(opts) });
        if (typeof opts === "object" && opts.once) add.call(this, type, () => forget(this, type, fn, opts), { once: true, capture: capture(opts) });
      }
      return add.call(this, type, fn, opts);
    };
    EventTarget.prototype.removeEventListener = function (type: string, fn: EventListenerOrEventListenerObject | null, opts?: boolean | EventListenerOptions) {
      if (this === window || this === document) forget(this, type, fn, opts);
      return remove.call(this, type, fn, opts);
    };
  });
  await recordEvents(page, { dataLayer: true });
  await backend.faults(DROPS);
  await visitHost(page, hostPage, backend, { visit: 1, config: b2b() });
  await page.getByRole("textbox", { name: "Name" }).fill("Ada");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "Email address" })).toBeVisible();
  await expect.poll(async () => (await backend.log()).length).toBeGreaterThan(0);

  const state = await page.evaluate(async () => {
    const widget = (await window.ProgressiveProfile!.ready)!;
    const layer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    const live = (window as unknown as { __listeners: () => string[] }).__listeners;
    const whileMounted = live();
    let called = 0;
    widget.on("show", () => called++);
    widget.destroy();
    widget.destroy();
    const pushed = layer.length;
    widget.open();
    await widget.track("purchase");
    await widget.flush();
    const listeners = live();
    return { whileMounted, called, newPushes: layer.length - pushed, listeners, hosts: document.querySelectorAll("progressive-profile-root").length };
  });
  // The record sees the widget's own listeners while it lives (the sender's, the card's keys).
  expect(state.whileMounted).toEqual(expect.arrayContaining(["window:online", "window:pagehide", "document:visibilitychange", "document:keydown"]));
  expect(state.hosts).toBe(0);
  expect(state.called).toBe(0);
  expect(state.newPushes).toBe(0);
  // Only the test's own event recorders (recordEvents) are left listening.
  expect(state.listeners.filter((k) => !k.startsWith("document:progressive-profile:"))).toEqual([]);
  await expect(page.getByRole("textbox")).toHaveCount(0);

  // Back online, the destroyed widget's sender stays quiet. (A retry whose pass had begun just
  // before destroy() may still POST: the count is taken once the log has been still for 0.5 s.)
  let sent = -1;
  await expect
    .poll(async () => sent === (sent = (await backend.log()).length), { intervals: [500], timeout: 15_000 })
    .toBe(true);
  await backend.faults([]);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForTimeout(1500);
  expect((await backend.log()).length).toBe(sent);
});

test("a second mount() on the same page is independent and destroy() of one leaves the other", async ({ page, hostPage, backend }) => {
  await page.goto(await hostPage({ body: `<div id="a"></div><div id="b"></div>` }));
  const config = withEndpoint(b2b({ stages: [{ when: { visit: 1 }, ask: ["company"] }] }), backend.endpoint);
  await page.evaluate(async (c) => {
    const one = await window.ProgressiveProfile!.mount({ config: c as never, target: "#a", user: "u_a", visit: 1, locale: "en" });
    await window.ProgressiveProfile!.mount({ config: c as never, target: "#b", user: "u_b", visit: 1, locale: "en" });
    (window as unknown as { first: unknown }).first = one;
  }, config);
  await expect(page.getByRole("textbox", { name: "Company" })).toHaveCount(2);
  await page.evaluate(() => (window as unknown as { first: { destroy(): void } }).first.destroy());
  await expect(page.locator("#a").getByRole("textbox")).toHaveCount(0);
  await page.locator("#b").getByRole("textbox", { name: "Company" }).fill("B Corp");
  await page.locator("#b").getByRole("button", { name: "Submit" }).click();
  const [message] = await deliveredCount(backend, 1);
  expect(message).toMatchObject({ userId: "u_b", answers: { company: "B Corp" } });
});
