import { describe, expect, test } from "vitest";
import { newPerson, recordAnswer } from "../core/profile";
import { parseAnonymousId, parseOutboxEntry, parsePerson, personRecord } from "./records";
import { makeEntry, recordingReport } from "./test-fixtures";

const person = recordAnswer(newPerson({ anonymousId: "anon-1", userId: null }), "email", "secret@example.com", 5);

describe("person records", () => {
  test("a record written by personRecord parses back to the same person, silently", () => {
    const report = recordingReport();
    expect(parsePerson(personRecord(person), report)).toEqual(person);
    expect(report.calls).toEqual([]);
  });

  test("a corrupt record is dropped and reported with the failing paths, not the values", () => {
    const report = recordingReport();
    const corrupt = { v: 1, person: { ...person, visit: "two", answers: { email: { value: "secret@example.com", visit: 1 } } } };
    expect(parsePerson(corrupt, report, "a:anon-1")).toBeNull();
    expect(report.calls).toHaveLength(1);
    const [code, detail] = report.calls[0] ?? [];
    expect(code).toBe("storage_corrupt");
    expect(detail).toMatchObject({ record: "person", key: "a:anon-1", version: 1 });
    expect(detail?.paths).toEqual(expect.arrayContaining(["person.visit", "person.answers.email.at", "person.answers.email.delivered"]));
    expect(JSON.stringify(detail)).not.toContain("secret");
  });

  test("a record of another version is dropped and reported as foreign", () => {
    const report = recordingReport();
    expect(parsePerson({ v: 2, person }, report)).toBeNull();
    // Foreign: its version is named, and no paths (its shape is not ours to explain).
    expect(report.calls).toEqual([["storage_corrupt", expect.objectContaining({ record: "person", version: 2, paths: [] })]]);
  });

  test("something that is not a record at all is dropped and reported", () => {
    for (const raw of ["garbage", null, 42, [person]]) {
      const report = recordingReport();
      expect(parsePerson(raw, report)).toBeNull();
      expect(report.calls.map(([code]) => code)).toEqual(["storage_corrupt"]);
    }
  });
});

describe("outbox entries", () => {
  test("a valid entry parses back unchanged", () => {
    const report = recordingReport();
    const entry = makeEntry({ status: "failed", failedAt: 9, lastError: "HTTP 400" });
    expect(parseOutboxEntry(structuredClone(entry), report)).toEqual(entry);
    expect(report.calls).toEqual([]);
  });

  test("an entry whose id is not its messageId is dropped", () => {
    const report = recordingReport();
    expect(parseOutboxEntry({ ...makeEntry(), id: "other" }, report)).toBeNull();
    expect(report.calls[0]?.[1].paths).toEqual(["id"]);
  });

  test("a message with a key the message does not have is dropped (messages are strict)", () => {
    const report = recordingReport();
    const entry = makeEntry();
    expect(parseOutboxEntry({ ...entry, message: { ...entry.message, sentAt: "2026-11-24T10:00:00.000Z" } }, report)).toBeNull();
    expect(report.calls).toHaveLength(1);
  });

  test("a foreign version is dropped and reported", () => {
    const report = recordingReport();
    expect(parseOutboxEntry({ ...makeEntry(), v: 2 }, report, "msg:m-1")).toBeNull();
    expect(report.calls[0]?.[1]).toMatchObject({ record: "outbox entry", key: "msg:m-1", version: 2 });
  });
});

test("anonymous id records: valid, corrupt", () => {
  const report = recordingReport();
  expect(parseAnonymousId({ v: 1, id: "anon-1" }, report)).toEqual({ v: 1, id: "anon-1" });
  expect(parseAnonymousId({ v: 1, id: "anon-1", user: "u_1" }, report)).toEqual({ v: 1, id: "anon-1", user: "u_1" });
  expect(parseAnonymousId({ v: 1, id: "" }, report)).toBeNull();
  expect(report.calls.map(([code]) => code)).toEqual(["storage_corrupt"]);
});
