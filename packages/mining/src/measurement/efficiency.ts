import { buildCaseFacts, type CaseFacts, type CaseFactsOptions, filterFacts, groupBy, type MeasurementData, type MeasurementFilter } from './case-facts';
import { type BreakdownDimension, type BreakdownRow, breakdown, type MetricSummary, type StatsContext, summariseMetrics } from './metrics';
import { seededRandom } from './random';
import {
  bootstrapDifference,
  bootstrapMean,
  type Estimate,
  excludesZero,
  fisherExact,
  holm,
  mannWhitney,
  mean,
  proportionDifference,
  quantileSorted,
  type TestResult,
  wilsonInterval,
} from './statistics';
import { formatDate, formatInterval, formatNumber, formatP, formatPercent, kindName, type ReportLanguage } from './text';
import { copenhagenDay } from './time';

const DAY = 86_400_000;

/**
 * How hours of active handling time turn into hours of work. The log sees when a case is in work,
 * not how many minutes a person spent on it (a caseworker has many cases open at once), so one of:
 * - `allocation`: `staff` people (FTE) spend `allocationKey` of their time on these cases; the hours
 *   that buys in the reference window, divided by the active hours the log shows there, give the
 *   work per active hour (the proposal's 10–20 % allocation key, made explicit);
 * - `share`: a measured figure (from a time study) of work hours per active hour; 1 is the upper bound.
 */
export type EffortModel = { method: 'allocation'; staff: number; allocationKey: number } | { method: 'share'; share: number };

/** What the comparison is made against. */
export type BaselineChoice =
  /** The cases received in an earlier window (before/after). */
  | { method: 'before'; from: number; to: number }
  /** The pilot's control group: cases of the same period drawn at random to go without AI. */
  | { method: 'control' }
  /** The control group when it has at least `minN` measured cases, otherwise the earlier window. */
  | { method: 'auto'; from: number; to: number };

export interface EfficiencyOptions extends Omit<CaseFactsOptions, 'asOf'> {
  /** The period measured: cases received from `from` (inclusive) to `to` (exclusive), epoch ms. */
  period: { from: number; to: number };
  baseline: BaselineChoice;
  asOf: number;
  filter?: MeasurementFilter;
  effort?: EffortModel;
  /** The handling time hours saved are computed from (default activeDays: queues and waiting for citizens are not work). */
  measure?: 'activeDays' | 'handlingDays';
  /** Hours in one FTE (årsværk), default 1,924 (37 hours × 52 weeks). */
  fteHours?: number;
  /** Working hours in a working day, default 7.4 (37 / 5). */
  hoursPerWorkingDay?: number;
  /** Fewest measured cases per group before a comparison is made (default 20). */
  minN?: number;
  /** Significance level after Holm's correction (default 0.05). */
  alpha?: number;
  confidence?: number;
  resamples?: number;
  seed?: number;
  reviewCapMinutes?: number;
  /** Allocation keys to show the hours at besides the one used (default 0.10 and 0.20). */
  sensitivityKeys?: number[];
  /** Dimensions of the period's breakdown (default all five). */
  breakdownBy?: BreakdownDimension[];
  /** Month-by-month figures over baseline and period (default true). */
  isTrendIncluded?: boolean;
}

export type ComparisonMetric = 'firstResponseDays' | 'handlingDays' | 'activeDays' | 'waitingDays' | 'deadlineMet' | 'reopened';
export type Verdict = 'too_thin' | 'no_measurable_difference' | 'lower' | 'higher';

/** One figure, baseline against period, for one kind (or '*' for all). */
export interface Comparison {
  kind: string;
  metric: ComparisonMetric;
  unit: 'working_days' | 'share';
  baseline: Estimate;
  period: Estimate;
  /** period − baseline. */
  difference: Estimate;
  /** The difference relative to the baseline, or null. */
  relative: number | null;
  test: TestResult | null;
  /** p after Holm's correction over every comparison of the report. */
  pAdjusted: number | null;
  verdict: Verdict;
}

export interface KindSaving {
  kind: string;
  /** Cases received in the period (what the saving is scaled by). */
  volume: number;
  baseline: Estimate;
  period: Estimate;
  /** Working days saved per case: baseline − period. */
  savedDaysPerCase: Estimate;
  hours: Estimate;
  isIncluded: boolean;
}

