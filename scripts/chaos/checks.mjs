// What a finished round must show (SPEC §7, §8, issue 9), from the backend's log and what the
// browser saw. Every figure here is a count whose goal is zero, except `answers` and the
// fault and request tallies.

const isOk = (outcome) => typeof outcome === "number" && outcome >= 200 && outcome < 300;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function parse(body) {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** Client-side intervals of POSTs with the same Idempotency-Key that overlap in time. */
/**
 * Request times are when the driver hears of them, not when the browser acts. A request
 * aborted by its page's reload or close (not keepalive) ended with that page, whose Web Lock
 * went with it; the driver hears of the abort a little later, under load tens of ms later
 * (the backend check allows the same 50 ms).
 */
const ABORT_REPORT_SLACK_MS = 50;
const effectiveEnd = (r) =>
  r.end === null ? Infinity : r.failure === "net::ERR_ABORTED" && !r.keepalive ? r.end - ABORT_REPORT_SLACK_MS : r.end;

function overlaps(requests) {
  const byKey = new Map();
  for (const r of requests) if (r.key) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const found = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      const earlier = list.slice(0, i).find((r) => effectiveEnd(r) > list[i].start);
      if (earlier) found.push({ key, tabs: [earlier.tab, list[i].tab], at: list[i].start });
    }
  }
  return found;
}

/**
 * A request older than this is past the widget's 10 s timeout and its keepalive lease
 * (KEEPALIVE_LEASE_MS in sender.ts, 45 s, taken again when a keepalive POST times out: 55 s).
 */
const ABANDONED_AFTER_MS = 55_000;
/** The e2e backend's slowest scripted answer here is 600 ms (actions.mjs). */
const SLOWEST_ANSWER_MS = 700;

/**
 * A backend entry flagged `concurrent` overlaps earlier entries for its key that may still be
 * open: hangs (open until the socket closes) and slow answers. Each of those is excused when
 * it was over for the browser (answered, or aborted by a reload or close; a keepalive request
 * outlives its page) or when it is older than any client waits. Anything else is a
 * concurrent duplicate.
 */
function unexplainedServerOverlaps(log, requests) {
  // Over for the browser: answered, or failed and not a keepalive request (which goes on).
  const over = (earlier, entry) =>
    requests.some(
      (r) =>
        r.key === earlier.idempotencyKey &&
        Math.abs(r.start - earlier.at) <= 100 &&
        (r.end ?? Infinity) <= entry.at + 50 &&
        (r.failure === null || !r.keepalive),
    );
  return log.filter((entry) => {
    if (!entry.concurrent) return false;
    const open = log.filter(
      (e) =>
        e !== entry &&
        e.idempotencyKey === entry.idempotencyKey &&
        e.at <= entry.at &&
        (e.outcome === "hang" || e.outcome === null || (typeof e.outcome === "number" && entry.at - e.at < SLOWEST_ANSWER_MS)),
    );
    return open.length === 0 || open.some((e) => !over(e, entry) && entry.at - e.at < ABANDONED_AFTER_MS);
  });
}

/** What the backend and the browser saw of one messageId, in ms since the round started. */
function timeline(result, key) {
  const t = (ms) => (ms === null || ms === undefined ? "open" : ms - result.startedAt);
  const server = result.log.filter((e) => e.idempotencyKey === key).map((e) => `backend ${t(e.at)}: ${e.outcome}${e.concurrent ? " (concurrent)" : ""}`);
  const client = result.requests
    .filter((r) => r.key === key)
    .map((r) => `tab ${r.tab} ${t(r.start)}–${t(r.end)}${r.failure ? ` ${r.failure}` : ""}${r.keepalive ? " keepalive" : ""}`);
  return [...server, ...client].join("; ");
}

