// Puts the card into a shadow root and gives the orchestrator an imperative handle.
import { h, render } from "preact";
import { Shell, type ShellProps } from "./Shell";

export type RenderProps = Omit<ShellProps, "idBase">;

export interface StepperView {
  /** Shows the form (again) after close(); nothing shows once the model is closed. */
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
  // Hidden means not rendered: the model keeps the step and what was typed, and showing it
  // again renders them afresh (a floating card does not take focus then, as on load).
  const show = (on: boolean) => render(on ? h(Shell, { ...props, idBase }) : null, shadow);
  show(true);
  return { open: () => show(true), close: () => show(false), unmount: () => show(false) };
}