export interface HoursSaved {
  measure: 'activeDays' | 'handlingDays';
  /** Net hours of work freed in the period: gross − review. */
  hours: Estimate;
  grossHours: Estimate;
  /** Hours people spent reviewing AI output in the period, subtracted in full. */
  reviewHours: Estimate;
  /** FTE per year: hours × 365.25 / period days / fteHours. */
  fte: Estimate;
  effort: EffortModel & { workPerActiveHour: Estimate; isUpperBound: boolean };
  perKind: KindSaving[];
  sensitivity: { allocationKey: number; hours: Estimate; fte: Estimate }[];
  periodDays: number;
  fteHours: number;
  verdict: 'saving' | 'cost' | 'no_measurable_difference' | 'too_thin';
}

export interface EfficiencyReport {
  report: 'efficiency';
  period: { from: string; to: string; cases: number };
  baseline: { method: 'before' | 'control'; from: string | null; to: string | null; cases: number };
  asOf: string;
  method: {
    confidence: number;
    alpha: number;
    correction: 'holm';
    resamples: number;
    seed: number;
    minN: number;
    windowDays: number;
    fteHours: number;
    hoursPerWorkingDay: number;
    reviewCapMinutes: number;
    measure: 'activeDays' | 'handlingDays';
  };
  summary: { period: MetricSummary; baseline: MetricSummary };
  comparisons: Comparison[];
  hoursSaved: HoursSaved;
  breakdown: Partial<Record<BreakdownDimension, BreakdownRow[]>>;
  /** Month by month over baseline and period together. */
  trend: BreakdownRow[];
  conclusions: string[];
  conclusionsEn: string[];
}

const continuousMetrics = ['firstResponseDays', 'handlingDays', 'activeDays', 'waitingDays'] as const;
const shareMetrics = ['deadlineMet', 'reopened'] as const;

const pickContinuous: Record<(typeof continuousMetrics)[number], (f: CaseFacts) => number | null> = {
  firstResponseDays: (f) => f.firstResponseDays,
  handlingDays: (f) => f.handlingDays,
  activeDays: (f) => f.activeDays,
  waitingDays: (f) => f.waitingDays,
};
const pickShare: Record<(typeof shareMetrics)[number], (f: CaseFacts) => boolean | null> = {
  deadlineMet: (f) => (f.isMature ? f.isDeadlineMet : null),
  reopened: (f) => (f.isMature && (f.isClosed || f.isReopened) ? f.isReopened : null),
};

const metricNames: Record<ComparisonMetric, [string, string]> = {
  firstResponseDays: ['tid til første svar', 'time to first response'],
  handlingDays: ['behandlingstid', 'handling time'],
  activeDays: ['aktiv behandlingstid', 'active handling time'],
  waitingDays: ['ventetid på part eller godkendelse', 'time waiting for the party or an approval'],
  deadlineMet: ['andel besvaret inden fristen', 'share answered by the deadline'],
  reopened: ['andel genåbnede sager', 'share of cases reopened'],
};