export function checkRound(result) {
  const { log, attempts, requests } = result;
  const failures = [];
  const fail = (what, detail) => failures.push(`${what}: ${JSON.stringify(detail)}${detail?.key ? `\n    ${timeline(result, detail.key)}` : ""}`);
  const bodies = log.map((entry) => ({ entry, body: parse(entry.body) }));
  const delivered = bodies.filter(({ entry }) => isOk(entry.outcome)).map(({ body }) => body);

  // One messageId per message on every try, equal to the Idempotency-Key; the same body each time.
  let keyMismatches = 0;
  let changedBodies = 0;
  const firstBody = new Map();
  for (const { entry, body } of bodies) {
    if (!body || entry.idempotencyKey !== body.messageId) {
      keyMismatches++;
      fail("Idempotency-Key differs from messageId", { key: entry.idempotencyKey, messageId: body?.messageId });
      continue;
    }
    const { sentAt, ...rest } = body;
    const first = firstBody.get(body.messageId);
    if (!first) firstBody.set(body.messageId, rest);
    else if (!same(first, rest)) {
      changedBodies++;
      fail("a retry changed the message", { messageId: body.messageId });
    }
  }

  // Every submitted answer the form acknowledged arrived; "reasked" after a reload is not submitted.
  const attemptsOf = (qid) => attempts.filter((a) => a.qid === qid && a.typed);
  const required = attempts.filter((a) => a.acked || (a.clicked && a.reasked === false && !a.skippedBefore && attemptsOf(a.qid).length === 1));
  // Each required answer is matched to a delivered message of its own (a message carries one
  // step's answer): two tabs that pick the same option for one question sent two messages, and
  // one message that arrived must not stand for both. (Retries of a message are one message.)
  const messages = [...new Map(delivered.filter((m) => m?.answers).map((m) => [m.messageId, m])).values()];
  const matched = new Set();
  const arrived = (a) => {
    const m = messages.find((m) => !matched.has(m) && Object.hasOwn(m.answers, a.qid) && same(m.answers[a.qid], a.value));
    if (m) matched.add(m);
    return m !== undefined;
  };
  const lost = required.filter((a) => !arrived(a));
  for (const a of lost) {
    const seen = bodies.filter(({ body }) => body?.answers && Object.hasOwn(body.answers, a.qid));
    fail("lost answer", { ...a, backendSaw: seen.map(({ entry, body }) => `${JSON.stringify(body.answers[a.qid])} → ${entry.outcome} at ${entry.at - result.startedAt} ms`) });
  }

  // Nothing delivered that the person did not type and submit.
  let phantoms = 0;
  for (const m of delivered) {
    for (const [qid, value] of Object.entries(m?.answers ?? {})) {
      if (!attemptsOf(qid).some((a) => same(a.value, value))) {
        phantoms++;
        fail("delivered an answer nobody submitted", { qid, messageId: m.messageId });
      }
    }
  }

  const clientOverlaps = overlaps(requests);
  for (const o of clientOverlaps) fail("one messageId in flight twice at once (browser side)", o);
  const serverOnly = unexplainedServerOverlaps(log, requests).filter((e) => !clientOverlaps.some((o) => o.key === e.idempotencyKey));
  for (const e of serverOnly) fail("one messageId in flight twice at once (backend side)", { key: e.idempotencyKey, at: e.at });
  const serverAfterAbort = log.filter((e) => e.concurrent).length - unexplainedServerOverlaps(log, requests).length;

  // Visits: the widget's own count stays 1 in a round (tabs together, reloads, < 30 min);
  // with data-visit, only the visits the host gave. One device: one anonymous id.
  const visitErrors = delivered.filter((m) => (result.counted ? m?.visit !== 1 : !result.visitsUsed.includes(m?.visit))).length;
  if (visitErrors) fail("delivered with a visit the round never had", { counted: result.counted, visits: [...new Set(delivered.map((m) => m?.visit))] });
  if (result.counted && result.storedVisits.some((v) => v !== 1)) fail("stored visit is not 1", result.storedVisits);
  const anonymousIds = new Set(bodies.map(({ body }) => body?.anonymousId));
  if (anonymousIds.size > 1) fail("tabs of one device used several anonymous ids", [...anonymousIds]);
  const wrongUser = delivered.filter((m) => m?.userId !== result.user).length;
  if (wrongUser) fail("delivered with another userId", { expected: result.user });

  const foreign = requests.filter((r) => new URL(r.url).origin !== result.origin);
  for (const r of foreign) fail("request to another origin", r.url);
  for (const e of result.pageErrors) fail("exception into the host page", e);
  if (!result.outbox || result.outbox.pending > 0 || result.outbox.failed > 0) fail("outbox not empty after the settle phase", result.outbox);

  const outcomes = {};
  for (const e of log) outcomes[String(e.outcome)] = (outcomes[String(e.outcome)] ?? 0) + 1;
  return {
    seed: result.seed,
    failures,
    trace: result.trace,
    figures: {
      answers: required.length,
      submitted: attempts.filter((a) => a.clicked).length,
      // Submitted but not required to arrive (closed or reloaded right after Submit, with
      // nothing to tell whether it became durable first): how much the lost check cannot see.
      unverified: attempts.filter((a) => a.clicked && !required.includes(a)).length,
      lost: lost.length,
      concurrentDuplicates: clientOverlaps.length + serverOnly.length,
      serverOverlapsAfterAbort: serverAfterAbort,
      keyMismatches,
      changedBodies,
      phantoms,
      visitErrors,
      foreignRequests: foreign.length,
      pageErrors: result.pageErrors.length,
      posts: log.length,
      messages: firstBody.size,
      outcomes,
      ...result.figures,
    },
  };
}
