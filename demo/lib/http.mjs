// The few HTTP chores the demo server needs, on plain node:http: bodies with a size limit,
// JSON / HTML / redirect answers, cookies, forms and static files.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".map": "application/json; charset=utf-8",
};

export class BodyTooLarge extends Error {}

/** The request body as bytes; rejects with BodyTooLarge past `limit` bytes. */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    // Past the limit the rest is read and dropped, not the socket torn down: the caller's
    // answer (a 413) must reach the client, which would otherwise see a network error and retry.
    const tooLarge = () => reject(new BodyTooLarge(`the body is larger than ${limit} bytes`));
    if (Number(req.headers["content-length"]) > limit) tooLarge();
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    });
    req.on("end", () => (size > limit ? tooLarge() : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

export function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(value, null, 2));
}

export function sendHtml(res, status, html, headers = {}) {
  res.writeHead(status, { "content-type": CONTENT_TYPES[".html"], "cache-control": "no-store", ...headers });
  res.end(html);
}

/** 303 See Other: after a form POST the browser GETs the next page, so a reload never re-posts. */
export function redirect(res, location, headers = {}) {
  res.writeHead(303, { location, "cache-control": "no-store", ...headers });
  res.end();
}

export function parseCookies(header) {
  const cookies = {};
  for (const part of String(header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A cookie another app on localhost set with stray % signs: not ours, ignore it.
    }
  }
  return cookies;
}

/** A Set-Cookie value for the demo's own cookies: whole site, no script access, same-site. */
export function cookie(name, value, { maxAge } = {}) {
  const age = maxAge === undefined ? "" : `; Max-Age=${maxAge}`;
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${age}`;
}

export const clearCookie = (name) => cookie(name, "", { maxAge: 0 });

/** An urlencoded form body as a plain object (the last value of a repeated field wins). */
export const parseForm = (buffer) => Object.fromEntries(new URLSearchParams(buffer.toString("utf8")));

/** Sends a file from disk; resolves false when it does not exist (the caller answers 404). */
export async function sendFile(res, file, headers = {}) {
  let data;
  try {
    data = await readFile(file);
  } catch (error) {
    if (error && (error.code === "ENOENT" || error.code === "EISDIR")) return false;
    throw error;
  }
  return sendBytes(res, file, data, headers);
}

/** Sends `data` as the file `name` would be sent (its content type by extension). */
export function sendBytes(res, name, data, headers = {}) {
  res.writeHead(200, { "content-type": CONTENT_TYPES[extname(name)] ?? "application/octet-stream", "cache-control": "no-cache", ...headers });
  res.end(data);
  return true;
}
