// <progressive-profile config="/questions.json" endpoint=… user=… visit=… known=… locale=…>
// mounts inline where it stands (SPEC §3): the element itself is the widget's host.
import { mount, type Widget } from "./widget";
import { optionsFromAttributes } from "./widget/options";

export const ELEMENT_TAG = "progressive-profile";

/** Defines the custom element once; a second call (two script tags) is a no-op. */
export function defineElement(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry || registry.get(ELEMENT_TAG)) return;
  registry.define(
    ELEMENT_TAG,
    class ProgressiveProfileElement extends HTMLElement {
      /** The mounted widget, for hosts that want track()/identify() on an element they wrote. */
      widget: Promise<Widget> | null = null;

      // A page (or a framework) that logs the person in changes `user` (and `visit`): as identify().
      static observedAttributes = ["user", "visit"];

      attributeChangedCallback(_name: string, old: string | null, value: string | null) {
        const user = this.getAttribute("user");
        if (this.widget && user && old !== value) void this.widget.then((w) => w.identify(user, { visit: this.getAttribute("visit") ?? undefined }));
      }

      connectedCallback() {
        if (this.widget) return;
        // No `config` attribute still mounts: the widget reports the missing config once.
        this.widget = mount(optionsFromAttributes(this, "") ?? { config: "" }, this);
      }

      disconnectedCallback() {
        const widget = this.widget;
        this.widget = null;
        void widget?.then((w) => w.destroy());
      }
    },
  );
}
