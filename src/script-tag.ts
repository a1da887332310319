// The script tag (SPEC §3): defines window.ProgressiveProfile, the <progressive-profile>
// element, and mounts from the tag's data-* attributes when it has data-config.
// First: the time the bundle began to run (see the module).
import "./widget/evaluation-start";
import { tagOptions, tagScript } from "./widget/early";
import { pageStores } from "./widget/page-stores";
import { validate } from "./config/validate";
import { defineElement } from "./element";
import { LIBRARY } from "./core/encode";
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
 * The tags that mounted on this page, by their attributes, with their script element and
 * widget, shared by every copy of the script on it: the same tag twice (a tag manager's and the
 * page's own) must not show two forms and POST every answer twice. Under a registered symbol,
 * so no page name can clash with it.
 */
const MOUNTED_TAGS = Symbol.for("progressive-profile:tags");
type MountedTags = Map<string, [script: Element, widget: Promise<Widget | null>]>;

function boot(): void {
  const options = tagOptions;
  const tag = options && JSON.stringify(options);
  const mountedTags = ((window as unknown as Record<symbol, MountedTags | undefined>)[MOUNTED_TAGS] ??= new Map() as MountedTags);
  // The same tag again, or a copy without data-config after one: the form mounted first, and
  // its ProgressiveProfile.ready, stay; the tag is now this element (a Turbo visit ran it
  // again in the new <body>). (Anything else the page calls ProgressiveProfile, a stub of its
  // own, is replaced.)
  const same = tag && mountedTags.get(tag);
  if (same) return void (same[0] = tagScript!);
  if (!tag && typeof window.ProgressiveProfile?.mount === "function") return;
  window.ProgressiveProfile = api;
  defineElement();
  if (!options || !tag) return;
  // A tag gone from the page (a Turbo or pjax visit replaced the <body> it stood in, logging
  // the person in or out) is not this page's: its form, for the person it named, goes.
  for (const [other, [script, widget]] of mountedTags) {
    if (!script.isConnected) {
      mountedTags.delete(other);
      // (mount() never rejects, and a widget's methods never throw.)
      void widget.then((w) => w?.destroy());
    }
  }
  // The stores are asked for in the next task: IndexedDB requests leave for the browser's
  // storage process only when the task that made them ends, so opening now would gain nothing,
  // and would cost this evaluation task, the script's longest, ~4 ms at 4× CPU.
  setTimeout(() => void pageStores());
  // After DOMContentLoaded, so that data-target may name an element further down the page.
  const domReady = new Promise((resolve) =>
    document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", resolve, { once: true }) : resolve(0),
  );
  mountedTags.set(tag, [tagScript!, (api.ready = domReady.then(() => mount(options)))]);
}

try {
  boot();
} catch (error) {
  // Never throw into the host page, even here (a frozen window, an odd registry…).
  console.error("[progressive-profile] internal: could not start:", error);
}
