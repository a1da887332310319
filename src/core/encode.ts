// The three delivery bodies of SPEC §7 (json, form, segment) and their inverse, used by the
// server entry before the message schema validates the result.
import type { AnswerValue, DeliveryFormat, DeliveryMessage } from "./types";

/** Who sent a Segment call (`context.library`). Kept equal to package.json by a test. */
export const LIBRARY = { name: "progressive-profile", version: "0.1.0" } as const;

export const JSON_TYPE = "application/json";
export const FORM_TYPE = "application/x-www-form-urlencoded";
const ANSWER_KEY = /^answers\[(.+)\]$/;

export function encodeMessage(message: DeliveryMessage, format: DeliveryFormat): { body: string; contentType: string } {
  switch (format) {
    case "json":
      return { body: toJson(message), contentType: JSON_TYPE };
    case "form":
      return { body: toFormBody(message), contentType: FORM_TYPE };
    case "segment":
      return { body: toJson(toSegment(message)), contentType: JSON_TYPE };
  }
}

/**
 * JSON text of plain data, whatever `toJSON` the page gave Array or Object (Prototype.js 1.6
 * made every list a string): each value is written as it is, not as its toJSON returned it.
 */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, function (this: Record<string, unknown>, key) {
    return this[key];
  });

/**
 * A message (or a form a server framework already parsed, flat or nested) as a form body, in
 * its own key order (a DeliveryMessage's is SPEC §7's): answers as `answers[ID]`, lists as
 * repeated keys, and null as "" (a form has no null: no user id yet).
 */
export function toFormBody(fields: object): string {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item ?? ""));
  };
  for (const [key, value] of Object.entries(fields)) {
    if (key === "answers" && isObject(value)) for (const [id, answer] of Object.entries(value)) add(`answers[${id}]`, answer);
    else add(key, value);
  }
  return form.toString();
}

function toSegment(m: DeliveryMessage) {
  return {
    type: "identify",
    messageId: m.messageId,
    userId: m.userId,
    anonymousId: m.anonymousId,
    traits: m.answers,
    timestamp: m.answeredAt,
    sentAt: m.sentAt,
    context: {
      library: LIBRARY,
      locale: m.locale,
      page: { url: m.page },
      // What Segment has no field for, kept together so the message can be rebuilt.
      progressiveProfile: { configId: m.configId, configVersion: m.configVersion, visit: m.visit, skipped: m.skipped },
    },
  };
}

/**
 * The inverse of `encodeMessage`: a plain object in the JSON shape of DeliveryMessage, not
 * yet validated (the message schema does that). Throws on a body that is not one of the
 * three formats. A form body carries no types, so its answers come back as strings (a list
 * when the key repeats); a one-item multiselect is indistinguishable from a single value.
 */
export function decodeMessage(body: string, contentType: string | null): unknown {
  const mediaType = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (mediaType === FORM_TYPE) return decodeForm(body);
  if (mediaType === JSON_TYPE || mediaType.endsWith("+json")) return decodeJson(body);
  if (mediaType === "") return body.trimStart().startsWith("{") || isJsonText(body) ? decodeJson(body) : decodeForm(body);
  throw new Error(`Unsupported content type "${mediaType}": expected ${JSON_TYPE} or ${FORM_TYPE}.`);
}

/** Whether the text is JSON (a form body never is: its first key has no quotes, its "=" no meaning in JSON). */
function isJsonText(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function decodeJson(body: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error("The body is not valid JSON.");
  }
  if (!isObject(parsed)) throw new Error("The body is not a JSON object.");
  // A Segment call has a `type` and none of a delivery message's own keys; a message with a
  // stray `type` is checked as a message, which names that key.
  if (typeof parsed.type !== "string" || "configId" in parsed || "answers" in parsed) return parsed;
  if (parsed.type === "identify") return fromSegment(parsed);
  // Another Segment call (a `track`, a `page`): the widget sends only `identify` calls.
  throw new Error(`The body is a Segment "${parsed.type}" call: expected a delivery message, or a Segment "identify" call.`);
}

function fromSegment(call: Record<string, unknown>): Record<string, unknown> {
  const context = isObject(call.context) ? call.context : {};
  const pp = isObject(context.progressiveProfile) ? context.progressiveProfile : {};
  const page = isObject(context.page) ? context.page : {};
  return {
    messageId: call.messageId,
    configId: pp.configId,
    configVersion: pp.configVersion,
    userId: call.userId,
    anonymousId: call.anonymousId,
    visit: pp.visit,
    answers: call.traits,
    skipped: pp.skipped,
    answeredAt: call.timestamp,
    sentAt: call.sentAt,
    locale: context.locale,
    page: page.url,
  };
}

function decodeForm(body: string): Record<string, unknown> {
  // No form body starts with "{" (its first key would have to): JSON under a form's content type.
  if (body.trimStart().startsWith("{")) throw new Error(`The body is JSON, but its content type says a form (${FORM_TYPE}): expected ${JSON_TYPE}.`);
  const form = new URLSearchParams(body);
  // A Map, not an object: a question id may be any name, "toString" or "__proto__" too.
  const byId = new Map<string, AnswerValue>();
  for (const [key, value] of form) {
    const id = ANSWER_KEY.exec(key)?.[1];
    if (id === undefined) continue;
    // Appended in place: a body repeating one key 70,000 times (1.2 MB) took 37 s copied each time.
    const previous = byId.get(id);
    if (Array.isArray(previous)) previous.push(value);
    else byId.set(id, previous === undefined ? value : [String(previous), value]);
  }
  const answers = Object.fromEntries(byId);
  const userId = form.get("userId");
  const result: Record<string, unknown> = {
    messageId: form.get("messageId") ?? undefined,
    configId: form.get("configId") ?? undefined,
    configVersion: toNumber(form.get("configVersion")),
    userId: userId === null || userId === "" ? null : userId,
    anonymousId: form.get("anonymousId") ?? undefined,
    visit: toNumber(form.get("visit")),
    answers,
    skipped: form.getAll("skipped"),
    answeredAt: form.get("answeredAt") ?? undefined,
    sentAt: form.get("sentAt") ?? undefined,
    locale: form.get("locale") ?? undefined,
    page: form.get("page") ?? undefined,
  };
  return result;
}

/**
 * A number when the text is one written as JSON writes it, in decimals (as the widget does);
 * otherwise the text itself, so the schema reports what it found. Not `Number()` alone: it
 * reads "0x10", "1e3", "+2" and "02" too, which a JSON body would be refused for.
 */
function toNumber(text: string | null): number | string | undefined {
  if (text === null) return undefined;
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) ? Number(text) : text;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
