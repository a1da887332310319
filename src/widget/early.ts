// Imported by the script tag right after evaluation-start.ts (which only notes the time): it
// reads the tag's attributes while document.currentScript is set, and a tag that will mount asks for its IndexedDB stores in the very next task.
// Not in this one: IndexedDB requests leave for the browser's storage process only when the
// task that made them ends, so opening here gained nothing over the next task, and the
// open calls cost the script's own evaluation task ~4 ms at 4× CPU (its longest task).
import { optionsFromAttributes, type MountOptions } from "./options";
import { pageStores } from "./page-stores";

// Read now: document.currentScript is only set while this script first runs (async or not).
const script = document.currentScript;

/** The mount options of the tag's data-* attributes; null without data-config (no auto-mount). */
export const tagOptions: MountOptions | null = script instanceof HTMLScriptElement ? optionsFromAttributes(script, "data-") : null;

if (tagOptions) setTimeout(() => void pageStores());
