// The script tag's first import. Modules run in import order, so this runs before the rest
// of the bundle (zod, the config schema, preact, the UI) is evaluated: a tag that will mount
// begins opening IndexedDB here, and the browser's storage process works on it meanwhile.
import { optionsFromAttributes, type MountOptions } from "./options";
import { pageStores } from "./page-stores";

// Read now: document.currentScript is only set while this script first runs (async or not).
const script = document.currentScript;

/** The mount options of the tag's data-* attributes; null without data-config (no auto-mount). */
export const tagOptions: MountOptions | null = script instanceof HTMLScriptElement ? optionsFromAttributes(script, "data-") : null;

if (tagOptions) void pageStores();
