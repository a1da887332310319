import { describe, expect, it, vi } from "vitest";
import { fakeHost, setupModel } from "./test-kit";

const three = {
  name: { type: "text", label: "Name", required: true },
  phone: { type: "tel", label: "Phone" },
  size: { type: "number", label: "Size", min: 1 },
} as const;

describe("stepper model", () => {
  it("blocks Next on a validation error and keeps the step", async () => {
    const { model, host } = setupModel(three);
    await model.next();
    expect(model.errors.value.name).toEqual({ code: "required" });
    expect(model.index.value).toBe(0);
    expect(host.submit).not.toHaveBeenCalled();
  });

  it("submits, moves on, announces the step and completes after the last", async () => {
    const { model, host } = setupModel(three);
    model.input("  Ada ");
    expect(host.draft).toHaveBeenCalledWith("name", "  Ada ");
    await model.next();
    expect(host.submit).toHaveBeenCalledWith("name", "Ada");
    expect(model.index.value).toBe(1);
    expect(host.step).toHaveBeenCalledWith(1, "phone");
    await model.next(); // optional and empty → null
    expect(host.submit).toHaveBeenLastCalledWith("phone", null);
    model.input("3");
    expect(model.index.value).toBe(2);
    await model.next();
    expect(host.submit).toHaveBeenLastCalledWith("size", 3);
    expect(host.complete).toHaveBeenCalledOnce();
    expect(model.closed.value).toBe(true);
  });

  it("stays on the step and reports saveFailed when the durable write fails", async () => {
    const { model, host } = setupModel(three);
    const failure = new Error("quota");
    host.submit.mockRejectedValue(failure);
    model.input("Ada");
    await model.next();
    expect(model.index.value).toBe(0);
    expect(model.saveFailed.value).toBe(true);
    expect(host.saveFailed).toHaveBeenCalledWith(failure);
    expect(model.saving.value).toBe(false);
    expect(model.raw()).toBe("Ada");
    expect(host.complete).not.toHaveBeenCalled();
  });

  /** Types `before`, presses Next, and types `during` while the save is held; the save then ends as the test says. */
  function typedDuringSave(before: string, during: string) {
    const { model, host } = setupModel(three);
    let end: { resolve(steps: string[]): void; reject(error: Error): void } | undefined;
    host.submit.mockImplementation(() => new Promise<string[]>((resolve, reject) => (end = { resolve, reject })));
    model.input(before);
    const pending = model.next();
    model.input(during);
    return { model, host, pending, succeed: (steps: string[]) => end!.resolve(steps), fail: (error: Error) => end!.reject(error) };
  }

  it("what is typed while a step saves is the field's again when the save fails", async () => {
    const { model, host, pending, fail } = typedDuringSave("Ada", "Ada Lovelace");
    expect(host.draft.mock.calls).toEqual([["name", "Ada"]]);
    // The field shows it meanwhile (a group of choices builds its next value from it).
    expect(model.raw()).toBe("Ada Lovelace");
    fail(new Error("quota"));
    await pending;
    expect(model.index.value).toBe(0);
    expect(model.raw()).toBe("Ada Lovelace");
    expect(host.draft).toHaveBeenLastCalledWith("name", "Ada Lovelace");
  });

  it("what is typed while a step saves is no draft once the form was dismissed meanwhile and the save fails", async () => {
    const { model, host, pending, fail } = typedDuringSave("Ada", "Ada Lovelace");
    expect(model.typed()).toBe(true);
    await model.dismiss();
    fail(new Error("quota"));
    await pending;
    expect(host.draft.mock.calls).toEqual([["name", "Ada"]]);
  });

  it("a step saving with nothing typed in it counts as typed once something is typed meanwhile", async () => {
    const { model, host } = setupModel(three);
    model.input("Ada");
    await model.next();
    // Phone, optional and empty: Next is a skip, still being saved when the person types.
    host.submit.mockImplementation(() => new Promise<string[]>(() => {}));
    host.skip.mockImplementation(() => new Promise<string[]>(() => {}));
    void model.next();
    expect(model.saving.value).toBe(true);
    expect(model.typed()).toBe(false);
    model.input("+81");
    expect(model.typed()).toBe(true);
  });

  it("what is typed while a step saves goes with it when the save succeeds: the next step starts empty", async () => {
    const { model, pending, succeed } = typedDuringSave("Ada", "Ada!");
    succeed(["name", "phone", "size"]);
    await pending;
    expect(model.currentId()).toBe("phone");
    expect(model.raw()).toBe("");
    expect(model.typed()).toBe(false);
  });

  it("ignores actions while a save is pending", async () => {
    let release: (steps: string[]) => void = () => {};
    const { model, host } = setupModel(three);
    host.submit.mockImplementation(() => new Promise<string[]>((resolve) => (release = resolve)));
    model.input("Ada");
    const pending = model.next();
    expect(model.saving.value).toBe(true);
    await model.next();
    model.back();
    await model.skip();
    // A key pressed right after Enter lands in the field being saved: it is no draft of an
    // answered question (a reload would show it on Back, and Next there would send it).
    model.input("Ada!");
    expect(host.submit).toHaveBeenCalledOnce();
    expect(host.draft.mock.calls).toEqual([["name", "Ada"]]);
    release(["name", "phone", "size"]);
    await pending;
    expect(model.saving.value).toBe(false);
    expect(model.index.value).toBe(1);
  });

  it("goes back with the submitted value prefilled", async () => {
    const { model } = setupModel(three);
    model.input("Ada");
    await model.next();
    model.back();
    expect(model.index.value).toBe(0);
    expect(model.raw()).toBe("Ada");
    model.back(); // already first
    expect(model.index.value).toBe(0);
  });

  it("Back to an answer and Next without changing it moves on without sending it again; a change is sent", async () => {
    const { model, host } = setupModel(three);
    model.input("Ada");
    await model.next();
    model.input("+81 3-1234-5678");
    await model.next();
    model.back();
    model.back();
    await model.next();
    await model.next();
    expect(model.currentId()).toBe("size");
    expect(host.submit.mock.calls).toEqual([
      ["name", "Ada"],
      ["phone", "+81 3-1234-5678"],
    ]);
    model.back();
    model.input("+81 3-0000-0000");
    await model.next();
    expect(host.submit).toHaveBeenLastCalledWith("phone", "+81 3-0000-0000");
    expect(model.currentId()).toBe("size");
  });

  it("after a reload, Next on an earlier step whose value is gone moves on without a message", async () => {
    // name and phone were answered before the reload; their delivered values were dropped.
    const { model, host } = setupModel(three, { index: 2 });
    model.back();
    model.back();
    expect(model.raw()).toBe("");
    await model.next(); // required, empty, untouched: not "required", not re-submitted
    expect(model.errors.value.name).toBeUndefined();
    await model.next(); // optional, empty, untouched: not a skip
    expect(model.index.value).toBe(2);
    expect(host.submit).not.toHaveBeenCalled();
    expect(host.skip).not.toHaveBeenCalled();
    expect(host.step).toHaveBeenLastCalledWith(2, "size");
    // A step the person changes is sent as usual.
    model.back();
    model.input("+81 3-1234-5678");
    await model.next();
    expect(host.submit).toHaveBeenCalledWith("phone", "+81 3-1234-5678");
  });

  it("Skip on an earlier step already answered (Back) moves on without a message: no answered question is sent as skipped", async () => {
    // name and phone were answered before a reload (their values gone); the person goes Back to phone.
    const { model, host } = setupModel(three, { index: 2 });
    model.back();
    await model.skip();
    expect(model.currentId()).toBe("size");
    expect(host.skip).not.toHaveBeenCalled();
    // Typed into it and then skipped: the edit is put away, the answer stays as it was.
    model.back();
    model.input("+81 3-9999-9999");
    await model.skip();
    expect(model.currentId()).toBe("size");
    expect(host.skip).not.toHaveBeenCalled();
    expect(host.submit).not.toHaveBeenCalled();
    expect(host.draft).toHaveBeenLastCalledWith("phone", undefined);
    model.back();
    expect(model.raw()).toBe("");
  });

  it("reloaded on a Back step: Next on an answered step whose value is gone moves on, and a new plan keeps the card", async () => {
    // name and phone were answered; the person went Back to phone and reloaded.
    const { model, host } = setupModel(three, { index: 1, done: 2 });
    expect(model.currentId()).toBe("phone");
    expect(model.replan(["name", "phone", "size"], 2, Date.now())).toBe(true);
    await model.next();
    expect(model.currentId()).toBe("size");
    expect(host.submit).not.toHaveBeenCalled();
    expect(host.skip).not.toHaveBeenCalled();
  });

  it("a new plan drops a step answered elsewhere after the text typed into it, and keeps one typed into since (the newer answer)", () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] });
    try {
      // Typed, then answered in another tab (the person came back to this one): dropped.
      const { model } = setupModel(three, { index: 1, done: 1 });
      model.input("+81 3-1234");
      expect(model.replan(["name", "phone", "size"], 2, 1_000_500)).toBe(false);
      // Answered in another tab (or by this user before a login), then typed here: kept, with the text.
      const newer = setupModel(three, { index: 1, done: 1 });
      vi.setSystemTime(1_002_000);
      newer.model.input("+81 3-1234-5678");
      expect(newer.model.replan(["name", "phone", "size"], 2, 1_000_500)).toBe(true);
      expect(newer.model.raw()).toBe("+81 3-1234-5678");
      // Nothing typed, or a draft restored on load (typed when, it does not say): dropped.
      expect(setupModel(three, { index: 1, done: 1 }).model.replan(["name", "phone", "size"], 2, 1_000_500)).toBe(false);
      expect(setupModel(three, { index: 1, done: 1, drafts: { phone: "+81" } }).model.replan(["name", "phone", "size"], 2, 1_000_500)).toBe(false);
      // Skipped elsewhere (a skip says not when): the typed step goes too.
      const skipped = setupModel(three, { index: 1, done: 1 });
      skipped.model.input("+81 3-1234-5678");
      expect(skipped.model.replan(["name", "phone", "size"], 2, undefined)).toBe(false);
      // Unanswered elsewhere, the typed step stays.
      const typed = setupModel(three, { index: 1, done: 1 });
      typed.model.input("+81 3");
      expect(typed.model.replan(["name", "phone", "size"], 1, undefined)).toBe(true);
      expect(typed.model.raw()).toBe("+81 3");
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows restored values and drafts as the control's text", () => {
    const { model } = setupModel(three, { index: 2, values: { size: 12 } });
    expect(model.raw()).toBe("12");
    const restored = setupModel(three, { index: 1, drafts: { phone: "+81" } });
    expect(restored.model.raw()).toBe("+81");
  });

  it("skips only optional questions", async () => {
    const { model, host } = setupModel(three);
    await model.skip();
    expect(host.skip).not.toHaveBeenCalled();
    expect(model.currentId()).toBe("name");
    model.input("Ada");
    await model.next();
    model.input("bad phone");
    await model.skip();
    expect(host.skip).toHaveBeenCalledWith("phone");
    expect(model.currentId()).toBe("size");
    // The skipped step's draft is gone: Back shows it empty.
    model.back();
    expect(model.raw()).toBe("");
  });

  it("follows the host's new plan after a submit (showIf revealed a question)", async () => {
    const host = fakeHost(["name", "size", "phone"]);
    const { model } = setupModel(three, { steps: ["name", "phone"], host });
    expect(model.steps.value).toHaveLength(2);
    model.input("Ada");
    await model.next();
    expect(model.steps.value).toEqual(["name", "size", "phone"]);
    expect(model.currentId()).toBe("size");
  });

  it("starts on the step it is given (a reload restores the step on screen)", () => {
    const { model } = setupModel(three, { index: 1, drafts: { phone: "+81" } });
    expect(model.index.value).toBe(1);
    expect(model.currentId()).toBe("phone");
    expect(model.question()?.type).toBe("tel");
  });

  it("clears a field's error when the person edits it", async () => {
    const { model } = setupModel(three);
    await model.next();
    expect(model.errors.value.name).toBeDefined();
    model.input("A");
    expect(model.errors.value.name).toBeUndefined();
  });

  it("dismisses once, with the question on screen and those after it", async () => {
    const { model, host } = setupModel(three, { index: 1 });
    await model.dismiss();
    await model.dismiss();
    expect(host.dismiss).toHaveBeenCalledOnce();
    expect(host.dismiss).toHaveBeenCalledWith(["phone", "size"]);
    expect(model.closed.value).toBe(true);
    model.input("late");
    expect(host.draft).not.toHaveBeenCalled();
  });
});
