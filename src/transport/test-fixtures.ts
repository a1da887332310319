// A fetch for transport tests: records every call and answers with `respond`.

export function recordingFetch(respond: (init: RequestInit) => Promise<Response> | Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    calls.push({ url: String(input), init });
    return respond(init);
  };
  return { fetch, calls };
}
