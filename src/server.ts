// `progressive-profile/server`: what a Node backend needs to accept deliveries — the message
// schema and `parseDelivery`, which takes a body in any of the three formats (SPEC §7).
// No DOM, no Preact, nothing from ui/storage/transport: this entry runs in Node.
import { explainIssues } from "./config/messages";
import { decodeMessage, FORM_TYPE, isObject, JSON_TYPE, toFormBody } from "./core/encode";
import type { DeliveryMessage } from "./core/types";
import { messageSchemas } from "./message-schema";
import { errorMessage } from "./errors";

/** The delivery message of SPEC §7 as a zod schema (strict: unknown keys are errors). */
export const deliveryMessageSchema = messageSchemas().delivery;
/** The same schema under the shorter name a backend may reach for first. */
export const messageSchema = deliveryMessageSchema;
export type { DeliveryMessage };
// Backends that serve the config can check it with the same rules as the widget.
export { validate } from "./config/validate";
export type { ConfigError, ValidationResult } from "./config/validate";
export type { Config, ConfigInput } from "./config/schema";

export type ParsedDelivery = { ok: true; message: DeliveryMessage } | { ok: false; error: string };

/**
 * A delivered message, checked. `body` is the raw body (string or bytes, decoded per
 * `contentType`: JSON, form-urlencoded, or a Segment `identify` call in JSON; without a
 * content type the body's first character decides), a form as `URLSearchParams` or `FormData`
 * (`await request.formData()` in a Fetch-style handler), or an object a framework already parsed
 * from JSON or a form. The error names the fields that are wrong (the first ten, and how many more).
 */
export function parseDelivery(
  body: string | Uint8Array | ArrayBuffer | URLSearchParams | FormData | Record<string, unknown>,
  contentType?: string | null,
): ParsedDelivery {
  let decoded: unknown;
  try {
    // Plain JavaScript callers can pass anything: a header array, bytes as an ArrayBuffer.
    const type = Array.isArray(contentType) ? String(contentType[0] ?? "") : typeof contentType === "string" ? contentType : null;
    // A URLSearchParams (what `new URLSearchParams(await request.text())` gives) is a form, and so
    // is a FormData (`await request.formData()`): its text fields are the form's fields.
    if (body instanceof URLSearchParams || isFormData(body)) return parseDelivery(formText(body), FORM_TYPE);
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : ArrayBuffer.isView(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : body;
    decoded = decodeBody(bytes, type);
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
  try {
    const result = deliveryMessageSchema.safeParse(decoded);
    if (result.success) return { ok: true, message: result.data };
    const problems = explainIssues(result.error.issues, deliveryMessageSchema, decoded);
    // A hostile body can hold a problem per item of a huge list: the error (which a backend may
    // log or send back) names the first few and counts the rest, so it stays about a line long.
    const named = problems.slice(0, MAX_PROBLEMS_NAMED).map((p) => `${p.path || "(body)"}: ${p.path === "userId" ? orNull(p.message) : p.message}`);
    const more = problems.length - named.length;
    return { ok: false, error: `Invalid delivery message: ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}` };
  } catch (error) {
    // Nested or long enough to exhaust the stack while it is checked: no message the widget sends.
    return { ok: false, error: `Invalid delivery message: the body could not be checked (${errorMessage(error)})` };
  }
}

const MAX_PROBLEMS_NAMED = 10;

/**
 * A FormData by its shape, not `instanceof`: one made by another copy of the class (undici's
 * own Request, a test environment's) is one too.
 */
const isFormData = (body: unknown): body is FormData =>
  typeof body === "object" && body !== null && typeof (body as FormData).getAll === "function" && Symbol.iterator in body;

/** A form's text fields as a form body (a file field is no part of a delivery message). */
function formText(form: URLSearchParams | FormData): string {
  const fields = new URLSearchParams();
  for (const [key, value] of form) if (typeof value === "string") fields.append(key, value);
  return fields.toString();
}

/**
 * `userId` is the message's one nullable field (null until the host gives one). The shared
 * explainer describes what a nullable schema wraps, which suits the config (it has none) and
 * the page (it never shows these): a backend is told that null is allowed too.
 */
const orNull = (message: string) => message.replace("expected a string", "expected a string or null");

function decodeBody(body: string | Uint8Array | Record<string, unknown>, contentType: string | null): unknown {
  if (typeof body === "string") return decodeText(body, contentType);
  if (body instanceof Uint8Array) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      throw new Error("The body is not valid UTF-8.");
    }
    return decodeText(text, contentType);
  }
  // A framework with no body parser for this content type leaves undefined (or null).
  if (typeof body !== "object" || body === null) {
    throw new Error(`Expected the request body as a string, bytes or a parsed object; found ${body === null ? "null" : typeof body}.`);
  }
  // Already parsed by a framework. A form parser leaves every value a string or a list of
  // strings (configVersion among them; `answers` an object of those, for a nested parser): turn
  // that back into a form body so the form decoder types it as the widget sent it. Anything
  // else was JSON (a number typed as text there is an error, not a form): re-encoding it lets
  // one decoder also undo a Segment call.
  const formLike = (value: unknown) => typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
  const parsedForm =
    !contentType?.toLowerCase().includes("json") &&
    typeof body.configVersion === "string" &&
    Object.entries(body).every(([key, value]) => formLike(value) || (key === "answers" && isObject(value) && Object.values(value).every(formLike)));
  return parsedForm ? decodeMessage(toFormBody(body), FORM_TYPE) : decodeMessage(JSON.stringify(body), JSON_TYPE);
}

function decodeText(text: string, contentType: string | null): unknown {
  // A byte-order mark some clients put before JSON is no part of it.
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") throw new Error("The body is empty: expected a delivery message.");
  return decodeMessage(body, contentType);
}
