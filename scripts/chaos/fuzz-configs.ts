// Config generators for fuzzing validate() (src/config/config.fuzz.test.ts) and mount() in a
// page (e2e/security-fuzz.spec.ts): structure-aware configs that should be accepted, the same
// with a few random mutations, and hostile text. Every URL they contain is local or relative,
// so a mounted fuzz config can only ever talk to 127.0.0.1.
import fc from "fast-check";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text a marketer (or an attacker with access to the config) might put where text goes. */
export const HOSTILE_TEXTS = [
  `<img src=x onerror="window.__ppPwned='img'">`,
  `<script>window.__ppPwned='script'</script>`,
  `"><svg onload="window.__ppPwned='svg'">`,
  `javascript:window.__ppPwned='href'`,
  "{{constructor.constructor('window.__ppPwned=1')()}}",
  "${window.__ppPwned='template'}",
  "</style><style>*{display:none}</style>",
  "&lt;b&gt;entity&lt;/b&gt; &amp; <b>bold</b>",
  "\u202eRTL override\u202c and \u200bzero width",
  "line one\nline two\ttab",
  "__proto__",
  "🙂 emoji and 日本語",
] as const;

const hostileText = fc.constantFrom(...HOSTILE_TEXTS);
const plainText = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() !== "");
const text = fc.oneof({ weight: 3, arbitrary: plainText }, { weight: 1, arbitrary: hostileText });
const localized: fc.Arbitrary<Json> = fc.oneof(text, fc.record({ en: text, ja: text }, { requiredKeys: ["en"] }));

const QUESTION_IDS = ["name", "email", "q1", "q2", "Q_3", "first-name", "x", "company", "phone", "a-b_c9"];
const ENDPOINTS = ["/api/collect/fuzz", "http://127.0.0.1:4319/api/collect/fuzz", "http://localhost:4319/api/collect/fuzz", "collect"];
const PROFILE_URLS = ["/api/me/fuzz", "http://127.0.0.1:4319/api/me/fuzz"];
const EVENTS = ["purchase", "signup", "checkout_done"];

const options = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ""), { minLength: 1, maxLength: 6 })
  .chain((values) => fc.tuple(...values.map((value) => localized.map((label) => ({ value, label }) as Json))));

const common = {
  label: localized,
  help: localized,
  placeholder: localized,
  required: fc.boolean(),
  retain: fc.boolean(),
};

/** One question of each type, with only keys that type allows and consistent bounds. */
const questionByType: Record<string, fc.Arbitrary<Record<string, Json>>> = {
  text: fc.record({ ...common, minLength: fc.nat(5), maxLength: fc.integer({ min: 5, max: 800 }), pattern: fc.constantFrom(".*", "[A-Za-z ]+", "\\d{3}-\\d{4}"), autocomplete: fc.constantFrom("name", "off") }, { requiredKeys: ["label"] }),
  textarea: fc.record({ ...common, minLength: fc.nat(5), maxLength: fc.integer({ min: 5, max: 6000 }) }, { requiredKeys: ["label"] }),
  email: fc.record({ ...common, autocomplete: fc.constant("email") }, { requiredKeys: ["label"] }),
  tel: fc.record(common, { requiredKeys: ["label"] }),
  url: fc.record(common, { requiredKeys: ["label"] }),
  number: fc
    .record({ ...common, min: fc.integer({ min: -100, max: 0 }), max: fc.integer({ min: 1, max: 1000 }), step: fc.constantFrom(1, 0.5, 10), integer: fc.boolean() }, { requiredKeys: ["label"] }),
  date: fc.record({ ...common, min: fc.constantFrom("1900-01-01", "2000-02-29"), max: fc.constantFrom("today", "2100-12-31") }, { requiredKeys: ["label"] }),
  select: fc.record({ ...common, options }, { requiredKeys: ["label", "options"] }),
  radio: fc.record({ ...common, options }, { requiredKeys: ["label", "options"] }),
  multiselect: fc.record({ ...common, options, minSelected: fc.constant(1) }, { requiredKeys: ["label", "options"] }),
  consent: fc.record({ ...common, policyUrl: fc.constant("https://example.invalid/privacy") }, { requiredKeys: ["label"] }),
};
const TYPES = Object.keys(questionByType);

const question = fc.constantFrom(...TYPES).chain((type) => questionByType[type]!.map((q) => ({ type, ...q }) as Record<string, Json>));

const topLevel = {
  endpoint: fc.constantFrom(...ENDPOINTS),
  format: fc.constantFrom("json", "form", "segment"),
  headers: fc.constant({ "X-Fuzz": "1" }),
  credentials: fc.constantFrom("omit", "include"),
  profileUrl: fc.constantFrom(...PROFILE_URLS),
  locale: fc.constantFrom("en", "ja", "pt-BR"),
  maxQuestionsPerVisit: fc.integer({ min: 1, max: 20 }),
  snoozeVisits: fc.integer({ min: 0, max: 5 }),
  visitTimeoutMinutes: fc.integer({ min: 1, max: 120 }),
  display: fc.record({ mode: fc.constantFrom("floating", "inline", "modal"), position: fc.constantFrom("bottom-right", "top-left"), delayMs: fc.constantFrom(0, 0, 10) }, { requiredKeys: [] }),
  theme: fc.record({ accent: fc.constantFrom("#4f46e5", "rebeccapurple"), radius: fc.constant("4px"), font: fc.constantFrom("inherit", "serif") }, { requiredKeys: [] }),
  title: localized,
  strings: fc.record({ en: fc.record({ next: text, submit: text, notNow: text }, { requiredKeys: [] }) }),
};

