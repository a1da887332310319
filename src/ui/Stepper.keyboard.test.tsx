import { describe, expect, it, vi } from "vitest";
import { B2B_QUESTIONS as b2b, flush, renderedWidgets } from "./test-kit";

const widget = renderedWidgets();

const key = (target: Element, init: KeyboardEventInit) =>
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, composed: true, cancelable: true, ...init }));

describe("stepper keyboard: Enter, Escape and focus", () => {
  it("advances on Enter, but never while an IME is composing", async () => {
    const w = await widget(b2b);
    const input = w.$<HTMLInputElement>("input");
    input.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    w.model.input("やまだ");
    key(input, { key: "Enter", isComposing: true });
    await flush();
    expect(w.host.submit).not.toHaveBeenCalled();
    input.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "山田" }));
    // Safari: the confirming Enter arrives after compositionend with keyCode 229.
    key(input, { key: "Enter", keyCode: 229 });
    await flush();
    expect(w.host.submit).not.toHaveBeenCalled();
    key(input, { key: "Enter" });
    await flush();
    expect(w.host.submit).toHaveBeenCalledWith("name", "やまだ");
    expect(w.$(".pg").textContent).toBe("2 / 3");
  });

  it("advances on Enter in a textarea too (Shift+Enter is a new line), not on a button", async () => {
    const w = await widget({ a: { type: "textarea", label: "A" } });
    key(w.$("textarea"), { key: "Enter", shiftKey: true });
    key(w.button("Not now"), { key: "Enter" });
    await flush();
    expect(w.host.submit).not.toHaveBeenCalled();
    key(w.$("textarea"), { key: "Enter" });
    await flush();
    expect(w.host.submit).toHaveBeenCalledOnce();
  });

  it("on a touch screen, Enter in a textarea is a new line (a phone's keyboard has no Shift+Enter); Ctrl+Enter advances", async () => {
    const coarse = vi.spyOn(window, "matchMedia").mockImplementation((query) => ({ matches: query === "(pointer:coarse)" }) as MediaQueryList);
    try {
      const w = await widget({ a: { type: "textarea", label: "A" } });
      key(w.$("textarea"), { key: "Enter" });
      await flush();
      expect(w.host.submit).not.toHaveBeenCalled();
      key(w.$("textarea"), { key: "Enter", ctrlKey: true });
      await flush();
      expect(w.host.submit).toHaveBeenCalledOnce();
    } finally {
      coarse.mockRestore();
    }
  });

  it("dismisses on Escape in a floating card, and keeps key events inside the widget", async () => {
    const w = await widget(b2b);
    let leaked = 0;
    const count = () => leaked++;
    document.addEventListener("keydown", count);
    key(w.$("input"), { key: "a" });
    key(w.$("input"), { key: "Escape", isComposing: true }); // cancels a conversion only
    expect(w.host.dismiss).not.toHaveBeenCalled();
    key(w.$("input"), { key: "Escape" });
    document.removeEventListener("keydown", count);
    await flush();
    expect(leaked).toBe(0);
    expect(w.host.dismiss).toHaveBeenCalledWith(["name", "phone", "company"]);
    expect(w.shadow.querySelector("section")).toBeNull();
  });

  it("a floating card closes on Escape pressed with focus on the page's body, not in the page's own controls", async () => {
    const pageInput = document.body.appendChild(document.createElement("input"));
    try {
      const w = await widget(b2b);
      pageInput.focus();
      key(pageInput, { key: "Escape" });
      await flush();
      expect(w.host.dismiss).not.toHaveBeenCalled();
      pageInput.blur();
      // While the page shows a dialog of its own, Escape is for that dialog.
      const pageDialog = document.body.appendChild(document.createElement("div"));
      pageDialog.setAttribute("aria-modal", "true");
      key(document.body, { key: "Escape" });
      key(document.body, { key: "Escape", isComposing: true });
      pageDialog.remove();
      await flush();
      expect(w.host.dismiss).not.toHaveBeenCalled();
      key(document.body, { key: "Escape" });
      await flush();
      expect(w.host.dismiss).toHaveBeenCalledWith(["name", "phone", "company"]);
      expect(w.shadow.querySelector("section")).toBeNull();
      // Inline forms are part of the page: Escape there is the page's.
      const inline = await widget(b2b, { mode: "inline" });
      key(document.body, { key: "Escape" });
      await flush();
      expect(inline.host.dismiss).not.toHaveBeenCalled();
    } finally {
      pageInput.remove();
    }
  });

  it("Escape in a page control the floating card wholly hides closes it; partly hidden, below the fold, pinch-zoomed or under a page's menu, it is the page's", async () => {
    const rect = (left: number, top: number, right: number, bottom: number) =>
      ({ left, top, right, bottom, x: left, y: top, width: right - left, height: bottom - top }) as DOMRect;
    const pageInput = document.body.appendChild(document.createElement("input"));
    try {
      const w = await widget(b2b);
      // A 390 × 664 phone with the card in its bottom-right corner, pinch-zoomed 2× (the
      // visual viewport, innerWidth/innerHeight, is half the layout viewport).
      vi.spyOn(w.$(".fl"), "getBoundingClientRect").mockReturnValue(rect(16, 328, 374, 648));
      vi.stubGlobal("innerWidth", 195);
      vi.stubGlobal("innerHeight", 332);
      let onTop: Element | null = w.shadow.host;
      vi.spyOn(document, "elementFromPoint").mockImplementation(() => onTop);
      const escapeAt = async (where: DOMRect) => {
        vi.spyOn(pageInput, "getBoundingClientRect").mockReturnValue(where);
        pageInput.focus();
        key(pageInput, { key: "Escape" });
        await flush();
      };
      await escapeAt(rect(300, 600, 390, 664)); // partly beside the card
      await escapeAt(rect(100, 1500, 300, 1540)); // below the fold
      onTop = document.body; // the page opened a menu over the card
      await escapeAt(rect(100, 400, 300, 440));
      expect(w.host.dismiss).not.toHaveBeenCalled();
      onTop = w.shadow.host;
      await escapeAt(rect(100, 400, 300, 440));
      expect(w.host.dismiss).toHaveBeenCalledWith(["name", "phone", "company"]);
    } finally {
      pageInput.remove();
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    }
  });

  it("after the host's open() took focus into the card and the person went back to the page, showing the card again (a re-plan) leaves their focus alone", async () => {
    const pageInput = document.body.appendChild(document.createElement("input"));
    try {
      const w = await widget(b2b);
      w.view.open(true);
      await flush();
      expect(w.shadow.activeElement).toBe(w.$("input"));
      pageInput.focus();
      w.view.open(false);
      await flush();
      expect(document.activeElement).toBe(pageInput);
      // The host's open() again takes it back into the card.
      w.view.open(true);
      await flush();
      expect(w.shadow.activeElement).toBe(w.$("input"));
    } finally {
      pageInput.remove();
    }
  });

  it("inline: no close button and Escape does nothing", async () => {
    const w = await widget(b2b, { mode: "inline" });
    expect(() => w.button("Close")).toThrow();
    key(w.$("input"), { key: "Escape" });
    await flush();
    expect(w.host.dismiss).not.toHaveBeenCalled();
    expect(w.$("section").className).toBe("pp");
  });
});
