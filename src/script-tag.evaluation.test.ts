// Issue 8: a slow phone must not freeze the host page while the script tag loads. Building zod
// schemas was the largest part of the bundle's evaluation (~30 ms at 4× CPU), so every schema
// is built on first use. This guards that: evaluating the script tag's modules builds none.
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

  it("builds no zod schema until something validates", async () => {
    await import("./script-tag");
    expect((window as { ProgressiveProfile?: unknown }).ProgressiveProfile).toBeDefined();
    expect(built).toEqual([]);
    const { validate } = await import("./config/validate");
    expect(validate({}).ok).toBe(false);
    expect(built.length).toBeGreaterThan(10);
  });
});
