// The demo backend's JSON API (everything under /api/):
//   POST /api/profile            deliveries (profile-api.mjs)
//   GET  /api/profile/me         { traits } of the signed-in demo user, or of ?user=
//   GET  /api/people             people and their answers per visit, with message ids (people.mjs)
//   GET  /api/log                the last deliveries received, faults and repeats included
//   GET  /api/faults             the server-side fault mode
//   POST /api/faults             set it: JSON { failNext, status, latencyMs } or the Backend
//                                page's form (which is sent back to /backend); { clear: 1 } clears
import { parseForm, readBody, redirect, sendJson } from "../lib/http.mjs";
import { sessionOf } from "../shop/routes.mjs";
import { listPeople } from "./people.mjs";

const NO_FAULTS = { failNext: 0, status: 503, latencyMs: 0 };
const FAULT_FIELDS = [...Object.keys(NO_FAULTS), "clear"];

export function createApi({ db, faults, log, profileApi }) {
  const routes = {
    "POST /api/profile": (req, res, url) => profileApi.deliver(req, res, url),
    "GET /api/profile/me": (req, res, url) => profileApi.me(res, sessionOf(req, url, db).user ?? url.searchParams.get("user")),
    "GET /api/people": (req, res) => sendJson(res, 200, { people: listPeople(db) }),
    "GET /api/log": (req, res) => sendJson(res, 200, { deliveries: log.list() }),
    "GET /api/faults": (req, res) => sendJson(res, 200, { mode: faults.get() }),
    "POST /api/faults": setFaults,
  };

  async function setFaults(req, res) {
    const body = await readBody(req, 16 * 1024);
    const isForm = /x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "");
    let input;
    try {
      input = isForm ? parseForm(body) : JSON.parse(body.toString("utf8") || "{}");
    } catch {
      return sendJson(res, 400, { error: "The body is not valid JSON; expected { failNext, status, latencyMs }." });
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      return sendJson(res, 400, { error: "Expected an object { failNext, status, latencyMs }, or { clear: 1 }." });
    }
    // A misspelt key ("failnext") would otherwise set the defaults and answer 200.
    const unknown = Object.keys(input).filter((key) => !FAULT_FIELDS.includes(key));
    if (unknown.length) return sendJson(res, 400, { error: `Unknown field ${unknown.map((k) => JSON.stringify(k)).join(", ")}: expected failNext, status, latencyMs or clear.` });
    // { clear: 1 } from code, clear=1 from the Backend page's button.
    const result = faults.set([1, "1", true].includes(input.clear) ? NO_FAULTS : input);
    if (!result.ok) return sendJson(res, 400, { error: result.error });
    return isForm ? redirect(res, "/backend") : sendJson(res, 200, { mode: result.mode });
  }

  /** Answers any /api/ request: a route, 405 for a known path with another method, else 404. */
  return async function handle(req, res, url) {
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) return route(req, res, url);
    const allowed = Object.keys(routes)
      .filter((key) => key.endsWith(` ${url.pathname}`))
      .map((key) => key.split(" ")[0]);
    if (allowed.length) return sendJson(res, 405, { error: `Use ${allowed.join(" or ")} here.` }, { allow: allowed.join(", ") });
    return sendJson(res, 404, { error: `No API route ${url.pathname}.` });
  };
}
