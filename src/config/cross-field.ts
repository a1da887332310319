// The rules of SPEC §4 that look at more than one value: stage → question references, one
// stage per question, showIf order, regular expressions, unique option values, min ≤ max and
// the endpoint policy. They read the raw input defensively (anything may be missing or of the
// wrong type), so they run and report even when zod found other problems elsewhere.
import { isIsoDate, parseUrl, wholeValuePattern } from "../core/answer-shapes";
import { errorMessage } from "../errors";
import { DATE_BOUND_PATTERN, DEFAULT_TEXT_MAX_LENGTH, DEFAULT_TEXTAREA_MAX_LENGTH, TODAY } from "./constants";
import {
  configError,
  didYouMean,
  hasOwn,
  isRecord,
  quote,
  shortList,
  suggest,
  type ConfigError,
  type PathSegment,
} from "./config-error";

export interface CrossFieldOptions {
  /** The page's origin (`https://shop.example.com`): absolute URLs on it are same-origin. */
  pageOrigin?: string;
  /** What `"today"` means in date bounds, as YYYY-MM-DD (null: not compared with a fixed bound). */
  today: string | null;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether the widget may send answers to (or read traits from) this URL: https, a relative
 * URL (same origin), the page's own origin, or http on localhost / 127.0.0.1.
 */
function isAllowedUrl(url: string, pageOrigin?: string): boolean {
  const page = parseUrl(pageOrigin ?? "");
  // Without a ":" there is no scheme, so no absolute URL: not parsing it spares the common
  // relative endpoint ("/api/profile") a thrown and caught TypeError on every validation.
  const absolute = url.includes(":") ? parseUrl(url) : undefined;
  // Not absolute: a path is same-origin; "//host/…" names another host unless it is the page's.
  // A scheme that does not parse ("https://" with no host) is no URL at all, not a path.
  if (!absolute) return !/^[a-z][a-z\d+.-]*:/i.test(url) && (!/^[\\/]{2}/.test(url) || (!!page && parseUrl(url, page)?.origin === page.origin));
  // fetch() refuses a URL with a user name or password in it: every delivery would fail.
  if (absolute.username || absolute.password) return false;
  if (absolute.protocol === "https:" || absolute.origin === page?.origin) return true;
  return absolute.protocol === "http:" && LOCAL_HOSTS.has(absolute.hostname);
}

interface Place {
  stage: number;
  index: number;
  /** The visit from which its stage is due (none for a stage due on an event only). */
  visit?: unknown;
}

export function crossFieldErrors(input: unknown, options: CrossFieldOptions): ConfigError[] {
  if (!isRecord(input)) return [];
  const errors: ConfigError[] = [];
  const report = (path: PathSegment[], message: string) => errors.push(configError(path, message));
  const questions = isRecord(input.questions) ? input.questions : undefined;
  const ids = questions ? Object.keys(questions) : [];
  // Words for a message only: a valid config never needs them.
  const known = () => (ids.length ? `known questions: ${shortList(ids)}` : "there are no questions yet");

  // Stages: what they ask must exist, once; `when` needs a visit or an event.
  const askedAt = new Map<string, Place>();
  const stages = Array.isArray(input.stages) ? input.stages : [];
  stages.forEach((stage: unknown, s) => {
    if (!isRecord(stage)) return;
    const when = stage.when;
    // Neither given; a misspelt "vist" is reported by the schema as an unknown key with its suggestion.
    if (isRecord(when) && when.visit === undefined && when.event === undefined && !Object.keys(when).some((k) => suggest(k, ["visit", "event"]) !== undefined)) {
      report(["stages", s, "when"], 'expected "visit" (a visit number), "event" (an event name) or both, found neither');
    }
    if (!Array.isArray(stage.ask)) return;
    stage.ask.forEach((id: unknown, a) => {
      if (typeof id !== "string") return;
      const path = ["stages", s, "ask", a];
      if (questions && !hasOwn(questions, id)) report(path, `${quote(id)} is not a question${didYouMean(id, ids)}; ${known()}`);
      const first = askedAt.get(id);
      // (A stage also due on an event may come at any visit: it has no visit to compare.)
      if (!first) askedAt.set(id, { stage: s, index: a, visit: isRecord(when) && when.event === undefined ? when.visit : undefined });
      else if (first.stage === s) report(path, `${quote(id)} is asked twice in this stage (ask[${first.index}] and ask[${a}]); expected each question once`);
      else report(path, `${quote(id)} is asked by two stages, stages[${first.stage}] and stages[${s}]; expected each question in one stage only`);
    });
  });

  for (const id of ids) {
    const q = questions![id];
    if (!isRecord(q)) continue;
    const at = (...rest: PathSegment[]) => ["questions", id, ...rest];
    // A name every object has: the answer or error looked up by such an id would be the
    // object's own method (a form asking "toString" broke on its first Next).
    if (id in {}) report(at(), `expected another question id, found ${quote(id)}, a name every JavaScript object has`);
    checkShowIf(q, id, questions!, askedAt, known, ids, (rest, m) => report(at(...rest), m));
    checkQuestion(q, options, (rest, m) => report(at(...rest), m));
  }

  for (const key of ["endpoint", "profileUrl"]) checkUrl(key, input[key], options.pageOrigin, report);
  return errors;
}

type Report = (path: PathSegment[], message: string) => void;

/** The endpoint policy for the URL at `key` (validate.ts checks data-endpoint with it too). */
export function checkUrl(key: string, url: unknown, pageOrigin: string | undefined, report: Report) {
  // A URL with a space in it is refused as such by the schema; read as a URL it would seem to
  // break this rule too ("https://exa mple.com" is no https URL), which would say nothing true.
  if (typeof url === "string" && /^\S+$/.test(url) && !isAllowedUrl(url, pageOrigin)) {
    const page = pageOrigin ? `, the page's origin (${pageOrigin})` : "";
    const expected = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(url)
      ? "a URL without a user name or password"
      : `an https URL, a relative URL (same origin as the page)${page} or http on localhost, 127.0.0.1 or [::1]`;
    report([key], `expected ${expected}, found ${quote(url)}`);
  }
}

function checkShowIf(
  q: Record<string, unknown>,
  id: string,
  questions: Record<string, unknown>,
  askedAt: Map<string, Place>,
  known: () => string,
  ids: string[],
  report: Report,
) {
  if (!isRecord(q.showIf) || typeof q.showIf.question !== "string") return;
  const target = q.showIf.question;
  const path = ["showIf", "question"];
  if (target === id) return report(path, `expected another question, found ${quote(id)} itself; a question cannot depend on its own answer`);
  if (!hasOwn(questions, target)) return report(path, `${quote(target)} is not a question${didYouMean(target, ids)}; ${known()}`);
  const there = askedAt.get(target);
  const here = askedAt.get(id);
  // A question no stage asks may still have an answer, from data-known or profileUrl's traits
  // (show the follow-up only to known customers of a plan): allowed, as SPEC §4 does not refuse it.
  if (!here || !there) return;
  // Later: after it in the list of stages (the order of a visit's questions), or in a stage listed
  // before it that is due only from a later visit.
  const laterVisit = typeof there.visit === "number" && typeof here.visit === "number" && there.visit > here.visit;
  const where = (p: Place) => `stages[${p.stage}].ask[${p.index}]${laterVisit ? `, from visit ${p.visit}` : ""}`;
  if (laterVisit || there.stage > here.stage || (there.stage === here.stage && there.index > here.index)) {
    report(
      path,
      `${quote(target)} is asked later (${where(there)}) than ${quote(id)} (${where(here)}); expected a question asked before it`,
    );
  }
}

function checkQuestion(q: Record<string, unknown>, options: CrossFieldOptions, report: Report) {
  const type = q.type;
  if ((type === "text" || type === "textarea") && typeof q.pattern === "string") {
    // "u", which every browser the widget runs in has; the widget itself compiles it as a
    // browser compiles an input's `pattern` attribute (core compilePattern).
    try {
      // On its own first: "a)|(b" compiles only inside the wrapper, and the reason then names
      // what the marketer wrote.
      new RegExp(q.pattern, "u");
      wholeValuePattern(q.pattern, "u");
    } catch (e) {
      const reason = errorMessage(e).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
      report(["pattern"], `expected a regular expression, found ${quote(q.pattern)}, which does not compile: ${reason}`);
    }
  }
  /** `expected min ≤ max, found min 5 > max 3`, and why max is what it is when it is a default. */
  const ordered = (low: string, high: string, max = q[high], why = "") => {
    const min = q[low];
    if (typeof min === "number" && typeof max === "number" && min > max) {
      report([low], `expected ${low} ≤ ${high}, found ${low} ${min} > ${high} ${max}${why}`);
    }
  };
  if (type === "text" || type === "textarea") {
    const max = q.maxLength ?? (type === "text" ? DEFAULT_TEXT_MAX_LENGTH : DEFAULT_TEXTAREA_MAX_LENGTH);
    ordered("minLength", "maxLength", max, q.maxLength === undefined ? `, the default for a ${type} question` : "");
  }
  if (Array.isArray(q.options)) {
    const seen = new Map<unknown, number>();
    q.options.forEach((option: unknown, i) => {
      if (!isRecord(option) || typeof option.value !== "string") return;
      const first = seen.get(option.value);
      if (first === undefined) seen.set(option.value, i);
      else report(["options", i, "value"], `${quote(option.value)} is already the value of options[${first}]; expected unique option values`);
    });
  }
  if (type === "number") ordered("min", "max");
  if (type === "date") checkDates(q, options.today, report);
  if (type === "multiselect") {
    ordered("minSelected", "maxSelected");
    if (typeof q.minSelected === "number" && Array.isArray(q.options) && q.options.length && q.minSelected > q.options.length) {
      report(["minSelected"], `expected at most ${q.options.length} (the number of options), found minSelected ${q.minSelected}`);
    }
  }
}

function checkDates(q: Record<string, unknown>, today: string | null, report: Report) {
  const bound = (key: "min" | "max") => {
    const v = q[key];
    if (typeof v !== "string") return undefined;
    if (v === TODAY) return today === null ? undefined : { text: `"today" (${today})`, date: today };
    if (!DATE_BOUND_PATTERN.test(v)) return undefined; // the schema reports the format
    if (!isIsoDate(v)) {
      report([key], `expected a date that exists, found ${quote(v)}`);
      return undefined;
    }
    return { text: quote(v), date: v };
  };
  const min = bound("min");
  const max = bound("max");
  if (min && max && min.date > max.date) report(["min"], `expected min on or before max, found min ${min.text} after max ${max.text}`);
}