/**
 * A config meant to be accepted: 1–6 questions split over 1–3 stages in order, a `showIf` only
 * on a question that follows the one it names, and an endpoint (unless `withEndpoint` is off).
 */
export function validConfig(opts: { withEndpoint?: boolean } = {}): fc.Arbitrary<Record<string, Json>> {
  return fc
    .record({
      ids: fc.shuffledSubarray(QUESTION_IDS, { minLength: 1, maxLength: 6 }),
      questions: fc.array(question, { minLength: 6, maxLength: 6 }),
      cuts: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      whens: fc.array(fc.record({ visit: fc.integer({ min: 1, max: 4 }), event: fc.constantFrom(...EVENTS) }, { requiredKeys: [] }).filter((w) => Object.keys(w).length > 0), { minLength: 6, maxLength: 6 }),
      showIfs: fc.array(fc.option(fc.constantFrom("answered", "notAnswered", "equals", "in")), { minLength: 6, maxLength: 6 }),
      top: fc.record(topLevel, { requiredKeys: [] }),
      id: fc.stringMatching(/^[a-z0-9_-]{1,20}$/),
      version: fc.integer({ min: 1, max: 50 }),
    })
    .map(({ ids, questions, cuts, whens, showIfs, top, id, version }) => {
      const stages: { when: Json; ask: string[] }[] = [];
      // Stages in order of their visits too (a showIf names a question asked before, SPEC §4).
      let lastVisit = 1;
      ids.forEach((qid, i) => {
        if (i === 0 || (cuts[i] && stages.length < 3)) {
          const when = { ...whens[stages.length]! } as { visit?: number };
          if (when.visit !== undefined) when.visit = lastVisit = Math.max(lastVisit, when.visit);
          stages.push({ when, ask: [] });
        }
        stages[stages.length - 1]!.ask.push(qid);
      });
      const qs: Record<string, Json> = {};
      ids.forEach((qid, i) => {
        const q = { ...questions[i]! };
        const kind = showIfs[i];
        if (i > 0 && kind) {
          const ref = ids[i - 1]!;
          q.showIf = kind === "answered" ? { question: ref, answered: true } : kind === "notAnswered" ? { question: ref, answered: false } : kind === "equals" ? { question: ref, equals: "yes" } : { question: ref, in: ["a", 1, true] };
        }
        qs[qid] = q;
      });
      const config: Record<string, Json> = { id, version, ...top, stages, questions: qs };
      if (opts.withEndpoint === false) delete config.endpoint;
      else config.endpoint ??= ENDPOINTS[0]!;
      return config;
    });
}

type Path = (string | number)[];

/** Every path into a JSON value, the root included. */
export function pathsOf(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...at, i])));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

const MUTATIONS = ["replace", "delete", "hostile", "number", "swapContainer", "unknownKey", "typoKey", "duplicate", "empty", "deep"] as const;
export interface Mutation {
  kind: (typeof MUTATIONS)[number];
  pick: number;
  value: Json;
  number: number;
  text: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  pick: fc.nat(),
  value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  number: fc.constantFrom(-1, 0, -0, 1.5, 1e308, -1e308, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 21, 1001, 600_001),
  text: fc.oneof(hostileText, fc.constantFrom("", " ", "x".repeat(100_001), "today", "2023-02-30", "((", "http://example.invalid/x", "//example.invalid/x", "https://")),
});

function applyMutation(root: Json, m: Mutation): Json {
  const paths = pathsOf(root);
  const path = paths[m.pick % paths.length]!;
  if (path.length === 0) return m.kind === "replace" ? m.value : root;
  let parent = root as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  const current = parent[key]!;
  const set = (v: Json) => (parent[key] = v);
  switch (m.kind) {
    case "replace": return set(m.value), root;
    case "hostile": return set(m.text), root;
    case "number": return set(m.number), root;
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return root;
    case "swapContainer": return set(Array.isArray(current) ? { ...current } : current !== null && typeof current === "object" ? Object.values(current) : [current]), root;
    case "empty": return set(Array.isArray(current) ? [] : typeof current === "string" ? "" : {}), root;
    case "duplicate":
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(current));
      return root;
    case "deep": {
      let nested: Json = current;
      for (let i = 0; i < 60; i++) nested = [nested];
      return set(nested), root;
    }
    case "unknownKey":
    case "typoKey": {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return root;
      const keys = Object.keys(current);
      const name = m.kind === "unknownKey" ? ["__proto__", "constructor", "labl", "Type", "prototype"][m.pick % 5]! : keys.length ? keys[m.pick % keys.length]! : "x";
      // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
      Object.defineProperty(current, m.kind === "typoKey" ? `${name.slice(0, -1)}${name.slice(-1).toUpperCase()}_` : name, { value: m.value, enumerable: true, configurable: true, writable: true });
      if (m.kind === "typoKey" && keys.length) delete (current as Record<string, Json>)[name];
      return root;
    }
  }
}

/** `base` with 1–4 random mutations applied (on a copy). */
export function mutated(base: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([config, ms]) => ms.reduce(applyMutation, structuredClone(config)));
}

/** A mix for the page: mostly near-valid, some mutated, some anything. */
export function mountMix(example: Record<string, Json>): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 4, arbitrary: validConfig() },
    { weight: 3, arbitrary: mutated(validConfig()) },
    { weight: 2, arbitrary: mutated(fc.constant(example)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  );
}
