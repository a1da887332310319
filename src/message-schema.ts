// The delivery message of SPEC §7 as a zod schema, shared by the server entry (what a backend
// accepts) and the outbox records (what the widget keeps until delivery). DOM-free: the
// server entry imports it in Node.
import { LIMITS } from "./config/constants";
import { buildJitless, integer, z } from "./config/zod";
import type { Assert, DeliveryMessage, PendingMessage, Same } from "./core/types";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function buildMessageSchemas() {
  // A custom check rather than z.iso.datetime(): its issue carries this message, which the
  // server's error text then shows instead of a bare "expected a string".
  const isoDateTime = z.string().check(
    z.refine((text) => ISO_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)), {
      error: "expected an ISO 8601 UTC date-time such as 2026-11-24T10:00:00.000Z",
    }),
  );
  const nonEmpty = z.string().check(z.minLength(1));
  const positiveInt = integer(z.gte(1));
  const answerValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
  const pendingShape = {
    messageId: nonEmpty,
    configId: z.string().check(z.regex(LIMITS.idPattern)),
    configVersion: positiveInt,
    userId: z.nullable(z.string()),
    anonymousId: nonEmpty,
    visit: positiveInt,
    answers: z.record(z.string(), answerValue),
    skipped: z.array(z.string()),
    answeredAt: isoDateTime,
    locale: z.string(),
    page: z.string(),
  };
  return {
    answerValue,
    /** A message as the outbox keeps it: everything but `sentAt`, which each attempt sets. */
    pending: z.strictObject(pendingShape),
    /** Strict: a key the message does not have is an error, so typos in a backend's test data show. */
    delivery: z.strictObject({ ...pendingShape, sentAt: isoDateTime }),
  };
}

type MessageSchemas = ReturnType<typeof buildMessageSchemas>;
let built: MessageSchemas | undefined;

/**
 * The message schemas, built on the first call and kept. Nothing zod is built while the script
 * tag is evaluated (see config/schema.ts): in a 4× throttled CPU, the first module that builds
 * a zod schema pays for compiling zod's constructors, tens of ms in one task.
 */
export const messageSchemas = (): MessageSchemas => (built ??= buildJitless(buildMessageSchemas));

// Both directions, so the schemas and core/types.ts cannot drift apart unnoticed (tsc fails).
// (Two checks: in one, `false & true` would be `never`, which passes any constraint.)
export type DeliverySchemaMatchesType = Assert<Same<z.output<MessageSchemas["delivery"]>, DeliveryMessage>>;
export type PendingSchemaMatchesType = Assert<Same<z.output<MessageSchemas["pending"]>, PendingMessage>>;
