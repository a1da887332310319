// Account (the demo's identity provider: log in, log in again, log out, reset) and the
// strict-CSP page, which is the account view again under SPEC §8's header.
import { html } from "./html.mjs";
import { layout, widgetSnippet } from "./layout.mjs";

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

const NEXT_STAGE = {
  1: "your name and email",
  2: "your address, birthday and phone",
  3: "your company, its size and industry",
};

// What the form asks is the widget's to work out (SPEC §5); the page only says what is new.
const CARRIED = "What is still unanswered from earlier logins comes first (three questions a login at most), and a question skipped or put off with \u201cNot now\u201d sits out the next login (snoozeVisits: 1) and comes back at the one after.";

export function accountPage(session) {
  const main = session.user ? signedIn(session) : signIn();
  return layout({ title: "Account", session, path: "/account", main, scripts: ["/assets/shop.js"] });
}

function signIn() {
  return html`
    <h1>Log in</h1>
    <section class="panel" aria-labelledby="login-title">
      <h2 id="login-title">Demo sign-in</h2>
      <p>No password: pick any user name. Each login counts as a new visit, the way an identity
      provider's login count would, and the shop passes that count to the widget.</p>
      <form method="post" action="/login" class="stack">
        <label for="user">User name</label>
        <input id="user" name="user" value="alex" required maxlength="40" pattern="[A-Za-z0-9_.@\\-]{1,40}"
          autocomplete="username" aria-describedby="user-hint">
        <p id="user-hint" class="hint">Letters, digits and <code>_ . @ -</code>, up to 40 characters.</p>
        <button>Log in</button>
      </form>
    </section>`;
}

function signedIn(session) {
  const asks = NEXT_STAGE[session.visit];
  return html`
    <h1>Your account</h1>
    <section class="panel" aria-labelledby="visit-title">
      <h2 id="visit-title">Login ${session.visit}</h2>
      <p>You are signed in as <strong>${session.user}</strong>. This is your login number ${session.visit}, so this
      page embeds the widget with <code>data-visit="${session.visit}"</code>.</p>
      ${asks
        ? html`<p>From this login on, ${asks} are due${session.visit === 2 ? " (a purchase makes them due earlier)" : ""}. ${CARRIED}</p>`
        : html`<p>The example config has no stage past login 3: no new questions are due. ${CARRIED}</p>`}
      <div class="actions">
        <form method="post" action="/login">
          <input type="hidden" name="user" value="${session.user}">
          <button>Log in again (login ${session.visit + 1})</button>
        </form>
        <form method="post" action="/reset" id="reset-form">
          <button class="danger">Reset the demo</button>
        </form>
      </div>
      <p class="hint" id="reset-hint">Reset deletes your answers and logins from the backend and calls
      <code>widget.forget()</code>, which clears this browser's form state.</p>
    </section>
    <section class="panel" aria-labelledby="snippet-title">
      <h2 id="snippet-title">What the page embeds</h2>
      <pre><code>${widgetSnippet(session)}</code></pre>
    </section>`;
}

export function cspPage(session) {
  const main = html`
    <h1>Strict Content Security Policy</h1>
    <section class="panel" aria-labelledby="csp-title">
      <h2 id="csp-title">This page is served with</h2>
      <pre><code>Content-Security-Policy: ${STRICT_CSP}</code></pre>
      <p>No inline script, no inline style, no <code>eval</code>, Trusted Types required for script sinks.
      The widget still works: it renders into its own Shadow DOM with a constructed stylesheet.</p>
      <p id="csp-status" role="status" class="csp-status">Listening for policy violations…</p>
      ${session.user ? html`<p>The form for login ${session.visit} appears on this page as on any other.</p>` : html`<p><a href="/account">Log in</a> to see the form on this page.</p>`}
    </section>`;
  return layout({ title: "Strict CSP", session, path: "/csp", main, scripts: [{ src: "/assets/csp-check.js", early: true }] });
}
