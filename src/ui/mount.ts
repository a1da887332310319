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
  dispose(): void;
}

// One parsed sheet per document, shared by every widget on the page.
const sheets = new WeakMap<Document, CSSStyleSheet>();

function sheetFor(doc: Document): CSSStyleSheet {
  let sheet = sheets.get(doc);
  if (!sheet) {
    // A constructed sheet may only be adopted in the document whose window built it.
    const Sheet = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
    sheet = new Sheet();
    sheet.replaceSync(css);
    sheets.set(doc, sheet);
  }
  return sheet;
}

/**
 * Creates the host (or takes the page's own `element`, e.g. <progressive-profile>) with an
 * open shadow root and our stylesheet. It is put in the page at once, empty and harmless,
 * so events (even a bad config's `error`) reach listeners on `document`. Inline mode goes
 * into `target`; floating and modal go to the end of <body> (after DOMContentLoaded when the
 * script runs in <head> before there is a body).
 */
export function createHost(doc: Document, opts: { target?: Element | null; element?: HTMLElement }): Host {
  const own = !opts.element;
  const host = opts.element ?? doc.createElement(HOST_TAG);
  const place = () => (opts.target ?? doc.body)?.append(host);
  let waiting = false;
  if (own || !host.isConnected) {
    if (opts.target || doc.body) place();
    else {
      waiting = true;
      doc.addEventListener("DOMContentLoaded", place, { once: true });
    }
  }
  // A custom element may have attached its root already (or we did, on an earlier mount).
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [sheetFor(doc)];
  return {
    host,
    shadow,
    dispose() {
      if (waiting) doc.removeEventListener("DOMContentLoaded", place);
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
 * style strings are not). A font of "inherit" (the default) sets nothing: the sheet then
 * inherits the page's font through the host.
 */
export function applyTheme(host: HTMLElement, theme?: Theme): void {
  const values: Record<(typeof THEME_PROPS)[number], string | undefined> = {
    "--pp-accent": theme?.accent,
    "--pp-radius": theme?.radius,
    "--pp-font": theme?.font === "inherit" ? undefined : theme?.font,
  };
  for (const name of THEME_PROPS) {
    const value = values[name];
    if (value) host.style.setProperty(name, value);
    else host.style.removeProperty(name);
  }
}
