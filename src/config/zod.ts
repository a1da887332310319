// The only place the project imports zod. `jitless` must be set before any schema is
// defined: zod otherwise probes `new Function("")`, which a strict-CSP page reports as a
// `securitypolicyviolation` even though zod catches the error (SPEC §8, STYLE trap 1).
import * as z from "zod/mini";

z.config({ jitless: true });

export { z };
