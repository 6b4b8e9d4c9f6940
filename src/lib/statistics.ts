/** Plain statistics for benchmark and session figures. Empty input gives null, never NaN. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many values were summarized. */
  count: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The smallest and largest value: the spread of a few runs. */
export function spread(values: readonly number[]): { min: number; max: number } | null {
  if (values.length === 0) return null;
  return { min: Math.min(...values), max: Math.max(...values) };
}

export function summarize(values: readonly number[]): Summary | null {
  const middle = median(values);
  const range = spread(values);
  if (middle === null || range === null) return null;
  return { median: middle, ...range, count: values.length };
}
