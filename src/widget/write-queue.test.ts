import { describe, expect, it } from "vitest";
import type { WidgetError } from "../errors";
import { createWriteQueue } from "./write-queue";

describe("the person's write queue", () => {
  it("runs writes one after another in the order they were asked for, past a failed one", async () => {
    const queue = createWriteQueue(() => {});
    const log: string[] = [];
    const slow = queue.inTurn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push("draft");
    });
    const broken = queue.inTurn(async () => {
      log.push("answer");
      throw new Error("disk full");
    });
    const last = queue.inTurn(async () => (log.push("dismissal"), "done"));
    await slow;
    await expect(broken).rejects.toThrow("disk full");
    await expect(last).resolves.toBe("done");
    expect(log).toEqual(["draft", "answer", "dismissal"]);
  });

  it("says the first failed write once to the page, naming what could not be saved", () => {
    const reports: WidgetError[] = [];
    const queue = createWriteQueue((error) => reports.push(error));
    queue.failed("A draft")(new Error("QuotaExceededError"));
    queue.failed("A step")(new Error("QuotaExceededError"));
    expect(reports.map((r) => [r.code, r.message])).toEqual([["storage_write_failed", "A draft could not be saved: QuotaExceededError"]]);
  });
});
