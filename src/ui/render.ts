// Puts the card into a shadow root and gives the orchestrator an imperative handle.
import { render } from "preact";
// The JSX runtime's jsx() rather than h(): the components already need it, and h() would be
// in the script tag for this one call.
import { jsx } from "preact/jsx-runtime";
import { effect, signal, untracked } from "@preact/signals-core";
import { newCardState, placeFocus, Shell, type ShellProps } from "./Shell";

export type RenderProps = Omit<ShellProps, "idBase" | "card">;

export interface StepperView {
  /**
   * Shows the form: first after renderStepper(), and again after close(); nothing shows once
   * the model is closed. `focus`: the host's open(), so focus goes to the step's field.
   */
  open(focus?: boolean): void;
  /** Hides the form without snoozing anything (the public Widget.close()). */
  close(): void;
  /** Removes everything rendered; the shadow root is left empty. `rebuild`: a new card follows, so focus is not sent back to the page. */
  unmount(rebuild?: boolean): void;
}

// Ids must be unique per widget instance: two widgets may share a page (and a label `for`
// must never point into the other one).
let instances = 0;

export function renderStepper(shadow: ShadowRoot, props: RenderProps): StepperView {
  const idBase = `pp${++instances}`;
  // Where focus was before it came into the card (a keyboard user tabbed in from the page).
  // When the card goes while focus is in it, focus goes back there rather than to <body>.
  let cameFrom: HTMLElement | null = null;
  const host = shadow.host;
  const noteOrigin = (event: FocusEvent) => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && !host.contains(from)) cameFrom = from;
  };
  host.addEventListener("focusin", noteOrigin as EventListener);
  // (A page's focus handler that throws is reported by the browser; focus() itself does not throw.)
  const giveFocusBack = () => {
    if (shadow.activeElement && cameFrom?.isConnected) cameFrom.focus();
  };
  // Nothing shows until open(): rendering at once and again for open() made the first showing
  // render the card twice in one task.
  const shown = signal<{ focus: boolean } | null>(null);
  let card = newCardState();
  // Escape closes a floating card (SPEC §5) also when pressed on the page's <body>, where focus
  // is while the card has not been used (a floating card does not take focus), and on a page
  // control the card covers: focus there cannot be seen, and Escape takes the card away without
  // moving it (WCAG 2.4.11). Pressed in one of the page's controls in sight, or while the page
  // shows a dialog of its own, Escape is the page's.
  // (Keys pressed in the card are handled there and stop at its edge.)
  const onPageKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || e.defaultPrevented || e.isComposing || !shown.value) return;
    if ((e.target === document.body || hidesFocus(e.composedPath()[0])) && !document.querySelector("dialog[open],[aria-modal=true]")) {
      void props.model.dismiss();
    }
  };
  // The control with focus (inside the page's own shadow roots too) lies wholly within the card,
  // and the card is what is on top there: not a menu the page opened over it. (Both in layout
  // coordinates, which pinch zoom does not change; with svh the card stays in the viewport, so
  // what lies within it is in sight but for the card. A focused element of no size there counts too.)
  const hidesFocus = (focused: EventTarget | undefined) => {
    const card = shadow.querySelector(".fl")?.getBoundingClientRect();
    if (!card?.width || !(focused instanceof Element)) return false;
    const { left, top, right, bottom } = focused.getBoundingClientRect();
    return (
      left >= card.left &&
      top >= card.top &&
      right <= card.right &&
      bottom <= card.bottom &&
      document.elementFromPoint((left + right) / 2, (top + bottom) / 2) === host
    );
  };
  const floating = props.mode === "floating";
  if (floating) document.addEventListener("keydown", onPageKey);
  // One effect renders the card: every signal Shell reads while it renders is this effect's,
  // so a change to any of them renders the card again and preact applies the difference (the
  // card is a few elements). Signals' Preact binding would track each component on its own,
  // for a kilobyte more in the script tag.
  const stopRendering = effect(() => {
    // The card closes itself (the last answer, "Not now", Close, Escape): focus goes back
    // before the card leaves the DOM.
    if (props.model.closed.value) untracked(giveFocusBack);
    const on = shown.value;
    // Each showing is a new card: its focus is placed as for a first render.
    if (!on) card = newCardState();
    render(on ? jsx(Shell, { ...props, idBase, card }) : null, shadow);
    if (on) untracked(() => placeFocus(card, props.mode, on.focus));
  });
  // Hidden means not rendered: the model keeps the step and what was typed, and showing it
  // again renders them afresh (a floating card takes focus then only when the host's open()
  // asked, as on load). `rebuild`: a new card follows, so focus is not sent back to the page.
  const hide = (rebuild?: boolean) => {
    if (!rebuild) giveFocusBack();
    shown.value = null;
  };
  return {
    // A card on screen is left as it is by a showing that takes no focus (a re-plan, a return to
    // the tab): rendering it for that would place focus again, though the person may have gone
    // back to the page since the host's open() took it into the card. Each host's open() does
    // take focus to the field.
    open(focus) {
      if (focus) card.placedFor = undefined;
      if (focus || !shown.value) shown.value = { focus: !!focus };
    },
    close: () => hide(),
    unmount: (rebuild) => {
      host.removeEventListener("focusin", noteOrigin as EventListener);
      if (floating) document.removeEventListener("keydown", onPageKey);
      hide(rebuild);
      stopRendering();
    },
  };
}
