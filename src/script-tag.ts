// The script tag (SPEC §3): defines window.ProgressiveProfile, the <progressive-profile>
// element, and mounts from the tag's data-* attributes when it has data-config.
// First: the time the bundle began to run (see the module).
import "./widget/evaluation-start";
import { tagOptions } from "./widget/early";
import { validate } from "./config/validate";
import { LIBRARY } from "./core/encode";
import { defineElement } from "./element";
import { mount, type Widget } from "./widget";

export interface ProgressiveProfileGlobal {
  mount: typeof mount;
  validate: typeof validate;
  version: string;
  /** Resolves to the widget mounted from this script tag's data-* attributes (or null when the tag has no data-config). */
  ready: Promise<Widget | null>;
}

declare global {
  interface Window {
    ProgressiveProfile?: ProgressiveProfileGlobal;
  }
}

const api: ProgressiveProfileGlobal = {
  mount,
  validate,
  version: LIBRARY.version,
  ready: Promise.resolve(null),
};

/**
 * The tags that mounted on this page, by their attributes, shared by every copy of the script
 * on it: the same tag twice (a tag manager's and the page's own) must not show two forms and
 * POST every answer twice. Under a registered symbol, so no page name can clash with it.
 */
const MOUNTED_TAGS = Symbol.for("progressive-profile:mounted-tags");

function boot(): void {
  const options = tagOptions;
  const tag = options && JSON.stringify(options);
  const mountedTags = ((window as unknown as Record<symbol, Set<string> | undefined>)[MOUNTED_TAGS] ??= new Set());
  // The same tag again, or a copy without data-config after one: the form mounted first, and
  // its ProgressiveProfile.ready, stay. (Anything else the page calls ProgressiveProfile, a
  // stub of its own, is replaced.)
  if (tag ? mountedTags.has(tag) : typeof window.ProgressiveProfile?.mount === "function") return;
  window.ProgressiveProfile = api;
  defineElement();
  if (!options || !tag) return;
  mountedTags.add(tag);
  // After DOMContentLoaded, so that data-target may name an element further down the page.
  const domReady = new Promise((resolve) =>
    document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", resolve, { once: true }) : resolve(0),
  );
  api.ready = domReady.then(() => mount(options));
}

try {
  boot();
} catch (error) {
  // Never throw into the host page, even here (a frozen window, an odd registry…).
  console.error("[progressive-profile] internal: could not start:", error);
}
