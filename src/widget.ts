// mount(): the public Widget of SPEC §3. The host element goes into the page at once (so even
// a bad config's `error` event reaches a listener on document); everything else happens
// behind `ready`, and every public call goes through the boundary: nothing throws into the
// host page, and mount() never rejects.
import { loadConfig } from "./config/load";
import { prepareValidation, type ConfigError } from "./config/validate";
import { createReporter, guard, guardSync, type Reporter } from "./boundary";
import { createError, type WidgetError } from "./errors";
import { createEmitter, type Emit, type EventHandler, type EventType } from "./events";
import { createHost, type Host } from "./ui/mount";
import { start, type Runtime } from "./widget/start";
import { normaliseOptions, type MountOptions } from "./widget/options";
import { evaluationStartedAt } from "./widget/evaluation-start";

export type { MountOptions } from "./widget/options";
export type { EventType, EventDetail, EventHandler } from "./events";

export interface Widget {
  /** Records an event; stages waiting on it become due (and the form opens at once). */
  track(event: string): Promise<void>;
  /**
   * `visit`: an integer ≥ 1, as a number or its text (an attribute's), checked as data-visit is;
   * `known`: an object of answers, or its JSON text, as data-known.
   */
  identify(user: string, opts?: { visit?: number | string; known?: Record<string, unknown> | string }): Promise<void>;
  open(): void;
  close(): void;
  destroy(): void;
  /** Tries to deliver everything pending now. */
  flush(): Promise<void>;
  /** Deletes every local record of the current person, and their pending messages. */
  forget(): Promise<void>;
  on(type: EventType, handler: EventHandler): () => void;
}

/**
 * Lets the page run before the config is validated, so that the host page's DOMContentLoaded
 * and the validation are not one long task on a slow device. (Reading the person waits for
 * IndexedDB anyway.) A plain task, not a prioritised continuation: IndexedDB events already
 * queued (the stores opening since the script started) go first. Posted as a message, not a
 * timer: a page whose timers are held (a test's paused clock) still shows the form.
 */
const yieldToPage = () =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    // Closed once used: an open port keeps a Node process (a test runner with a DOM) alive.
    port1.onmessage = () => resolve(port1.close());
    port2.postMessage(0);
  });

/**
 * How long our code may run on in one task before the mount yields to the page. A slow device
 * yields before building the config's schemas and before validating; a fast one runs on and shows its first question a frame sooner (−4 ms at 1× CPU on
 * the bench page; at 4× no mount task over 50 ms, as before). Time counts from when the bundle
 * began to run, so a mount in the script's own evaluation task (an `async` tag run after the
 * page was parsed, an element upgraded as the script defines it) counts the whole evaluation,
 * and a mount in a later task counts the time between too (it yields, unless that task came
 * at once); after each yield, from the yield.
 */
const SLICE_MS = 10;
let sliceStart = evaluationStartedAt;

async function yieldToPageIfLong(): Promise<void> {
  if (performance.now() - sliceStart < SLICE_MS) return;
  await yieldToPage();
  sliceStart = performance.now();
}

export function mount(input: MountOptions, element?: HTMLElement): Promise<Widget> {
  let host: Host | null = null;
  let configId: string | null = null;
  let runtime: Runtime | null = null;
  let destroyed = false;
  let showTimer: ReturnType<typeof setTimeout> | undefined;

  const emitter = createEmitter((event) => host?.host.dispatchEvent(event));
  const emit: Emit = (type, detail) => emitter.emit(type, { configId, visit: runtime?.visit() ?? null, ...detail });
  // A bad data-visit is found while the options are read, before the host can be put in the
  // page: what goes wrong until then is held back, so that its `error` event reaches it too.
  const held: WidgetError[] = [];
  let report: Reporter = (error) => held.push(error);
  const options = guardSync(report, null, () => normaliseOptions(input ?? ({} as MountOptions), report));
  host = guardSync(report, null, () => createHost(document, { target: options?.target ?? null, element }));
  report = createReporter((error) => emit("error", { questionIds: [], code: error.code, message: error.message, ...error.detail }));
  held.forEach(report);

  const ready: Promise<Runtime | null> = guard(report, null, async () => {
    if (!options || !host) return null;
    // A URL config is requested now. On a slow device, building the config's schemas (the
    // longer half of the first validation) then gets a task of its own, and validating another:
    // an inline config (an object, or #id on the page) waits for it, a URL config arrives later.
    const source = options.config;
    const inline = typeof source !== "string" || source.trim().startsWith("#");
    const pageOrigin = location.origin;
    // data-endpoint replaces the config's endpoint, and passes the same checks.
    const load = () => loadConfig(source, { fetch, document, pageOrigin, endpoint: options.endpoint });
    const loading = inline ? null : load();
    await yieldToPageIfLong();
    prepareValidation();
    if (inline) await yieldToPageIfLong();
    const checked = await (loading ?? load());
    // A refused config is reported in a task of its own: a listener the page adds in its own
    // DOMContentLoaded handler, after the script tag's, still hears it.
    if (!checked.ok) {
      await yieldToPage();
      report(createError("config_invalid", summarise(checked.errors), { errors: checked.errors }));
      return null;
    }
    const config = checked.config;
    if (!config.endpoint) {
      const missing = { path: "endpoint", message: "expected a URL to POST answers to (the config's endpoint or data-endpoint); found none." };
      await yieldToPage();
      report(createError("config_invalid", `${missing.path}: ${missing.message}`, { errors: [missing] }));
      return null;
    }
    configId = config.id;
    const started = await start({ config, options, host, inline: Boolean(options.target || element), emit, report });
    runtime = started;
    // In a task of its own, after mount() has resolved: a host's on("show") made then hears it.
    // Not once the host's close() came first (runtime.ts firstShow; its open(), a track() or
    // identify() still show).
    const show = () => void (destroyed || guard(report, undefined, () => started.firstShow()));
    if (config.display.delayMs) showTimer = setTimeout(show, config.display.delayMs);
    else void yieldToPage().then(show);
    return started;
  });

  /** A public call that needs the mounted widget: it waits for the mount, and does nothing without one. */
  const whenMounted = (run: (r: Runtime) => unknown) =>
    guard(report, undefined, async () => {
      const r = await ready;
      if (r && !destroyed) await run(r);
    });

  const widget: Widget = {
    track: (event) => whenMounted((r) => r.track(String(event))),
    identify: (user, opts) =>
      whenMounted((r) =>
        typeof user === "string" && user.trim() !== ""
          ? r.identify(user.trim(), opts)
          : report(createError("option_invalid", "identify(user) needs a non-empty user id.")),
      ),
    open: () => void whenMounted((r) => r.open()),
    close: () => void whenMounted((r) => r.hide()),
    destroy: () =>
      guardSync(report, undefined, () => {
        if (destroyed) return;
        destroyed = true;
        clearTimeout(showTimer);
        emitter.clear();
        // The card first, while it is still in the page: a modal closed there gives focus back.
        // (The widget is the page's only once `ready` has settled, so `runtime` is known.)
        runtime?.destroy();
        host?.dispose();
      }),
    flush: () => whenMounted((r) => r.flush()),
    forget: () => whenMounted((r) => r.forget()),
    on: (type, handler) => emitter.on(type, handler),
  };
  return ready.then(() => widget);
}

function summarise(errors: ConfigError[]): string {
  const first = errors.slice(0, 3).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return `the config was refused: ${first.join("; ")}${more}`;
}
