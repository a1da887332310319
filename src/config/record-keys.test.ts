// The script tag's zod leaves out the record parse for keys that are an enumeration or a number
// (scripts/zod-steps.ts, zod-record-string-keys): this holds the project to string keys.
import { describe, expect, it, vi } from "vitest";
import type { z as Z } from "./zod";

const keyTypes: Z.core.$ZodType[] = [];

// Every schema the project builds goes through config/zod.ts: note each record's key type.
vi.mock("./zod", async (importOriginal) => {
  const real = await importOriginal<typeof import("./zod")>();
  const record = ((keyType: Z.core.$ZodType, ...rest: unknown[]) => {
    keyTypes.push(keyType);
    return (real.z.record as (...a: unknown[]) => unknown)(keyType, ...rest);
  }) as typeof real.z.record;
  return { ...real, z: { ...real.z, record } };
});

const { getConfigSchema } = await import("./schema");
const { recordSchemas } = await import("../storage/records");
const { messageSchemas } = await import("../message-schema");
const { validate } = await import("./validate");

describe("records' keys", () => {
  it("every record of the config, the stored records and the messages has string keys, never an enumeration", () => {
    getConfigSchema();
    recordSchemas();
    messageSchemas();
    // title, headers, questions, strings; drafts, answers, snoozes, events, headers; answers.
    expect(keyTypes.length).toBe(10);
    for (const keyType of keyTypes) {
      expect(keyType._zod.def.type).toBe("string");
      expect(keyType._zod.values).toBeUndefined();
    }
  });

  it("a key that looks like a number is refused by a pattern as any other key is", () => {
    const config = {
      id: "x", version: 1, endpoint: "/api",
      stages: [{ when: { visit: 1 }, ask: ["name"] }],
      questions: { name: { type: "text", label: "Name" }, "123": { type: "text", label: "N" } },
    };
    const result = validate(config);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['questions["123"]']);
    expect(!result.ok && result.errors[0]!.message).toMatch(/^invalid key "123": expected a question id: a letter/);
  });
});
