// The e2e server (e2e/server.mjs) as the chaos rounds use it: started on its own port for
// `npm run chaos`, and a small client for one bucket's fault script and request log.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../../e2e/server.mjs", import.meta.url));

/** Starts e2e/server.mjs on 127.0.0.1:`port`; resolves once /health answers (≤ 10 s). */
export async function startServer(port) {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, PP_E2E_PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the e2e server exited (${child.exitCode}); is port ${port} in use?`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`the e2e server did not answer on ${baseUrl} within 10 s`);
}

/** One bucket of the recording backend. */
export function backendClient(baseUrl, bucket) {
  const post = (route, body) =>
    fetch(`${baseUrl}/api/${route}/${bucket}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    endpoint: `/api/collect/${bucket}`,
    /** Each delivery takes the next entry: 503, 429, "hang", "drop", { status, delayMs }; then 200. */
    faults: (script, retryAfter = null) => post("faults", { script, retryAfter }),
    setTraits: (traits) => post("traits", traits),
    /** Every request the bucket received: { at, idempotencyKey, body, concurrent, outcome, … }. */
    log: async () => (await fetch(`${baseUrl}/api/log/${bucket}`)).json(),
    reset: () => post("reset", {}),
  };
}
