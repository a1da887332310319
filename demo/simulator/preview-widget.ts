// The inline preview: the real widget (the page loads dist/progressive-profile.js) mounted
// into the simulator for one visit. Each preview starts from a clean person: the previous
// widget forgets its local state first, so what a marketer clicked in one preview never
// leaks into the next. Mounts run one after another; a newer request supersedes older ones.
import type { Config } from "../../src/config/schema";
import type { Answers } from "../../src/core/types";
import type { ProgressiveProfileGlobal } from "../../src/script-tag";
import type { Widget } from "../../src/widget";

/** Deliveries from the preview go to this demo's backend, under this user id. */
export const PREVIEW_USER = "preview";
const PREVIEW_ENDPOINT = "/api/profile";

export interface PreviewRequest {
  config: Config;
  visit: number;
  locale: string;
  known: Answers;
  events: string[];
}

export function createPreview(target: Element, onError: (message: string) => void) {
  let chain: Promise<void> = Promise.resolve();
  let generation = 0;
  let current: Widget | null = null;
  let first = true;

  const api = (): ProgressiveProfileGlobal | undefined => (window as { ProgressiveProfile?: ProgressiveProfileGlobal }).ProgressiveProfile;

  async function retire(widget: Widget | null): Promise<void> {
    if (!widget) return;
    await widget.forget();
    widget.destroy();
  }

  async function run(request: PreviewRequest, mine: number): Promise<void> {
    const pp = api();
    if (!pp) return onError("The widget script did not load, so there is nothing to preview.");
    await retire(current);
    current = null;
    const options = { config: request.config, endpoint: PREVIEW_ENDPOINT, user: PREVIEW_USER, locale: request.locale };
    if (first) {
      // A previous page load may have left the preview person in IndexedDB: mount off-screen
      // (a detached element) just to forget it.
      first = false;
      await retire(await pp.mount({ ...options, visit: request.visit, target: document.createElement("div") }));
    }
    if (mine !== generation) return;
    const widget = await pp.mount({ ...options, visit: request.visit, known: request.known, target });
    if (mine !== generation) return retire(widget);
    current = widget;
    for (const event of request.events) await widget.track(event);
  }

  return {
    show(request: PreviewRequest): void {
      const mine = ++generation;
      chain = chain.then(() => run(request, mine)).catch((error: unknown) => onError(String(error)));
    },
    stop(): void {
      generation++;
      chain = chain.then(() => retire(current)).then(() => void (current = null));
    },
  };
}
