// The delivery message of SPEC §7 as a zod schema, shared by the server entry (what a backend
// accepts) and the outbox records (what the widget keeps until delivery). DOM-free: the
// server entry imports it in Node.
import { LIMITS } from "./config/constants";
import { z } from "./config/zod";
import type { DeliveryMessage, PendingMessage } from "./core/types";

const isoDateTime = z.iso.datetime({ error: "expected an ISO 8601 date-time such as 2026-11-24T10:00:00.000Z" });
const nonEmpty = z.string().check(z.minLength(1, { error: "expected a non-empty string" }));
const positiveInt = z.int({ error: "expected an integer" }).check(z.gte(1, { error: "expected an integer ≥ 1" }));

export const answerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())], {
  error: "expected a string, number, boolean or list of strings",
});

const pendingShape = {
  messageId: nonEmpty,
  configId: z.string().check(z.regex(LIMITS.idPattern, { error: "expected 1–64 of a-z, 0-9, _ and -" })),
  configVersion: positiveInt,
  userId: z.nullable(z.string({ error: "expected a string or null" })),
  anonymousId: nonEmpty,
  visit: positiveInt,
  answers: z.record(z.string(), answerValueSchema),
  skipped: z.array(z.string()),
  answeredAt: isoDateTime,
  locale: z.string(),
  page: z.string(),
};

/** Strict: a key the message does not have is an error, so typos in a backend's test data show. */
export const deliveryMessageSchema = z.strictObject({ ...pendingShape, sentAt: isoDateTime });

/** A message as the outbox keeps it: everything but `sentAt`, which each attempt sets. */
export const pendingMessageSchema = z.strictObject(pendingShape);

// Both directions, so the schemas and core/types.ts cannot drift apart unnoticed.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [
  Same<z.output<typeof deliveryMessageSchema>, DeliveryMessage>,
  Same<z.output<typeof pendingMessageSchema>, PendingMessage>,
] = [true, true];
void schemasMatchTypes;

/**
 * One plain-language line per problem, each starting with the path of the field it is about
 * (`answers.phone: expected …`). zod/mini carries no English messages, so the generic ones
 * are written here from the issue codes.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue, valueAt(input, issue.path))}`);
}

function describeIssue(issue: z.core.$ZodIssue, found: unknown): string {
  // A message set on the schema (`{ error: … }`) is better than anything generic.
  if (issue.message && issue.message !== "Invalid input") return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return found === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${kindOf(found)}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_format":
      return `expected the ${issue.format} format`;
    case "too_small":
      return `expected at least ${String(issue.minimum)}`;
    case "too_big":
      return `expected at most ${String(issue.maximum)}`;
    default:
      return "invalid value";
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(message)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** The value a path points at; zod leaves the input out of its issues unless asked. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = Reflect.get(value, part);
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}
