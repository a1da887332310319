// The one way the widget bounds a request in time: abort it, and stop waiting for it even
// when the fetch ignores its signal (some polyfills and test doubles do).

/**
 * `request` with a signal that aborts after `ms`; resolves with its result, or with
 * `onTimeout()` once the time is up, whichever comes first.
 */
export async function withTimeout<T>(ms: number, request: (signal: AbortSignal) => Promise<T>, onTimeout: () => T): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(onTimeout());
    }, ms);
  });
  try {
    return await Promise.race([request(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
