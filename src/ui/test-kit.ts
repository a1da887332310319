// Test helpers for the UI: a recording StepperHost and a rendered widget in happy-dom.
import { act } from "preact/test-utils";
import { afterEach, vi } from "vitest";
import type { ConfigInput } from "../config/schema";
import { makeConfig } from "../core/test-fixtures";
import { resolveText } from "../i18n/strings";
import { createStepperModel, type StepperHost, type StepperInit } from "./model";
import { createHost } from "./mount";
import { renderStepper } from "./render";
import type { DisplayMode } from "./Shell";

/** A recording host whose submit/skip (and preview) answer with the same steps (tests re-mock as needed). */
export function fakeHost(steps: string[]) {
  return {
    submit: vi.fn<StepperHost["submit"]>(async () => steps),
    skip: vi.fn<StepperHost["skip"]>(async () => steps),
    dismiss: vi.fn<StepperHost["dismiss"]>(async () => {}),
    draft: vi.fn<StepperHost["draft"]>(),
    preview: vi.fn<StepperHost["preview"]>(() => steps),
    step: vi.fn<StepperHost["step"]>(),
    complete: vi.fn<StepperHost["complete"]>(),
    saveFailed: vi.fn<StepperHost["saveFailed"]>(),
  } satisfies StepperHost;
}

/** Three questions of the B2B flow: a required text with a Japanese label, an optional tel, a plain text. */
export const B2B_QUESTIONS = {
  name: { type: "text", label: { en: "Name", ja: "お名前" }, required: true },
  phone: { type: "tel", label: { en: "Phone", ja: "電話番号" } },
  company: { type: "text", label: "Company" },
} as const;

export type FakeHost = ReturnType<typeof fakeHost>;
export type ModelOptions = Partial<Omit<StepperInit, "host">> & { host?: FakeHost };

export function setupModel(questions: ConfigInput["questions"], init: ModelOptions = {}) {
  const config = makeConfig({ questions, stages: [{ when: { visit: 1 }, ask: Object.keys(questions) }] });
  const steps = init.steps ?? Object.keys(questions);
  const host = init.host ?? fakeHost(steps);
  const model = createStepperModel({
    index: 0,
    drafts: {},
    values: {},
    questions: config.questions,
    today: "2026-05-01",
    ...init,
    steps,
    host,
  });
  return { config, host, model };
}

/** Lets pending promises, Preact's debounced renders and its after-paint effects settle. */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  });
}

export interface RenderOptions extends ModelOptions {
  mode?: DisplayMode;
  locale?: string;
  title?: ConfigInput["title"];
  strings?: ConfigInput["strings"];
}

export async function setupWidget(questions: ConfigInput["questions"], opts: RenderOptions = {}) {
  const { mode = "floating", locale = "en", title, strings, ...init } = opts;
  const { config, host, model } = setupModel(questions, init);
  if (title !== undefined) config.title = title;
  const mounted = createHost(document, { target: mode === "inline" ? document.body : null });
  const view = renderStepper(mounted.shadow, {
    config,
    locale,
    text: resolveText(locale, strings),
    model,
    mode,
    position: "bottom-right",
  });
  view.open();
  await flush();
  const { shadow } = mounted;
  const $ = <E extends Element = HTMLElement>(selector: string): E => {
    const found = shadow.querySelector<E>(selector);
    if (!found) throw new Error(`nothing matches ${selector}`);
    return found;
  };
  const button = (name: string): HTMLButtonElement => {
    const found = [...shadow.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name);
    if (!found) throw new Error(`no button ${name}`);
    return found;
  };
  const cleanup = () => {
    view.unmount();
    mounted.dispose();
  };
  return { ...mounted, config, host, model, view, $, button, cleanup };
}

export type RenderedWidget = Awaited<ReturnType<typeof setupWidget>>;

/**
 * `setupWidget` for a test file: each test's widget is unmounted and its host removed after
 * the test, so no card from one test is left in the document of the next.
 */
export function renderedWidgets(): (...args: Parameters<typeof setupWidget>) => Promise<RenderedWidget> {
  const rendered: RenderedWidget[] = [];
  afterEach(() => rendered.splice(0).forEach((w) => w.cleanup()));
  return async (...args) => {
    const widget = await setupWidget(...args);
    rendered.push(widget);
    return widget;
  };
}
