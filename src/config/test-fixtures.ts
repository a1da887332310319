// Where tests find the SPEC's example configs: ../shared/examples beside the checkout (as CI
// lays it out), else the repository's own copy, so `npm test` also works on a bare clone.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, "../../../shared/examples");
const ownCopy = join(here, "../../demo/public/examples");

export const EXAMPLES_DIR = existsSync(shared) ? shared : ownCopy;
export const B2B_EXAMPLE = join(EXAMPLES_DIR, "b2b-onboarding.json");
