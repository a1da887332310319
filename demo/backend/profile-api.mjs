// The endpoint the widget delivers to, and its profileUrl:
//   POST /api/profile     one message in any of the three formats (SPEC §7), parsed by the
//                         package's own parseDelivery; 201 stored, 200 a repeat of a stored
//                         message (same Idempotency-Key), 400 malformed, 422 key reused for a
//                         different message, 413 too large; fault switches (faults.mjs) first
//   GET  /api/profile/me  { traits }: what this person already told us (session cookie, or ?user=)
import { BodyTooLarge, readBody, sendJson } from "../lib/http.mjs";
import { queryFaults } from "./faults.mjs";

/** Far more than any real message (the widget's keepalive limit is 64 KiB). */
const MAX_BODY_BYTES = 64 * 1024;
const MAX_KEY_LENGTH = 200;

/** The last deliveries received, newest first, so the Backend page can show retries happen. */
export function createDeliveryLog(size = 100) {
  const entries = [];
  return {
    add(entry) {
      entries.unshift({ at: new Date().toISOString(), ...entry });
      entries.length = Math.min(entries.length, size);
    },
    list: () => entries.map((e) => ({ ...e })),
    clear: () => void (entries.length = 0),
  };
}

export function createProfileApi({ db, parseDelivery, faults, log }) {
  async function deliver(req, res, url) {
    const query = queryFaults(url.searchParams);
    if (!query.ok) return sendJson(res, 400, { error: query.error });
    let body;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(res, 413, { error: `The body is too large: ${error.message}.` }, { connection: "close" });
      throw error;
    }
    const contentType = req.headers["content-type"] ?? null;
    const headerKey = req.headers["idempotency-key"];
    const fault = faults.decide(query.faults, headerKey ?? body.toString("utf8"));
    if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    const entry = { idempotencyKey: headerKey ?? null, latencyMs: fault.latencyMs };

    if (fault.status !== null) {
      log.add({ ...entry, status: fault.status, outcome: "fault", detail: `demo fault (${fault.why})` });
      return sendJson(res, fault.status, { error: `Demo fault: answered ${fault.status} on purpose (${fault.why}).` });
    }
    const parsed = parseDelivery(new Uint8Array(body), contentType);
    if (!parsed.ok) {
      log.add({ ...entry, status: 400, outcome: "malformed", detail: parsed.error });
      return sendJson(res, 400, { error: parsed.error });
    }
    const { message } = parsed;
    // The key is the messageId (SPEC §7): a client that sends another would have one message
    // stored twice under two keys. An empty header counts as none.
    const key = headerKey || message.messageId;
    const refuse = (error) => {
      log.add({ ...entry, idempotencyKey: key, status: 400, outcome: "malformed", detail: error });
      return sendJson(res, 400, { error });
    };
    if (key.length > MAX_KEY_LENGTH) return refuse(`Idempotency-Key is longer than ${MAX_KEY_LENGTH} characters.`);
    if (key !== message.messageId) return refuse(`Idempotency-Key ${key} is not the message's messageId ${message.messageId}.`);

    const result = db.store(key, message, formatOf(body, contentType), new Date().toISOString());
    const who = { ...entry, idempotencyKey: key, messageId: message.messageId, person: message.userId ?? message.anonymousId };
    if (result === "conflict") {
      log.add({ ...who, status: 422, outcome: "conflict", detail: "Idempotency-Key already used by another message" });
      return sendJson(res, 422, { error: `Idempotency-Key ${key} was already used for a different message.` });
    }
    const stored = result === "stored";
    const answered = Object.keys(message.answers);
    log.add({
      ...who,
      status: stored ? 201 : 200,
      outcome: stored ? "stored" : "repeat",
      detail: stored ? `stored: ${answered.join(", ") || "no answers"}${skippedNote(message.skipped)}` : "already stored; answered 200, not stored again",
    });
    return sendJson(res, stored ? 201 : 200, { stored, messageId: message.messageId });
  }

  function me(res, person) {
    return sendJson(res, 200, { traits: person ? db.traits(person) : {} });
  }

  return { deliver, me };
}

const skippedNote = (skipped) => (skipped.length ? `; skipped: ${skipped.join(", ")}` : "");

/** Which of the three formats a body came in, for the Backend page. */
function formatOf(body, contentType) {
  if (/x-www-form-urlencoded/i.test(contentType ?? "")) return "form";
  try {
    return JSON.parse(body.toString("utf8"))?.type === "identify" ? "segment" : "json";
  } catch {
    return "json";
  }
}
