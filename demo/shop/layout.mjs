// The frame every demo page shares: header with navigation and sign-in state, the form
// language switch, a banner when a fault switch is on, and — for a signed-in visitor — the
// SPEC §3 script tag, filled in the way a host with an identity provider would.
import { attributes, html } from "./html.mjs";

const SHOP_NAME = "Hinoki Office Supply";

const NAV = [
  { href: "/", label: "Shop" },
  { href: "/account", label: "Account" },
  { href: "/backend", label: "Backend" },
  { href: "/simulator", label: "Simulator" },
  { href: "/csp", label: "Strict CSP" },
];

/** The script tag a host pastes, with this visitor's user id and login count. */
export function widgetTag(session) {
  const endpoint = session.faultQuery ? `/api/profile?${session.faultQuery}` : null;
  return html`<script${attributes({
    src: "/progressive-profile.js",
    "data-config": "/questions.json",
    "data-endpoint": endpoint,
    "data-user": session.user,
    "data-visit": String(session.visit),
    "data-locale": session.lang,
  })} async></script>`;
}

/** The same tag as readable text, for the pages that explain what the host does. */
export const widgetSnippet = (session) =>
  widgetTag(session).toString().replace(/ data-/g, "\n        data-").replace(" async>", "\n        async>");

export function layout({ title, session, path, main, scripts = [], styles = [], widget = true, bodyClass = "" }) {
  const nav = NAV.map(({ href, label }) => {
    const current = href === "/" ? path === "/" || path.startsWith("/products") || path.startsWith("/checkout") : path.startsWith(href);
    return html`<li><a${attributes({ href, "aria-current": current ? "page" : null })}>${label}</a></li>`;
  });
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${SHOP_NAME}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/shop.css">
${styles.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${scripts.map(scriptTag)}</head>
<body${attributes({ class: bodyClass || null })}>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <div class="bar">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">檜</span> ${SHOP_NAME}</a>
    <nav aria-label="Main"><ul>${nav}</ul></nav>
    ${accountStatus(session, path)}
  </div>
</header>
${faultBanner(session)}
<main id="main" tabindex="-1">
${main}
</main>
<footer class="site-footer">
  <p>A demo of <strong>progressive-profile</strong>: the shop embeds the widget with one script tag,
  the same server stores every answer in SQLite (see <a href="/backend">Backend</a>), and the
  <a href="/simulator">Simulator</a> previews any config.</p>
  ${languageSwitch(session, path)}
</footer>
${session.user && widget ? widgetTag(session) : ""}
</body>
</html>
`;
}

/**
 * A page script: a path is deferred; `{ src, early: true }` runs before the body is parsed
 * (to listen for events from the start); `{ src, module: true }` is an ES module.
 */
function scriptTag(script) {
  const { src, early = false, module = false } = typeof script === "string" ? { src: script } : script;
  if (module) return html`<script type="module" src="${src}"></script>\n`;
  return early ? html`<script src="${src}"></script>\n` : html`<script src="${src}" defer></script>\n`;
}

function accountStatus(session, path) {
  if (!session.user) return html`<p class="who"><a class="button small" href="/account">Log in</a></p>`;
  return html`<div class="who">
      <p>Signed in as <strong>${session.user}</strong> · login ${session.visit}</p>
      <form method="post" action="/logout"><input type="hidden" name="back" value="${path}"><button class="small secondary">Log out</button></form>
    </div>`;
}

function faultBanner(session) {
  if (session.faultError) {
    return html`<p class="fault-banner" role="note">Fault switch ignored: ${session.faultError} Answers given here are delivered as usual.</p>`;
  }
  if (!session.faultQuery) return "";
  return html`<p class="fault-banner" role="note">Fault switch on for this page: answers given here are delivered to
    <code>/api/profile?${session.faultQuery}</code>, ${/(^|&)reject=/.test(session.faultQuery) ? "which refuses them (a 4xx is not retried: the widget reports it and keeps the message as failed)" : "retries included"}. Watch them on the <a href="/backend">Backend</a> page.</p>`;
}

function languageSwitch(session, path) {
  const option = (lang, label) =>
    html`<button name="lang" value="${lang}"${attributes({ "aria-pressed": String(session.lang === lang), lang })}>${label}</button>`;
  return html`<form class="lang" method="post" action="/lang">
    <input type="hidden" name="back" value="${path}">
    <span id="lang-label">Form language</span>
    <span role="group" aria-labelledby="lang-label">${option("en", "English")}${option("ja", "日本語")}</span>
  </form>`;
}
