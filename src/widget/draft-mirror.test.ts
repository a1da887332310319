// The tab's copy of a draft: read back for the same person and visit only, and never a reason
// for the widget to fail (sessionStorage refused, full, or holding something else).
import { describe, expect, it } from "vitest";
import { createDraftMirror } from "./draft-mirror";

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

describe("draft mirror", () => {
  it("gives back what was saved for this person and visit, until cleared", () => {
    const storage = memoryStorage();
    const mirror = createDraftMirror(() => storage);
    mirror.save("u:a", { visit: 2, questionId: "name", raw: "Ad" });
    expect(mirror.read("u:a", 2)).toEqual({ visit: 2, questionId: "name", raw: "Ad" });
    expect(mirror.read("u:a", 3)).toBeNull();
    expect(mirror.read("u:b", 2)).toBeNull();
    mirror.clear("u:a");
    expect(mirror.read("u:a", 2)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("gives back a multiselect's list as a list on a page whose Array.prototype has a toJSON (Prototype.js 1.6)", () => {
    const proto = Array.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function (this: unknown[]) {
      return `[${this.join(",")}]`;
    };
    try {
      const storage = memoryStorage();
      const mirror = createDraftMirror(() => storage);
      mirror.save("u:a", { visit: 1, questionId: "tools", raw: ["slack", "jira"] });
      expect(mirror.read("u:a", 1)?.raw).toEqual(["slack", "jira"]);
    } finally {
      delete proto.toJSON;
    }
  });

  it("goes once the record has the last value typed, not when an earlier write ends", () => {
    const storage = memoryStorage();
    const mirror = createDraftMirror(() => storage);
    const first = { visit: 1, questionId: "name", raw: "A" };
    const second = { visit: 1, questionId: "name", raw: "Ad" };
    mirror.save("u:a", first);
    mirror.save("u:a", second);
    mirror.settled("u:a", first);
    expect(mirror.read("u:a", 1)).toEqual(second);
    mirror.settled("u:a", second);
    expect(mirror.read("u:a", 1)).toBeNull();
  });

  it("reads nothing from a copy it cannot understand", () => {
    const storage = memoryStorage();
    const mirror = createDraftMirror(() => storage);
    for (const text of ["{", "null", "[]", '{"visit":2}', '{"visit":2,"questionId":5}']) {
      storage.setItem("progressive-profile:draft:u:a", text);
      expect(mirror.read("u:a", 2)).toBeNull();
    }
  });

  it("never throws when sessionStorage is refused or full", () => {
    const refused = createDraftMirror(() => {
      throw new DOMException("denied", "SecurityError");
    });
    const full = createDraftMirror(() => ({ ...memoryStorage(), setItem: () => { throw new DOMException("full", "QuotaExceededError"); } }));
    for (const mirror of [refused, full]) {
      expect(() => mirror.save("u:a", { visit: 1, questionId: "name", raw: "x" })).not.toThrow();
      expect(mirror.read("u:a", 1)).toBeNull();
      expect(() => mirror.clear("u:a")).not.toThrow();
    }
  });
});
