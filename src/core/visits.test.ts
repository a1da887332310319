import { describe, expect, it } from "vitest";
import { advanceVisit, touch } from "./visits";

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

describe("advanceVisit", () => {
  it("the first page view ever is visit 1", () => {
    expect(advanceVisit({ visit: 1, lastActivityAt: 0 }, { now: T0, timeoutMinutes: 30 })).toEqual({ visit: 1, lastActivityAt: T0 });
  });

  it.each([
    [0, 3],
    [29 * MIN, 3],
    [30 * MIN, 3],
    [30 * MIN + 1, 4],
    [3 * 24 * 60 * MIN, 4],
  ])("after %i ms of inactivity (timeout 30 min) the visit is %i", (gap, visit) => {
    expect(advanceVisit({ visit: 3, lastActivityAt: T0 }, { now: T0 + gap, timeoutMinutes: 30 })).toEqual({ visit, lastActivityAt: T0 + gap });
  });

  it("uses the configured timeout", () => {
    expect(advanceVisit({ visit: 1, lastActivityAt: T0 }, { now: T0 + 6 * MIN, timeoutMinutes: 5 }).visit).toBe(2);
    expect(advanceVisit({ visit: 1, lastActivityAt: T0 }, { now: T0 + 6 * MIN, timeoutMinutes: 10 }).visit).toBe(1);
  });

  it("never counts the same moment twice (a second tab applying it after the first)", () => {
    const start = { visit: 2, lastActivityAt: T0 };
    const input = { now: T0 + 2 * 60 * MIN, timeoutMinutes: 30 };
    const first = advanceVisit(start, input);
    const second = advanceVisit(first, input);
    expect(first).toMatchObject({ visit: 3 });
    expect(second).toEqual({ visit: 3, lastActivityAt: input.now });
  });

  it("a clock that went backwards neither starts a visit nor moves the activity back", () => {
    expect(advanceVisit({ visit: 2, lastActivityAt: T0 }, { now: T0 - 90 * MIN, timeoutMinutes: 30 })).toEqual({
      visit: 2,
      lastActivityAt: T0
    });
  });

  it("a valid host visit wins, whatever the time since the last activity", () => {
    expect(advanceVisit({ visit: 2, lastActivityAt: T0 }, { now: T0 + MIN, timeoutMinutes: 30, hostVisit: 5 })).toEqual({
      visit: 5,
      lastActivityAt: T0 + MIN
    });
    expect(advanceVisit({ visit: 5, lastActivityAt: T0 }, { now: T0 + 999 * MIN, timeoutMinutes: 30, hostVisit: 5 })).toEqual({
      visit: 5,
      lastActivityAt: T0 + 999 * MIN
    });
    expect(advanceVisit({ visit: 1, lastActivityAt: 0 }, { now: T0, timeoutMinutes: 30, hostVisit: 3 }).visit).toBe(3);
  });

  it.each([null, undefined])("counts itself without a host visit (%j)", (hostVisit) => {
    expect(advanceVisit({ visit: 2, lastActivityAt: T0 }, { now: T0 + 31 * MIN, timeoutMinutes: 30, hostVisit }).visit).toBe(3);
  });
});

describe("touch", () => {
  it("moves the last activity forward and keeps every other field", () => {
    const person = { visit: 4, lastActivityAt: T0, other: "kept" };
    expect(touch(person, T0 + MIN)).toEqual({ visit: 4, lastActivityAt: T0 + MIN, other: "kept" });
    expect(person.lastActivityAt).toBe(T0);
  });

  it("never moves it back", () => {
    expect(touch({ lastActivityAt: T0 }, T0 - MIN).lastActivityAt).toBe(T0);
  });
});
