// The e2e server (e2e/server.mjs) as the chaos rounds use it: started on its own port for
// `npm run chaos`, and a small client for one bucket's fault script and request log.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../../e2e/server.mjs", import.meta.url));

/**
 * Starts e2e/server.mjs on 127.0.0.1:`port`; resolves once it says it listens (≤ 10 s), so a
 * port already taken by another server is an error rather than someone else's backend.
 */
export function startServer(port) {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, PP_E2E_PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  return new Promise((resolve, reject) => {
    let errors = "";
    const timer = setTimeout(() => (stop(), reject(new Error(`the e2e server did not start on ${baseUrl} within 10 s`))), 10_000);
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.stdout.on("data", (chunk) => {
      if (!String(chunk).includes("e2e server on")) return;
      clearTimeout(timer);
      resolve({ baseUrl, stop });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the e2e server exited (${code}) on port ${port}: ${errors.split("\n").find((l) => /Error/.test(l)) ?? errors.slice(0, 200)}`));
    });
  });
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
