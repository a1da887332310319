// A tagged template for the demo's server-rendered pages: every interpolated value is
// HTML-escaped unless it is already markup made by `html` itself, so a user id such as
// `<img onerror=…>` is shown as text, never run.
class Markup {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);

function render(value) {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => (out += render(value) + strings[i + 1]));
  return new Markup(out);
}

/** `name="value"` pairs for the attributes that are set; the names are ours, the values escaped. */
export function attributes(map) {
  const parts = Object.entries(map)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`);
  return new Markup(parts.join(""));
}
