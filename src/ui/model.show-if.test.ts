// The stepper model when a showIf changes this visit's list behind the person (a changed
// answer, a new plan): which steps count as passed, and what Next and Skip do on them.
import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../config/schema";
import { setupModel } from "./test-kit";

describe("stepper model, when showIf shrinks the list behind the person", () => {
  const branching: ConfigInput["questions"] = {
    a: { type: "radio", label: "A", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] },
    b: { type: "text", label: "B" },
    c: { type: "text", label: "C", showIf: { question: "a", equals: "yes" } },
  };

  it("Next on an untouched earlier step past the new end completes the form instead of running off the list", async () => {
    // After a reload on c: a's value was retained (c's showIf needs it), b's was dropped on delivery.
    const { model, host } = setupModel(branching, { index: 2, values: { a: "yes" } });
    model.back();
    model.back();
    expect(model.currentId()).toBe("a");
    model.input("no");
    host.submit.mockResolvedValueOnce(["a", "b"]); // c is no longer asked
    await model.next();
    expect(model.currentId()).toBe("b");
    await model.next(); // b untouched: it was answered before the reload
    expect(host.submit).toHaveBeenCalledOnce();
    expect(model.closed.value).toBe(true);
    expect(host.complete).toHaveBeenCalledOnce();
    expect(host.step).not.toHaveBeenCalledWith(2, undefined);
  });

  it("a new plan (identify(), another tab) that drops a step behind the person: the step that moves up into its place is asked", async () => {
    const four: ConfigInput["questions"] = {
      a: { type: "text", label: "A" },
      f: { type: "text", label: "F" },
      g: { type: "text", label: "G" },
      h: { type: "text", label: "H", required: true },
    };
    // a, f and g answered, h on screen; the person goes back to a, and a new plan drops f.
    const { model, host } = setupModel(four, { index: 3 });
    model.back();
    model.back();
    model.back();
    expect(model.replan(["a", "g", "h"], 2, 0)).toBe(true);
    await model.next();
    await model.next();
    expect(model.currentId()).toBe("h");
    await model.next(); // required and empty: it is asked, not passed over
    expect(model.errors.value.h).toMatchObject({ code: "required" });
    expect(model.closed.value).toBe(false);
    expect(host.submit).not.toHaveBeenCalled();
  });

  it("a changed answer that swaps one follow-up for another: the new one is asked, not passed over as answered", async () => {
    const swapping: ConfigInput["questions"] = {
      a: branching.a!,
      s: { type: "text", label: "S", showIf: { question: "a", equals: "yes" } },
      w: { type: "text", label: "W", showIf: { question: "a", equals: "no" } },
      n: { type: "text", label: "N" },
    };
    // a and s answered, n on screen; the person goes back to a and changes it.
    const { model, host } = setupModel(swapping, { steps: ["a", "s", "n"], index: 2, values: { a: "yes" } });
    model.back();
    model.back();
    model.input("no");
    host.submit.mockResolvedValueOnce(["a", "w", "n"]);
    await model.next();
    expect(model.currentId()).toBe("w");
    host.submit.mockResolvedValueOnce(["a", "w", "n"]);
    await model.next(); // w is new: left empty, it is a skip the host hears of
    expect(host.submit).toHaveBeenLastCalledWith("w", null);
    expect(model.currentId()).toBe("n");
  });
});
