// Puts the stepper into a shadow root and gives the orchestrator an imperative handle.
import { effect, signal, untracked } from "@preact/signals";
import { h, render } from "preact";
import type { Config } from "../config/schema";
import type { UiText } from "../i18n/strings";
import type { StepperModel } from "./model";
import { Shell } from "./Shell";
import type { DisplayMode } from "./Stepper";

export interface RenderProps {
  config: Config;
  locale: string;
  text: UiText;
  model: StepperModel;
  mode: DisplayMode;
  /** Corner of a floating card: "bottom-right" (default), "bottom-left", "top-right", "top-left". */
  position: string;
  /** Called once when the form closes itself: "Not now" / close / Escape, or the last step done. */
  onClosed?: () => void;
  /** Start hidden (e.g. while display.delayMs runs); open() shows it. */
  hidden?: boolean;
}

export interface StepperView {
  /** Shows the form (again) after close(); nothing shows once the model is done or dismissed. */
  open(): void;
  /** Hides the form without snoozing anything (the public Widget.close()). */
  close(): void;
  /** Removes everything rendered; the shadow root is left empty. */
  unmount(): void;
}

// Ids must be unique per widget instance: two widgets may share a page (and a label `for`
// must never point into the other one).
let instances = 0;

export function renderStepper(shadow: ShadowRoot, props: RenderProps): StepperView {
  const idBase = `pp${++instances}`;
  const visible = signal(props.hidden !== true);
  let notified = false;
  const stopWatching = effect(() => {
    if (!props.model.closed.value || notified) return;
    notified = true;
    // The callback's own signal reads must not become this effect's dependencies.
    untracked(() => props.onClosed?.());
  });
  render(h(Shell, { ...props, idBase, visible }), shadow);
  return {
    open() {
      visible.value = true;
    },
    close() {
      visible.value = false;
    },
    unmount() {
      stopWatching();
      render(null, shadow);
    },
  };
}
