/** Summary figures of a list of durations in seconds. */
export interface DurationSummary {
  meanSeconds: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  totalSeconds: number;
}

/**
 * Summarises values in place (the array is sorted). The median of an even count is the mean of the
 * middle two, as numpy computes it; an empty list gives zeros.
 */
export function summarise(values: Float64Array): DurationSummary {
  const n = values.length;
  if (n === 0) return { meanSeconds: 0, medianSeconds: 0, minSeconds: 0, maxSeconds: 0, totalSeconds: 0 };
  values.sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i] ?? 0;
  const mid = n >> 1;
  const median = n % 2 === 1 ? (values[mid] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
  return { meanSeconds: total / n, medianSeconds: median, minSeconds: values[0] ?? 0, maxSeconds: values[n - 1] ?? 0, totalSeconds: total };
}
