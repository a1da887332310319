// The bench's own loopback server: host pages, the built bundles, and a backend.
//   GET  /page/widget.html?endpoint=…   the real script tag, config inline (#pp-config), visit 1
//   GET  /page/widget-unminified.html   the same with the unminified build (CPU profile only)
//   GET  /page/floor.html                the floor page, same markup and config
//   GET  /page/blank.html                an empty page on the same origin (seeding IndexedDB)
//   GET  /page/fetch-loop.html?endpoint=…&count=…&concurrency=…   the drain's reference: an inline
//                                        loop POSTing `count` messages as the widget would, no storage
//   GET  /w/<file>, /unminified.js, /floor.js   the bundles built for this run
//   POST /api/ok/<run>                   answers 200 and records when each message arrived
//   POST /api/hold/<run>                 never answers (the step-submit figure must not depend on it)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize, basename } from "node:path";

const html = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench host</title></head>` +
  `<body><main><h1>Host page</h1><p>Some host content.</p></main>${body}</body></html>`;

// What the drain would be without the widget: the same JSON bodies, headers, credentials and
// timeout, `concurrency` POSTs in flight, nothing read from or written to IndexedDB. It shows how
// many POSTs a second this machine's browser and loopback allow at all.
const FETCH_LOOP = `
  const q = new URLSearchParams(location.search);
  const count = Number(q.get("count")), endpoint = q.get("endpoint"), start = Date.now() - count;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++, id = crypto.randomUUID();
      const message = { messageId: id, configId: "b2b-onboarding", configVersion: 1, userId: "u_bench", anonymousId: "a_bench",
        visit: 1, answers: { name: "Person " + i }, skipped: [], answeredAt: new Date(start + i).toISOString(),
        sentAt: new Date().toISOString(), locale: "en", page: location.origin + "/page/widget.html" };
      const headers = { "Content-Type": "application/json", "Idempotency-Key": id };
      await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(message), credentials: "omit",
        keepalive: false, signal: AbortSignal.timeout(10000) }).catch(() => {});
    }
  };
  for (let w = 0; w < Number(q.get("concurrency")); w++) worker();`;

function page(kind, url, config) {
  if (kind === "blank") return html("");
  if (kind === "fetch-loop") return html(`<script>${FETCH_LOOP}</script>`);
  const endpoint = url.searchParams.get("endpoint") ?? "/api/hold/default";
  const inline = `<script type="application/json" id="pp-config">${JSON.stringify({ ...config, endpoint }).replace(/</g, "\\u003c")}</script>`;
  const attrs = 'data-config="#pp-config" data-user="u_bench" data-visit="1" data-locale="en"';
  const src = { widget: "/w/progressive-profile.js", "widget-unminified": "/unminified.js", floor: "/floor.js" }[kind];
  if (!src) return html("no such page");
  return html(`${inline}<script src="${src}" ${attrs}></script>`);
}

/**
 * Starts the server on 127.0.0.1 (a free port). `config` is the question sequence both pages
 * embed; `files` = { widgetDir, unminified, floor }. Resolves to { origin, arrivals(run), waitFor(run, n), close() }.
 */
export function startServer({ config, files }) {
  const runs = new Map();
  const run = (name) => {
    if (!runs.has(name)) runs.set(name, { times: [], keys: new Set(), waiters: [] });
    return runs.get(name);
  };
  const send = (res, status, type, body) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const parts = url.pathname.split("/").filter(Boolean);
    try {
      if (parts[0] === "page") return send(res, 200, "text/html; charset=utf-8", page(basename(parts[1] ?? "", ".html"), url, config));
      const single = { "floor.js": files.floor, "unminified.js": files.unminified }[parts[0] ?? ""];
      if (parts[0] === "w" || single) {
        const file = single ?? normalize(join(files.widgetDir, parts.slice(1).join("/")));
        if (!single && !file.startsWith(files.widgetDir)) return send(res, 403, "text/plain", "forbidden");
        return send(res, 200, "text/javascript; charset=utf-8", await readFile(file));
      }
      if (parts[0] === "api" && req.method === "POST" && parts[2]) {
        if (parts[1] === "hold") return req.resume(); // never answered; closed with the browser context
        const r = run(parts[2]);
        req.resume();
        req.on("end", () => {
          const key = req.headers["idempotency-key"];
          if (typeof key === "string" && !r.keys.has(key)) {
            r.keys.add(key);
            r.times.push(performance.now());
            r.waiters = r.waiters.filter((w) => (r.keys.size >= w.n ? (w.resolve(), false) : true));
          }
          send(res, 200, "application/json", '{"ok":true}');
        });
        return;
      }
      send(res, 404, "text/plain", "not found");
    } catch (error) {
      send(res, 500, "text/plain", String(error));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        /** Arrival times (performance.now() of this process) of each distinct message. */
        arrivals: (name) => run(name).times,
        /** Resolves once `n` distinct messages of `name` have arrived. */
        waitFor: (name, n) =>
          new Promise((done) => (run(name).keys.size >= n ? done() : run(name).waiters.push({ n, resolve: done }))),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
