// One boundary catches everything: every public call goes through `guard`, so nothing the
// widget does can throw into the host page (SPEC §3). Failures are reported once each.
import { toWidgetError, type WidgetError } from "./errors";

export interface Reporter {
  /** console.error one line + an `error` event; the same code+message is reported once. */
  (error: WidgetError): void;
}

export function createReporter(sinks: {
  log: (line: string) => void;
  event: (error: WidgetError) => void;
}): Reporter {
  const seen = new Set<string>();
  return (error) => {
    const key = `${error.code}\u0000${error.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    try {
      sinks.log(`[progressive-profile] ${error.code}: ${error.message}`);
      sinks.event(error);
    } catch {
      // Reporting must never be the thing that throws.
    }
  };
}

/** Runs an async public call; resolves with its value, or with `fallback` after reporting. */
export async function guard<T>(report: Reporter, fallback: T, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (caught) {
    report(toWidgetError(caught));
    return fallback;
  }
}

/** The same for synchronous calls (open, close, destroy, on). */
export function guardSync<T>(report: Reporter, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (caught) {
    report(toWidgetError(caught));
    return fallback;
  }
}
