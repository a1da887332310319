// mount() under config fuzzing, in one page (issue 9 "Bad input"): a few hundred generated,
// mutated and arbitrary configs (scripts/chaos/fuzz-configs.ts), mounted one after another.
// Never an exception into the host page; mount() always resolves; a refused config gives
// exactly one error event (config_invalid, every problem with a path or a root message); an
// accepted one gives none and renders a question when one is due (at visit 4). Replay a
// failure with PP_FUZZ_SEED=<seed>; PP_FUZZ_MOUNTS sets how many (default 500).
import fc from "fast-check";
import { test, expect, b2bConfig, withEndpoint } from "./fixtures";
import { HOSTILE_TEXTS, mountMix, type Json } from "../scripts/chaos/fuzz-configs";
import { validate } from "../src/config/validate";
import { plan } from "../src/core/plan";
import { newPerson } from "../src/core/profile";

/** The visit every fuzzed widget is mounted at: late enough for most stages to be due. */
const VISIT = 4;

interface Outcome {
  resolved: boolean;
  threw: string | null;
  errors: { code: string; message: string; paths: string[] }[];
  rendered: boolean;
}

test("mount() fuzzing: no exception into the page, one error per refused config, accepted ones render", async ({ page, context, hostPage, baseURL }) => {
  test.setTimeout(170_000);
  const count = Number(process.env.PP_FUZZ_MOUNTS) || 500;
  const seed = Number(process.env.PP_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
  console.log(`mount fuzz: ${count} configs, seed ${seed} (replay: PP_FUZZ_SEED=${seed})`);
  const origin = new URL(baseURL!).origin;
  // A bare string is a URL to mount(); one naming another host would be the host page's own request.
  // Through JSON text, so the page gets exactly these values ("__proto__" stays an own key).
  const texts = fc
    .sample(mountMix(b2bConfig() as Record<string, Json>), { numRuns: count, seed })
    .map((c) => JSON.stringify(typeof c === "string" && /^\s*(\/\/|\\\\|[a-z][a-z0-9+.-]*:)/i.test(c) ? "not-a-config-url" : c));
  const configs = texts.map((t) => JSON.parse(t) as unknown);
  const expected = configs.map((config) => {
    const result = validate(config, { pageOrigin: origin });
    if (!result.ok || !result.config.endpoint) return { accepted: false, due: false };
    const person = { ...newPerson({ anonymousId: "a", userId: "u" }), visit: VISIT };
    return { accepted: true, due: plan({ config: result.config, person, known: {} }).ask.length > 0 && result.config.display.delayMs <= 10 };
  });

  const foreign: string[] = [];
  await context.route((url) => url.origin !== origin, (route) => (foreign.push(route.request().url()), route.abort()));
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  let invalidLines = 0;
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().includes("config_invalid")) invalidLines++;
  });
  await page.goto(await hostPage({ scriptAttributes: {} }));
  await page.evaluate(() => window.addEventListener("unhandledrejection", (e) => console.error(`unhandledrejection: ${String(e.reason)}`)));
  page.on("console", (m) => m.text().startsWith("unhandledrejection") && problems.push(m.text()));

  const outcomes = await page.evaluate(
    async ({ texts, due, visit }) => {
      const configs = texts.map((t) => JSON.parse(t) as unknown);
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const out: Outcome[] = [];
      for (let i = 0; i < configs.length; i++) {
        const slot = document.createElement("div");
        document.body.append(slot);
        const errors: Outcome["errors"] = [];
        slot.addEventListener("progressive-profile:error", (e) => {
          const d = (e as CustomEvent).detail as { code: string; message: string; errors?: { path: string }[] };
          errors.push({ code: d.code, message: d.message, paths: (d.errors ?? []).map((x) => x.path) });
        });
        const outcome: Outcome = { resolved: false, threw: null, errors, rendered: false };
        try {
          const mounted = window.ProgressiveProfile!.mount({ config: configs[i] as never, target: slot, user: `fuzz-${i}`, visit, locale: "en" });
          const widget = await Promise.race([mounted, wait(8000).then(() => null)]);
          outcome.resolved = widget !== null;
          const label = () => slot.querySelector("progressive-profile-root")?.shadowRoot?.querySelector("[id*='-q-'][id$='-l']");
          for (let t = 0; due[i] && !label() && t < 40; t++) await wait(25);
          outcome.rendered = Boolean(label());
          widget?.destroy();
        } catch (error) {
          outcome.threw = String(error);
        }
        slot.remove();
        out.push(outcome);
      }
      return out;
    },
    { texts, due: expected.map((e) => e.due), visit: VISIT },
  );

  const refused = expected.filter((e) => !e.accepted).length;
  console.log(`mount fuzz: ${configs.length} mounted, ${configs.length - refused} accepted (${expected.filter((e) => e.due).length} with a question due), ${refused} refused`);
  outcomes.forEach((o, i) => {
    const where = `config #${i} ${JSON.stringify(configs[i]).slice(0, 300)}`;
    if (!o.resolved || o.threw) problems.push(`mount did not resolve (${o.threw ?? "timeout"}): ${where}`);
    const invalid = o.errors.filter((e) => e.code === "config_invalid");
    if (!expected[i]!.accepted) {
      if (o.errors.length !== 1 || invalid.length !== 1) problems.push(`refused, but ${o.errors.length} error events (${o.errors.map((e) => e.code)}): ${where}`);
      else if (invalid[0]!.message.trim() === "") problems.push(`refused without a message: ${where}`);
    } else {
      // A generated profileUrl usually answers 404 here: that is reported (profile_unavailable)
      // and the widget carries on; any other error on an accepted config is a problem.
      const hasProfileUrl = typeof (configs[i] as { profileUrl?: unknown }).profileUrl === "string";
      const unexpected = o.errors.filter((e) => !(hasProfileUrl && e.code === "profile_unavailable"));
      if (unexpected.length) problems.push(`accepted, but error events ${JSON.stringify(unexpected)}: ${where}`);
      if (expected[i]!.due && !o.rendered) problems.push(`accepted with a question due, nothing rendered: ${where}`);
    }
  });
  const pwned = await page.evaluate(() => (window as unknown as { __ppPwned?: unknown }).__ppPwned ?? null);
  expect(problems.slice(0, 20), `seed ${seed}`).toEqual([]);
  expect(invalidLines, "one console line per refused config").toBe(refused);
  expect(pwned).toBeNull();
  expect(foreign, "requests to other origins").toEqual([]);
  await expect(page.locator("#host-button")).toBeVisible();
});

