// The widget's events (SPEC §10): `on(type, handler)`, a bubbling, composed
// `progressive-profile:TYPE` CustomEvent on the host element, and a `dataLayer` push.
// Details carry question ids, never answer values (SPEC §8).
import type { ErrorCode } from "./errors";

export type EventType = "show" | "step" | "answer" | "skip" | "complete" | "dismiss" | "delivered" | "error";

export interface EventDetail {
  configId: string | null;
  questionIds: string[];
  visit: number | null;
  /** `step`: the step index (0-based). */
  step?: number;
  /** `delivered`: the message delivered. */
  messageId?: string;
  /** `error`: the code (see errors.ts: a host can switch on it) and a plain-language message. */
  code?: ErrorCode;
  message?: string;
  /** `error` for a refused config: every problem, with its JSON path. */
  errors?: { path: string; message: string }[];
}

export type EventHandler = (detail: EventDetail) => void;

/** How the widget's parts raise an event: the widget adds `configId` and `visit`. */
export type Emit = (type: EventType, detail: Partial<EventDetail> & { questionIds: string[] }) => void;

export interface Emitter {
  on(type: EventType, handler: EventHandler): () => void;
  emit(type: EventType, detail: EventDetail): void;
  clear(): void;
}

/** `dispatch` puts the DOM event on the host element (once there is one). */
export function createEmitter(dispatch: (event: Event) => void): Emitter {
  // Only `emit` looks handlers up, by one of the types above: a handler for any other type
  // is kept and never called, as if it had been refused.
  const handlers = new Map<EventType, Set<EventHandler>>();
  return {
    on(type, handler) {
      if (typeof handler !== "function") return () => {};
      const set = handlers.get(type) ?? new Set<EventHandler>();
      handlers.set(type, set.add(handler));
      return () => set.delete(handler);
    },
    emit(type, detail) {
      // Everyone gets a copy of their own: a listener that edits it changes nobody else's (a
      // structured copy, so a config_invalid's `errors` too; shallow for a detail it cannot copy).
      const copy = () => {
        try {
          return structuredClone(detail);
        } catch {
          return { ...detail, questionIds: [...detail.questionIds] };
        }
      };
      // Handlers belong to the host page: one that throws must not stop the others or the widget.
      const guarded = (run: () => unknown) => {
        try {
          run();
        } catch (error) {
          console.error("[progressive-profile] an event handler threw:", error);
        }
      };
      for (const handler of [...(handlers.get(type) ?? [])]) guarded(() => handler(copy()));
      guarded(() => dispatch(new CustomEvent(`progressive-profile:${type}`, { detail: copy(), bubbles: true, composed: true })));
      const layer = (window as { dataLayer?: unknown }).dataLayer;
      if (Array.isArray(layer)) {
        try {
          layer.push({ event: `progressive_profile_${type}`, configId: detail.configId, questionIds: [...detail.questionIds], visit: detail.visit });
        } catch {
          // A host's dataLayer with a throwing push (some tag managers wrap it) must not break us.
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}
