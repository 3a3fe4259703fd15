import type { Random } from './random';

/**
 * One number as a report carries it: the point value, its confidence interval and how many
 * observations it rests on. `value` is null when there is nothing to estimate from; `low`/`high`
 * are null when the interval cannot be computed (e.g. one observation).
 */
export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/** The outcome of a significance test; `p` is two-sided. */
export interface TestResult {
  test: 'mann-whitney' | 'fisher-exact' | 'chi-square' | 'kruskal-wallis';
  statistic: number;
  p: number;
}

export interface BootstrapOptions {
  rand: Random;
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Confidence level of the interval (default 0.95). */
  confidence?: number;
}

const emptyEstimate = (n = 0): Estimate => ({ value: null, low: null, high: null, n });

/** The arithmetic mean, or NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i] ?? 0;
  return s / n;
}

/** The sample variance (n − 1 in the denominator), or NaN below two values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return s / (values.length - 1);
}

/** The q-quantile of ascending values with linear interpolation (R's type 7, NumPy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** The median, or NaN for no values. */
export function median(values: ArrayLike<number>): number {
  // A typed array sorts numerically without a comparator, several times faster inside a bootstrap.
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

function resample(values: ArrayLike<number>, rand: Random, into: Float64Array): Float64Array {
  const n = values.length;
  for (let i = 0; i < n; i++) into[i] = values[Math.floor(rand() * n)] ?? 0;
  return into;
}

function percentileInterval(reps: number[], confidence: number): [number, number] {
  const replicates = Float64Array.from(reps).sort();
  const alpha = (1 - confidence) / 2;
  return [quantileSorted(replicates, alpha), quantileSorted(replicates, 1 - alpha)];
}

/**
 * A statistic of one sample with a percentile bootstrap interval: the sample is drawn again with
 * replacement `resamples` times and the middle `confidence` share of the recomputed statistic kept.
 */
export function bootstrap(values: ArrayLike<number>, statistic: (xs: ArrayLike<number>) => number, options: BootstrapOptions): Estimate {
  const n = values.length;
  if (n === 0) return emptyEstimate();
  const value = statistic(values);
  if (n < 2) return { value, low: null, high: null, n };
  const b = options.resamples ?? 2000;
  const buffer = new Float64Array(n);
  const reps: number[] = [];
  for (let i = 0; i < b; i++) reps.push(statistic(resample(values, options.rand, buffer)));
  const [low, high] = percentileInterval(reps, options.confidence ?? 0.95);
  return { value, low, high, n };
}

/** The mean with a bootstrap interval. */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions): Estimate {
  return bootstrap(values, mean, options);
}

/**
 * The difference statistic(a) − statistic(b) of two independent samples, with a bootstrap interval
 * from resampling each sample on its own. `n` is the smaller of the two sample sizes.
 */
export function bootstrapDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: BootstrapOptions & { statistic?: (xs: ArrayLike<number>) => number },
): Estimate {
  const stat = options.statistic ?? mean;
  const n = Math.min(a.length, b.length);
  if (a.length === 0 || b.length === 0) return emptyEstimate(n);
  const value = stat(a) - stat(b);
  if (a.length < 2 || b.length < 2) return { value, low: null, high: null, n };
  const reps: number[] = [];
  const bufA = new Float64Array(a.length);
  const bufB = new Float64Array(b.length);
  for (let i = 0; i < (options.resamples ?? 2000); i++) reps.push(stat(resample(a, options.rand, bufA)) - stat(resample(b, options.rand, bufB)));
  const [low, high] = percentileInterval(reps, options.confidence ?? 0.95);
  return { value, low, high, n };
}

/**
 * The median with its distribution-free confidence interval from order statistics: the interval
 * between the j-th and k-th smallest values, where j and k come from the binomial(n, ½) distribution
 * of how many values fall below the true median (normal approximation). No resampling needed.
 */
export function medianInterval(values: ArrayLike<number>, confidence = 0.95): Estimate {
  const n = values.length;
  if (n === 0) return emptyEstimate();
  const sorted = Float64Array.from(values).sort();
  const value = quantileSorted(sorted, 0.5);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const half = (z * Math.sqrt(n)) / 2;
  const j = Math.floor(n / 2 - half);
  const k = Math.ceil(n / 2 + half) + 1;
  if (j < 1 || k > n) return { value, low: null, high: null, n };
  return { value, low: sorted[j - 1] ?? null, high: sorted[k - 1] ?? null, n };
}

/** The complementary error function (Numerical Recipes' erfcc; relative error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, refined by one Newton step). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const e = normalCdf(x) - p;
  return x - e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
}

/**
 * A proportion with the Wilson score interval, which stays inside [0, 1] and behaves at small n
 * and at proportions near 0 or 1, where the textbook ±1.96·SE interval does not.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Estimate {
  if (n === 0) return emptyEstimate();
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}

/**
 * The difference of two proportions p1 − p2 with Newcombe's hybrid score interval (his method 10),
 * built from the two Wilson intervals. `n` is the smaller group.
 */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Estimate {
  const n = Math.min(n1, n2);
  if (n1 === 0 || n2 === 0) return emptyEstimate(n);
  const a = wilsonInterval(x1, n1, confidence);
  const b = wilsonInterval(x2, n2, confidence);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const l1 = a.low ?? 0;
  const u1 = a.high ?? 1;
  const l2 = b.low ?? 0;
  const u2 = b.high ?? 1;
  const d = p1 - p2;
  return {
    value: d,
    low: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    high: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    n,
  };
}