test("mount() options fuzzing: odd visit, known, target, user, locale and endpoint never break the page", async ({ page, hostPage, backend }) => {
  test.setTimeout(120_000);
  const count = Number(process.env.PP_FUZZ_MOUNTS) ? Math.ceil(Number(process.env.PP_FUZZ_MOUNTS) / 2) : 200;
  const seed = Number(process.env.PP_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
  console.log(`options fuzz: ${count} mounts, seed ${seed} (replay: PP_FUZZ_SEED=${seed})`);
  const odd = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 12 }), fc.constantFrom(...HOSTILE_TEXTS));
  const options = fc.record(
    {
      visit: fc.oneof(odd, fc.integer({ min: -5, max: 5 }), fc.double(), fc.constantFrom("abc", "-3", "99999999999", " 2 ", "1e3", "0x10")),
      known: fc.oneof(odd, fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.constantFrom("{name: 'x'", "[1,2]", '{"name": {"nested": 1}, "email": "<b>x</b>"}')),
      target: fc.oneof(odd, fc.constantFrom("#slot", "#missing", "::nope((", "")),
      user: odd,
      locale: fc.oneof(odd, fc.constantFrom("en", "ja", "xx-@@", "EN-us")),
      endpoint: fc.oneof(fc.constant(undefined), fc.constantFrom(backend.endpoint, "javascript:alert(1)", "http://example.invalid/x", "", "//example.invalid/x")),
    },
    { requiredKeys: [] },
  );
  const texts = fc.sample(options, { numRuns: count, seed }).map((o) => JSON.stringify(o));
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(await hostPage({ scriptAttributes: {} }));
  const config = withEndpoint(b2bConfig(), backend.endpoint);
  const outcomes = await page.evaluate(
    async ({ texts, config }) => {
      const lines: string[] = [];
      const original = console.error.bind(console);
      console.error = (...args: unknown[]) => (lines.push(String(args[0])), original(...args));
      const out: { resolved: boolean; threw: string | null; lines: number; events: string[] }[] = [];
      for (const [i, text] of texts.entries()) {
        const slot = document.createElement("div");
        slot.id = "slot";
        document.body.append(slot);
        const events: string[] = [];
        const listen = (e: Event) => events.push((e as CustomEvent<{ code: string }>).detail.code);
        document.addEventListener("progressive-profile:error", listen);
        lines.length = 0;
        const outcome = { resolved: false, threw: null as string | null, lines: 0, events };
        try {
          const mounted = window.ProgressiveProfile!.mount({ config, ...(JSON.parse(text) as object), user: `opt-${i}` } as never);
          const widget = await Promise.race([mounted, new Promise<null>((r) => setTimeout(() => r(null), 8000))]);
          outcome.resolved = widget !== null;
          widget?.destroy();
        } catch (error) {
          outcome.threw = String(error);
        }
        outcome.lines = lines.filter((l) => l.startsWith("[progressive-profile]")).length;
        document.removeEventListener("progressive-profile:error", listen);
        slot.remove();
        out.push(outcome);
      }
      return out;
    },
    { texts, config },
  );
  outcomes.forEach((o, i) => {
    if (!o.resolved || o.threw) problems.push(`mount did not resolve (${o.threw ?? "timeout"}): options ${texts[i]}`);
    if (o.lines !== o.events.length) problems.push(`${o.lines} console lines but ${o.events.length} error events (${o.events}): options ${texts[i]}`);
  });
  console.log(`options fuzz: ${outcomes.filter((o) => o.lines > 0).length} of ${count} mounts reported something`);
  expect(problems.slice(0, 10), `seed ${seed}`).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __ppPwned?: unknown }).__ppPwned ?? null)).toBeNull();
});
