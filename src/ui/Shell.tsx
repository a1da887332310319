// The card's container per display mode, and the widget's keyboard boundary.
import type { ReadonlySignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { textDirection, textLanguage } from "../i18n/locale";
import { cardLabelId, Stepper, type StepperProps } from "./Stepper";

export interface ShellProps extends StepperProps {
  position: string;
  visible: ReadonlySignal<boolean>;
}

const CORNERS: Record<string, string> = { "bottom-right": "br", "bottom-left": "bl", "top-right": "tr", "top-left": "tl" };

// The page's shortcuts (e.g. "/" to search) must not fire while someone types in our fields.
const stop = (e: Event) => e.stopPropagation();

/** A modal <dialog>: showModal() gives the top layer, inert page and focus trap for free. */
function Modal(p: {
  lang: string;
  dir: "ltr" | "rtl";
  labelledBy: string | undefined;
  onKeyDown(e: KeyboardEvent): void;
  onCancel(): void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // close() before removal gives focus back to where it was before the dialog opened.
    return () => dialog?.open && dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="pp"
      lang={p.lang}
      dir={p.dir}
      aria-labelledby={p.labelledBy}
      onKeyDown={p.onKeyDown}
      onKeyUp={stop}
      onKeyPress={stop}
      onCancel={(e) => {
        // Escape (or a platform back gesture): "Not now", not a silent close.
        e.preventDefault();
        p.onCancel();
      }}
    >
      {p.children}
    </dialog>
  );
}

export function Shell(p: ShellProps) {
  const { model, mode } = p;
  if (!p.visible.value || model.closed.value) return null;
  const dismiss = () => void model.dismiss();
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    // Escape also cancels an IME conversion; only a plain Escape closes the form.
    if (e.key !== "Escape" || mode === "inline" || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    dismiss();
  };
  const labelledBy = cardLabelId(p);
  const lang = textLanguage(p.locale, Object.keys(p.config.strings ?? {}));
  const dir = textDirection(lang);
  const content = <Stepper {...p} />;
  if (mode === "modal") {
    return (
      <Modal lang={lang} dir={dir} labelledBy={labelledBy} onKeyDown={onKeyDown} onCancel={dismiss}>
        {content}
      </Modal>
    );
  }
  // Floating and inline are plain regions: never a focus trap, never role=dialog. `lang` lets
  // screen readers speak a Japanese card on an English page in Japanese (WCAG 3.1.2); `dir`
  // keeps an English card left-to-right on a right-to-left page.
  const cls = mode === "inline" ? "pp" : `pp fl ${CORNERS[p.position] ?? "br"}`;
  return (
    <section class={cls} lang={lang} dir={dir} aria-labelledby={labelledBy} onKeyDown={onKeyDown} onKeyUp={stop} onKeyPress={stop}>
      {content}
    </section>
  );
}