function numbers(facts: readonly CaseFacts[], pick: (f: CaseFacts) => number | null): number[] {
  const out: number[] = [];
  for (const f of facts) {
    if (!f.isMature) continue;
    const v = pick(f);
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function counts(facts: readonly CaseFacts[], pick: (f: CaseFacts) => boolean | null): { yes: number; n: number } {
  let yes = 0;
  let n = 0;
  for (const f of facts) {
    const v = pick(f);
    if (v === null) continue;
    n++;
    if (v) yes++;
  }
  return { yes, n };
}

function compare(
  kind: string,
  baseline: readonly CaseFacts[],
  period: readonly CaseFacts[],
  ctx: StatsContext,
  minN: number,
): Omit<Comparison, 'pAdjusted' | 'verdict'>[] {
  // A comparison with too few cases on either side gets no test (test: null) and is reported as too thin.
  const out: Omit<Comparison, 'pAdjusted' | 'verdict'>[] = [];
  const opts = { rand: ctx.rand, resamples: ctx.resamples, confidence: ctx.confidence };
  for (const metric of continuousMetrics) {
    const b = numbers(baseline, pickContinuous[metric]);
    const p = numbers(period, pickContinuous[metric]);
    // A figure neither group has (e.g. deadlines for kinds without one) is not a comparison at all.
    if (b.length === 0 && p.length === 0) continue;
    const isThin = b.length < minN || p.length < minN;
    const difference = bootstrapDifference(p, b, opts);
    const mb = mean(b);
    out.push({
      kind,
      metric,
      unit: 'working_days',
      baseline: meanEstimate(b, ctx),
      period: meanEstimate(p, ctx),
      difference,
      relative: difference.value !== null && mb > 0 ? difference.value / mb : null,
      test: isThin ? null : mannWhitney(p, b),
    });
  }
  for (const metric of shareMetrics) {
    const b = counts(baseline, pickShare[metric]);
    const p = counts(period, pickShare[metric]);
    if (b.n === 0 && p.n === 0) continue;
    const isThin = b.n < minN || p.n < minN;
    const difference = proportionDifference(p.yes, p.n, b.yes, b.n, ctx.confidence);
    const pb = b.n > 0 ? b.yes / b.n : 0;
    out.push({
      kind,
      metric,
      unit: 'share',
      baseline: shareEstimate(b, ctx),
      period: shareEstimate(p, ctx),
      difference,
      relative: difference.value !== null && pb > 0 ? difference.value / pb : null,
      test: isThin ? null : fisherExact(p.yes, p.n - p.yes, b.yes, b.n - b.yes),
    });
  }
  return out;
}

function meanEstimate(xs: readonly number[], ctx: StatsContext): Estimate {
  return bootstrapMean(xs, { rand: ctx.rand, resamples: ctx.resamples, confidence: ctx.confidence });
}

function shareEstimate(c: { yes: number; n: number }, ctx: StatsContext): Estimate {
  return wilsonInterval(c.yes, c.n, ctx.confidence);
}

function resampledMean(xs: readonly number[], ctx: StatsContext): number {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[Math.floor(ctx.rand() * n)] ?? 0;
  return s / n;
}

function percentile(list: number[], confidence: number): [number, number] {
  const reps = Float64Array.from(list).sort();
  const alpha = (1 - confidence) / 2;
  return [quantileSorted(reps, alpha), quantileSorted(reps, 1 - alpha)];
}

/**
 * Hours of work AI freed in the period: per kind, the baseline's mean handling time minus the
 * period's, times the period's volume, converted to work by the effort model; minus the time people
 * spent reviewing AI output. The interval comes from one bootstrap over all of it (cases resampled
 * within each kind and group, review times resampled), so the uncertainty of every part is carried.
 */
export function estimateHoursSaved(input: {
  baseline: readonly CaseFacts[];
  period: readonly CaseFacts[];
  /**
   * Whose active hours the allocation model's staff hours are spread over: the baseline window's
   * cases (before/after), or both arms of the period (a controlled pilot).
   */
  calibration: 'baseline' | 'both';
  /** Length of the reference window in days (staff hours of the allocation model). */
  calibrationDays: number;
  periodDays: number;
  effort: EffortModel;
  measure: 'activeDays' | 'handlingDays';
  fteHours: number;
  hoursPerWorkingDay: number;
  minN: number;
  sensitivityKeys: number[];
  ctx: StatsContext;
}): HoursSaved {
  const { ctx, measure, hoursPerWorkingDay: hpd } = input;
  const pick = (f: CaseFacts) => (measure === 'activeDays' ? f.activeDays : f.handlingDays);
  const baseByKind = groupBy(input.baseline, (f) => f.kind);
  const periodByKind = groupBy(input.period, (f) => f.kind);
  const kinds = [...periodByKind.keys()].sort((a, b) => (periodByKind.get(b)?.length ?? 0) - (periodByKind.get(a)?.length ?? 0) || a.localeCompare(b));
  const rows = kinds.map((kind) => {
    const b = numbers(baseByKind.get(kind) ?? [], pick);
    const p = numbers(periodByKind.get(kind) ?? [], pick);
    return { kind, volume: periodByKind.get(kind)?.length ?? 0, b, p, isIncluded: b.length >= input.minN && p.length >= input.minN };
  });
  // The reference window's active hours, per kind: volume × mean of the measured cases. The same
  // arrays as the rows', so a bootstrap replicate resamples each group once and uses it everywhere.
  const calibration: { volume: number; xs: number[] }[] = [];
  for (const [kind, list] of baseByKind) calibration.push({ volume: list.length, xs: rows.find((r) => r.kind === kind)?.b ?? numbers(list, pick) });
  if (input.calibration === 'both') for (const r of rows) calibration.push({ volume: r.volume, xs: r.p });
  for (let i = calibration.length - 1; i >= 0; i--) if (calibration[i]?.xs.length === 0) calibration.splice(i, 1);
  const review = input.period
    .filter((f) => f.ai.draftDecision !== null && f.ai.reviewSeconds !== null)
    .map((f) => Math.min((f.ai.reviewSeconds ?? 0) / 60, ctx.reviewCapMinutes) / 60);
  const keys = input.effort.method === 'allocation' ? [input.effort.allocationKey, ...input.sensitivityKeys] : [];

  const factor = (key: number | null, activeHours: number): number => {
    if (input.effort.method === 'share') return input.effort.share;
    const staffHours = input.effort.staff * input.fteHours * (input.calibrationDays / 365.25) * (key ?? input.effort.allocationKey);
    return activeHours > 0 ? Math.min(1, staffHours / activeHours) : 0;
  };
  const evaluate = (m: (xs: number[]) => number) => {
    let savedActiveHours = 0;
    for (const r of rows) if (r.isIncluded) savedActiveHours += r.volume * (m(r.b) - m(r.p)) * hpd;
    let activeHours = 0;
    for (const c of calibration) activeHours += c.volume * m(c.xs) * hpd;
    const reviewHours = review.length > 0 ? review.length * m(review) : 0;
    const perKey = (keys.length ? keys : [null]).map((k) => savedActiveHours * factor(k, activeHours) - reviewHours);
    return {
      gross: savedActiveHours * factor(null, activeHours),
      reviewHours,
      net: perKey,
      work: factor(null, activeHours),
      perKind: rows.map((r) => m(r.b) - m(r.p)),
    };
  };

  const point = evaluate((xs) => mean(xs));
  const reps = {
    gross: [] as number[],
    review: [] as number[],
    net: (keys.length ? keys : [null]).map(() => [] as number[]),
    work: [] as number[],
    perKind: rows.map(() => [] as number[]),
  };
  const isAny = rows.some((r) => r.isIncluded);
  for (let i = 0; i < (isAny ? ctx.resamples : 0); i++) {
    const cache = new Map<number[], number>();
    const r = evaluate((xs) => {
      let v = cache.get(xs);
      if (v === undefined) {
        v = resampledMean(xs, ctx);
        cache.set(xs, v);
      }
      return v;
    });
    reps.gross.push(r.gross);
    reps.review.push(r.reviewHours);
    r.net.forEach((v, k) => {
      reps.net[k]?.push(v);
    });
    reps.work.push(r.work);
    r.perKind.forEach((v, k) => {
      reps.perKind[k]?.push(v);
    });
  }
  const n = rows.filter((r) => r.isIncluded).reduce((s, r) => s + Math.min(r.b.length, r.p.length), 0);
  const est = (value: number, list: number[], size = n): Estimate => {
    if (!isAny) return { value: null, low: null, high: null, n: 0 };
    const [low, high] = list.length > 1 ? percentile(list, ctx.confidence) : [null, null];
    return { value, low, high, n: size };
  };
  const toFte = (e: Estimate): Estimate => {
    const f = (v: number | null) => (v === null ? null : (v * 365.25) / input.periodDays / input.fteHours);
    return { value: f(e.value), low: f(e.low), high: f(e.high), n: e.n };
  };
  const hours = est(point.net[0] ?? 0, reps.net[0] ?? []);
  const verdict: HoursSaved['verdict'] = !isAny
    ? 'too_thin'
    : hours.low !== null && hours.low > 0
      ? 'saving'
      : hours.high !== null && hours.high < 0
        ? 'cost'
        : 'no_measurable_difference';
  return {
    measure,
    hours,
    grossHours: est(point.gross, reps.gross),
    reviewHours: est(point.reviewHours, reps.review, review.length),
    fte: toFte(hours),
    effort: {
      ...input.effort,
      workPerActiveHour: est(
        point.work,
        reps.work,
        calibration.reduce((s, c) => s + c.xs.length, 0),
      ),
      isUpperBound: input.effort.method === 'share' && input.effort.share >= 1,
    },
    // Per kind, the interval carries the uncertainty of the kind's own times; the total's also carries the effort model's.
    perKind: rows.map((r, k) => {
      const saved = est(point.perKind[k] ?? 0, reps.perKind[k] ?? [], Math.min(r.b.length, r.p.length));
      const work = point.work;
      return {
        kind: r.kind,
        volume: r.volume,
        baseline: meanEstimate(r.b, ctx),
        period: meanEstimate(r.p, ctx),
        savedDaysPerCase: r.isIncluded ? saved : { value: null, low: null, high: null, n: Math.min(r.b.length, r.p.length) },
        hours: r.isIncluded
          ? {
              value: (saved.value ?? 0) * r.volume * hpd * work,
              low: saved.low === null ? null : saved.low * r.volume * hpd * work,
              high: saved.high === null ? null : saved.high * r.volume * hpd * work,
              n: saved.n,
            }
          : { value: null, low: null, high: null, n: Math.min(r.b.length, r.p.length) },
        isIncluded: r.isIncluded,
      };
    }),
    sensitivity: keys.slice(1).map((key, k) => {
      const h = est(point.net[k + 1] ?? 0, reps.net[k + 1] ?? []);
      return { allocationKey: key, hours: h, fte: toFte(h) };
    }),
    periodDays: input.periodDays,
    fteHours: input.fteHours,
    verdict,
  };
}

/** The efficiency report from the case log's rows (see `efficiencyFromFacts` for facts already built). */
export function buildEfficiencyReport(data: MeasurementData, options: EfficiencyOptions): EfficiencyReport {
  const facts = buildCaseFacts(data, options);
  return efficiencyFromFacts(filterFacts(facts, options.filter), options);
}

/**
 * Volume, times, deadline adherence, reopening and AI use of a period against its baseline, per
 * kind, with hours saved and FTE, each figure with its interval and n, and plain-language
 * conclusions in Danish and English.
 */
export function efficiencyFromFacts(facts: readonly CaseFacts[], options: EfficiencyOptions): EfficiencyReport {
  const seed = options.seed ?? 1;
  const ctx: StatsContext = {
    rand: seededRandom(seed),
    resamples: options.resamples ?? 1000,
    confidence: options.confidence ?? 0.95,
    reviewCapMinutes: options.reviewCapMinutes ?? 60,
  };
  const minN = options.minN ?? 20;
  const alpha = options.alpha ?? 0.05;
  const fteHours = options.fteHours ?? 1924;
  const hpd = options.hoursPerWorkingDay ?? 7.4;
  const measure = options.measure ?? 'activeDays';
  const windowDays = options.windowDays ?? 30;
  const { from, to } = options.period;
  const inPeriod = facts.filter((f) => f.receivedAt >= from && f.receivedAt < to);
  const controls = inPeriod.filter((f) => f.arm === 'control');
  let method: 'before' | 'control' = options.baseline.method === 'control' ? 'control' : 'before';
  if (options.baseline.method === 'auto' && controls.filter((f) => f.isMature).length >= minN) method = 'control';
  const before = options.baseline.method === 'control' ? null : options.baseline;
  const period = inPeriod.filter((f) => f.arm !== 'control');
  const baseline = method === 'control' ? controls : facts.filter((f) => before !== null && f.receivedAt >= before.from && f.receivedAt < before.to);
  const periodDays = (to - from) / DAY;

  const raw = [...new Set(period.map((f) => f.kind))]
    .sort((a, b) => period.filter((f) => f.kind === b).length - period.filter((f) => f.kind === a).length || a.localeCompare(b))
    .flatMap((kind) =>
      compare(
        kind,
        baseline.filter((f) => f.kind === kind),
        period.filter((f) => f.kind === kind),
        ctx,
        minN,
      ),
    );
  raw.unshift(...compare('*', baseline, period, ctx, minN));
  const tested = raw.filter((c) => c.test !== null);
  const adjusted = holm(tested.map((c) => c.test?.p ?? 1));
  const comparisons: Comparison[] = raw.map((c) => {
    const k = tested.indexOf(c);
    const pAdjusted = k >= 0 ? (adjusted[k] ?? 1) : null;
    let verdict: Verdict = 'too_thin';
    if (pAdjusted !== null) {
      verdict = pAdjusted < alpha && excludesZero(c.difference) ? ((c.difference.value ?? 0) < 0 ? 'lower' : 'higher') : 'no_measurable_difference';
    }
    return { ...c, pAdjusted, verdict };
  });

  const effort: EffortModel = options.effort ?? { method: 'share', share: 1 };
  const hoursSaved = estimateHoursSaved({
    baseline,
    period,
    calibration: method === 'control' ? 'both' : 'baseline',
    calibrationDays: method === 'control' || !before ? periodDays : (before.to - before.from) / DAY,
    periodDays,
    effort,
    measure,
    fteHours,
    hoursPerWorkingDay: hpd,
    minN,
    sensitivityKeys: options.sensitivityKeys ?? [0.1, 0.2],
    ctx,
  });

  const dims = options.breakdownBy ?? ['unit', 'kind', 'kleGroup', 'channel', 'month'];
  const report: EfficiencyReport = {
    report: 'efficiency',
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), cases: period.length },
    baseline: {
      method,
      from: method === 'before' && before ? new Date(before.from).toISOString() : null,
      to: method === 'before' && before ? new Date(before.to).toISOString() : null,
      cases: baseline.length,
    },
    asOf: new Date(options.asOf).toISOString(),
    method: {
      confidence: ctx.confidence,
      alpha,
      correction: 'holm',
      resamples: ctx.resamples,
      seed,
      minN,
      windowDays,
      fteHours,
      hoursPerWorkingDay: hpd,
      reviewCapMinutes: ctx.reviewCapMinutes,
      measure,
    },
    summary: { period: summariseMetrics(period, ctx), baseline: summariseMetrics(baseline, ctx) },
    comparisons,
    hoursSaved,
    breakdown: Object.fromEntries(dims.map((d) => [d, breakdown(period, d, ctx)])),
    trend: breakdown(method === 'control' ? inPeriod : [...baseline, ...period].sort((a, b) => a.receivedAt - b.receivedAt), 'month', ctx),
    conclusions: [],
    conclusionsEn: [],
  };
  report.conclusions = efficiencyConclusions(report, options, 'da');
  report.conclusionsEn = efficiencyConclusions(report, options, 'en');
  return report;
}

