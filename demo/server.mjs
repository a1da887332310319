#!/usr/bin/env node
// `npm start`: one local server for the whole demo — the shop (which embeds the built
// dist/progressive-profile.js), its SQLite backend, and the visitor simulator.
//
//   PORT=4321            where to listen (HOST, default 127.0.0.1, to listen elsewhere)
//   PP_DEMO_DB=path      the SQLite file (default demo/data/demo.sqlite)
//
// Pages: /  /products/:slug  /checkout  /account  /backend  /simulator  /csp (strict CSP)
// API:   see backend/api.mjs. Static: /progressive-profile.js, /questions.json, /assets/*.
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSimulator, SIMULATOR_OUT_DIR } from "./build.mjs";
import { createApi } from "./backend/api.mjs";
import { openDatabase } from "./backend/db.mjs";
import { createFaultMode } from "./backend/faults.mjs";
import { createDeliveryLog, createProfileApi } from "./backend/profile-api.mjs";
import { sendBytes, sendFile, sendJson } from "./lib/http.mjs";
import { createShopRoutes } from "./shop/routes.mjs";

const demoDir = dirname(fileURLToPath(import.meta.url));
const root = join(demoDir, "..");
const portText = process.env.PORT || "4321";
const port = Number(portText);
const host = process.env.HOST || "127.0.0.1";
// Digits only: Number() would also take " ", "0x10E1" or "1e3".
if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) {
  console.error(`progressive-profile demo: PORT must be a port number from 1 to 65535; found "${process.env.PORT}". For example PORT=4322 npm start`);
  process.exit(1);
}
const dbFile = process.env.PP_DEMO_DB || join(demoDir, "data", "demo.sqlite");
const SCRIPT = join(root, "dist", "progressive-profile.js");
const SERVER_ENTRY = join(root, "dist", "server.mjs");

// The script as built now, read once, first: a second `npm start` (another port, or this one,
// which it finds taken only after building) empties dist/ and builds it again, and this demo's
// pages must not lose their script meanwhile. The simulator's build, likewise, below.
let script;
try {
  if (!existsSync(SERVER_ENTRY)) throw new Error("no server entry");
  script = readFileSync(SCRIPT);
} catch {
  console.error("progressive-profile demo: dist/ is missing. Run `npm run build` first (`npm start` does both).");
  process.exit(1);
}
// The package's own server entry, as a Node backend would import "progressive-profile/server".
const { parseDelivery, validate } = await import(pathToFileURL(SERVER_ENTRY).href);
const config = demoConfig();
const simulatorFiles = await buildSimulator()
  .then(
    () =>
      new Map(
        readdirSync(SIMULATOR_OUT_DIR, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map(({ name }) => [name, readFileSync(join(SIMULATOR_OUT_DIR, name))]),
      ),
  )
  .catch((error) => {
    // The shop and backend do not need the simulator: serve them, and say what broke.
    console.error("progressive-profile demo: the simulator did not build; /simulator says so.\n", error);
    return null;
  });
const simulatorBuilt = simulatorFiles !== null;

const db = openDatabase(dbFile);
const faults = createFaultMode();
const log = createDeliveryLog();
const api = createApi({ db, faults, log, profileApi: createProfileApi({ db, parseDelivery, faults, log }) });
const shop = createShopRoutes({ db, faults, log, dbFile: displayPath(dbFile), simulatorBuilt });

/**
 * The example config (demo/public/questions.json, kept as marketers wrote it) pointed at this
 * server: deliveries to /api/profile, what is already known from /api/profile/me. Cookies go
 * along (`credentials: "include"`) so /me knows who is signed in, as on a real site.
 */
function demoConfig() {
  const example = JSON.parse(readFileSync(join(demoDir, "public", "questions.json"), "utf8"));
  const served = { ...example, endpoint: "/api/profile", profileUrl: "/api/profile/me", credentials: "include" };
  const checked = validate(served, { pageOrigin: `http://localhost:${port}` });
  if (!checked.ok) {
    for (const e of checked.errors) console.error(`demo/public/questions.json: ${e.path}: ${e.message}`);
    process.exit(1);
  }
  return served;
}

function displayPath(file) {
  return file.startsWith(root + sep) ? file.slice(root.length + 1) : file;
}

/** A file under `base` named by the rest of the URL path; null for anything escaping it. */
function fileUnder(base, rest) {
  let decoded;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null; // no file has one; the file system would throw
  const file = normalize(join(base, decoded));
  return file.startsWith(base + sep) ? file : null;
}

async function serveStatic(req, res, url) {
  if (req.method !== "GET") return false;
  const { pathname } = url;
  if (pathname === "/questions.json") return sendJson(res, 200, config), true;
  if (pathname === "/progressive-profile.js") return sendBytes(res, SCRIPT, script);
  if (pathname.startsWith("/assets/build/")) {
    const name = pathname.slice("/assets/build/".length);
    return simulatorFiles?.has(name) === true && sendBytes(res, name, simulatorFiles.get(name));
  }
  if (!pathname.startsWith("/assets/")) return false;
  const file = fileUnder(join(demoDir, "assets"), pathname.slice("/assets/".length));
  return file ? sendFile(res, file) : false;
}

const server = createServer(async (req, res) => {
  // Parsed as a path on this origin: "//" or "//x" (a doubled slash typed in the address bar)
  // would otherwise be read as a host, and a target no URL parser takes is a bad request.
  let url;
  try {
    url = new URL(`http://localhost${req.url ?? "/"}`);
  } catch {
    return sendJson(res, 400, { error: "The request target is not a URL path." });
  }
  // HEAD is answered as GET: node's response already knows to send the headers only, so
  // every route (pages, files, read-only API) answers it without a branch of its own.
  if (req.method === "HEAD") req.method = "GET";
  try {
    if (url.pathname === "/health") return sendJson(res, 200, { ok: true });
    if (url.pathname.startsWith("/api/")) return await api(req, res, url);
    if (await serveStatic(req, res, url)) return;
    if (await shop(req, res, url)) return;
    sendJson(res, 404, { error: `Nothing answers ${req.method} ${url.pathname}.` });
  } catch (error) {
    console.error(`progressive-profile demo: ${req.method} ${url.pathname} failed:`, error);
    if (!res.headersSent) sendJson(res, 500, { error: "The demo server failed on this request; see its console." });
    else res.destroy();
  }
});

server.on("error", (error) => {
  if (error.code === "EADDRINUSE") console.error(`progressive-profile demo: port ${port} is in use; start it on another one, e.g. PORT=4322 npm start`);
  else console.error("progressive-profile demo: the server failed:", error);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`progressive-profile demo: http://localhost:${port}/`);
  console.log(`  answers are stored in ${displayPath(dbFile)}; press Ctrl+C to stop`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    db.close();
    process.exit(0);
  });
}
