// `profileUrl`: what the backend already knows about this person, so it is not asked again.
// It is a nicety, never a dependency: any failure yields null (reported) and the widget carries on.
import { isRecord } from "../config/config-error";
import { isAnswerValue } from "../core/answers";
import type { AnswerValue } from "../core/types";
import type { Report } from "../storage/records";
import { errorMessage } from "../errors";
import { withTimeout } from "./timeout";

export interface TraitsEnv {
  fetch: typeof fetch;
  headers: Record<string, string>;
  credentials: "omit" | "include";
  /** Told why the traits could not be used (`profile_unavailable`). */
  report: Report;
  /** How long the widget waits for the traits. */
  timeoutMs: number;
}

/** The traits, or null when they could not be had (said to `report`). */
export async function fetchTraits(url: string, env: TraitsEnv): Promise<Record<string, AnswerValue> | null> {
  // The widget waits for this, and must not wait forever. Whichever ends first, the request
  // or the timeout, is the one outcome, so at most one problem is reported.
  const traits = await withTimeout(env.timeoutMs, (signal) => load(url, env, signal), () => `GET ${url} timed out.`);
  if (typeof traits !== "string") return traits;
  env.report("profile_unavailable", { message: traits, url });
  return null;
}

/** The usable traits, or what went wrong. */
async function load(url: string, env: TraitsEnv, signal: AbortSignal): Promise<Record<string, AnswerValue> | string> {
  // Called unbound: `window.fetch` called as a method of another object throws "Illegal invocation".
  const get = env.fetch;
  try {
    const headers = new Headers(env.headers);
    headers.set("Accept", "application/json");
    const response = await get(url, { method: "GET", headers, credentials: env.credentials, signal });
    // Nothing known of this person (204), or nobody logged in for a `/me` endpoint that reads the
    // session's cookie (401 with credentials "include": an anonymous visitor): no traits, and
    // nothing wrong to report on every page. Without cookies a 401 is a wrong key in `headers`.
    if (response.status == 204 || (response.status == 401 && env.credentials == "include")) return {};
    if (!response.ok) return `GET ${url} answered HTTP ${response.status}.`;
    const body: unknown = await response.json();
    if (!isRecord(body) || !isRecord(body.traits)) return `GET ${url} did not return { "traits": { … } }.`;
    // Traits that are answer values; anything else (objects, null, nested lists) is ignored.
    // "__proto__" is no question id (and a JSON body may hold it as a key of its own).
    // fromEntries defines own properties: no trait name can reach a prototype.
    return Object.fromEntries(Object.entries(body.traits).filter((e): e is [string, AnswerValue] => e[0] !== "__proto__" && isAnswerValue(e[1])));
  } catch (error) {
    return `GET ${url} failed: ${errorMessage(error)}.`;
  }
}
