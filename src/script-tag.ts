// The script tag (SPEC §3): defines window.ProgressiveProfile, the <progressive-profile>
// element, and mounts from the tag's data-* attributes when it has data-config.
import { validate } from "./config/validate";
import { LIBRARY } from "./core/encode";
import { defineElement } from "./element";
import { mount, type Widget } from "./widget";
import { optionsFromAttributes } from "./widget/options";

export interface ProgressiveProfileGlobal {
  mount: typeof mount;
  validate: typeof validate;
  version: string;
  /** The widget mounted from this script tag's data-* attributes, once mounted. */
  widget: Widget | null;
  /** Resolves to that widget (or null when the tag has no data-config). */
  ready: Promise<Widget | null>;
}

declare global {
  interface Window {
    ProgressiveProfile?: ProgressiveProfileGlobal;
  }
}

// Read now: document.currentScript is only set while this script first runs (async or not).
const script = document.currentScript;

const api: ProgressiveProfileGlobal = {
  mount,
  validate,
  version: LIBRARY.version,
  widget: null,
  ready: Promise.resolve(null),
};

function whenDomReady(run: () => void): void {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
}

try {
  window.ProgressiveProfile = api;
  defineElement();
  const options = script instanceof HTMLScriptElement ? optionsFromAttributes(script, "data-") : null;
  if (options) {
    api.ready = new Promise((resolve) =>
      whenDomReady(() => {
        void mount(options).then((widget) => {
          api.widget = widget;
          resolve(widget);
        });
      }),
    );
  }
} catch (error) {
  // Never throw into the host page, even here (a frozen window, an odd registry…).
  console.error("[progressive-profile] internal: could not start:", error);
}
