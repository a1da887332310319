// What the widget persists, as versioned zod schemas. Every record read back from a store is
// parsed here: a record that does not parse — corrupt, hand-edited, or written by another
// version of the widget — is dropped and reported, never cast (STYLE "What we take" 5).
// Records are written as `{ v: 1, … }`; a future shape bumps `v` rather than reinterpreting.
import { ownKeysOnly } from "../core/own-keys";
import { buildJitless, integer, z } from "../config/zod";
import type { ErrorCode } from "../errors";
import type { Assert, PersonState, Same } from "../core/types";
import { messageSchemas } from "../message-schema";
import { CREDENTIALS, FORMATS } from "../config/constants";
import type { OutboxEntry } from "./outbox";

/** How storage tells the widget about a dropped record (or any other failure it survives). */
export type Report = (code: ErrorCode, detail: Record<string, unknown>) => void;

export const RECORD_VERSION = 1;

function buildRecordSchemas() {
  const { answerValue, pending } = messageSchemas();
  const count = integer().check(z.gte(0));
  const epochMs = z.number().check(z.gte(0));
  const ids = z.array(z.string());

  const answerRecordSchema = z.object({
    value: z.optional(answerValue),
    visit: count,
    at: epochMs,
    delivered: z.boolean(),
  });

  const sessionSchema = z.object({
    visit: count,
    current: z.nullable(z.string()),
    // Any value: z.custom() (its class is in the script tag for the refines anyway), not
    // z.unknown(), whose class would be there for this one key.
    drafts: z.record(z.string(), z.custom<unknown>()),
    asked: ids,
    pendingSkipped: ids,
    dismissed: z.boolean(),
  });

  const personSchema = z.object({
    anonymousId: z.string(),
    userId: z.nullable(z.string()),
    visit: count,
    lastActivityAt: epochMs,
    answers: z.record(z.string(), answerRecordSchema),
    snoozes: z.record(z.string(), count),
    events: z.record(z.string(), epochMs),
    session: z.nullable(sessionSchema),
  });

  const personRecord = z.object({ v: z.literal(RECORD_VERSION), person: personSchema });

  const outboxEntry = z
    .object({
      v: z.literal(RECORD_VERSION),
      id: z.string().check(z.minLength(1)),
      personKey: z.string().check(z.minLength(1)),
      message: pending,
      target: z.object({
        endpoint: z.string().check(z.minLength(1)),
        format: z.literal(FORMATS),
        headers: z.record(z.string(), z.string()),
        credentials: z.literal(CREDENTIALS),
      }),
      questionIds: ids,
      keep: z.optional(ids),
      createdAt: epochMs,
      attempts: count,
      nextAttemptAt: epochMs,
      status: z.literal(["pending", "failed"]),
      failedAt: z.optional(epochMs),
      leaseUntil: z.optional(epochMs),
      lastError: z.optional(z.string()),
    })
    // The id is the messageId (it is the key too); two ids for one message would let a retry
    // carry an Idempotency-Key that differs from the body's messageId.
    .check(z.refine((entry) => entry.id === entry.message.messageId, { error: "id differs from message.messageId", path: ["id"] }));

  // `user`: the user this device's anonymous person went to at a login (absent in older records);
  // its answers are never taken in by another user.
  const anonymousId = z.object({ v: z.literal(RECORD_VERSION), id: z.string().check(z.minLength(1)), user: z.optional(z.string()) });
  return { personRecord, outboxEntry, anonymousId };
}

type RecordSchemas = ReturnType<typeof buildRecordSchemas>;
let built: RecordSchemas | undefined;

/** Built on first use, not while the script tag is evaluated (see message-schema.ts). */
export const recordSchemas = (): RecordSchemas => (built ??= buildJitless(buildRecordSchemas));

export type PersonRecord = z.output<RecordSchemas["personRecord"]>;

// Both directions: a field added to PersonState or OutboxEntry but not to its schema (which
// would drop it on every write) fails tsc.
export type PersonSchemaMatchesType = Assert<Same<PersonRecord["person"], PersonState>>;
export type OutboxSchemaMatchesType = Assert<Same<z.output<RecordSchemas["outboxEntry"]>, OutboxEntry>>;

export function personRecord(person: PersonState): PersonRecord {
  return { v: RECORD_VERSION, person };
}

export function parsePerson(raw: unknown, report: Report, key?: string): PersonState | null {
  return parseRecord(recordSchemas().personRecord, raw, "person", report, key)?.person ?? null;
}

export function parseOutboxEntry(raw: unknown, report: Report, key?: string): OutboxEntry | null {
  return parseRecord(recordSchemas().outboxEntry, raw, "outbox entry", report, key);
}

export function parseAnonymousId(raw: unknown, report: Report, key?: string): { id: string; user?: string | undefined } | null {
  return parseRecord(recordSchemas().anonymousId, raw, "anonymous id", report, key);
}

/**
 * A record checked by its own keys only (core `ownKeysOnly`): on a page that polluted
 * Object.prototype, zod would otherwise see the prototype's keys as unknown ones and refuse
 * every record read back, and every record about to be written.
 */
export function parseOwnKeys<T>(schema: z.ZodMiniType<T>, value: unknown) {
  return schema.safeParse(ownKeysOnly(value));
}

/**
 * The parsed record, or null after one `storage_corrupt` report. The report names the record,
 * its key, its version and the paths that failed — never the values, which may be answers.
 */
function parseRecord<T>(
  schema: z.ZodMiniType<T>,
  raw: unknown,
  record: string,
  report: Report,
  key: string | undefined,
): T | null {
  const result = parseOwnKeys(schema, raw);
  if (result.success) return result.data;
  const version = typeof raw === "object" && raw !== null && "v" in raw ? raw.v : undefined;
  const foreign = version !== undefined && version !== RECORD_VERSION;
  // No message: the widget words every storage_corrupt report itself, naming the key (start.ts).
  report("storage_corrupt", {
    record,
    key,
    version: typeof version === "number" || typeof version === "string" ? version : null,
    paths: foreign ? [] : result.error.issues.map((issue) => issue.path.map(String).join(".")),
  });
  return null;
}
