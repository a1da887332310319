// A config from where the site owner keeps it: an object, a URL, or `#id` of a
// `<script type="application/json" id="id">` on the page. Never throws: every way of not
// getting a config (404, offline, an HTML page, bad JSON, no such element) becomes one
// `{ ok: false, errors: [{ path: "", message }] }` naming the URL or id, like a bad config does.
import { validate } from "./validate";
import { ownKeysOnly } from "../core/own-keys";
import { parseUrl } from "../core/answer-shapes";
import type { ValidationResult } from "./config-error";
import { errorMessage as reason } from "../errors";
import { withTimeout } from "../transport/timeout";

/** A config that does not arrive in this time is reported (a server that never answers). */
export const CONFIG_TIMEOUT_MS = 10_000;

export interface LoadEnv {
  fetch: typeof fetch;
  /** The page: `#id` configs are read from it, and relative URLs made absolute against it. */
  document: Document;
  /** The page's origin, for the endpoint policy. */
  pageOrigin?: string;
  /** Replaces the config's endpoint once the config has passed (validate.ts `endpoint`). */
  endpoint?: string | null;
}

const failure = (message: string): ValidationResult => ({ ok: false, errors: [{ path: "", message }] });

export async function loadConfig(source: string | object, env: LoadEnv): Promise<ValidationResult> {
  try {
    // A date range with "today" in it that has passed since the config was written takes that
    // question away (the plan sees it), not the whole form.
    const options = { pageOrigin: env.pageOrigin, endpoint: env.endpoint, today: null };
    const notAConfig = (found: string) => failure(`expected the config: a URL, #id of a <script type="application/json">, or an object; found ${found}`);
    // mount() without options, or without `config`, from a page not checked by TypeScript.
    if (source == null) return notAConfig("none");
    if (typeof source !== "string") return onThisPage(validate(source, options), env.document);
    const text = source.trim();
    // JSON text is no URL: fetching it would send the config (its headers too) to the page's server.
    if (!text || text.startsWith("{")) return notAConfig(text ? "JSON text" : "an empty string");
    const json = text.startsWith("#")
      ? fromElement(text.slice(1), env.document)
      : await withTimeout(CONFIG_TIMEOUT_MS, (signal) => fromUrl(text, env.fetch, signal), () =>
          failure(`could not load the config from ${text}: no answer in ${CONFIG_TIMEOUT_MS / 1000} s`),
        );
    return "value" in json ? onThisPage(validate(json.value, options), env.document) : json;
  } catch (e) {
    return failure(`could not load the config: ${reason(e)}`);
  }
}

/**
 * A relative endpoint or profileUrl passed as same-origin (SPEC §4), so it is made absolute
 * here, as the page's own links are: against its base URL (an app's <base href="/">, which
 * data-config's URL also follows), unless that <base href> points at another site (over plain
 * http, even), where the page's own address is used. Absolute, since the outbox keeps it for
 * retries from other pages of the site, where a path like "api/profile" means another URL.
 */
function onThisPage(result: ValidationResult, document: Document): ValidationResult {
  const { href, origin } = document.location;
  if (!result.ok) return result;
  const absolute = (url: string | undefined) => {
    const linked = url && parseUrl(url, document.baseURI);
    return url && (linked && linked.origin === origin ? linked : parseUrl(url, href))?.href || url;
  };
  // The config the widget runs on has no prototype either (core `ownKeysOnly`): on a page
  // with a polluted Object.prototype, a key the config leaves out (the endpoint, a question's
  // showIf or pattern, its UI text) must not be read from there.
  const config = ownKeysOnly(result.config) as typeof result.config;
  config.endpoint = absolute(config.endpoint);
  config.profileUrl = absolute(config.profileUrl);
  return { ok: true, config };
}

type Json = { value: unknown } | ValidationResult;

function parse(text: string, where: string): Json {
  try {
    return { value: JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text) };
  } catch (e) {
    return failure(`${where} is not valid JSON: ${reason(e)}`);
  }
}

function fromElement(id: string, document: Document): Json {
  const name = `#${id}`;
  if (!id) return failure('expected "#" followed by the id of a <script type="application/json">, found "#" alone');
  const element = document.getElementById(id);
  if (!element) return failure(`no element with id "${id}" on the page; expected <script type="application/json" id="${id}"> holding the config`);
  const tag = element.tagName.toLowerCase();
  const type = (element.getAttribute("type") ?? "").trim().toLowerCase();
  if (tag !== "script" || !isJsonType(type)) {
    const found = tag === "script" ? `<script type="${type}">` : `<${tag}>`;
    return failure(`expected ${name} to be a <script type="application/json">, found ${found}`);
  }
  return parse(element.textContent ?? "", `the config in ${name}`);
}

/** application/json, any …+json, and text/json. */
const isJsonType = (type: string) => type === "application/json" || type === "text/json" || type.endsWith("+json");

async function fromUrl(url: string, doFetch: typeof fetch, signal: AbortSignal): Promise<Json> {
  let response: Response;
  try {
    // Called unbound: `window.fetch` refuses to run with another object as `this`.
    response = await doFetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal });
  } catch (e) {
    return failure(`could not load the config from ${url}: the request failed (${reason(e)})`);
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    return failure(`could not load the config from ${url}: the server answered HTTP ${status}`);
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  // JSON types are what a server should send; text/plain (and no type at all) are what many
  // static hosts send for a .json file, and the text is parsed strictly either way. An HTML
  // page is the classic wrong URL answered by a catch-all route, so it is refused by name.
  if (type && !isJsonType(type) && type !== "text/plain") {
    const hint = type === "text/html" ? " (an HTML page usually means the URL is wrong and the server sent its default page)" : "";
    return failure(`the config at ${url} is ${type}, expected application/json${hint}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    return failure(`could not read the config from ${url}: ${reason(e)}`);
  }
  return parse(text, `the config at ${url}`);
}
