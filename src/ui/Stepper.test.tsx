import { describe, expect, it } from "vitest";
import { B2B_QUESTIONS as b2b, flush, renderedWidgets } from "./test-kit";

const widget = renderedWidgets();

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

  it("says the language of the marketer's text where it is not the card's (WCAG 3.1.2): the step and title, and UI text inside the step the card's again", async () => {
    // German labels, but no German UI text: the card's buttons are English.
    const consent = { type: "consent", label: { en: "News", de: "Neuigkeiten" }, required: true, policyUrl: "https://example.com/p" } as const;
    const de = await widget({ news: consent }, { locale: "de", title: { en: "Tell us", de: "Erzählen Sie" } });
    expect(de.$("section").getAttribute("lang")).toBe("en");
    expect([de.$("h2").getAttribute("lang"), de.$(".st").getAttribute("lang"), de.$("a").getAttribute("lang")]).toEqual(["de", "de", "en"]);
    de.button("Submit").click();
    await flush();
    expect(de.$(".er").getAttribute("lang")).toBe("en");
    // English-only labels on a Japanese card; a plain string says nothing of its language.
    const ja = await widget({ a: { type: "text", label: { en: "Name" } }, b: { type: "text", label: "Town" } }, { locale: "ja" });
    expect([ja.$("section").getAttribute("lang"), ja.$(".st").getAttribute("lang"), ja.$(".st").getAttribute("dir")]).toEqual(["ja", "en", "ltr"]);
    const same = await widget({ b: { type: "text", label: "Town" } }, { locale: "ja", title: { ja: "教えて" } });
    expect([same.$("h2").hasAttribute("lang"), same.$(".st").hasAttribute("lang")]).toEqual([false, false]);
  });

  it("says the help's language where it is not the question's: a label left in one language, its help translated", async () => {
    // An Arabic card without Arabic UI text (English buttons); the label a plain string, the help in Arabic.
    const ar = await widget({ a: { type: "text", label: "Name", help: { en: "As on your ID", ar: "كما في هويتك" } } }, { locale: "ar" });
    expect([ar.$("section").getAttribute("lang"), ar.$(".st").hasAttribute("lang")]).toEqual(["en", false]);
    expect([ar.$(".hp").getAttribute("lang"), ar.$(".hp").getAttribute("dir")]).toEqual(["ar", "rtl"]);
    // An Arabic label with English-only help: the help says English inside the Arabic step.
    const en = await widget({ a: { type: "text", label: { en: "Name", ar: "الاسم" }, help: { en: "As on your ID" } } }, { locale: "ar" });
    expect([en.$(".st").getAttribute("lang"), en.$(".hp").getAttribute("lang"), en.$(".hp").getAttribute("dir")]).toEqual(["ar", "en", "ltr"]);
    // Help in the question's language says nothing more.
    const same = await widget({ a: { type: "text", label: { ar: "الاسم" }, help: { ar: "كما في هويتك" } } }, { locale: "ar" });
    expect(same.$(".hp").hasAttribute("lang")).toBe(false);
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
