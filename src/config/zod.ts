// The only place the project imports zod.
import * as z from "zod/mini";

declare const __PP_SCRIPT_TAG__: true | undefined;

/**
 * Builds schemas with zod's JIT off, and only while building. An object schema built with it
 * on probes `new Function("")`, which a strict-CSP page reports as a `securitypolicyviolation`
 * even though zod catches the error (SPEC §8, STYLE trap 1). zod reads the setting when a
 * schema is built, and it is zod's global: in the ESM build and progressive-profile/server,
 * zod is the host app's own, so setting it for good would slow the host's schemas (about 4×
 * in a Node backend) and change its config. The script tag's zod is its own, and jitless from
 * the start (scripts/zod-steps.ts; vite.config.ts defines __PP_SCRIPT_TAG__ there: this code then goes).
 */
export function buildJitless<T>(build: () => T): T {
  if (typeof __PP_SCRIPT_TAG__ !== "undefined") return build();
  const before = z.config().jitless;
  z.config({ jitless: true });
  try {
    return build();
  } finally {
    z.config({ jitless: before });
  }
}

/**
 * What `z.int()` checks, with the issues it raises, as a check on `z.number()`: `z.int()` would
 * bring zod's number-format schema and its table of ranges into the script tag (0.3 KB brotli)
 * for this one rule. schema-walk.ts reads it as "an integer", json-schema.ts as
 * `"type": "integer"`, exactly as they would read `z.int()`.
 */
export const wholeNumber = z.check<number>((ctx) => {
  const n = ctx.value;
  if (!Number.isInteger(n)) {
    ctx.issues.push({ code: "invalid_type", expected: "int", input: n, continue: false });
  } else if (!Number.isSafeInteger(n)) {
    const range = { origin: "number", inclusive: true, input: n } as const;
    ctx.issues.push(n > 0 ? { code: "too_big", maximum: Number.MAX_SAFE_INTEGER, ...range } : { code: "too_small", minimum: -Number.MAX_SAFE_INTEGER, ...range });
  }
});

/** A whole number in the safe range (the project's `z.int()`), with further checks in the same schema. */
export const integer = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(wholeNumber, ...checks);

export { z };
