// What the demo shop sells. A small, believable B2B catalogue: the example config asks
// about company size and industry, so the shop furnishes offices.
export const PRODUCTS = [
  {
    slug: "standing-desk",
    name: "Hinoki standing desk",
    price: 640,
    summary: "Solid hinoki top on a quiet electric lift.",
    details: "A 160 × 80 cm top of solid hinoki cypress, two motors, four height presets and a cable tray. Ships flat in two boxes; one person assembles it in 30 minutes.",
  },
  {
    slug: "task-chair",
    name: "Kumo task chair",
    price: 420,
    summary: "Breathable mesh, adjustable lumbar support.",
    details: "A mesh back that keeps its shape for years, lumbar support you set with one knob, and armrests that move in four directions. 12-year warranty.",
  },
  {
    slug: "notebook-set",
    name: "Washi notebook set",
    price: 38,
    summary: "Ten A5 notebooks on Japanese washi paper.",
    details: "Dot-grid pages that take fountain pen ink without bleeding, lay-flat binding and a numbered index page. Ten notebooks in five colours.",
  },
  {
    slug: "desk-lamp",
    name: "Tōrō desk lamp",
    price: 96,
    summary: "Warm, dimmable light under a paper shade.",
    details: "A warm 2700 K LED that dims smoothly to 5 %, a hand-folded paper shade and a weighted base. USB-C powered.",
  },
];

export const productBySlug = (slug) => PRODUCTS.find((p) => p.slug === slug) ?? null;

export const formatPrice = (price) => `$${price.toLocaleString("en-US")}`;
