// Mount options as the host gives them (code, script-tag data-* attributes or custom-element
// attributes), checked at the boundary: a bad `visit` or `known` is reported, never trusted.
import { LIMITS } from "../config/constants";
import type { ConfigInput } from "../config/schema";
import { isAnswerValue } from "../core/answers";
import type { Answers } from "../core/types";
import { createError, type WidgetError } from "../errors";
import { ownValue } from "../core/own-keys";

export interface MountOptions {
  /** A config object, a URL of the config JSON, or `#id` of a JSON script element. */
  config: ConfigInput | string;
  /** Overrides the config's `endpoint`. */
  endpoint?: string;
  /** The host's stable user id; without it an anonymous id is made and kept. */
  user?: string;
  /** The host's own visit/login count, an integer from 1 to 1,000,000 (a number or its text). */
  visit?: number | string;
  /** Answers the host already knows: an object, or its JSON text. */
  known?: Record<string, unknown> | string;
  /** Element or CSS selector to render into (inline mode). */
  target?: string | Element;
  /** UI language. */
  locale?: string;
}

export interface NormalisedOptions {
  config: ConfigInput | string;
  endpoint: string | null;
  user: string | null;
  visit: number | null;
  known: Answers;
  target: Element | null;
  locale: string | null;
}

/** Reads `data-*` (script tag) or plain (custom element) attributes into mount options. */
export function optionsFromAttributes(el: Element, prefix: "data-" | ""): MountOptions | null {
  const attr = (name: string) => el.getAttribute(prefix + name) ?? undefined;
  const config = attr("config");
  if (!config) return null;
  const options: MountOptions = { config };
  for (const name of ["endpoint", "user", "visit", "known", "target", "locale"] as const) {
    const value = attr(name);
    if (value !== undefined) options[name] = value;
  }
  return options;
}

/** Each option is read only when the host gave it: a polluted `Object.prototype` gives none. */
export function normaliseOptions(input: MountOptions, report: (error: WidgetError) => void): NormalisedOptions {
  const own = <K extends keyof MountOptions>(key: K) => ownValue(input, key);
  return {
    config: own("config")!,
    endpoint: nonEmptyString(own("endpoint")),
    user: nonEmptyString(own("user")),
    visit: parseVisit(own("visit"), report),
    known: parseKnown(own("known"), report),
    target: resolveTarget(own("target"), report),
    locale: parseLocale(own("locale"), report),
  };
}

/**
 * A language tag. A server's locale name ("ja_JP", "ja_JP.UTF-8") reads as "ja-JP", and an
 * extension or private use part ("ja-JP-u-ca-japanese") is left out: the UI text has none.
 * Anything else is reported and ignored (the config's locale or the browser's languages decide).
 */
export function parseLocale(value: unknown, report: (error: WidgetError) => void): string | null {
  const given = nonEmptyString(value);
  if (given === null) return null;
  // Without its charset or modifier (".UTF-8", "@euro"), underscores as hyphens, up to the first
  // one-letter subtag (an extension or private use).
  const tag = given.replace(/[.@].*/, "").replace(/_/g, "-").split(/-\w(?![^-])/)[0]!;
  if (LIMITS.localePattern.test(tag)) return tag;
  report(createError("option_invalid", `locale must be a language tag such as "en" or "ja-JP"; found ${JSON.stringify(given)}. It is ignored.`));
  return null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * An integer ≥ 1 (as number or text), up to a million: a larger count is a host's mistake (an id
 * or a timestamp in the wrong attribute). Anything else is reported and ignored (the widget counts).
 */
export function parseVisit(value: unknown, report: (error: WidgetError) => void): number | null {
  if (value === undefined || value === null || value === "") return null;
  const number = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(number) && number >= 1 && number <= 1_000_000) return number;
  report(createError("option_invalid", `visit must be a whole number from 1 to 1000000; found ${JSON.stringify(String(value))}. The widget counts visits itself.`));
  return null;
}

/** A JSON object of answers; entries that are not answer values are reported and dropped. */
export function parseKnown(value: unknown, report: (error: WidgetError) => void): Answers {
  if (value === undefined || value === null || value === "") return {};
  let parsed: unknown = value;
  // Text (data-known) is JSON; text that is not is no object either.
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = null;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    report(createError("option_invalid", "known must be a JSON object of answers, e.g. {\"name\":\"Ada\"}."));
    return {};
  }
  const known: Answers = {};
  const dropped: string[] = [];
  for (const [key, entry] of Object.entries(parsed)) {
    // "__proto__" is no question id, and assigned here it would set the object's prototype.
    if (key === "__proto__") continue;
    if (isAnswerValue(entry)) known[key] = entry;
    else if (entry !== null && entry !== undefined) dropped.push(key);
  }
  if (dropped.length)
    report(createError("option_invalid", `known: ignored ${dropped.join(", ")} (expected a string, number, boolean or list of strings).`));
  return known;
}

/**
 * Elements that never show what is put in them: the form would be as hidden there as with a
 * selector that matches nothing. Those a selector plausibly finds; rarer ones (<br>, <col>, <wbr>
 * …) cost the script tag bytes for a mistake no one makes. (Not a closed <details> or <dialog>:
 * the page opens those.)
 */
const SHOWS_NO_CONTENT = /^(head|title|meta|style|script|noscript|template|img|input|textarea|select|option|iframe|video|audio|canvas|object|embed)$/;

function resolveTarget(target: MountOptions["target"], report: (error: WidgetError) => void): Element | null {
  if (target === undefined || target === null || target === "") return null;
  const found = findTarget(target);
  const quoted = typeof target === "string" ? ` ${JSON.stringify(target)}` : "";
  if (!found) report(createError("option_invalid", `target${quoted || ` (a ${typeof target})`} matches no element; it is ignored.`));
  // An <svg> or <math> element shows no HTML element put in it either.
  else if (found.namespaceURI !== "http://www.w3.org/1999/xhtml" || SHOWS_NO_CONTENT.test(found.localName))
    report(createError("option_invalid", `target${quoted} is <${found.localName}>, an element that does not show what is put in it; it is ignored.`));
  else return found;
  return null;
}

/**
 * Plain JavaScript callers can pass anything: only an element or a selector places the form. An
 * element of this document (one of another frame cannot take our stylesheet: it is ignored, as a
 * selector that matches nothing is, and the form shows as the config says; an inline config then
 * floats). An invalid selector finds nothing.
 */
function findTarget(target: unknown): Element | null {
  if ((target as Partial<Node>).nodeType === Node.ELEMENT_NODE && (target as Node).ownerDocument === document) return target as Element;
  try {
    return typeof target === "string" ? document.querySelector(target) : null;
  } catch {
    return null;
  }
}
