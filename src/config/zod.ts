// The only place the project imports zod. `jitless` must be set before any schema is
// defined: zod otherwise probes `new Function("")`, which a strict-CSP page reports as a
// `securitypolicyviolation` even though zod catches the error (SPEC §8, STYLE trap 1).
import * as z from "zod/mini";

z.config({ jitless: true });

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
