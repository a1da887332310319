// The emitter behind on() and the page's events (SPEC §10): every listener hears each event
// with a copy of its own, a throwing one stops nobody, and window.dataLayer gets a push only
// when it is an array (a tag manager's), with ids and never values.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEmitter, type EventDetail } from "./events";

const detail = (questionIds: string[]): EventDetail => ({ configId: "b2b", questionIds, visit: 2 });
const win = window as unknown as { dataLayer?: unknown };

afterEach(() => {
  delete win.dataLayer;
  vi.restoreAllMocks();
});

describe("createEmitter", () => {
  it("calls on()'s handlers of that type and dispatches progressive-profile:TYPE, each with its own copy", () => {
    const dispatched: Event[] = [];
    const emitter = createEmitter((event) => dispatched.push(event));
    const heard: EventDetail[] = [];
    emitter.on("answer", (d) => {
      heard.push(d);
      d.questionIds.push("tampered");
    });
    emitter.on("skip", () => heard.push(detail(["wrong type"])));
    emitter.emit("answer", detail(["name"]));
    expect(heard).toEqual([{ configId: "b2b", questionIds: ["name", "tampered"], visit: 2 }]);
    expect(dispatched).toHaveLength(1);
    const event = dispatched[0] as CustomEvent<EventDetail>;
    expect([event.type, event.bubbles, event.composed]).toEqual(["progressive-profile:answer", true, true]);
    // The first handler's edit did not reach the DOM event's copy.
    expect(event.detail.questionIds).toEqual(["name"]);
  });

  it("a config_invalid's errors are copied too: one listener's edit reaches no other", () => {
    const dispatched: Event[] = [];
    const emitter = createEmitter((event) => dispatched.push(event));
    emitter.on("error", (d) => void (d.errors as { message: string }[]).splice(0, 1, { message: "tampered" }));
    emitter.emit("error", { ...detail([]), code: "config_invalid", errors: [{ path: "id", message: "expected an id" }] });
    expect((dispatched[0] as CustomEvent<EventDetail>).detail.errors).toEqual([{ path: "id", message: "expected an id" }]);
  });

  it("a handler that throws is reported on the console and the others still hear the event", () => {
    const console_ = vi.spyOn(console, "error").mockImplementation(() => {});
    const emitter = createEmitter(() => {});
    const after = vi.fn();
    emitter.on("show", () => {
      throw new Error("host bug");
    });
    emitter.on("show", after);
    expect(() => emitter.emit("show", detail(["name"]))).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(console_).toHaveBeenCalledOnce();
  });

  it("the function on() returns removes that handler; clear() removes every one", () => {
    const emitter = createEmitter(() => {});
    const first = vi.fn();
    const second = vi.fn();
    const off = emitter.on("step", first);
    emitter.on("step", second);
    off();
    emitter.emit("step", detail(["a"]));
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([0, 1]);
    emitter.clear();
    emitter.emit("step", detail(["a"]));
    expect(second).toHaveBeenCalledOnce();
  });

  it("pushes { event, configId, questionIds, visit } to window.dataLayer when it is an array", () => {
    win.dataLayer = [];
    createEmitter(() => {}).emit("delivered", { ...detail(["phone"]), messageId: "m-1" });
    expect(win.dataLayer).toEqual([{ event: "progressive_profile_delivered", configId: "b2b", questionIds: ["phone"], visit: 2 }]);
  });

  it("leaves a dataLayer that is missing or not an array alone, and survives one whose push throws", () => {
    const emitter = createEmitter(() => {});
    expect(() => emitter.emit("show", detail(["a"]))).not.toThrow();
    expect(win.dataLayer).toBeUndefined();
    const notAnArray = { push: vi.fn() };
    win.dataLayer = notAnArray;
    emitter.emit("show", detail(["a"]));
    expect(notAnArray.push).not.toHaveBeenCalled();
    const throwing = Object.assign([], {
      push: () => {
        throw new Error("tag manager");
      },
    });
    win.dataLayer = throwing;
    const handler = vi.fn();
    emitter.on("show", handler);
    expect(() => emitter.emit("show", detail(["a"]))).not.toThrow();
    expect(handler).toHaveBeenCalledOnce();
  });
});
