// Helpers shared by the widget-*.spec.ts browser tests: opening a host page for a config,
// recording what the widget tells the page (events, dataLayer), and small config builders.
import type { Page } from "@playwright/test";
import { b2bConfig, expect, withEndpoint, type Backend, type HostPageOptions } from "../fixtures";

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

/** Waits until the backend has `count` delivered messages and returns them. */
export async function deliveredCount(backend: Backend, count: number): Promise<Record<string, unknown>[]> {
  await expect.poll(async () => (await backend.delivered()).length, { message: `${count} messages delivered` }).toBe(count);
  return backend.delivered();
}

export async function track(page: Page, event: string): Promise<void> {
  await page.evaluate(async (name) => (await window.ProgressiveProfile!.ready)!.track(name), event);
}

/**
 * Resolves once the script tag's widget has mounted and had its chance to show (the form is
 * shown from a timer of display.delayMs, 0 by default, set before `ready` resolves), so a
 * test can then assert that nothing is shown.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.ProgressiveProfile!.ready;
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** The questionIds of each recorded event of `type`, in order. */
export async function idsOf(page: Page, type: (typeof EVENT_TYPES)[number]): Promise<unknown[]> {
  return (await recordedEvents(page)).filter((e) => e.type === type).map((e) => e.detail.questionIds);
}
