// Summaries of raw samples: median / min / max, and ratios of medians.
export function summary(samples) {
  const sorted = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n: 0, median: NaN, min: NaN, max: NaN };
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, median, min: sorted[0], max: sorted[n - 1] };
}

/** Per-round ratios a/b (rounds are interleaved, so each pair saw the same machine noise). */
export function pairedRatios(a, b) {
  return a.map((x, i) => x / b[i]).filter((x) => Number.isFinite(x));
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
