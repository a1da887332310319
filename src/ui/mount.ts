// The one module that touches the page: it makes our host element, its shadow root and the
// shadow root's stylesheet. Everything else renders inside the shadow root. Strict CSP with
// Trusted Types blocks <style> elements, style="" strings and innerHTML, so the CSS is a
// constructed sheet (adoptedStyleSheets) and the theme is set through CSSOM setProperty.
import type { Theme } from "../config/schema";
import css from "./styles.css?inline";

export const HOST_TAG = "progressive-profile-root";

export interface Host {
  host: HTMLElement;
  shadow: ShadowRoot;
  /**
   * Puts our element back where it was put if the page took it out (a framework re-rendering
   * <body>) and that place is in the page; true when it did. The page's own element (the
   * custom element) is its author's.
   */
  place(): boolean;
  dispose(): void;
}

// One parsed sheet, shared by every widget on the page (they all live in the page's document).
let sheet: CSSStyleSheet | undefined;

/**
 * Creates the host (or takes the page's own `element`, e.g. <progressive-profile>) with an
 * open shadow root and our stylesheet. It is put in the page at once, empty and harmless,
 * so events (even a bad config's `error`) reach listeners on `document`. Inline mode goes
 * into `target`; floating and modal go to the end of <body> (or of <html>, below).
 */
export function createHost(doc: Document, opts: { target?: Element | null; element?: HTMLElement }): Host {
  const own = !opts.element;
  const host = opts.element ?? doc.createElement(HOST_TAG);
  // Called from <head> before there is a body: at the end of <html>, and it stays there (a move
  // would take an open popover or modal dialog out of the top layer, and the card with it).
  // The page's own element stays where its author put it, even out of the page (taken out while
  // its widget was being mounted: that widget ends as soon as it is ready).
  if (own) (opts.target ?? doc.body ?? doc.documentElement).append(host);
  // A custom element may have attached its root already (or we did, on an earlier mount).
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  shadow.adoptedStyleSheets = [sheet];
  return {
    host,
    shadow,
    place() {
      // An inline target the page has detached (a view kept aside) keeps the form: it comes
      // back with the view, not at the end of <body>.
      const parent = opts.target ?? doc.body ?? doc.documentElement;
      if (!own || host.isConnected || !parent.isConnected) return false;
      parent.append(host);
      return true;
    },
    dispose() {
      shadow.replaceChildren();
      if (own) host.remove();
      else {
        // The page's own element stays where its author put it; only our traces go.
        shadow.adoptedStyleSheets = [];
        for (const name of THEME_PROPS) host.style.removeProperty(name);
      }
    },
  };
}

const THEME_PROPS = ["--pp-accent", "--pp-radius", "--pp-font"] as const;

/**
 * Theme values become custom properties on the host (CSSOM writes are allowed by CSP where
 * style strings are not). All three are always set, defaults included, and as `important`:
 * an inline important value beats any page rule aimed at our element or inherited from
 * :root, so the page's own --pp-* never reach the card. A font of "inherit" (the default) is
 * the invalid `initial`: the card's font-family then falls back to the page's, inherited
 * through the host.
 */
export function applyTheme(host: HTMLElement, theme: Theme = {}): void {
  const values = [theme.accent ?? "#4f46e5", theme.radius ?? "8px", theme.font === "inherit" ? undefined : theme.font];
  THEME_PROPS.forEach((name, i) => host.style.setProperty(name, values[i] ?? "initial", "important"));
}
