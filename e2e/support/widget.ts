// Helpers shared by the widget-*.spec.ts browser tests: opening a host page for a config,
// recording what the widget tells the page (events, dataLayer), and small config builders.
import { errors, type Page } from "@playwright/test";
import { b2bConfig, expect, withEndpoint, type Backend, type HostPageOptions } from "../fixtures";
import { outboxIds } from "../idb";

export type HostPage = (options?: HostPageOptions) => Promise<string>;
export type Config = Record<string, unknown>;

export const EVENT_TYPES = ["show", "step", "answer", "skip", "complete", "dismiss", "delivered", "error"] as const;

export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
  /** Tag name of the element the event was dispatched on. */
  target: string;
}

interface VisitOptions {
  config?: Config;
  visit?: number;
  user?: string;
  /** data-locale; `null` leaves it out (config locale / browser languages decide). */
  locale?: string | null;
  /** Extra script-tag attributes (data-known, data-target…). */
  attrs?: Record<string, string>;
  body?: string;
  css?: string;
  csp?: boolean;
  path?: string;
}

/**
 * Serves a host page with the built script tag reading an inline config whose endpoint is
 * this test's backend bucket, and goes to it. English unless told otherwise, since the
 * example config defaults to Japanese.
 */
export async function visitHost(page: Page, hostPage: HostPage, backend: Backend, o: VisitOptions = {}): Promise<void> {
  const attrs: Record<string, string> = { "data-config": "#pp-config", "data-user": o.user ?? "u_widget" };
  if (o.visit !== undefined) attrs["data-visit"] = String(o.visit);
  const locale = o.locale === undefined ? "en" : o.locale;
  if (locale !== null) attrs["data-locale"] = locale;
  const path = await hostPage({
    inlineConfig: withEndpoint(o.config ?? b2bConfig(), backend.endpoint),
    scriptAttributes: { ...attrs, ...o.attrs },
    path: o.path ?? "/t/widget.html",
    ...(o.body === undefined ? {} : { body: o.body }),
    ...(o.css === undefined ? {} : { css: o.css }),
    ...(o.csp === undefined ? {} : { csp: o.csp }),
  });
  await page.goto(path);
}

/** The example config with changes, e.g. `b2b({ display: { mode: "modal" } })`. */
export function b2b(overrides: Config = {}): Config {
  return { ...b2bConfig(), ...overrides };
}

/** A config that asks exactly `questions`, in order, at visit 1. */
export function askOnly(questions: Record<string, Config>, overrides: Config = {}): Config {
  return {
    ...b2bConfig(),
    maxQuestionsPerVisit: 20,
    stages: [{ when: { visit: 1 }, ask: Object.keys(questions) }],
    questions,
    ...overrides,
  };
}

/**
 * Records, from before the page's own scripts run, every `progressive-profile:*` event that
 * reaches `document`, and gives the page an empty `dataLayer` (as a tag manager would).
 */
export async function recordEvents(page: Page, opts: { dataLayer?: boolean } = {}): Promise<void> {
  await page.addInitScript(
    ({ types, dataLayer }) => {
      const w = window as unknown as { __ppEvents: RecordedEvent[]; dataLayer?: unknown[] };
      w.__ppEvents = [];
      if (dataLayer) w.dataLayer = [];
      for (const type of types) {
        document.addEventListener(`progressive-profile:${type}`, (event) => {
          const target = event.target instanceof Element ? event.target.tagName.toLowerCase() : String(event.target);
          w.__ppEvents.push({ type, detail: (event as CustomEvent).detail as Record<string, unknown>, target });
        });
      }
    },
    { types: [...EVENT_TYPES], dataLayer: opts.dataLayer ?? false },
  );
}

export async function recordedEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { __ppEvents: RecordedEvent[] }).__ppEvents);
}

export async function eventTypes(page: Page): Promise<string[]> {
  return (await recordedEvents(page)).map((e) => e.type);
}

