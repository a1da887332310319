// Starting a widget whose config is valid: the stores (IndexedDB, else memory), this page
// view of the person, what the host and backend already know, the outbox sender and the
// runtime that shows the form.
import type { Config } from "../config/schema";
import type { Answers } from "../core/types";
import { createError, type ErrorCode, type WidgetError } from "../errors";
import type { EventDetail, EventType } from "../events";
import { resolveLocale } from "../i18n/locale";
import { resolveText } from "../i18n/strings";
import { beginPageView, loadOrCreateAnonymousId, personKey } from "../storage/people";
import { openStores, type Store } from "../storage/store";
import { fetchTraits } from "../transport/profile-traits";
import { applyTheme, type Host } from "../ui/mount";
import { createDelivery } from "./delivery";
import type { NormalisedOptions } from "./options";
import { createPersonHandle } from "./person";
import { makeUuid } from "./platform";
import { todayOf } from "../core/answer-shapes";
import { createRuntime, type Runtime } from "./runtime";

/** How long a profileUrl may hold the form back before it is shown without its traits. */
const PROFILE_WAIT_MS = 3000;

export interface Mounted {
  runtime: Runtime;
  /** What the host already knows (data-known, then identify()'s `known`). */
  known: Answers;
  visit(): number;
  stop(): void;
}

/** This page's stores (IndexedDB, else memory), and why IndexedDB is not used when it is not. */
export interface PageStores {
  people: Store;
  outbox: Store;
  unavailable: string | null;
}

/**
 * Starts opening this page's stores, for `start`. Opening a new IndexedDB database is a round
 * trip to the browser's storage process (12–18 ms on the bench machine, 30 ms with the CPU
 * slowed 4×): begun before the config is validated, it runs meanwhile. The memory fallback is
 * announced by `start`, so a page whose config is refused says nothing about storage.
 */
export async function openPageStores(win: Window): Promise<PageStores> {
  let unavailable: string | null = null;
  const stores = await openStores({ indexedDB: pageIndexedDb(win), warn: (text) => (unavailable = text) });
  return { people: stores.people, outbox: stores.outbox, unavailable };
}

interface StartEnv {
  /** From `openPageStores`, when the caller began opening them early; otherwise opened here. */
  stores?: Promise<PageStores>;
  config: Config;
  endpoint: string;
  options: NormalisedOptions;
  host: Host;
  inline: boolean;
  win: Window;
  doc: Document;
  emit: (type: EventType, detail: Partial<EventDetail> & { questionIds: string[] }) => void;
  report: (error: WidgetError) => void;
}

export async function start(env: StartEnv): Promise<Mounted> {
  const { config, options, win, report } = env;
  const storeReport = (code: ErrorCode, detail: Record<string, unknown>) =>
    report(createError(code, code === "storage_corrupt" ? `dropped an unreadable record (${String(detail.key)})` : String(detail.message ?? code), detail));
  const now = () => Date.now();
  applyTheme(env.host.host, config.theme);

  const stores = await (env.stores ?? openPageStores(win));
  if (stores.unavailable !== null) report(createError("storage_unavailable", stores.unavailable));
  const anonymousId = await loadOrCreateAnonymousId(stores.people, makeUuid, storeReport);
  const ids = { anonymousId, userId: options.user };
  const pageView = await beginPageView(
    stores.people,
    personKey(ids),
    { now: now(), timeoutMinutes: config.visitTimeoutMinutes, hostVisit: options.visit, ids },
    storeReport,
  );
  const person = createPersonHandle({ people: stores.people, report: storeReport, initial: pageView.person });

  const known = { ...options.known };
  let traits: Answers = {};
  let runtime: Runtime | null = null;
  const locale = resolveLocale({ option: options.locale, config: config.locale, languages: win.navigator.languages ?? [] });
  const delivery = createDelivery({
    config,
    endpoint: env.endpoint,
    outbox: stores.outbox,
    win,
    doc: env.doc,
    now,
    uuid: makeUuid,
    report: storeReport,
    onDelivered: (entry) => runtime?.delivered(entry.personKey, entry.questionIds, entry.id),
    onFailed: (entry, reason) =>
      report(createError("delivery_rejected", `the backend refused message ${entry.id} (${reason}); kept as failed for 7 days`, { messageId: entry.id })),
  });
  runtime = createRuntime({
    config,
    person,
    people: stores.people,
    delivery,
    shadow: env.host.shadow,
    locale,
    text: resolveText(locale, config.strings),
    // A page-given target (or the custom element) is inline; inline without one floats.
    mode: env.inline ? "inline" : config.display.mode === "inline" ? "floating" : config.display.mode,
    known: () => ({ ...traits, ...known }),
    now,
    // "today" is the person's own date, in their time zone.
    today: () => todayOf(Date.now(), new Date().getTimezoneOffset()),
    emit: env.emit,
    report,
    storeReport,
  });
  if (config.profileUrl) {
    traits = await fetchTraits(config.profileUrl, {
      fetch: (input, init) => win.fetch(input, init),
      headers: config.headers ?? {},
      credentials: config.credentials,
      report: storeReport,
      timeoutMs: PROFILE_WAIT_MS,
    });
  }
  return { runtime, known, visit: () => person.state.visit, stop: () => delivery.stop() };
}

function pageIndexedDb(win: Window): IDBFactory | undefined {
  try {
    return win.indexedDB ?? undefined;
  } catch {
    return undefined; // Some privacy modes throw on the mere property access.
  }
}
