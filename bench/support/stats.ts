/** Order statistics of a set of timings (nearest rank). */
export interface Spread {
  runs: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** The value at percentile `p` (0–100) of `values`, by nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function spread(values: readonly number[]): Spread {
  return {
    runs: values.length,
    median: percentile(values, 50),
    p90: percentile(values, 90),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