/**
 * Answers the current text-like step and goes on with Next (or Submit on the last step). By
 * label rather than role, so a date field (no textbox role) is found the same way; the label's
 * text includes the visual required mark " *".
 */
export async function answerText(page: Page, label: string, value: string, button: "Next" | "Submit" = "Next"): Promise<void> {
  await page.getByLabel(label).fill(value);
  await page.getByRole("button", { name: button, exact: true }).click();
}

/**
 * Waits until the backend has `count` delivered messages and returns them. Given the page, it
 * also waits for the page's outbox to be empty and checks the count again, so that a message
 * sent after the count was first reached (one too many) fails the test instead of passing it.
 */
export async function deliveredCount(backend: Backend, count: number, page?: Page): Promise<Record<string, unknown>[]> {
  await expect.poll(async () => (await backend.delivered()).length, { message: `${count} messages delivered` }).toBe(count);
  if (page) {
    await expect.poll(() => outboxIds(page), { message: "the outbox is empty" }).toEqual([]);
    expect((await backend.delivered()).length, `exactly ${count} messages delivered`).toBe(count);
  }
  return backend.delivered();
}

/**
 * Resolves once the floating card is in the top layer (lifted in the task after its first
 * render), so that a check of where focus is after load sees the card's whole start.
 */
export async function cardLifted(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.querySelector("progressive-profile-root")?.shadowRoot?.querySelector(":popover-open") != null))
    .toBe(true);
}

export async function track(page: Page, event: string): Promise<void> {
  await page.evaluate(async (name) => (await window.ProgressiveProfile!.ready)!.track(name), event);
}

/** Calls one of the script tag's widget's methods that take no argument, as a host page would. */
export async function callWidget(page: Page, method: "open" | "close" | "flush" | "destroy"): Promise<void> {
  await page.evaluate(async (name) => void (await (await window.ProgressiveProfile!.ready)![name]()), method);
}

/** Everything the widget has rendered: the elements in its host elements' shadow roots. */
export const widgetContent = (page: Page) => page.locator("progressive-profile-root *, progressive-profile *");

/**
 * How long "nothing shown" is watched for. The first show is a task posted after `ready`,
 * waiting its turn behind the writes queued before it; on a busy test machine that is a few
 * milliseconds, far below this.
 */
export const QUIET_MS = 750;

/**
 * Waits until something of the widget is rendered, or QUIET_MS went by without it. Call it
 * once whatever could show the form (mount's first show, a delivery, track()) has happened: a
 * "shows nothing" check after it cannot pass just because the form was not there yet.
 */
export async function shownOrQuiet(page: Page): Promise<void> {
  try {
    await widgetContent(page).first().waitFor({ state: "attached", timeout: QUIET_MS });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
  }
}

/**
 * Resolves once the script tag's widget has decided whether to show: it has mounted (the page
 * view is in IndexedDB by then: `ready` waits for it), and either something is rendered or
 * QUIET_MS went by with nothing. Then a test can assert that nothing is shown. (`ready` is null
 * only for a tag without data-config, which mounts nothing; a refused config still resolves to
 * a widget, and is watched like any other.)
 */
export async function settled(page: Page): Promise<void> {
  const mounted = await page.evaluate(async () => (await window.ProgressiveProfile!.ready) !== null);
  if (mounted) await shownOrQuiet(page);
}

/** Resolves once the script tag's widget has mounted (its first show is still to come). */
export async function mounted(page: Page): Promise<void> {
  await page.evaluate(async () => void (await window.ProgressiveProfile!.ready));
}

/** The questionIds of each recorded event of `type`, in order. */
export async function idsOf(page: Page, type: (typeof EVENT_TYPES)[number]): Promise<unknown[]> {
  return (await recordedEvents(page)).filter((e) => e.type === type).map((e) => e.detail.questionIds);
}

/** The codes of the `error` events recorded so far, in order. */
export async function errorCodes(page: Page): Promise<unknown[]> {
  return (await recordedEvents(page)).filter((e) => e.type === "error").map((e) => e.detail.code);
}
