// <progressive-profile config="/questions.json" endpoint=… user=… visit=… known=… locale=…>
// mounts inline where it stands (SPEC §3): the element itself is the widget's host.
import { mount, type Widget } from "./widget";
import { optionsFromAttributes } from "./widget/options";

const ELEMENT_TAG = "progressive-profile";

/** Defines the custom element once; a second call (two script tags) is a no-op. */
export function defineElement(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry || registry.get(ELEMENT_TAG)) return;
  registry.define(
    ELEMENT_TAG,
    class ProgressiveProfileElement extends HTMLElement {
      /** The mounted widget, for hosts that want track()/identify() on an element they wrote. */
      widget: Promise<Widget> | null = null;

      // A page (or a framework) that logs the person in changes `user` (and `visit`), and one that
      // learns more of the person sets `known`: as one identify() for the attributes changed
      // together. `known` goes with it only when it changed: another user's login must not take
      // in what the page knew of the one before (so a new user's `known` is set with or after `user`).
      static observedAttributes = ["user", "visit", "known"];
      #changed: Set<string> | null = null;

      attributeChangedCallback(name: string, old: string | null, value: string | null) {
        if (old === value || !this.widget) return;
        if (this.#changed) return void this.#changed.add(name);
        const changed = (this.#changed = new Set([name]));
        void this.widget.then((w) => {
          if (this.#changed !== changed) return;
          this.#changed = null;
          const user = this.getAttribute("user");
          const known = changed.has("known") ? (this.getAttribute("known") ?? undefined) : undefined;
          if (user) return w.identify(user, { visit: this.getAttribute("visit") ?? undefined, known });
        });
      }

      /** The last widget's teardown: a new one mounts after it, as both use this element's shadow root. */
      #gone: Promise<unknown> = Promise.resolve();

      connectedCallback() {
        if (this.widget) return;
        // No `config` attribute still mounts: the widget reports the missing config once.
        const options = optionsFromAttributes(this, "") ?? { config: "" };
        this.widget = this.#gone.then(() => mount(options, this));
      }

      disconnectedCallback() {
        // A move (a keyed list reordered, append() of an element already in the page) takes the
        // element out and puts it back in one task: it keeps its widget, and the card on screen.
        queueMicrotask(() => {
          const widget = this.widget;
          if (this.isConnected || !widget) return;
          this.widget = null;
          // Changes not taken yet belong to the next widget, which reads the attributes as they are.
          this.#changed = null;
          this.#gone = widget.then((w) => w.destroy());
        });
      }
    },
  );
}
