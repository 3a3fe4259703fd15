/** One prediction with its gold label, for measuring. */
export interface Scored {
  gold: string;
  /** Labels best first; the first is the prediction. */
  ranked: string[];
  confidence: number;
}

/** Share of items whose gold label is among the first k predictions. */
export function topKAccuracy(items: readonly Scored[], k: number): number {
  if (items.length === 0) return 0;
  return items.filter((i) => i.ranked.slice(0, k).includes(i.gold)).length / items.length;
}

/** Macro-averaged F1 over the gold labels (labels only predicted, never gold, count against precision). */
export function macroF1(items: readonly Scored[]): number {
  const labels = new Set(items.map((i) => i.gold));
  if (labels.size === 0) return 0;
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of items) {
      const predicted = i.ranked[0] === label;
      if (predicted && i.gold === label) tp++;
      else if (predicted) fp++;
      else if (i.gold === label) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / labels.size;
}

/** Expected calibration error of the top prediction over equal-width confidence bins. */
export function expectedCalibrationError(items: readonly { correct: boolean; confidence: number }[], bins = 10): number {
  if (items.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const i of items) {
    const b = Math.min(bins - 1, Math.floor(i.confidence * bins));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + i.confidence;
    hits[b] = (hits[b] ?? 0) + (i.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n > 0) ece += (n / items.length) * Math.abs((hits[b] ?? 0) / n - (conf[b] ?? 0) / n);
  }
  return ece;
}

/**
 * The lowest confidence threshold at which the items at or above it are right at least `precision`
 * of the time, and the share of all items it lets through: what could be routed without a person.
 */
export function autoRouteAtPrecision(
  items: readonly { correct: boolean; confidence: number }[],
  precision = 0.95,
): { threshold: number | null; share: number; precision: number } {
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence);
  let hits = 0;
  let best: { threshold: number; n: number; precision: number } | null = null;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i];
    if (!item) continue;
    hits += item.correct ? 1 : 0;
    const next = sorted[i + 1];
    // A threshold can only sit between two different confidences.
    if (next && next.confidence === item.confidence) continue;
    const p = hits / (i + 1);
    if (p >= precision) best = { threshold: item.confidence, n: i + 1, precision: p };
  }
  if (!best || items.length === 0) return { threshold: null, share: 0, precision: 0 };
  return { threshold: best.threshold, share: best.n / items.length, precision: best.precision };
}

/** Negative log-likelihood of the gold labels under a temperature (for calibration). */
export function fitTemperature(nll: (temperature: number) => number, low = 1e-3, high = 10): number {
  // Golden-section search on log T: the likelihood is unimodal in the temperature.
  let a = Math.log(low);
  let b = Math.log(high);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = nll(Math.exp(c));
  let fd = nll(Math.exp(d));
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = nll(Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = nll(Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}
