import { describe, expect, test } from "vitest";
import { groupCommit } from "./concurrency";

/** A batch runner whose batches the test finishes by hand. */
function manualBatches() {
  const batches: { keys: string[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const run = (keys: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ keys, finish: () => resolve(keys.map((key) => key.toUpperCase())), fail: reject });
    });
  return { run, batches };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("groupCommit", () => {
  test("calls made together go in one batch, each gets its own result", async () => {
    const { run, batches } = manualBatches();
    const call = groupCommit(run);
    const results = Promise.all([call("a"), call("b"), call("c")]);
    await settle();
    expect(batches.map((batch) => batch.keys)).toEqual([["a", "b", "c"]]);
    batches[0]!.finish();
    expect(await results).toEqual(["A", "B", "C"]);
  });

  test("a lone call runs at once, without waiting for company", async () => {
    const { run, batches } = manualBatches();
    const result = groupCommit(run)("a");
    await settle();
    expect(batches).toHaveLength(1);
    batches[0]!.finish();
    expect(await result).toBe("A");
  });

  test("calls made while a batch runs wait for it, then go together as the next one", async () => {
    const { run, batches } = manualBatches();
    const call = groupCommit(run);
    const first = call("a");
    await settle();
    const later = Promise.all([call("b"), call("c")]);
    await settle();
    expect(batches.map((batch) => batch.keys)).toEqual([["a"]]);
    batches[0]!.finish();
    await settle();
    expect(batches.map((batch) => batch.keys)).toEqual([["a"], ["b", "c"]]);
    batches[1]!.finish();
    expect(await first).toBe("A");
    expect(await later).toEqual(["B", "C"]);
  });

  test("a failed batch rejects every call in it, and the next batch still runs", async () => {
    const { run, batches } = manualBatches();
    const call = groupCommit(run);
    const failing = [call("a"), call("b")].map((promise) => promise.catch((error: Error) => error.message));
    await settle();
    const next = call("c");
    batches[0]!.fail(new Error("disk full"));
    expect(await Promise.all(failing)).toEqual(["disk full", "disk full"]);
    await settle();
    batches[1]!.finish();
    expect(await next).toBe("C");
  });

  test("a batch runner that throws at once rejects its calls instead of throwing", async () => {
    const call = groupCommit<string, string>(() => {
      throw new Error("no transaction");
    });
    await expect(call("a")).rejects.toThrow("no transaction");
  });
});
