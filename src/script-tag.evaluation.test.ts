// Issue 8: a slow phone must not freeze the host page while the script tag loads. Building zod
// schemas was the largest part of the bundle's evaluation (~30 ms at 4× CPU), so every schema
// is built on first use. This guards that: evaluating the script tag's modules builds none.
// Nor does it make an Error: with DevTools open (or a test driver's protocol session), Chromium
// captures each new Error's stack with line and column, which re-parses the whole bundle for its
// source positions: ~70 ms of the evaluation at 4× CPU, ~17 ms at 1×, where the rest took ~10.
import { afterAll, describe, expect, it, vi } from "vitest";

const built: string[] = [];

// Every schema factory the project calls goes through config/zod.ts; count the calls.
vi.mock("./config/zod", async (importOriginal) => {
  const real = await importOriginal<typeof import("./config/zod")>();
  const factories = new Set(["object", "strictObject", "string", "number", "boolean", "array", "union", "record", "literal", "nullable", "optional", "_default", "unknown", "pipe", "transform"]);
  const z = new Proxy(real.z, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || !factories.has(key) || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        built.push(key);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  const integer: typeof real.integer = (...checks) => {
    built.push("integer");
    return real.integer(...checks);
  };
  return { ...real, z, integer };
});

describe("the script tag's evaluation", () => {
  afterAll(() => {
    delete (window as { ProgressiveProfile?: unknown }).ProgressiveProfile;
  });

  it("builds no zod schema until something validates, and makes no Error", async () => {
    const made: unknown[] = [];
    const RealError = globalThis.Error;
    globalThis.Error = new Proxy(RealError, {
      construct(target, args, newTarget) {
        made.push(args[0]);
        return Reflect.construct(target, args, newTarget);
      },
      apply(target, self, args) {
        made.push(args[0]);
        return Reflect.apply(target, self, args);
      },
    });
    try {
      await import("./script-tag");
    } finally {
      globalThis.Error = RealError;
    }
    expect(made).toEqual([]);
    expect((window as { ProgressiveProfile?: unknown }).ProgressiveProfile).toBeDefined();
    expect(built).toEqual([]);
    const { validate } = await import("./config/validate");
    expect(validate({}).ok).toBe(false);
    expect(built.length).toBeGreaterThan(10);
  });
});