/** Average ranks (1-based) of values, ties sharing the mean of their ranks; also Σ(t³ − t) over tie groups. */
function rank(values: readonly number[]): { ranks: number[]; tieSum: number } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  let tieSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]?.[1] ?? 0] = r;
    const t = j - i + 1;
    tieSum += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieSum };
}

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum) of two independent samples: normal approximation with
 * tie correction and continuity correction. Also Cliff's delta, the effect size that goes with it:
 * P(a > b) − P(a < b), from −1 to 1.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): TestResult & { cliffsDelta: number } {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { test: 'mann-whitney', statistic: Number.NaN, p: 1, cliffsDelta: 0 };
  const { ranks, tieSum } = rank([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] ?? 0;
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1) || 1)));
  const cliffsDelta = (2 * u) / (n1 * n2) - 1;
  if (!(sigma > 0)) return { test: 'mann-whitney', statistic: u, p: 1, cliffsDelta };
  const z = (Math.abs(u - mu) - 0.5) / sigma;
  return { test: 'mann-whitney', statistic: u, p: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))), cliffsDelta };
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let s = g[0] ?? 0;
  for (let i = 1; i < 9; i++) s += (g[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** The regularized upper incomplete gamma function Q(s, x) (series below s + 1, continued fraction above). */
function upperGamma(s: number, x: number): number {
  if (x <= 0) return 1;
  const lg = logGamma(s);
  if (x < s + 1) {
    let sum = 1 / s;
    let term = sum;
    for (let k = 1; k < 1000; k++) {
      term *= x / (s + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + s * Math.log(x) - lg));
  }
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(-x + s * Math.log(x) - lg) * h);
}

/** P(X ≥ x) for a chi-square distribution with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) return 1;
  return upperGamma(df / 2, x / 2);
}

/**
 * Pearson's chi-square test of independence on an r × c table of counts (rows and columns that are
 * all zero are dropped), with Cramér's V as the effect size.
 */
export function chiSquareTest(table: readonly (readonly number[])[]): TestResult & { df: number; cramersV: number } {
  const rows = table.filter((r) => r.some((v) => v > 0));
  const width = rows[0]?.length ?? 0;
  const cols = Array.from({ length: width }, (_, j) => j).filter((j) => rows.some((r) => (r[j] ?? 0) > 0));
  const rowSums = rows.map((r) => cols.reduce((s, j) => s + (r[j] ?? 0), 0));
  const colSums = cols.map((j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  const df = (rows.length - 1) * (cols.length - 1);
  if (df <= 0 || total === 0) return { test: 'chi-square', statistic: 0, p: 1, df: Math.max(0, df), cramersV: 0 };
  let x2 = 0;
  rows.forEach((r, i) => {
    cols.forEach((j, k) => {
      const expected = ((rowSums[i] ?? 0) * (colSums[k] ?? 0)) / total;
      x2 += ((r[j] ?? 0) - expected) ** 2 / expected;
    });
  });
  const cramersV = Math.sqrt(x2 / (total * Math.min(rows.length - 1, cols.length - 1)));
  return { test: 'chi-square', statistic: x2, p: chiSquareSurvival(x2, df), df, cramersV };
}

/**
 * Fisher's exact test on the 2 × 2 table [[a, b], [c, d]]: the two-sided p is the total probability
 * of every table with the same margins that is no more likely than the one observed.
 */
export function fisherExact(a: number, b: number, c: number, d: number): TestResult {
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  const logFact = (k: number) => logGamma(k + 1);
  const base = logFact(r1) + logFact(n - r1) + logFact(c1) + logFact(n - c1) - logFact(n);
  const logP = (x: number) => base - logFact(x) - logFact(r1 - x) - logFact(c1 - x) - logFact(n - r1 - c1 + x);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, r1 + c1 - n); x <= Math.min(r1, c1); x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return { test: 'fisher-exact', statistic: a, p: Math.min(1, p) };
}

/** The Kruskal–Wallis test of k independent samples (chi-square approximation, tie-corrected). */
export function kruskalWallis(groups: readonly (readonly number[])[]): TestResult & { df: number } {
  const used = groups.filter((g) => g.length > 0);
  const all = used.flat();
  const n = all.length;
  const df = used.length - 1;
  if (df < 1 || n < 3) return { test: 'kruskal-wallis', statistic: 0, p: 1, df: Math.max(0, df) };
  const { ranks, tieSum } = rank(all);
  let h = 0;
  let offset = 0;
  for (const g of used) {
    let r = 0;
    for (let i = 0; i < g.length; i++) r += ranks[offset + i] ?? 0;
    offset += g.length;
    h += (r * r) / g.length;
  }
  h = (12 / (n * (n + 1))) * h - 3 * (n + 1);
  const correction = 1 - tieSum / (n * n * n - n);
  if (correction > 0) h /= correction;
  return { test: 'kruskal-wallis', statistic: h, p: chiSquareSurvival(h, df), df };
}

/**
 * Holm's step-down correction for many tests at once: it keeps the chance of even one false alarm
 * across the whole family below α, and is uniformly more powerful than Bonferroni. Returns the
 * adjusted p-values in the input's order.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Does the interval lie wholly on one side of zero? */
export function excludesZero(e: Estimate): boolean {
  return e.low !== null && e.high !== null && (e.low > 0 || e.high < 0);
}
