// The shop's pages and forms, and the demo's identity provider: "log in" bumps a per-user
// login count in SQLite and the pages pass it to the widget as data-visit. Forms POST and
// answer 303, so every page works without JavaScript and a reload never re-posts.
import { queryFaults } from "../backend/faults.mjs";
import { clearCookie, cookie, parseCookies, parseForm, readBody, redirect, sendHtml } from "../lib/http.mjs";
import { accountPage, cspPage, STRICT_CSP } from "./account-pages.mjs";
import { PRODUCTS, productBySlug } from "./catalog.mjs";
import { checkoutPage, homePage, notFoundPage, productPage, thanksPage } from "./pages.mjs";
import { backendPage, simulatorPage } from "./tool-pages.mjs";

const USER_COOKIE = "pp_demo_user";
const LANG_COOKIE = "pp_demo_lang";
const USER_ID = /^[A-Za-z0-9_.@-]{1,40}$/;
const FAULT_KEYS = ["fail", "times", "reject", "latency"];
const FORM_LIMIT = 16 * 1024;

/** Who is looking: the signed-in demo user and their login count, the form language, fault switches. */
export function sessionOf(req, url, db) {
  const cookies = parseCookies(req.headers.cookie);
  const candidate = USER_ID.test(cookies[USER_COOKIE] ?? "") ? cookies[USER_COOKIE] : null;
  // A cookie outliving its rows (the database was wiped) is a signed-out visitor.
  const visit = candidate ? db.loginCount(candidate) : 0;
  const faults = new URLSearchParams();
  for (const key of FAULT_KEYS) if (url.searchParams.has(key)) faults.set(key, url.searchParams.get(key));
  // A switch the endpoint would refuse (400, never retried) would throw away every answer
  // given on the page: the page says why and delivers as usual instead.
  const checked = queryFaults(faults);
  // `times=` alone, or `latency=0`, changes nothing: no banner, and the endpoint as it is.
  const active = checked.ok && (checked.faults.fail !== null || checked.faults.reject !== null || checked.faults.latencyMs > 0);
  return {
    user: visit > 0 ? candidate : null,
    visit,
    lang: cookies[LANG_COOKIE] === "ja" ? "ja" : "en",
    faultQuery: active ? faults.toString() : "",
    faultError: checked.ok ? null : checked.error,
  };
}

/**
 * Only paths on this site: a `back` field must not turn the demo into an open redirect. Read
 * as a browser reads a Location (which drops tabs and line breaks, so "/\t/evil.example" is
 * "//evil.example"): it must stay on this origin.
 */
const localPath = (value, fallback) => {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  try {
    const resolved = new URL(value, "http://demo.invalid");
    return resolved.origin === "http://demo.invalid" && !/[\x00-\x1f\\]/.test(value) ? resolved.pathname + resolved.search : fallback;
  } catch {
    return fallback;
  }
};

export function createShopRoutes({ db, faults, dbFile, log, simulatorBuilt }) {
  const pages = {
    "GET /": (ctx) => homePage(ctx.session, { reset: ctx.url.searchParams.has("reset") }),
    "GET /account": (ctx) => accountPage(ctx.session),
    "GET /checkout": (ctx) => withProduct(ctx, checkoutPage, PRODUCTS[0]),
    "GET /checkout/thanks": (ctx) => withProduct(ctx, thanksPage),
    "GET /backend": (ctx) => backendPage(ctx.session, { mode: faults.get(), dbFile }),
    "GET /simulator": (ctx) => simulatorPage(ctx.session, { built: simulatorBuilt }),
  };
  const forms = {
    "POST /login": (ctx, form) => {
      const user = String(form.user ?? "").trim();
      if (!USER_ID.test(user)) return redirect(ctx.res, "/account");
      db.login(user);
      return redirect(ctx.res, localPath(form.back, "/account"), { "set-cookie": cookie(USER_COOKIE, user) });
    },
    "POST /logout": (ctx, form) => redirect(ctx.res, localPath(form.back, "/"), { "set-cookie": clearCookie(USER_COOKIE) }),
    // The browser's half (widget.forget()) runs in assets/shop.js before this form is sent.
    "POST /reset": (ctx) => {
      if (ctx.session.user) db.forget(ctx.session.user);
      return redirect(ctx.res, "/?reset=1", { "set-cookie": clearCookie(USER_COOKIE) });
    },
    "POST /lang": (ctx, form) => {
      const lang = form.lang === "ja" ? "ja" : "en";
      return redirect(ctx.res, localPath(form.back, "/"), { "set-cookie": cookie(LANG_COOKIE, lang, { maxAge: 31_536_000 }) });
    },
    "POST /checkout": (ctx, form) => {
      const product = productBySlug(String(form.item ?? "")) ?? PRODUCTS[0];
      return redirect(ctx.res, `/checkout/thanks?item=${encodeURIComponent(product.slug)}`);
    },
    "POST /backend/clear": (ctx) => {
      db.forgetEveryone();
      log.clear();
      return redirect(ctx.res, "/backend");
    },
  };

  function withProduct(ctx, render, fallback = null) {
    const product = productBySlug(ctx.url.searchParams.get("item") ?? "") ?? fallback;
    return product ? render(ctx.session, product) : null;
  }

  /** Answers the request if it is a shop page or form; resolves false otherwise. */
  return async function handle(req, res, url) {
    const ctx = { req, res, url, session: sessionOf(req, url, db) };
    const route = `${req.method} ${url.pathname}`;
    if (forms[route]) {
      forms[route](ctx, parseForm(await readBody(req, FORM_LIMIT)));
      return true;
    }
    let page = null;
    if (pages[route]) page = pages[route](ctx);
    else if (req.method === "GET" && url.pathname === "/csp") {
      sendHtml(res, 200, String(cspPage(ctx.session)), { "content-security-policy": STRICT_CSP });
      return true;
    } else if (req.method === "GET" && url.pathname.startsWith("/products/")) {
      const product = productBySlug(url.pathname.slice("/products/".length));
      page = product ? productPage(ctx.session, product) : null;
    } else if (req.method !== "GET") return false;
    if (page === null) sendHtml(res, 404, String(notFoundPage(ctx.session, url.pathname)));
    else sendHtml(res, 200, String(page));
    return true;
  };
}
