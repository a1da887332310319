// One boundary catches everything: every public call goes through `guard`, so nothing the
// widget does can throw into the host page (SPEC §3). Failures are reported once each.
import { createError, errorMessage, type WidgetError } from "./errors";

/** console.error one line + an `error` event; the same code+message is reported once. */
export type Reporter = (error: WidgetError) => void;

export function createReporter(event: (error: WidgetError) => void): Reporter {
  const seen = new Set<string>();
  return (error) => {
    const line = `[progressive-profile] ${error.code}: ${error.message}`;
    if (seen.has(line)) return;
    seen.add(line);
    try {
      console.error(line);
      event(error);
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
    return reportCaught(report, caught, fallback);
  }
}

/** The same for synchronous calls (destroy, timers). */
export function guardSync<T>(report: Reporter, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (caught) {
    return reportCaught(report, caught, fallback);
  }
}

/** Whatever was thrown is unexpected: nothing in the widget throws a WidgetError on purpose. */
function reportCaught<T>(report: Reporter, caught: unknown, fallback: T): T {
  report(createError("internal", errorMessage(caught)));
  return fallback;
}
