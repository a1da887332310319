import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../config/schema";
import { flush, renderedWidgets, type RenderedWidget as Widget, type RenderOptions } from "./test-kit";

const widget = renderedWidgets();
const one = (question: ConfigInput["questions"][string], opts: RenderOptions = {}) => widget({ q: question }, opts);

const options = [
  { value: "a", label: { en: "Alpha", ja: "アルファ" } },
  { value: "b", label: "Beta" },
];

/** Every control must be reachable by its label: a <label for>, or a fieldset's legend. */
function expectLabelled(w: Widget) {
  for (const control of w.shadow.querySelectorAll("input, select, textarea")) {
    const byFor = control.id && w.shadow.querySelector(`label[for="${control.id}"]`);
    const wrapped = control.closest("label");
    expect(byFor || wrapped, control.outerHTML).toBeTruthy();
  }
}

describe("field per question type", () => {
  it.each([
    ["text", { type: "text", label: "T", autocomplete: "name" }, "input[type=text][autocomplete=name]:not([maxlength])"],
    ["email", { type: "email", label: "E" }, "input[type=email][autocomplete=email]"],
    ["tel", { type: "tel", label: "P" }, "input[type=tel][autocomplete=tel]"],
    ["url", { type: "url", label: "U" }, "input[type=url][autocomplete=url]"],
    ["number", { type: "number", label: "N", integer: true }, "input[type=text][inputmode=numeric]"],
    ["number (decimal)", { type: "number", label: "N" }, "input[inputmode=decimal]"],
    ["date", { type: "date", label: "D", max: "today", min: "1900-01-01" }, "input[type=date][max='2026-05-01'][min='1900-01-01']"],
    ["textarea", { type: "textarea", label: "A", maxLength: 300 }, "textarea:not([maxlength])"],
  ] as const)("%s renders its control with a tied label", async (_, question, selector) => {
    const w = await one(question);
    const control = w.$(selector);
    expect(w.$(`label[for="${control.id}"]`).textContent).toBe(question.label);
    expectLabelled(w);
  });

  // Chromium reads `required` as "invalid" on a date, a select, a radio or a checkbox not yet
  // filled in, and has no required state for them: their name says "required" instead.
  it.each([
    ["text", { type: "text", label: "L" }, true],
    ["textarea", { type: "textarea", label: "L" }, true],
    ["email", { type: "email", label: "L" }, true],
    ["number", { type: "number", label: "L" }, true],
    ["date", { type: "date", label: "L" }, false],
    ["select", { type: "select", label: "L", options }, false],
    ["radio", { type: "radio", label: "L", options }, false],
    ["multiselect", { type: "multiselect", label: "L", options }, false],
    ["consent", { type: "consent", label: "L" }, false],
  ] as const)("a required %s says so once: by `required`, or in its name", async (_, question, itself) => {
    const w = await one({ ...question, required: true });
    const controls = [...w.shadow.querySelectorAll<HTMLInputElement>("input, select, textarea")];
    expect(controls.map((c) => c.required)).toEqual(controls.map(() => itself));
    const name = w.$(question.type === "radio" || question.type === "multiselect" ? "legend" : "label");
    // (A legend holds the star that is seen; a label has it beside it.)
    expect(name.textContent?.replace(" *", "")).toBe(itself ? "L" : "L required");
    // Nothing of it when the question is optional.
    const optional = await one(question);
    expect(optional.shadow.querySelector(".vh, [required], .rq")).toBeNull();
  });

  it('"required" is said in the card\'s language also beside a label left in another one', async () => {
    const w = await one({ type: "select", label: { en: "Plan" }, required: true, options }, { locale: "ja" });
    const unseen = w.$("label .vh");
    expect([unseen.textContent, unseen.getAttribute("lang")]).toEqual([" 必須", "ja"]);
  });

  it("select has an empty first choice and localized options", async () => {
    const w = await one({ type: "select", label: "S", required: true, options }, { locale: "ja" });
    const select = w.$<HTMLSelectElement>("select");
    expect([...select.options].map((o) => [o.value, o.text])).toEqual([["", ""], ["a", "アルファ"], ["b", "Beta"]]);
    select.value = "b";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    expect(w.host.draft).toHaveBeenCalledWith("q", "b");
    expectLabelled(w);
  });

  it("radio is a fieldset/legend group with one name", async () => {
    const w = await one({ type: "radio", label: "R", help: "Pick one", options });
    expect(w.$("fieldset legend").textContent).toBe("R");
    const radios = [...w.shadow.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    expect(radios).toHaveLength(2);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(w.$("fieldset").getAttribute("aria-describedby")).toBe(w.$(".hp").id);
    radios[1]?.click();
    await flush();
    expect(w.model.raw()).toBe("b");
    expect(radios[1]?.checked).toBe(true);
    expectLabelled(w);
  });

  it("multiselect is a checkbox group delivering option values in order", async () => {
    const w = await one({ type: "multiselect", label: "M", options, minSelected: 1 });
    const boxes = [...w.shadow.querySelectorAll<HTMLInputElement>("input[type=checkbox]")];
    boxes[1]?.click();
    await flush();
    boxes[0]?.click();
    await flush();
    expect(w.model.raw()).toEqual(["a", "b"]);
    w.button("Submit").click();
    await flush();
    expect(w.host.submit).toHaveBeenCalledWith("q", ["a", "b"]);
    expectLabelled(w);
  });

  it("multiselect marks every box invalid on a minSelected error", async () => {
    const w = await one({ type: "multiselect", label: "M", options, minSelected: 2 });
    w.shadow.querySelector<HTMLInputElement>("input")?.click();
    await flush();
    w.button("Submit").click();
    await flush();
    expect(w.$(".er").textContent).toBe("Choose at least 2.");
    for (const box of w.shadow.querySelectorAll("input")) expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(w.$("fieldset").getAttribute("aria-describedby")).toBe(w.$(".er").id);
  });

  it("consent is a labelled checkbox with a safe policy link", async () => {
    const w = await one(
      { type: "consent", label: "I agree", required: true, policyUrl: "https://example.com/privacy" },
      { locale: "ja" },
    );
    const box = w.$<HTMLInputElement>("input[type=checkbox]");
    // Not `required` (Chromium would read the box as invalid before it is touched): its label
    // says so, in words not seen, in the card's language.
    expect(box.required).toBe(false);
    expect(box.labels?.[0]?.textContent).toBe("I agree 必須");
    const link = w.$<HTMLAnchorElement>("a");
    expect(link.getAttribute("href")).toBe("https://example.com/privacy");
    expect(link.target).toBe("_blank");
    expect(link.rel).toBe("noopener noreferrer");
    expect(link.textContent).toBe("ポリシーを読む");
    w.button("送信").click();
    await flush();
    expect(w.$(".er").textContent).toBe("続行するにはチェックを入れてください。");
    box.click();
    await flush();
    w.button("送信").click();
    await flush();
    expect(w.host.submit).toHaveBeenCalledWith("q", true);
  });

  it("number shows the localized range message with its placeholder filled", async () => {
    const w = await one({ type: "number", label: "N", min: 10 });
    w.model.input("3");
    w.button("Submit").click();
    await flush();
    expect(w.$(".er").textContent).toBe("Enter 10 or more.");
  });

  it("restores a typed draft into the control", async () => {
    const w = await one({ type: "text", label: "T" }, { drafts: { q: "half-typed" } });
    expect(w.$<HTMLInputElement>("input").value).toBe("half-typed");
  });

  it("ids differ between two widgets on one page", async () => {
    const a = await one({ type: "text", label: "T" });
    const b = await one({ type: "text", label: "T" });
    expect(a.$("input").id).not.toBe(b.$("input").id);
  });
});
