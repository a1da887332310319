// What happens during a chaos round, one action at a time: the person answers (and sometimes
// the page is reloaded or closed right after Submit), skips, says "Not now", opens and closes
// tabs, goes offline; the backend's fault script changes. Each action is chosen by the
// round's seeded random source, so a round replays from its seed.
import { answerAndSubmit, clickButton, currentQuestion, flushTab, movedOn, settledOn } from "./tabs.mjs";

/** Fault entries and their weights; "hang" costs 10 s of the round, so it is rare. */
const FAULTS = [
  [3, () => 503],
  [1, () => 500],
  [1, () => 502],
  [2, () => 429],
  [2, () => "drop"],
  [0.3, () => "hang"],
  [1, (rng) => ({ status: 503, delayMs: rng.int(100, 400) })],
  [1, (rng) => ({ status: 200, delayMs: rng.int(100, 600) })],
  [1, () => 200],
];

/** A fresh value for `question`; text values carry the round and a counter, so each is unique. */
function valueFor(qid, question, tag, rng) {
  switch (question.type) {
    case "email":
      return `ada.${tag}@example.com`;
    case "tel":
      return `+81 3-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`;
    case "date":
      return `19${rng.int(50, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    case "select":
      return rng.pick(question.options).value;
    case "textarea":
      return `${tag} Chaos Street`;
    default:
      return `${qid === "company" ? "Acme" : "Ada"} ${tag}`;
  }
}

async function visibleQuestions(round) {
  const found = [];
  for (const tab of round.tabs) {
    const qid = await currentQuestion(tab.page);
    if (qid) found.push({ tab, qid });
  }
  return found;
}

/** Answers the question on screen in a random tab; `then`: "ack", "reload" or "close". */
async function answer(round, then) {
  const { rng, config, attempts } = round;
  const visible = await visibleQuestions(round);
  if (visible.length === 0) return nothingToAnswer(round);
  const { tab, qid } = rng.pick(visible);
  // A skip a moment ago may still be saving: the person waits for the form to settle.
  if (!(await settledOn(tab.page, qid))) return;
  const question = config.questions[qid];
  const attempt = { qid, value: valueFor(qid, question, `${round.seed}-${attempts.length}`, rng), tab: tab.id, then, typed: false, clicked: false, acked: false, reasked: null };
  attempts.push(attempt);
  round.note(`tab ${tab.id} answers ${qid} = ${JSON.stringify(attempt.value)}, then ${then}`);
  try {
    await answerAndSubmit(tab.page, qid, question, attempt.value, () => (attempt.typed = true));
    attempt.clicked = true;
  } catch (error) {
    attempt.error = String(error).split("\n")[0];
    if (!attempt.typed) return;
  }
  if (then === "ack") {
    // Only a click that happened is a submission the form must keep.
    attempt.acked = attempt.clicked && (await movedOn(tab.page, qid, 8000));
    return;
  }
  if (then === "close" && round.tabs.length > 1) return round.closeTab(tab);
  // Skipped in a tab before this reload, it is not asked again after it either way.
  attempt.skippedBefore = round.skipped.has(qid);
  await round.reloadTab(tab);
  // Asked again after the reload: the submit did not become durable before the page went.
  // Another question on screen: it did, unless a tab had skipped this one. No form at all says
  // neither (e.g. "Not now" earlier).
  let onScreen = null;
  for (let i = 0; i < 30 && onScreen === null; i++) {
    onScreen = await currentQuestion(tab.page);
    if (onScreen === null) await new Promise((r) => setTimeout(r, 50));
  }
  attempt.reasked = onScreen === null ? null : onScreen === qid;
}

/** Presses Skip on the question on screen in `tab`, and notes which. */
async function skip(round, tab) {
  const qid = await currentQuestion(tab.page);
  if (qid === null || !(await clickButton(tab.page, "Skip"))) return;
  round.skipped.add(qid);
  round.note(`tab ${tab.id} skips ${qid}`);
}

/** Nothing on screen: after "Not now" open the form again, else move to the next visit. */
async function nothingToAnswer(round) {
  const { rng } = round;
  if (round.state.visit !== null && round.state.visit < 4 && rng.chance(0.6)) return round.nextVisit();
  const tab = rng.pick(round.tabs);
  await tab.page.evaluate(() => window.ProgressiveProfile?.ready.then((w) => w?.open())).catch(() => {});
}

async function setFaults(round) {
  const { rng } = round;
  const script = Array.from({ length: rng.int(1, 6) }, () => rng.weighted(FAULTS)(rng));
  const retryAfter = rng.pick([null, null, "1", "2"]);
  round.figures.faultScripts++;
  round.note(`faults ${JSON.stringify(script)}${retryAfter ? ` Retry-After ${retryAfter}` : ""}`);
  await round.backend.faults(script, retryAfter);
}

async function toggleOffline(round) {
  round.state.offline = !round.state.offline;
  if (round.state.offline) round.figures.offlinePeriods++;
  await round.context.setOffline(round.state.offline);
}

/**
 * The person switches away (the page becomes hidden: pending messages go out with keepalive),
 * then, sometimes, closes or reloads the tab while those requests may still be in flight.
 */
async function hideTab(round) {
  const { rng } = round;
  const tab = rng.pick(round.tabs);
  round.figures.hidden++;
  round.note(`tab ${tab.id} hidden`);
  await tab.page
    .evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      Object.defineProperty(document, "hidden", { value: true, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    })
    .catch(() => {});
  await new Promise((r) => setTimeout(r, rng.int(0, 400)));
  if (rng.chance(0.5)) return round.closeTab(tab);
  return round.reloadTab(tab);
}

/** The weighted menu of actions: [name, run]. */
export function chooseAction(round) {
  const { tabs, state, rng } = round;
  const tab = () => rng.pick(tabs);
  return rng.weighted([
    [6, ["answer", () => answer(round, "ack")]],
    [1.5, ["answer+reload", () => answer(round, "reload")]],
    [0.7, ["answer+close", () => answer(round, "close")]],
    [0.8, ["skip", () => skip(round, tab())]],
    [0.2, ["not now", async () => clickButton(tab().page, "Not now")]],
    [0.4, ["track", () => tab().page.evaluate(() => window.ProgressiveProfile?.ready.then((w) => w?.track("purchase"))).catch(() => {})]],
    [2, ["reload", () => round.reloadTab(tab())]],
    [0.8, ["hide+leave", () => hideTab(round)]],
    [tabs.length < 3 ? 1 : 0, ["open tab", () => round.openTab()]],
    [tabs.length > 1 ? 0.7 : 0, ["close tab", () => round.closeTab(tab())]],
    [2, ["faults", () => setFaults(round)]],
    [state.offline ? 3 : 1, ["offline/online", () => toggleOffline(round)]],
    [1, ["flush", () => flushTab(tab().page, 1500)]],
    [2, ["wait", () => new Promise((r) => setTimeout(r, rng.int(50, 1500)))]],
    [state.visit !== null && state.visit < 4 ? 0.3 : 0, ["next visit", () => round.nextVisit()]],
  ]);
}
