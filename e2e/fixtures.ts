// Shared browser-test fixtures: a per-test backend bucket on the e2e server, host pages served
// under the server's origin (with or without SPEC §8's strict CSP), a CSP-violation recorder,
// console capture and an axe helper. Tests run against the built dist/progressive-profile.js.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

/** The B2B example config of SPEC §1 (a copy of ../shared/examples/b2b-onboarding.json). */
export function b2bConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL("../demo/public/questions.json", import.meta.url), "utf8")) as Record<string, unknown>;
}

export interface Delivery {
  idempotencyKey: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  body: string;
  concurrent: boolean;
  outcome: number | string | null;
  at: number;
}

export interface Backend {
  /** Relative endpoint URL for this test's bucket. */
  endpoint: string;
  bucket: string;
  faults(script: (number | "hang" | "drop" | "redirect" | { status?: number; delayMs: number })[], retryAfter?: string): Promise<void>;
  setTraits(traits: Record<string, unknown>): Promise<void>;
  log(): Promise<Delivery[]>;
  /** Bodies of the deliveries answered 2xx, parsed as JSON, each messageId once (the first). */
  delivered(): Promise<Record<string, unknown>[]>;
}

export interface HostPageOptions {
  /** Extra markup in <body> before the script tag. */
  body?: string;
  /** Attributes of the script tag (without data-config nothing auto-mounts). */
  scriptAttributes?: Record<string, string>;
  /** A JSON config embedded as <script type="application/json" id="pp-config">. */
  inlineConfig?: unknown;
  csp?: boolean;
  /** Extra <head> markup (hostile CSS etc.). Served as a separate file under CSP. */
  css?: string;
  path?: string;
}

type Fixtures = {
  backend: Backend;
  hostPage: (options?: HostPageOptions) => Promise<string>;
  cspViolations: string[];
  consoleErrors: string[];
  checkA11y: (page: Page, label: string) => Promise<void>;
};

let counter = 0;

export const test = base.extend<Fixtures>({
  backend: async ({ request }, use, testInfo) => {
    const bucket = `t${testInfo.workerIndex}-${Date.now().toString(36)}-${counter++}`;
    const backend: Backend = {
      bucket,
      endpoint: `/api/collect/${bucket}`,
      async faults(script, retryAfter) {
        await request.post(`/api/faults/${bucket}`, { data: { script, retryAfter: retryAfter ?? null } });
      },
      async setTraits(traits) {
        await request.post(`/api/traits/${bucket}`, { data: traits });
      },
      async log() {
        return (await (await request.get(`/api/log/${bucket}`)).json()) as Delivery[];
      },
      async delivered() {
        // What a backend that honours Idempotency-Key stores: each message once. The widget
        // delivers at least once (SPEC §7): a page left between the backend's 2xx and its own
        // record of it sends the message again. backend.log() has every request.
        const stored = new Map<string, Record<string, unknown>>();
        for (const d of await backend.log()) {
          if (typeof d.outcome !== "number" || d.outcome >= 300) continue;
          const message = JSON.parse(d.body) as Record<string, unknown>;
          const key = String(message.messageId ?? d.idempotencyKey);
          if (!stored.has(key)) stored.set(key, message);
        }
        return [...stored.values()];
      },
    };
    await use(backend);
  },
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction("__ppViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { __ppViolation: (t: string) => void }).__ppViolation(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    await use(violations);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    await use(errors);
  },
  hostPage: async ({ context }, use) => {
    let n = 0;
    await use(async (options = {}) => {
      const path = options.path ?? `/t/host-${n++}.html`;
      const cssPath = `${path}.css`;
      const attrs = Object.entries(options.scriptAttributes ?? {})
        .map(([k, v]) => ` ${k}="${v.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`)
        .join("");
      const inline =
        options.inlineConfig === undefined
          ? ""
          : `<script type="application/json" id="pp-config">${JSON.stringify(options.inlineConfig).replace(/</g, "\\u003c")}</script>`;
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>${
        options.css ? `<link rel="stylesheet" href="${cssPath}">` : ""
      }</head><body><main><h1>Host page</h1><p>Some host content.</p><button id="host-button">Host button</button>${
        options.body ?? ""
      }</main>${inline}<script src="/dist/progressive-profile.js"${attrs}></script></body></html>`;
      const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
      if (options.csp) headers["content-security-policy"] = STRICT_CSP;
      // Routed on the context, so every tab of the test can open the same host page.
      await context.route(`**${path}`, (route) => route.fulfill({ status: 200, headers, body: html }));
      if (options.css) await context.route(`**${cssPath}`, (route) => route.fulfill({ status: 200, contentType: "text/css", body: options.css ?? "" }));
      return path;
    });
  },
  checkA11y: async ({}, use) => {
    await use(async (page, label) => {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary, `axe violations in state "${label}"`).toEqual([]);
    });
  },
});

export { expect };

/** A config with the test's bucket as endpoint. */
export function withEndpoint(config: Record<string, unknown>, endpoint: string): Record<string, unknown> {
  return { ...config, endpoint };
}

/** The widget's shadow root content is reached through Playwright's piercing locators. */
export const widget = (page: Page) => page.locator("progressive-profile-root, progressive-profile").first();
