// `profileUrl`: what the backend already knows about this person, so it is not asked again.
// It is a nicety, never a dependency: any failure yields null (reported) and the widget carries on.
import { buildJitless, z } from "../config/zod";
import { DELIVERY_TIMEOUT_MS } from "../core/retry-policy";
import type { AnswerValue } from "../core/types";
import { messageSchemas } from "../message-schema";
import type { Report } from "../storage/records";
import { errorMessage } from "../errors";
import { withTimeout } from "./timeout";

export interface TraitsEnv {
  fetch: typeof fetch;
  headers: Record<string, string>;
  credentials: "omit" | "include";
  /** Told why the traits could not be used (`profile_unavailable`). */
  report?: Report;
  timeoutMs?: number;
}

/** The traits, or null when they could not be had (said to `report`). */
export async function fetchTraits(url: string, env: TraitsEnv): Promise<Record<string, AnswerValue> | null> {
  // The widget waits for this, and must not wait forever. Whichever ends first, the request
  // or the timeout, is the one outcome, so at most one problem is reported.
  const traits = await withTimeout(env.timeoutMs ?? DELIVERY_TIMEOUT_MS, (signal) => load(url, env, signal), () => `GET ${url} timed out.`);
  if (typeof traits !== "string") return traits;
  env.report?.("profile_unavailable", { message: traits, url });
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
    if (!response.ok) return `GET ${url} answered HTTP ${response.status}.`;
    // Built here, once per page at most, rather than while the script tag is evaluated.
    const parsed = buildJitless(() => z.object({ traits: z.record(z.string(), z.unknown()) })).safeParse(await response.json());
    if (!parsed.success) return `GET ${url} did not return { "traits": { … } }.`;
    return usableTraits(parsed.data.traits);
  } catch (error) {
    return `GET ${url} failed: ${errorMessage(error)}.`;
  }
}

/** Traits that are answer values; anything else (objects, null, nested lists) is ignored. */
function usableTraits(traits: Record<string, unknown>): Record<string, AnswerValue> {
  const usable: [string, AnswerValue][] = [];
  const answerValueSchema = messageSchemas().answerValue;
  for (const [id, value] of Object.entries(traits)) {
    const parsed = answerValueSchema.safeParse(value);
    if (parsed.success) usable.push([id, parsed.data]);
  }
  // fromEntries defines own properties: no trait name can reach a prototype.
  return Object.fromEntries(usable);
}
