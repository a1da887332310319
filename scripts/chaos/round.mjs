// One chaos round: one person on one device (a fresh browser context), 1–3 tabs opened
// together, a seeded series of actions under backend faults and offline periods, then the
// settle phase (online, faults cleared, flush until the outbox is empty, bounded) and the
// raw material the checks need.
import { createRng } from "./rng.mjs";
import { backendClient } from "./backend.mjs";
import { chooseAction } from "./actions.mjs";
import { SABOTAGE } from "./sabotage.mjs";
import { hostHtml, markKeepaliveRequests, outboxStatus, recordRequests, flushTab, storedVisits, widgetReady } from "./tabs.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * How long the settle phase may take to empty the outbox. A tab hidden and then closed or
 * reloaded leaves its keepalive POSTs' messages leased, by design, for KEEPALIVE_LEASE_MS
 * (45 s, src/transport/sender.ts) from the request's start, and a keepalive POST that timed out
 * (DELIVERY_TIMEOUT_MS, 10 s) is leased anew from then: up to 55 s in which no tab may send
 * them. Then the flush owed since the settle began sends them. A bound of 45 s, the lease
 * itself, failed now and then (CI, seed 1919529093) on a lease taken in the round's last
 * actions.
 */
export const SETTLE_MS = 70_000;

/**
 * Runs the round of `seed` against the e2e server at `baseUrl` with `config` (the B2B
 * example). Resolves with what happened; never throws for what the widget does.
 */
export async function runRound({ browser, baseUrl, config, seed, actions = 24, settleMs = SETTLE_MS, sabotage = 0 }) {
  const rng = createRng(seed);
  const backend = backendClient(baseUrl, `chaos-${seed}`);
  await backend.reset();
  const counted = rng.chance(0.35); // the widget counts visits (no data-visit, no data-user)
  const state = { visit: counted ? null : rng.int(1, 2), offline: false };
  const user = counted ? null : `u_chaos_${seed}`;
  const path = `/chaos/round-${seed}.html`;
  const roundConfig = { ...config, endpoint: backend.endpoint };
  const attributes = () => ({
    "data-config": "#pp-config",
    "data-locale": "en",
    ...(user ? { "data-user": user } : {}),
    ...(state.visit !== null ? { "data-visit": state.visit } : {}),
  });
  const startedAt = Date.now();
  const context = await browser.newContext({ baseURL: baseUrl });
  await context.addInitScript(markKeepaliveRequests);
  if (SABOTAGE[sabotage]) await context.addInitScript(SABOTAGE[sabotage]);
  await context.route(`${baseUrl}${path}`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: hostHtml(roundConfig, attributes()) }),
  );
  const pageIds = new WeakMap();
  const recorder = recordRequests(context, (request) => {
    try {
      return pageIds.get(request.frame().page()) ?? null;
    } catch {
      return null;
    }
  });
  const round = {
    seed,
    rng,
    config,
    backend,
    context,
    state,
    tabs: [],
    attempts: [],
    // Questions a Skip was pressed on, in any tab: after one, another tab's reload can show a
    // later question whether or not that tab's own answer to it was saved.
    skipped: new Set(),
    trace: [],
    note: (text) => round.trace.push(`${Date.now() - startedAt} ms: ${text}`),
    pageErrors: [],
    widgetErrors: [],
    visitsUsed: new Set(state.visit !== null ? [state.visit] : []),
    figures: { reloads: 0, tabsOpened: 0, offlinePeriods: 0, faultScripts: 0, maxTabs: 0, hidden: 0 },
    async openTab() {
      const page = await context.newPage();
      const tab = { id: round.figures.tabsOpened++, page };
      pageIds.set(page, tab.id);
      page.on("pageerror", (error) => round.pageErrors.push(`tab ${tab.id}: ${error.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error" && msg.text().includes("[progressive-profile]")) round.widgetErrors.push(msg.text());
      });
      round.tabs.push(tab);
      round.figures.maxTabs = Math.max(round.figures.maxTabs, round.tabs.length);
      await round.online();
      await page.goto(path, { timeout: 15_000 }).catch(() => {});
      await widgetReady(page);
      return tab;
    },
    async reloadTab(tab) {
      round.figures.reloads++;
      // A page cannot load while the browser is offline; the person comes back online first.
      await round.online();
      await tab.page.reload({ timeout: 15_000 }).catch(() => {});
      await widgetReady(tab.page);
    },
    async closeTab(tab) {
      if (round.tabs.length <= 1) return round.reloadTab(tab);
      round.tabs = round.tabs.filter((t) => t !== tab);
      await tab.page.close().catch(() => {});
      recorder.tabClosed(tab.id);
    },
    async online() {
      if (!state.offline) return;
      state.offline = false;
      await context.setOffline(false);
    },
    /** The host's next login: every tab reloads with the new data-visit. */
    async nextVisit() {
      state.visit += 1;
      round.visitsUsed.add(state.visit);
      await Promise.all(round.tabs.map((tab) => round.reloadTab(tab)));
    },
  };

  // Tabs opened together must agree on one anonymous id and count one visit.
  await Promise.all(Array.from({ length: rng.int(1, 3) }, () => round.openTab()));
  for (let i = 0; i < actions; i++) {
    if (round.tabs.length === 0) await round.openTab();
    const [name, run] = chooseAction(round);
    round.note(name);
    await run();
  }

  // Settle: back online, a healthy backend, flush until nothing is pending (bounded).
  await round.online();
  await backend.faults([]);
  if (round.tabs.length === 0) await round.openTab();
  const settleUntil = Date.now() + settleMs;
  let outbox = null;
  while (Date.now() < settleUntil) {
    const page = round.tabs[0].page;
    await flushTab(page, 12_000);
    outbox = await outboxStatus(page).catch(() => null);
    if (outbox && outbox.pending === 0) break;
    await sleep(300);
  }
  await sleep(300);
  const visits = await storedVisits(round.tabs[0].page).catch(() => []);
  const log = await backend.log();
  recorder.close();
  await context.close();
  return {
    seed,
    counted,
    user,
    visitsUsed: [...round.visitsUsed],
    attempts: round.attempts,
    trace: round.trace,
    startedAt,
    requests: recorder.all,
    log,
    outbox,
    storedVisits: visits,
    pageErrors: round.pageErrors,
    widgetErrors: round.widgetErrors,
    figures: { ...round.figures, ms: Date.now() - startedAt },
    origin: new URL(baseUrl).origin,
  };
}
