// Imported by the script tag right after evaluation-start.ts (which only notes the time): it
// reads the tag's attributes while document.currentScript is set.
import { optionsFromAttributes, type MountOptions } from "./options";

// Read now: document.currentScript is only set while this script first runs (async or not). A
// module script has none: a tag pasted with type="module" (a habit of modern pages) is then the
// module script of this file's name that names a config (another vendor's tag may have a
// data-config too).
export const tagScript = document.currentScript ?? document.querySelector('script[type=module][data-config][src*="progressive-profile"]');

/** The mount options of the tag's data-* attributes; null without data-config (no auto-mount). */
export const tagOptions: MountOptions | null = tagScript instanceof HTMLScriptElement ? optionsFromAttributes(tagScript, "data-") : null;
