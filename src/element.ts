// <progressive-profile config="/questions.json" endpoint=… user=… visit=… known=… locale=…>
// mounts inline where it stands (SPEC §3): the element itself is the widget's host.
import { mount, type Widget } from "./widget";
import { optionsFromAttributes, type MountOptions } from "./widget/options";

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
      // A new `config`, `endpoint` or `locale` is another form: the widget is mounted again.
      static observedAttributes = ["user", "visit", "known", "config", "endpoint", "locale"];
      #changed: Set<string> | null = null;
      /** Whether the widget has read the attributes (a microtask after the element came in). */
      #read = false;

      attributeChangedCallback(name: string, old: string | null, value: string | null) {
        if (old === value || !this.#read) return;
        if (this.#changed) return void this.#changed.add(name);
        const changed = (this.#changed = new Set([name]));
        const widget = this.widget!;
        void widget.then((w) => {
          if (this.#changed !== changed) return;
          if (["config", "endpoint", "locale"].some((n) => changed.has(n))) return (this.#unmount(), this.#mount());
          this.#changed = null;
          const user = this.getAttribute("user");
          const known = changed.has("known") ? (this.getAttribute("known") ?? undefined) : undefined;
          if (user) return w.identify(user, { visit: this.getAttribute("visit") ?? undefined, known });
        });
      }

      /** The last widget's teardown: a new one mounts after it, as both use this element's shadow root. */
      #gone: Promise<unknown> = Promise.resolve();

      // The attributes are read once the teardown is over, a microtask at least after the element
      // came in: a framework that puts the element in the page and then sets its bindings, in
      // one task, mounts with them. (No `config` attribute still mounts: the widget reports it once.)
      #mount() {
        this.widget = this.#gone.then(() => {
          this.#read = true;
          return mount(optionsFromAttributes(this, "") ?? ({} as MountOptions), this);
        });
      }

      #unmount() {
        const widget = this.widget!;
        this.widget = null;
        // Changes not taken yet belong to the next widget, which reads the attributes as they are.
        this.#changed = null;
        this.#read = false;
        this.#gone = widget.then((w) => w.destroy());
      }

      connectedCallback() {
        if (!this.widget) this.#mount();
      }

      disconnectedCallback() {
        // A move (a keyed list reordered, append() of an element already in the page) takes the
        // element out and puts it back in one task: it keeps its widget, and the card on screen.
        queueMicrotask(() => {
          if (!this.isConnected && this.widget) this.#unmount();
        });
      }
    },
  );
}
