import "fake-indexeddb/auto";
import { describe, expect, test } from "vitest";
import { FAILED_RETENTION_MS } from "../core/retry-policy";
import {
  allMessages,
  deleteForPerson,
  markFailed,
  markRetry,
  outboxKey,
  pendingMessages,
  purgeExpiredFailures,
  putMessage,
  removeAndReread,
} from "./outbox";
import { createIdbStore, createMemoryStore, type Store } from "./store";
import { makeEntry, recordingReport } from "./test-fixtures";

let dbCounter = 0;
const idbStore = () => createIdbStore(`outbox-test-${++dbCounter}`);
const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

describe("putMessage", () => {
  test("resolves once the entry is stored under msg:<messageId>, readable by another connection", async () => {
    const name = `outbox-test-${++dbCounter}`;
    const entry = makeEntry();
    await putMessage(createIdbStore(name), entry);
    expect(await createIdbStore(name).get("msg:m-1")).toEqual(entry);
    expect(outboxKey("m-1")).toBe("msg:m-1");
  });

  test("rejects, writing nothing, when the entry would not parse back", async () => {
    const store = createMemoryStore();
    await expect(putMessage(store, { ...makeEntry(), id: "not-the-message-id" })).rejects.toThrow(/invalid outbox entry \(id\)/);
    expect(await store.entries()).toEqual([]);
  });

  test("rejects when the write fails, so the form cannot advance", async () => {
    const broken: Store = { ...createMemoryStore(), set: () => Promise.reject(new DOMException("full", "QuotaExceededError")) };
    await expect(putMessage(broken, makeEntry())).rejects.toThrow("full");
  });
});

describe("reading the outbox", () => {
  async function seeded(): Promise<Store> {
    const store = idbStore();
    await putMessage(store, makeEntry({ createdAt: 300, nextAttemptAt: 300 }, { messageId: "c" }));
    await putMessage(store, makeEntry({ createdAt: 100, nextAttemptAt: 5000 }, { messageId: "a-later" }));
    await putMessage(store, makeEntry({ createdAt: 100, nextAttemptAt: 100 }, { messageId: "a" }));
    await putMessage(store, makeEntry({ createdAt: 50, status: "failed", failedAt: 60 }, { messageId: "failed" }));
    await store.set("msg:corrupt", { v: 1, id: "corrupt" });
    await store.set("other-key", { not: "a message" });
    return store;
  }

  test("pending: oldest first (created, then id), whatever their backoff; failed and corrupt left out, corrupt reported; all includes failed", async () => {
    const store = await seeded();
    const report = recordingReport();
    expect(ids(await pendingMessages(store, report))).toEqual(["a", "a-later", "c"]);
    expect(ids(await allMessages(store, report))).toEqual(["failed", "a", "a-later", "c"]);
    expect(report.calls.map(([code, detail]) => [code, detail.key])).toEqual([
      ["storage_corrupt", "msg:corrupt"],
      ["storage_corrupt", "msg:corrupt"],
    ]);
  });
});

describe("changing entries", () => {
  test("markRetry persists attempts, next try and the error", async () => {
    const store = idbStore();
    await putMessage(store, makeEntry());
    const updated = await markRetry(store, "m-1", 1, 2100, "HTTP 503");
    expect(updated).toMatchObject({ attempts: 1, nextAttemptAt: 2100, lastError: "HTTP 503", status: "pending" });
    const [stored] = await allMessages(store, recordingReport());
    expect(stored).toEqual(updated);
  });

  test("marking a removed entry returns null and does not bring it back", async () => {
    const store = idbStore();
    await putMessage(store, makeEntry());
    await store.del(outboxKey("m-1"));
    expect(await markRetry(store, "m-1", 1, 2100, "HTTP 503")).toBeNull();
    expect(await markFailed(store, "m-1", 2000, "HTTP 400")).toBeNull();
    expect(await store.entries()).toEqual([]);
  });

  test("markFailed keeps the entry, out of the due list", async () => {
    const store = idbStore();
    await putMessage(store, makeEntry());
    expect(await markFailed(store, "m-1", 2000, "HTTP 400")).toMatchObject({ status: "failed", failedAt: 2000, lastError: "HTTP 400" });
    expect(await pendingMessages(store, recordingReport())).toEqual([]);
    expect(ids(await allMessages(store, recordingReport()))).toEqual(["m-1"]);
  });

  test("purgeExpiredFailures deletes failures older than 7 days only", async () => {
    const store = idbStore();
    const now = 10 * FAILED_RETENTION_MS;
    await putMessage(store, makeEntry({ status: "failed", failedAt: now - FAILED_RETENTION_MS - 1 }, { messageId: "expired" }));
    await putMessage(store, makeEntry({ status: "failed", failedAt: now - FAILED_RETENTION_MS }, { messageId: "seven-days" }));
    await putMessage(store, makeEntry({ createdAt: 0, nextAttemptAt: 0 }, { messageId: "old-pending" }));
    await purgeExpiredFailures(store, now, await allMessages(store, recordingReport()));
    expect(ids(await allMessages(store, recordingReport())).sort()).toEqual(["old-pending", "seven-days"]);
  });

  test("purgeExpiredFailures can work from a listing just read, still checking each entry as it is now", async () => {
    const store = idbStore();
    const now = 10 * FAILED_RETENTION_MS;
    const expired = makeEntry({ status: "failed", failedAt: now - FAILED_RETENTION_MS - 1 }, { messageId: "expired" });
    await putMessage(store, expired);
    const listed = await allMessages(store, recordingReport());
    // Another tab retried it meanwhile: no longer an expired failure, so it stays.
    await putMessage(store, { ...expired, status: "pending" });
    await purgeExpiredFailures(store, now, listed);
    expect(ids(await allMessages(store, recordingReport()))).toEqual(["expired"]);
  });

  test("removeAndReread: removes some entries, and reads others as they are now (null when gone or unreadable)", async () => {
    const store = idbStore();
    for (const id of ["a", "b", "c"]) await putMessage(store, makeEntry({}, { messageId: id }));
    await store.set("msg:broken", { v: 1, id: "broken" });
    const report = recordingReport();
    const read = await removeAndReread(store, ["a", "c"], ["b", "gone", "broken"], report);
    expect(read.map((entry) => entry?.id ?? null)).toEqual(["b", null, null]);
    // Only the unreadable one is reported; a deleted entry is simply gone.
    expect(report.calls.map(([code, detail]) => [code, detail.key])).toEqual([["storage_corrupt", "msg:broken"]]);
    expect((await store.entries()).map(([key]) => key).sort()).toEqual(["msg:b", "msg:broken"]);
  });

  test("deleteForPerson removes that person's entries, readable or not, and nothing else", async () => {
    const store = idbStore();
    await putMessage(store, makeEntry({}, { messageId: "mine-1", anonymousId: "me" }));
    await putMessage(store, makeEntry({ status: "failed", failedAt: 1 }, { messageId: "mine-2", anonymousId: "me" }));
    await putMessage(store, makeEntry({}, { messageId: "theirs", anonymousId: "them" }));
    await store.set("msg:mine-future", { v: 2, personKey: "a:me", whatever: true });
    await deleteForPerson(store, "a:me");
    expect((await store.entries()).map(([key]) => key)).toEqual(["msg:theirs"]);
  });
});
