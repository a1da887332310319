// Backend page: draws /api/people (each person's answers by visit, with the message each
// came in) and /api/log (every delivery attempt, faults and repeats included), and keeps
// them current while "Live updates" is on, so a visitor can watch retries arrive.
// DOM built with createElement/textContent only: answers are shown as text, never as markup.
const POLL_MS = 2000;
const peopleBox = document.getElementById("people");
const logBox = document.getElementById("log");
const live = document.getElementById("live");
let lastDrawn = "";

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const time = (iso) => new Date(iso).toLocaleTimeString("en-GB");
const showValue = (value) => (Array.isArray(value) ? value.join(", ") : String(value));

function table(caption, headings, rows) {
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      {},
      el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows),
    ),
  );
}

/** One row per answer (and per skipped question) of each message, grouped by visit. */
function answerRows(person) {
  const rows = [];
  for (const { visit, messages } of person.visits) {
    for (const m of messages) {
      const received = m.repeats ? `${time(m.receivedAt)} (and ${m.repeats} repeat${m.repeats === 1 ? "" : "s"}, not stored again)` : time(m.receivedAt);
      const cells = (question, answer) => [
        el("td", { text: String(visit) }),
        el("th", { scope: "row", text: question }),
        el("td", { class: "answer", text: answer }),
        el("td", {}, el("code", { text: m.messageId }), ` ${m.format}`),
        el("td", { text: received }),
      ];
      for (const [id, value] of Object.entries(m.answers)) rows.push(el("tr", {}, cells(id, showValue(value))));
      for (const id of m.skipped) rows.push(el("tr", { class: "skipped" }, cells(id, "(skipped)")));
      if (!Object.keys(m.answers).length && !m.skipped.length) rows.push(el("tr", {}, cells("—", "(empty message)")));
    }
  }
  return rows;
}

function drawPerson(person) {
  const titleId = `person-${person.person.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const count = Object.keys(person.traits).length;
  const meta = [
    person.userId ? `${person.logins} login${person.logins === 1 ? "" : "s"}` : "anonymous (no user id)",
    person.anonymousIds.length ? `anonymous id ${person.anonymousIds.join(", ")}` : null,
    `${count} answer${count === 1 ? "" : "s"} stored`,
  ].filter(Boolean);
  const traits = Object.entries(person.traits).map(([id, value]) => [el("dt", { text: id }), el("dd", { text: showValue(value) })]);
  return el(
    "article",
    { class: "person", "aria-labelledby": titleId },
    el("h3", { id: titleId, text: person.person }),
    el("p", { class: "meta", text: meta.join(" · ") }),
    person.visits.length
      ? [
          table(`Answers of ${person.person}, by visit`, ["Visit", "Question", "Answer", "Message", "Received"], answerRows(person)),
          el("h4", { text: "Profile now" }),
          el("dl", { class: "order" }, traits),
        ]
      : el("p", { text: "Logged in, no answers yet." }),
  );
}

function drawLog(deliveries) {
  if (!deliveries.length) return el("p", { text: "No deliveries yet." });
  const rows = deliveries.map((d) =>
    el(
      "tr",
      {},
      el("td", { text: time(d.at) }),
      el("td", { class: d.status < 300 ? "status-ok" : "status-bad", text: String(d.status) }),
      el("td", { text: d.outcome }),
      el("td", {}, d.idempotencyKey ? el("code", { text: d.idempotencyKey }) : "—"),
      el("td", { text: d.latencyMs ? `${d.detail} (after ${d.latencyMs} ms)` : d.detail }),
    ),
  );
  return table("Delivery attempts, newest first", ["Time", "Status", "Outcome", "Idempotency-Key", "Detail"], rows);
}

async function refresh() {
  const [people, log] = await Promise.all([fetch("/api/people"), fetch("/api/log")].map((p) => p.then((r) => r.json())));
  // Redraw only on change: a steady page keeps the reader's place and focus.
  const snapshot = JSON.stringify([people, log]);
  if (snapshot === lastDrawn) return;
  lastDrawn = snapshot;
  peopleBox.replaceChildren(
    ...(people.people.length
      ? people.people.map(drawPerson)
      : [el("p", { text: "No one yet. Log in on the Account page and answer the form." })]),
  );
  logBox.replaceChildren(drawLog(log.deliveries));
}

async function loop() {
  try {
    // Paused by the reader, or nobody looking (a background tab): no requests.
    if (live?.checked !== false && !document.hidden) await refresh();
  } catch (error) {
    console.warn("Backend page: could not refresh:", error);
  }
  setTimeout(loop, POLL_MS);
}

loop();
