// Test helpers for the UI: a recording StepperHost and a rendered widget in happy-dom.
import { act } from "preact/test-utils";
import { vi } from "vitest";
import type { ConfigInput } from "../config/schema";
import { makeConfig } from "../core/test-fixtures";
import { resolveText } from "../i18n/strings";
import { createStepperModel, type StepperHost, type StepperInit } from "./model";
import { createHost } from "./mount";
import { renderStepper } from "./render";
import type { DisplayMode } from "./Stepper";

/** A host whose submit/skip answer with the same steps, unless a test says otherwise. */
export function fakeHost(steps: string[], overrides: Partial<StepperHost> = {}) {
  return {
    submit: vi.fn(async () => steps),
    skip: vi.fn(async () => steps),
    dismiss: vi.fn(async () => {}),
    draft: vi.fn(),
    step: vi.fn(),
    complete: vi.fn(),
    ...overrides,
  } satisfies StepperHost;
}

export function setupModel(questions: ConfigInput["questions"], init: Partial<StepperInit> = {}) {
  const config = makeConfig({ questions, stages: [{ when: { visit: 1 }, ask: Object.keys(questions) }] });
  const steps = init.steps ?? Object.keys(questions);
  const host = fakeHost(steps);
  const model = createStepperModel({
    steps,
    index: 0,
    drafts: {},
    values: {},
    host,
    questions: config.questions,
    today: "2026-05-01",
    ...init,
  });
  return { config, host: init.host ?? host, model };
}

/** Lets pending promises, Preact's debounced renders and its after-paint effects settle. */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  });
}

export interface RenderOptions extends Partial<StepperInit> {
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
  const onClosed = vi.fn();
  const view = renderStepper(mounted.shadow, {
    config,
    locale,
    text: resolveText(locale, strings),
    model,
    mode,
    position: "bottom-right",
    onClosed,
  });
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
  return { ...mounted, config, host, model, view, onClosed, $, button, cleanup };
}
