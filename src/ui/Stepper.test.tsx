import { afterEach, describe, expect, it, vi } from "vitest";
import { flush, setupWidget } from "./test-kit";

type Widget = Awaited<ReturnType<typeof setupWidget>>;
let current: Widget | null = null;
async function widget(...args: Parameters<typeof setupWidget>): Promise<Widget> {
  current = await setupWidget(...args);
  return current;
}
afterEach(() => {
  current?.cleanup();
  current = null;
});

const key = (target: Element, init: KeyboardEventInit) =>
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, composed: true, cancelable: true, ...init }));

const b2b = {
  name: { type: "text", label: { en: "Name", ja: "お名前" }, required: true },
  phone: { type: "tel", label: { en: "Phone", ja: "電話番号" } },
  company: { type: "text", label: "Company" },
} as const;

describe("stepper rendering", () => {
  it("ties the label to the field and shows progress and footer buttons", async () => {
    const w = await widget(b2b, { title: { en: "Tell us", ja: "教えて" } });
    const label = w.$("label");
    const input = w.$<HTMLInputElement>(`#${label.getAttribute("for")}`);
    expect(input.type).toBe("text");
    expect(input.required).toBe(true);
    expect(w.$(".pg").textContent).toBe("1 / 3");
    expect(w.$(".pg").getAttribute("aria-live")).toBe("polite");
    // The card's one status: what getByRole("status") finds, and a screen reader announces.
    expect([...w.shadow.querySelectorAll("[role=status]")]).toEqual([w.$(".pg")]);
    expect(w.$("section").getAttribute("aria-labelledby")).toBe(w.$("h2").id);
    expect(w.button("Close")).toBeTruthy();
    expect(() => w.button("Back")).toThrow();
    expect(() => w.button("Skip")).toThrow(); // required
    expect(w.button("Next")).toBeTruthy();
    expect(w.button("Not now")).toBeTruthy();
  });

  it("shows the error next to the field, tied by aria-describedby and aria-invalid", async () => {
    const w = await widget(b2b);
    w.button("Next").click();
    await flush();
    const input = w.$<HTMLInputElement>("input");
    const error = w.$(".er");
    expect(error.textContent).toBe("This field is required.");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain(error.id);
    expect(w.shadow.activeElement).toBe(input);
  });

  it("puts a choice group's error above its choices, where the focus goes (a long list would hide it below)", async () => {
    const options = Array.from({ length: 15 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` }));
    const w = await widget({ plan: { type: "radio", label: "Plan", required: true, options } });
    w.button("Submit").click();
    await flush();
    const error = w.$(".er");
    const first = w.$<HTMLInputElement>("input[type=radio]");
    expect(error.textContent).toBe("This field is required.");
    expect(error.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(w.$("legend").compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(w.shadow.activeElement).toBe(first);
  });

  it("speaks Japanese: progress, buttons and validation", async () => {
    const w = await widget(b2b, { locale: "ja-JP", index: 1, values: { name: "x" } });
    expect(w.$(".pg").textContent).toBe("2 / 3");
    expect(w.$("label").textContent).toBe("電話番号");
    expect(w.button("次へ")).toBeTruthy();
    expect(w.button("戻る")).toBeTruthy();
    expect(w.button("スキップ")).toBeTruthy();
    expect(w.button("今はしない")).toBeTruthy();
    expect(w.button("閉じる")).toBeTruthy();
    w.button("戻る").click();
    await flush();
    w.model.input("");
    w.button("次へ").click();
    await flush();
    expect(w.$(".er").textContent).toBe("この項目は必須です。");
  });

  it("shows Submit on the last step and the progress of this visit in en", async () => {
    const w = await widget(b2b, { index: 1 });
    expect(w.$(".pg").textContent).toBe("2 / 3");
    w.button("Next").click();
    await flush();
    expect(w.$(".pg").textContent).toBe("3 / 3");
    expect(w.button("Submit")).toBeTruthy();
  });

  it("renders labels, help and options as text, never as HTML", async () => {
    const xss = "<img src=x onerror=alert(1)>";
    const w = await widget({ q: { type: "radio", label: xss, help: xss, options: [{ value: "a", label: xss }] } });
    expect(w.shadow.querySelector("img")).toBeNull();
    expect(w.$("legend").textContent).toBe(xss);
    expect(w.$(".hp").textContent).toBe(xss);
    expect(w.$("label.op").textContent).toBe(xss);
  });

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
    expect(w.host.dismiss).toHaveBeenCalledWith("name");
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
      expect(w.host.dismiss).toHaveBeenCalledWith("name");
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
      expect(w.host.dismiss).toHaveBeenCalledWith("name");
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

  it("modal: a <dialog> opened with showModal, focus on the field, Escape (cancel) dismisses", async () => {
    const w = await widget(b2b, { mode: "modal" });
    const dialog = w.$<HTMLDialogElement>("dialog");
    expect(dialog.open).toBe(true);
    expect(w.shadow.activeElement).toBe(w.$("input"));
    dialog.dispatchEvent(new Event("cancel", { cancelable: true }));
    await flush();
    expect(w.host.dismiss).toHaveBeenCalledOnce();
    expect(w.shadow.querySelector("dialog")).toBeNull();
  });

  it("floating: no focus stolen on load, focus moves to the new step's field", async () => {
    const w = await widget(b2b);
    expect(w.shadow.activeElement).toBeNull();
    w.model.input("Ada");
    w.button("Next").click();
    await flush();
    expect(w.shadow.activeElement).toBe(w.$("input[type=tel]"));
  });

  it("shows saving, then saveFailed, and stays on the step", async () => {
    let fail: (e: Error) => void = () => {};
    const w = await widget(b2b);
    w.host.submit.mockImplementationOnce(() => new Promise<string[]>((_, reject) => (fail = reject)));
    w.model.input("Ada");
    w.button("Next").click();
    await flush();
    expect(w.$(".ss").textContent).toBe("Saving…");
    expect(w.button("Next").getAttribute("aria-disabled")).toBe("true");
    fail(new Error("write failed"));
    await flush();
    expect(w.$(".ss").textContent).toBe("Your answer could not be saved. Please try again.");
    expect(w.$(".pg").textContent).toBe("1 / 3");
    expect(w.button("Next").hasAttribute("aria-disabled")).toBe(false);
  });

  it("close() hides without dismissing and open() shows the same step again", async () => {
    const w = await widget(b2b);
    w.model.input("Ada");
    w.view.close();
    await flush();
    expect(w.shadow.querySelector("section")).toBeNull();
    expect(w.host.dismiss).not.toHaveBeenCalled();
    w.view.open();
    await flush();
    expect(w.$<HTMLInputElement>("input").value).toBe("Ada");
  });

  it("names a card without a title by a text of its own, not by the question's label", async () => {
    const w = await widget(b2b);
    expect(w.$("section").hasAttribute("aria-labelledby")).toBe(false);
    expect(w.$("section").getAttribute("aria-label")).toBe("A few questions");
    // Only the field is labelled "Name" (by a <label> whose text is exactly that, the required mark beside it).
    expect(w.$("label").textContent).toBe("Name");
  });

  it("uses no <style> element and no style attribute inside the shadow root", async () => {
    const w = await widget(b2b, { mode: "modal" });
    w.button("Next").click();
    await flush();
    expect(w.shadow.querySelectorAll("style, [style]")).toHaveLength(0);
    expect(w.shadow.adoptedStyleSheets).toHaveLength(1);
  });
});
