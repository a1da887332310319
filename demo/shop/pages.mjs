// The shop's own pages: home, product, checkout and the order confirmation (which tracks
// the purchase, as a real shop fires its conversion on the thank-you page).
import { formatPrice, PRODUCTS } from "./catalog.mjs";
import { html } from "./html.mjs";
import { layout } from "./layout.mjs";

export function homePage(session, { reset = false } = {}) {
  const cards = PRODUCTS.map(
    (p) => html`<li class="card">
      <div class="tile tile-${p.slug}" aria-hidden="true"></div>
      <h3><a href="/products/${p.slug}">${p.name}</a></h3>
      <p>${p.summary}</p>
      <p class="price">${formatPrice(p.price)}</p>
    </li>`,
  );
  const main = html`
    ${reset ? html`<p class="notice" role="status">The demo was reset: your answers, logins and this browser's form state are gone.</p>` : ""}
    <section class="hero" aria-labelledby="hero-title">
      <h1 id="hero-title">Furniture and stationery for teams that ship</h1>
      <p>Solid wood, honest materials, delivered to your office in three days.</p>
    </section>
    ${tour(session)}
    <section aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <ul class="cards">${cards}</ul>
    </section>`;
  return layout({ title: "Shop", session, path: "/", main });
}

/** The walk-through a newcomer follows, with their progress in it. */
function tour(session) {
  const at = session.user ? session.visit : 0;
  const step = (n, text) => html`<li${at === n ? html` aria-current="step"` : ""}>${text}</li>`;
  return html`<section class="tour" aria-labelledby="tour-title">
    <h2 id="tour-title">Try progressive profiling in three logins</h2>
    <ol>
      ${step(1, html`<a href="/account">Log in</a>. A small form asks for your name and email.`)}
      ${step(2, html`Log in again (or buy something first): it asks for your address, birthday and phone.`)}
      ${step(3, html`Log in a third time: company, number of employees and industry.`)}
    </ol>
    <p>Each answer is stored by this server; watch them arrive on the <a href="/backend">Backend</a> page.
    ${session.user ? html`You are on login ${session.visit}.` : ""}</p>
  </section>`;
}

export function productPage(session, product) {
  const main = html`
    <nav aria-label="Breadcrumb" class="crumbs"><a href="/">Shop</a> › <span aria-current="page">${product.name}</span></nav>
    <article class="product">
      <div class="tile large tile-${product.slug}" aria-hidden="true"></div>
      <div>
        <h1>${product.name}</h1>
        <p class="price">${formatPrice(product.price)}</p>
        <p>${product.details}</p>
        <form method="get" action="/checkout">
          <input type="hidden" name="item" value="${product.slug}">
          <button>Buy now</button>
        </form>
      </div>
    </article>`;
  return layout({ title: product.name, session, path: `/products/${product.slug}`, main });
}

export function checkoutPage(session, product) {
  const main = html`
    <h1>Checkout</h1>
    <section class="panel" aria-labelledby="order-title">
      <h2 id="order-title">Your order</h2>
      <dl class="order">
        <dt>Item</dt><dd>${product.name}</dd>
        <dt>Quantity</dt><dd>1</dd>
        <dt>Total</dt><dd>${formatPrice(product.price)}</dd>
      </dl>
      <p class="hint">Demo shop: nothing is charged and nothing ships. We already have your payment details on file.</p>
      <form method="post" action="/checkout">
        <input type="hidden" name="item" value="${product.slug}">
        <button>Place order</button>
      </form>
      ${session.user ? "" : html`<p class="hint">You are not logged in, so the form cannot react to this purchase. <a href="/account">Log in</a> first.</p>`}
    </section>`;
  return layout({ title: "Checkout", session, path: "/checkout", main });
}

export function thanksPage(session, product) {
  const main = html`
    <h1>Thank you for your order</h1>
    <section class="panel" aria-labelledby="placed-title">
      <h2 id="placed-title">Order placed</h2>
      <p>Your <strong>${product.name}</strong> ships within three days.</p>
      <p class="hint">This page tells the widget about the purchase:
      <code>ProgressiveProfile.ready.then((w) =&gt; w.track("purchase"))</code>.
      The address stage waits for a second login <em>or</em> a purchase, so the form opens now for it: the address
      first, unless the first login's questions are still unanswered (they come first, three questions a visit at most).
      It stays closed if you chose \u201cNot now\u201d or closed it earlier in this visit (what you put off is not
      asked again this visit); what you put off sits out the next login and comes back at the one after.</p>
      <p><a href="/">Continue shopping</a></p>
    </section>`;
  return layout({ title: "Order placed", session, path: "/checkout/thanks", main, scripts: ["/assets/purchase.js"] });
}

export function notFoundPage(session, path) {
  const main = html`<h1>Page not found</h1><p>There is nothing at <code>${path}</code>. <a href="/">Back to the shop</a>.</p>`;
  return layout({ title: "Not found", session, path, main, widget: false });
}
