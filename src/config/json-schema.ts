// dist/schema.json: the JSON Schema of the config, generated from the zod schema so the two
// never drift. What editors need from it (VS Code's JSON language service above all) is
// settled in schema.ts: `io: "input"` here (keys with a default are optional), strict objects
// (additionalProperties: false), one oneOf branch per question type with its own `const` type
// (so completion offers the types), no allOf, relative URLs allowed, descriptions on keys.
import { z } from "./zod";
import { configSchema } from "./schema";

export const SCHEMA_ID = "https://unpkg.com/progressive-profile/dist/schema.json";

export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: "progressive-profile config",
    description:
      "A question sequence for the progressive-profile widget: which questions are asked at which visit or after which event, " +
      "and where the answers go. Check a file with `npx progressive-profile validate FILE.json`.",
    ...rest,
  };
}
