// axe-core's structural WCAG 2.x A/AA rules in happy-dom, through our shadow root. Rules that
// need layout (colour contrast, target size) cannot run here; the Playwright suite runs them.
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../config/schema";
import { flush, renderedWidgets } from "./test-kit";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const NEEDS_LAYOUT = { "color-contrast": { enabled: false }, "target-size": { enabled: false } };

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { runOnly: { type: "tag", values: TAGS }, rules: NEEDS_LAYOUT });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
}

const options = [
  { value: "a", label: "Alpha" },
  { value: "b", label: "Beta" },
];
const everyType: ConfigInput["questions"] = {
  text: { type: "text", label: "Text", help: "Help", required: true },
  textarea: { type: "textarea", label: "Textarea", required: true },
  email: { type: "email", label: "Email" },
  tel: { type: "tel", label: "Tel" },
  url: { type: "url", label: "Url" },
  number: { type: "number", label: "Number", min: 5 },
  date: { type: "date", label: "Date", max: "today" },
  select: { type: "select", label: "Select", options, required: true },
  radio: { type: "radio", label: "Radio", options, required: true },
  multiselect: { type: "multiselect", label: "Multi", options, required: true, minSelected: 1 },
  consent: { type: "consent", label: "Consent", required: true, policyUrl: "https://example.com/p" },
};

const setupWidget = renderedWidgets();

describe("axe (structural rules)", () => {
  for (const mode of ["floating", "inline", "modal"] as const) {
    it(`${mode}: every question type, before and after a validation error`, async () => {
      const w = await setupWidget(everyType, { mode, title: { en: "Tell us" } });
      for (const id of Object.keys(everyType)) {
        expect(w.model.currentId()).toBe(id);
        expect(await violations(), `${id} shown`).toEqual([]);
        // A wrong entry (or none, where an answer is required): the step stays, with its error.
        w.model.input(WRONG[id]!);
        await w.model.next();
        await flush();
        expect(w.model.currentId(), `${id} refused`).toBe(id);
        expect(w.shadow.querySelector('[aria-invalid="true"]'), `${id} marked invalid`).not.toBeNull();
        expect(await violations(), `${id} with error`).toEqual([]);
        w.model.input(RIGHT[id] ?? "");
        if (w.model.question()!.required) await w.model.next();
        else await w.model.skip();
        await flush();
      }
      expect(w.model.closed.value).toBe(true);
    });
  }

  it("ja, without a title, while saving failed", async () => {
    const w = await setupWidget({ a: { type: "text", label: { en: "Name", ja: "お名前" } } }, { locale: "ja" });
    w.host.submit.mockRejectedValue(new Error("quota"));
    w.model.input("x");
    await w.model.next();
    await flush();
    expect(w.model.saveFailed.value).toBe(true);
    expect(await violations()).toEqual([]);
  });
});

/** An entry each type refuses: none for the required ones, a malformed or out-of-range one for the rest. */
const WRONG: Record<string, string | string[] | boolean> = {
  text: "",
  textarea: "",
  email: "ada@",
  tel: "call me",
  url: "not a url",
  number: "1",
  date: "2999-01-01",
  select: "",
  radio: "",
  multiselect: [],
  consent: false,
};

/** What the required ones then take (the optional ones are skipped). */
const RIGHT: Record<string, string | string[] | boolean> = {
  text: "Ada",
  textarea: "Hello",
  select: "a",
  radio: "a",
  multiselect: ["a"],
  consent: true,
};