function dateSpan(fromMs: number, toMs: number, lang: ReportLanguage): string {
  return `${formatDate(copenhagenDay(fromMs), lang)} – ${formatDate(copenhagenDay(toMs - 1), lang)}`;
}

/** The report's findings in plain words: what was compared, what AI did, what it saved, what differs, and what cannot be said. */
export function efficiencyConclusions(report: EfficiencyReport, options: EfficiencyOptions, lang: ReportLanguage): string[] {
  const da = lang === 'da';
  const out: string[] = [];
  const num = (v: number, d = 1) => formatNumber(v, lang, d);
  const pct = (v: number) => formatPercent(v, lang);
  const s = report.summary;
  const span = dateSpan(options.period.from, options.period.to, lang);
  const immature = s.period.cases - s.period.measured;
  if (report.baseline.method === 'control') {
    out.push(
      da
        ? `Perioden ${span}: ${s.period.cases} sager med AI sammenlignet med ${report.baseline.cases} sager i en tilfældigt udtrukket kontrolgruppe uden AI i samme periode. Fordi gruppen er trukket ved lodtrækning, kan forskelle tilskrives AI og ikke sæson eller bemanding.`
        : `Period ${span}: ${s.period.cases} cases with AI compared with ${report.baseline.cases} cases in a randomly drawn control group without AI in the same period. Because the group was drawn by lot, differences can be attributed to AI rather than season or staffing.`,
    );
  } else if (options.baseline.method !== 'control') {
    const b = options.baseline;
    out.push(
      da
        ? `Perioden ${span} (${s.period.cases} sager) er sammenlignet med perioden før, ${dateSpan(b.from, b.to, lang)} (${report.baseline.cases} sager). En før/efter-sammenligning kan ikke skille AI fra andet, der ændrede sig samtidig (sæson, bemanding, regler); en kontrolgruppe kan.`
        : `The period ${span} (${s.period.cases} cases) is compared with the period before, ${dateSpan(b.from, b.to, lang)} (${report.baseline.cases} cases). A before/after comparison cannot separate AI from anything else that changed at the same time (season, staffing, rules); a control group can.`,
    );
  }
  if (immature > 0) {
    out.push(
      da
        ? `${immature} sager modtaget inden for de sidste ${report.method.windowDays} dage tæller med i mængden, men ikke i tiderne: deres forløb er ikke færdigt endnu.`
        : `${immature} cases received within the last ${report.method.windowDays} days count in the volume but not in the times: their course is not complete yet.`,
    );
  }
  const p = s.period;
  if (p.cases > 0) {
    out.push(
      da
        ? `AI sorterede ${pct(p.aiClassified.value ?? 0)} af sagerne (fordelte selv ${pct(p.aiAutoRouted.value ?? 0)}), skrev udkast til ${pct(p.aiDrafted.value ?? 0)} og sendte selv noget i ${pct(p.aiSent.value ?? 0)}.` +
            (p.draftsApprovedUnedited.n > 0
              ? ` Af ${p.draftsApprovedUnedited.n} gennemsete udkast blev ${pct(p.draftsApprovedUnedited.value ?? 0)} sendt uden ændringer (${formatInterval(p.draftsApprovedUnedited, lang, pct)}).`
              : '')
        : `AI sorted ${pct(p.aiClassified.value ?? 0)} of the cases (routed ${pct(p.aiAutoRouted.value ?? 0)} on its own), drafted replies for ${pct(p.aiDrafted.value ?? 0)} and sent something itself in ${pct(p.aiSent.value ?? 0)}.` +
            (p.draftsApprovedUnedited.n > 0
              ? ` Of ${p.draftsApprovedUnedited.n} reviewed drafts, ${pct(p.draftsApprovedUnedited.value ?? 0)} were sent unchanged (${formatInterval(p.draftsApprovedUnedited, lang, pct)}).`
              : ''),
    );
  }

  const h = report.hoursSaved;
  const hrs = (v: number) => num(v, 0);
  const fte = (v: number) => num(v, 2);
  const measureName = h.measure === 'activeDays' ? (da ? 'aktiv behandlingstid' : 'active handling time') : da ? 'behandlingstid' : 'handling time';
  if (h.verdict === 'too_thin') {
    out.push(
      da
        ? `Timer sparet kan ikke beregnes: ingen sagstype har mindst ${report.method.minN} færdigbehandlede sager i begge grupper. Vent på flere data.`
        : `Hours saved cannot be computed: no kind of case has at least ${report.method.minN} completed cases in both groups. Wait for more data.`,
    );
  } else if (h.hours.value !== null) {
    const effortText =
      h.effort.method === 'allocation'
        ? da
          ? `Omregnet fra ${measureName} til arbejdstid ud fra at ${num(h.effort.staff, 0)} medarbejdere bruger ${pct(h.effort.allocationKey)} af deres tid på disse sager (fordelingsnøglen)` +
            (h.sensitivity.length ? `; ved ${h.sensitivity.map((x) => `${pct(x.allocationKey)}: ${hrs(x.hours.value ?? 0)} timer`).join(', ')}` : '') +
            '.'
          : `Converted from ${measureName} to working time on the assumption that ${num(h.effort.staff, 0)} staff spend ${pct(h.effort.allocationKey)} of their time on these cases (the allocation key)` +
            (h.sensitivity.length ? `; at ${h.sensitivity.map((x) => `${pct(x.allocationKey)}: ${hrs(x.hours.value ?? 0)} hours`).join(', ')}` : '') +
            '.'
        : h.effort.isUpperBound
          ? da
            ? `Beregnet som om al ${measureName} var arbejdstid; det er en øvre grænse, for en sagsbehandler har mange sager i gang på én gang.`
            : `Computed as if all ${measureName} were working time; that is an upper bound, since a caseworker has many cases open at once.`
          : da
            ? `Omregnet med ${num(h.effort.share, 2)} arbejdstime pr. time ${measureName} (fra en tidsmåling).`
            : `Converted at ${num(h.effort.share, 2)} working hours per hour of ${measureName} (from a time study).`;
    const review =
      h.reviewHours.value !== null && h.reviewHours.n > 0
        ? da
          ? ` Tiden brugt på at gennemse AI-udkast (${hrs(h.reviewHours.value)} timer) er trukket fra.`
          : ` The time spent reviewing AI drafts (${hrs(h.reviewHours.value)} hours) has been subtracted.`
        : '';
    if (h.verdict === 'saving') {
      out.push(
        da
          ? `Anslået frigjort arbejdstid: ${hrs(h.hours.value)} timer i perioden (${formatInterval(h.hours, lang, hrs)}), svarende til ${fte(h.fte.value ?? 0)} årsværk om året (${formatInterval(h.fte, lang, fte)}) ved ${num(h.fteHours, 0)} timer pr. årsværk. ${effortText}${review}`
          : `Estimated working time freed: ${hrs(h.hours.value)} hours in the period (${formatInterval(h.hours, lang, hrs)}), or ${fte(h.fte.value ?? 0)} FTE per year (${formatInterval(h.fte, lang, fte)}) at ${num(h.fteHours, 0)} hours per FTE. ${effortText}${review}`,
      );
    } else if (h.verdict === 'cost') {
      out.push(
        da
          ? `AI har i perioden kostet mere tid, end den har sparet: ${hrs(-h.hours.value)} timer (${formatInterval(h.hours, lang, hrs)}). ${effortText}${review}`
          : `In the period AI cost more time than it saved: ${hrs(-h.hours.value)} hours (${formatInterval(h.hours, lang, hrs)}). ${effortText}${review}`,
      );
    } else {
      out.push(
        da
          ? `Der kan ikke påvises en tidsbesparelse: bedste skøn er ${hrs(h.hours.value)} timer, men intervallet (${formatInterval(h.hours, lang, hrs)}) rummer nul. ${effortText}${review}`
          : `No time saving can be shown: the best estimate is ${hrs(h.hours.value)} hours, but the interval (${formatInterval(h.hours, lang, hrs)}) includes zero. ${effortText}${review}`,
      );
    }
  }

  const days = (v: number) => num(v, 1);
  for (const c of report.comparisons) {
    if (c.verdict !== 'lower' && c.verdict !== 'higher') continue;
    const [nameDa, nameEn] = metricNames[c.metric];
    const name = da ? nameDa : nameEn;
    const fmt = c.unit === 'share' ? pct : days;
    const unit = c.unit === 'share' ? '' : da ? ' arbejdsdage' : ' working days';
    const direction = c.verdict === 'lower' ? (da ? 'faldt' : 'fell') : da ? 'steg' : 'rose';
    const diff = c.unit === 'share' ? `${num((c.difference.value ?? 0) * 100, 0)} ${da ? 'procentpoint' : 'percentage points'}` : days(c.difference.value ?? 0);
    const interval = c.unit === 'share' ? formatInterval(c.difference, lang, (v) => num(v * 100, 0)) : formatInterval(c.difference, lang, days);
    out.push(
      da
        ? `${capitalise(kindName(c.kind, lang))}: ${name} ${direction} fra ${fmt(c.baseline.value ?? 0)} til ${fmt(c.period.value ?? 0)}${unit} (forskel ${diff}; ${interval}; n = ${c.baseline.n} og ${c.period.n}; ${formatP(c.pAdjusted ?? 1, lang)} efter Holm-korrektion).`
        : `${capitalise(kindName(c.kind, lang))}: ${name} ${direction} from ${fmt(c.baseline.value ?? 0)} to ${fmt(c.period.value ?? 0)}${unit} (difference ${diff}; ${interval}; n = ${c.baseline.n} and ${c.period.n}; ${formatP(c.pAdjusted ?? 1, lang)} after Holm correction).`,
    );
  }
  const quiet = report.comparisons.filter((c) => c.verdict === 'no_measurable_difference').length;
  if (quiet > 0) {
    out.push(
      da
        ? `${quiet} ${quiet === 1 ? 'anden sammenligning viser' : 'andre sammenligninger viser'} ingen målbar forskel (intervallet rummer nul, eller testen er ikke signifikant efter korrektion for mange test).`
        : `${quiet} other comparison${quiet === 1 ? ' shows' : 's show'} no measurable difference (the interval includes zero, or the test is not significant after correcting for many tests).`,
    );
  }
  const thin = [...new Set(report.comparisons.filter((c) => c.verdict === 'too_thin').map((c) => c.kind))];
  if (thin.length > 0) {
    out.push(
      da
        ? `For få sager (under ${report.method.minN} pr. gruppe) til at sige noget om: ${thin.map((k) => kindName(k, lang)).join(', ')}.`
        : `Too few cases (under ${report.method.minN} per group) to say anything about: ${thin.map((k) => kindName(k, lang)).join(', ')}.`,
    );
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
