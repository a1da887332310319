// Starting a widget whose config is valid: this page view of the person, what the host and
// backend already know, the outbox sender and the runtime that shows the form.
import type { Config } from "../config/schema";
import { createError, type WidgetError } from "../errors";
import type { Emit } from "../events";
import { resolveLocale } from "../i18n/locale";
import { resolveText } from "../i18n/strings";
import { beginPageView } from "../storage/people";
import type { Report } from "../storage/records";
import { fetchTraits } from "../transport/profile-traits";
import { applyTheme, type Host } from "../ui/mount";
import { createDelivery } from "./delivery";
import { createDraftMirror } from "./draft-mirror";
import type { NormalisedOptions } from "./options";
import { pageStores } from "./page-stores";
import { createPersonHandle } from "./person";
import { makeUuid } from "./platform";
import { createRuntime, type Runtime } from "./runtime";

export type { Runtime } from "./runtime";

/** How long a profileUrl may hold the form back before it is shown without its traits. */
const PROFILE_WAIT_MS = 3000;

interface StartEnv {
  /** A config with an endpoint (mount() checks it has one). */
  config: Config;
  options: NormalisedOptions;
  host: Host;
  inline: boolean;
  emit: Emit;
  report: (error: WidgetError) => void;
}

export async function start(env: StartEnv): Promise<Runtime> {
  const { config, options, report } = env;
  // The rest of the detail travels with the event (message ids, question ids, record paths:
  // never answer values); an unreadable record's key is named in the message.
  const reportCode: Report = (code, { message, key, ...detail }) =>
    report(createError(code, code === "storage_corrupt" ? `dropped an unreadable record (${String(key)})` : String(message ?? code), detail));
  applyTheme(env.host.host, config.theme);
  const { profileUrl } = config;
  const loadTraits = profileUrl
    ? () =>
        fetchTraits(profileUrl, {
          fetch: (input, init) => fetch(input, init),
          headers: config.headers ?? {},
          credentials: config.credentials,
          report: reportCode,
          timeoutMs: PROFILE_WAIT_MS,
        })
    : null;
  // Asked for at once, while the person's record is read; waited for only at the end.
  const traits = loadTraits?.();

  const stores = await pageStores();
  if (stores.unavailable !== null) report(createError("storage_unavailable", stores.unavailable));
  const stopListening = stores.whenFull((reason) => report(createError("storage_unavailable", reason)));
  const view = { timeoutMinutes: config.visitTimeoutMinutes, hostVisit: options.visit };
  const viewed = await beginPageView(stores.people, { ...view, now: Date.now(), userId: options.user, uuid: makeUuid }, reportCode);
  const person = createPersonHandle({ people: stores.people, report: reportCode, initial: viewed, view });

  // What the backend knows of the person; the host's data-known wins over it.
  const backendTraits = {};
  // A language the config gives UI text for (`strings`) is spoken as much as a built-in one:
  // a browser asking for French, then English, gets the French the marketer wrote.
  const locale = resolveLocale({
    option: options.locale,
    config: config.locale,
    languages: navigator.languages,
    supported: Object.keys(config.strings ?? {}),
  });
  // Delivered messages are minimised by the runtime, which is made right after the sender starts.
  let runtime: Runtime | null = null;
  const delivery = createDelivery({
    config,
    locale,
    outbox: stores.outbox,
    report: reportCode,
    onDelivered: (entry) => runtime?.delivered(entry),
    onFailed(entry, reason) {
      report(
        createError("delivery_rejected", `the backend refused message ${entry.id} (${reason}); kept as failed for 7 days`, {
          // Which questions' answers did not arrive (ids only, SPEC §8), and the message to look for.
          questionIds: entry.questionIds,
          messageId: entry.id,
        }),
      );
      return runtime?.refused(entry);
    },
  });
  runtime = createRuntime({
    config,
    person,
    delivery,
    shadow: env.host.shadow,
    placeHost: env.host.place,
    locale,
    text: resolveText(locale, config.strings),
    // A page-given target (or the custom element) is inline; inline without one floats.
    mode: env.inline ? "inline" : config.display.mode === "inline" ? "floating" : config.display.mode,
    known: { ...options.known },
    traits: backendTraits,
    fetchTraits: loadTraits,
    emit: env.emit,
    report,
    drafts: createDraftMirror(() => sessionStorage),
  });
  if (traits) Object.assign(backendTraits, await traits);
  // A destroyed widget hears no more of the page's storage.
  const { destroy } = runtime;
  return Object.assign(runtime, {
    destroy() {
      stopListening();
      destroy();
    },
  });
}
