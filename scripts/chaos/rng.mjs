// A small seeded random source for the chaos rounds (xoshiro128**, seeded through
// splitmix32), so every round can be replayed from its seed alone.

function splitmix32(state) {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic generator for `seed` (any integer). */
export function createRng(seed) {
  let a = splitmix32(seed >>> 0);
  let b = splitmix32(a ^ 0x6a09e667);
  let c = splitmix32(b ^ 0xbb67ae85);
  let d = splitmix32(c ^ 0x3c6ef372) || 1;
  /** A float in [0, 1). */
  const next = () => {
    // xoshiro128** step, written out.
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Picks from `[[weight, value], …]`. */
    weighted(entries) {
      const total = entries.reduce((sum, [w]) => sum + w, 0);
      let roll = next() * total;
      for (const [w, value] of entries) {
        roll -= w;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1][1];
    },
  };
}

function rotl(x, k) {
  return (x << k) | (x >>> (32 - k));
}
