#!/usr/bin/env node
// The browser tests' local server: static files (dist/, e2e/pages/) and a recording
// backend whose faults a test scripts per bucket, so several tests never share state.
//
//   GET  /health                      → 200
//   GET  /dist/*, /pages/*            → files; a page named *.csp.html gets SPEC §8's strict CSP
//   POST /api/collect/:bucket         → records the delivery, answers from the bucket's script
//   GET  /api/log/:bucket             → every request the bucket received (headers + body)
//   POST /api/faults/:bucket          → body: { "script": [503, 503, "hang", "drop", "redirect", 429, …], "retryAfter": "1" }
//                                        ("in 5s": an HTTP date 5 s after the moment the 429/503 is sent)
//                                        each delivery takes the next entry; when empty → 200
//   GET  /api/me/:bucket              → { traits } set by POST /api/traits/:bucket
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PP_E2E_PORT || 4319);
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};
const buckets = new Map();
const bucket = (name) => {
  if (!buckets.has(name)) buckets.set(name, { log: [], script: [], retryAfter: null, traits: {}, inFlight: new Map() });
  return buckets.get(name);
};
const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
/** A bucket's Retry-After as sent: as given, or "in Ns" as the HTTP date N seconds from now. */
const retryAfterHeader = (value) => {
  const seconds = /^in (\d+)s$/.exec(String(value))?.[1];
  return seconds === undefined ? String(value) : new Date(Date.now() + Number(seconds) * 1000).toUTCString();
};

const json = (res, status, value, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(value));
};

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const parts = url.pathname.split("/").filter(Boolean);
  try {
    if (url.pathname === "/health") return json(res, 200, { ok: true });
    if (parts[0] === "api" && parts[2]) {
      const b = bucket(parts[2]);
      if (parts[1] === "faults" && req.method === "POST") {
        const body = JSON.parse((await readBody(req)) || "{}");
        b.script = body.script ?? [];
        b.retryAfter = body.retryAfter ?? null;
        return json(res, 200, { ok: true });
      }
      if (parts[1] === "traits" && req.method === "POST") {
        b.traits = JSON.parse((await readBody(req)) || "{}");
        return json(res, 200, { ok: true });
      }
      if (parts[1] === "me") return json(res, 200, { traits: b.traits });
      if (parts[1] === "moved") return json(res, 200, { ok: true });
      if (parts[1] === "log") return json(res, 200, b.log);
      if (parts[1] === "reset" && req.method === "POST") {
        buckets.delete(parts[2]);
        return json(res, 200, { ok: true });
      }
      if (parts[1] === "collect" && req.method === "POST") {
        const key = req.headers["idempotency-key"] ?? null;
        const startedAt = Date.now();
        // Concurrency is measured per messageId: two requests for the same key open at once,
        // each counted from its arrival (before its body is read) until its response is done
        // or its connection gone, so an overlap is seen even when the answer is immediate.
        const open = (b.inFlight.get(key) ?? 0) + 1;
        b.inFlight.set(key, open);
        res.once("close", () => b.inFlight.set(key, b.inFlight.get(key) - 1));
        const body = await readBody(req);
        const entry = {
          at: startedAt,
          idempotencyKey: key,
          contentType: req.headers["content-type"] ?? null,
          headers: req.headers,
          body,
          concurrent: open > 1,
          outcome: null,
        };
        b.log.push(entry);
        const step = b.script.length ? b.script.shift() : 200;
        const finish = (status, extra = {}) => {
          entry.outcome = status;
          json(res, status, status < 300 ? { ok: true } : { error: `scripted ${status}` }, extra);
        };
        if (step === "hang") {
          // Longer than the widget's 10 s timeout; the socket is closed when the client aborts.
          req.socket.on("close", () => (entry.outcome = "hang"));
          return;
        }
        if (step === "redirect") {
          // Moved for good: fetch follows with a GET (the body left behind), which /api/moved answers 200.
          entry.outcome = 301;
          res.writeHead(301, { location: "/api/moved/here" });
          return res.end();
        }
        if (step === "drop") {
          entry.outcome = "drop";
          req.socket.destroy();
          return;
        }
        if (typeof step === "object" && step.delayMs) {
          await new Promise((r) => setTimeout(r, step.delayMs));
          return finish(step.status ?? 200);
        }
        const extra = step === 429 || step === 503 ? (b.retryAfter ? { "retry-after": retryAfterHeader(b.retryAfter) } : {}) : {};
        return finish(step, extra);
      }
      return json(res, 404, { error: "no such api route" });
    }
    if (parts[0] === "dist" || parts[0] === "pages") {
      const base = parts[0] === "dist" ? join(root, "dist") : join(root, "e2e/pages");
      const file = normalize(join(base, ...parts.slice(1)));
      if (!file.startsWith(base)) return json(res, 403, { error: "forbidden" });
      const data = await readFile(file);
      const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
      if (file.endsWith(".csp.html") || url.searchParams.has("csp")) headers["content-security-policy"] = STRICT_CSP;
      res.writeHead(200, headers);
      return res.end(data);
    }
    json(res, 404, { error: "not found" });
  } catch (error) {
    if (error && error.code === "ENOENT") return json(res, 404, { error: "not found" });
    json(res, 500, { error: String(error) });
  }
}).listen(port, "127.0.0.1", () => console.log(`e2e server on http://127.0.0.1:${port}`));
