// mount(): the public Widget of SPEC §3. The host element goes into the page at once (so even
// a bad config's `error` event reaches a listener on document); everything else happens
// behind `ready`, and every public call goes through the boundary: nothing throws into the
// host page, and mount() never rejects.
import { loadConfig } from "./config/load";
import { validate } from "./config/validate";
import { createReporter, guard, guardSync, type Reporter } from "./boundary";
import { createError } from "./errors";
import { createEmitter, type EventDetail, type EventHandler, type EventType } from "./events";
import { createHost } from "./ui/mount";
import { openPageStores, start, type Mounted } from "./widget/start";
import { normaliseOptions, type MountOptions } from "./widget/options";

export type { MountOptions } from "./widget/options";
export type { EventType, EventDetail, EventHandler } from "./events";

export interface Widget {
  /** Records an event; stages waiting on it become due (and the form opens at once). */
  track(event: string): Promise<void>;
  identify(user: string, opts?: { visit?: number; known?: Record<string, unknown> }): Promise<void>;
  open(): void;
  close(): void;
  destroy(): void;
  /** Tries to deliver everything pending now. */
  flush(): Promise<void>;
  /** Deletes every local record of the current person, and their pending messages. */
  forget(): Promise<void>;
  on(type: EventType, handler: EventHandler): () => void;
}

export function mount(input: MountOptions, element?: HTMLElement): Promise<Widget> {
  const win = window;
  const doc = document;
  let context: { configId: string | null; visit: () => number | null } = { configId: null, visit: () => null };
  let report: Reporter = () => {};
  let host: ReturnType<typeof createHost> | null = null;
  let destroyed = false;
  let showTimer: number | undefined;
  const early: Event[] = [];

  const emitter = createEmitter({
    // Until the host exists (a bad data-visit is reported while the options are read, before
    // the target is known), events wait here and are dispatched on it once it is in the page.
    host: { dispatchEvent: (event: Event) => (host ? host.host.dispatchEvent(event) : early.push(event) > 0) } as EventTarget,
    win: win as unknown as { dataLayer?: unknown },
    onHandlerError: (error) => win.console.error("[progressive-profile] an event handler threw:", error),
  });
  const emit = (type: EventType, detail: Partial<EventDetail> & { questionIds: string[] }) =>
    emitter.emit(type, { configId: context.configId, visit: context.visit(), ...detail });
  report = createReporter({
    log: (line) => win.console.error(line),
    event: (error) => {
      const errors = Array.isArray(error.detail?.errors) ? (error.detail.errors as EventDetail["errors"]) : undefined;
      emit("error", { questionIds: [], code: error.code, message: error.message, ...(errors ? { errors } : {}) });
    },
  });
  const options = guardSync(report, null, () => normaliseOptions(input ?? { config: "" }, doc, report));
  host = guardSync(report, null, () => createHost(doc, { target: options?.target ?? null, ...(element ? { element } : {}) }));
  for (const event of early.splice(0)) host?.host.dispatchEvent(event);

  const ready: Promise<Mounted | null> = guard(report, null, async () => {
    if (!options || !host) return null;
    // Opening IndexedDB is a round trip to the storage process: it runs while the config loads.
    const stores = openPageStores(win);
    stores.catch(() => undefined);
    const loaded = await loadConfig(options.config, { fetch: (i, init) => win.fetch(i, init), document: doc, pageOrigin: win.location.origin });
    if (!loaded.ok) {
      report(createError("config_invalid", summarise(loaded.errors), { errors: loaded.errors }));
      return null;
    }
    let config = loaded.config;
    if (options.endpoint !== null) {
      const checked = validate({ ...config, endpoint: options.endpoint }, { pageOrigin: win.location.origin });
      if (!checked.ok) {
        report(createError("config_invalid", summarise(checked.errors), { errors: checked.errors }));
        return null;
      }
      config = checked.config;
    }
    const endpoint = config.endpoint;
    if (!endpoint) {
      report(createError("config_invalid", "endpoint: expected a URL to POST answers to (the config's endpoint or data-endpoint); found none."));
      return null;
    }
    context = { configId: config.id, visit: () => null };
    const mounted = await start({ stores, config, endpoint, options, host, inline: Boolean(options.target || element), win, doc, emit, report });
    context = { configId: config.id, visit: () => mounted.visit() };
    if (!destroyed) showTimer = win.setTimeout(() => guardSync(report, undefined, () => mounted.runtime.show(false)), config.display.delayMs);
    return mounted;
  });

  const withMounted = <T>(fallback: T, run: (m: Mounted) => Promise<T> | T) =>
    guard(report, fallback, async () => {
      const m = await ready;
      return m && !destroyed ? run(m) : fallback;
    });

  const widget: Widget = {
    track: (event) => withMounted(undefined, (m) => m.runtime.track(String(event))),
    identify: (user, opts) =>
      withMounted(undefined, async (m) => {
        if (typeof user !== "string" || user.trim() === "") {
          report(createError("option_invalid", "identify(user) needs a non-empty user id."));
          return;
        }
        if (opts?.known) Object.assign(m.known, normaliseOptions({ config: "", known: opts.known }, doc, report).known);
        await m.runtime.identify(user.trim(), opts?.visit);
      }),
    open: () => guardSync(report, undefined, () => void withMounted(undefined, (m) => m.runtime.show(true))),
    close: () => guardSync(report, undefined, () => void withMounted(undefined, (m) => m.runtime.hide())),
    destroy: () =>
      guardSync(report, undefined, () => {
        if (destroyed) return;
        destroyed = true;
        win.clearTimeout(showTimer);
        emitter.clear();
        void ready.then((m) => {
          m?.runtime.destroy();
          m?.stop();
        });
        host?.dispose();
      }),
    flush: () => withMounted(undefined, (m) => m.runtime.flush()),
    forget: () => withMounted(undefined, (m) => m.runtime.forget()),
    on: (type, handler) => guardSync(report, () => {}, () => emitter.on(type, handler)),
  };
  return ready.then(
    () => widget,
    () => widget,
  );
}

function summarise(errors: { path: string; message: string }[]): string {
  const first = errors.slice(0, 3).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return `the config was refused: ${first.join("; ")}${more}`;
}
