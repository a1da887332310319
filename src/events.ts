// The widget's events (SPEC §10): `on(type, handler)`, a bubbling, composed
// `progressive-profile:TYPE` CustomEvent on the host element, and a `dataLayer` push.
// Details carry question ids, never answer values (SPEC §8).

export const EVENT_TYPES = ["show", "step", "answer", "skip", "complete", "dismiss", "delivered", "error"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventDetail {
  configId: string | null;
  questionIds: string[];
  visit: number | null;
  /** `step`: the step index (0-based). */
  step?: number;
  /** `delivered`: the message delivered. */
  messageId?: string;
  /** `error`: the code and a plain-language message. */
  code?: string;
  message?: string;
  /** `error` for a refused config: every problem, with its JSON path. */
  errors?: { path: string; message: string }[];
}

export type EventHandler = (detail: EventDetail) => void;

export interface Emitter {
  on(type: EventType, handler: EventHandler): () => void;
  emit(type: EventType, detail: EventDetail): void;
  clear(): void;
}

interface EmitterEnv {
  host: EventTarget;
  /** The page's window, for `dataLayer`. */
  win: { dataLayer?: unknown };
  /** Handlers belong to the host page: one that throws must not stop the others or the widget. */
  onHandlerError: (error: unknown) => void;
}

export function createEmitter(env: EmitterEnv): Emitter {
  const handlers = new Map<EventType, Set<EventHandler>>();
  return {
    on(type, handler) {
      if (!EVENT_TYPES.includes(type) || typeof handler !== "function") return () => {};
      const set = handlers.get(type) ?? new Set<EventHandler>();
      set.add(handler);
      handlers.set(type, set);
      return () => set.delete(handler);
    },
    emit(type, detail) {
      for (const handler of [...(handlers.get(type) ?? [])]) {
        try {
          handler({ ...detail, questionIds: [...detail.questionIds] });
        } catch (error) {
          env.onHandlerError(error);
        }
      }
      try {
        env.host.dispatchEvent(
          new CustomEvent(`progressive-profile:${type}`, { detail: { ...detail }, bubbles: true, composed: true }),
        );
      } catch (error) {
        env.onHandlerError(error);
      }
      pushDataLayer(env.win, type, detail);
    },
    clear() {
      handlers.clear();
    },
  };
}

function pushDataLayer(win: { dataLayer?: unknown }, type: EventType, detail: EventDetail): void {
  const layer = win.dataLayer;
  if (!Array.isArray(layer)) return;
  try {
    layer.push({
      event: `progressive_profile_${type}`,
      configId: detail.configId,
      questionIds: [...detail.questionIds],
      visit: detail.visit,
    });
  } catch {
    // A host's dataLayer with a throwing push (some tag managers wrap it) must not break us.
  }
}
