import { afterEach, describe, expect, it, vi } from "vitest";
import { makeUuid } from "./platform";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("makeUuid", () => {
  afterEach(() => vi.restoreAllMocks());

  it("uses crypto.randomUUID where there is one", () => {
    const spy = vi.spyOn(crypto, "randomUUID");
    expect(makeUuid()).toMatch(V4);
    expect(spy).toHaveBeenCalledOnce();
  });

  it("makes the same v4 layout from getRandomValues on a page without randomUUID (plain http)", () => {
    // An own property hides the prototype's method, as on a page that is not a secure context.
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 500 }, () => makeUuid()));
      expect(ids.size).toBe(500);
      for (const id of ids) expect(id).toMatch(V4);
      // Every variant digit (8, 9, a, b) turns up: the two random bits are really random.
      expect(new Set([...ids].map((id) => id[19]))).toEqual(new Set(["8", "9", "a", "b"]));
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
  });
});
