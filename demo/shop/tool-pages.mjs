// The two pages for the people behind the shop: Backend (what arrived, fault switches) for
// backend engineers, and the Simulator for marketers. Their live parts are drawn by scripts
// (assets/backend.js, the simulator bundle); the server renders the frame and the forms.
import { attributes, html } from "./html.mjs";
import { layout } from "./layout.mjs";

const FAULT_STATUSES = [
  [503, "503 Service Unavailable (retried)"],
  [500, "500 Internal Server Error (retried)"],
  [429, "429 Too Many Requests (retried)"],
  [400, "400 Bad Request (not retried)"],
];

export function backendPage(session, { mode, dbFile }) {
  const statusOptions = FAULT_STATUSES.map(
    ([value, label]) => html`<option${attributes({ value, selected: value === mode.status ? "" : null })}>${label}</option>`,
  );
  const main = html`
    <h1>Backend</h1>
    <p class="lead">Everything the widget delivered to <code>POST /api/profile</code>, as stored in SQLite
    (<code>${dbFile}</code>). JSON: <a href="/api/people">/api/people</a> · <a href="/api/log">/api/log</a>.</p>

    <section class="panel" aria-labelledby="faults-title">
      <h2 id="faults-title">Fault switches</h2>
      <p>Make deliveries fail and watch the widget retry with backoff (1 s, 2 s, 4 s…) in the log below.
      The answers wait in the browser's IndexedDB until the backend takes them.</p>
      <form method="post" action="/api/faults" id="fault-form" class="fault-form">
        <div class="field">
          <label for="failNext">Fail the next deliveries</label>
          <input id="failNext" name="failNext" type="number" min="0" max="1000" value="${mode.failNext}" inputmode="numeric">
        </div>
        <div class="field">
          <label for="status">with status</label>
          <select id="status" name="status">${statusOptions}</select>
        </div>
        <div class="field">
          <label for="latencyMs">Latency for every delivery (ms)</label>
          <input id="latencyMs" name="latencyMs" type="number" min="0" max="30000" step="100" value="${mode.latencyMs}" inputmode="numeric">
        </div>
        <div class="actions">
          <button>Apply</button>
          <button name="clear" value="1" class="secondary">Clear faults</button>
        </div>
      </form>
      <p id="fault-status" role="status">${describeMode(mode)}</p>
      <details>
        <summary>Fault switches on the endpoint's query</summary>
        <p>Open any shop page with a query to have its widget deliver to <code>/api/profile</code> with it, e.g.
        <a href="/account?fail=503">/account?fail=503</a>.</p>
        <ul>
          <li><code>?fail=503</code> answers 503 (or 408, 425, 429, 500–599) to the first 3 attempts of each message, then stores it; <code>&amp;times=5</code> fails the first 5.</li>
          <li><code>?reject=400</code> answers a 4xx the widget does not retry; the browser keeps the message as failed for 7 days.</li>
          <li><code>?latency=1500</code> waits before answering.</li>
        </ul>
      </details>
    </section>

    <section class="panel" aria-labelledby="people-title">
      <div class="section-head">
        <h2 id="people-title">People</h2>
        <div class="live-toggle">
          <input type="checkbox" id="live" checked>
          <label for="live">Live updates</label>
        </div>
      </div>
      <div id="people"><p>Loading…</p></div>
      <form method="post" action="/backend/clear" class="actions">
        <button class="danger secondary">Delete everyone</button>
        <span class="hint">Deletes every row. Browsers keep their own form state: use Reset on the Account page for that.</span>
      </form>
    </section>

    <section class="panel" aria-labelledby="log-title">
      <h2 id="log-title">Delivery log</h2>
      <p class="hint">The last 100 requests to the endpoint, newest first, including faults and repeats of stored messages.</p>
      <div id="log"><p>Loading…</p></div>
    </section>`;
  // No widget here: this page is the shop's back office, not a page its customers visit.
  return layout({ title: "Backend", session, path: "/backend", main, scripts: ["/assets/backend.js"], widget: false });
}

function describeMode(mode) {
  const parts = [];
  if (mode.failNext > 0) parts.push(`the next ${mode.failNext} deliveries get ${mode.status}`);
  if (mode.latencyMs > 0) parts.push(`every delivery waits ${mode.latencyMs} ms`);
  return parts.length ? `Faults on: ${parts.join("; ")}.` : "No faults: deliveries are stored at once.";
}

export function simulatorPage(session, { built }) {
  const main = html`
    <h1>Visitor simulator</h1>
    <p class="lead">Edit a question-sequence config and see, visit by visit, what a person would be asked and why
    everything else is not. Then click through the real form for any visit.</p>
    <div id="simulator"><p>${built ? "Loading the simulator…" : "The simulator did not build when the server started; its console says why."}</p></div>
    <noscript><p>The simulator needs JavaScript.</p></noscript>`;
  return layout({
    title: "Simulator",
    session,
    path: "/simulator",
    main,
    bodyClass: "wide",
    styles: ["/assets/simulator.css"],
    // The real widget, without data-config: the simulator mounts it itself for the preview.
    scripts: ["/progressive-profile.js", { src: "/assets/build/simulator.js", module: true }],
    widget: false,
  });
}
