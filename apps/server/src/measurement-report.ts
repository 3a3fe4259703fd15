import {
  formatDanishNumber as dk,
  formatReportEstimate as est,
  type MonthlyReport,
  type ReportColumn,
  type ReportEstimate,
  type ReportTable,
} from '@ekspedit/ai';
import type { AiRating } from '@ekspedit/core';
import {
  type BiasReport,
  type BreakdownRow,
  type ClassificationQuality,
  copenhagenDay,
  copenhagenMonth,
  type DraftQuality,
  type EfficiencyReport,
  type Estimate,
  type MetricSummary,
  type QualityReport,
  type VersionChange,
  wilsonInterval,
} from '@ekspedit/mining';
import { z } from 'zod';

// Shapes, tables and the monthly report of measured value (issue 9): the engine's reports as the
// dashboards' DTOs (zod schemas, the API contract), the same figures as Danish tables for CSV and
// the documents, and the monthly report's content. No I/O: routes/measurement.ts loads and computes.

export const MIN_N = 20;
export const WINDOW_DAYS = 30;

// ── Response schemas: the dashboards' contract ─────────────────────────────────────────────────

const estimate = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), n: z.number() });
const filterDto = z.object({
  from: z.string(),
  to: z.string(),
  baselineFrom: z.string().nullable(),
  baselineTo: z.string().nullable(),
  unit: z.array(z.string()),
  kind: z.array(z.string()),
  channel: z.array(z.string()),
  kle: z.string().nullable(),
});
const methodDto = z.object({ confidence: z.number(), minN: z.number(), windowDays: z.number(), resamples: z.number(), asOf: z.string() });
const metricRow = z.object({
  key: z.string(),
  cases: z.number(),
  measured: z.number(),
  firstResponseDays: estimate,
  handlingDays: estimate,
  queueDays: estimate,
  activeDays: estimate,
  waitingDays: estimate,
  deadlineMet: estimate,
  reopened: estimate,
  aiDrafted: estimate,
  draftsApprovedUnedited: estimate,
});
const figureUnits = ['count', 'working_days', 'share', 'words', 'minutes'] as const;
export const efficiencyResponse = z.object({
  filter: filterDto,
  method: methodDto.extend({ fteHours: z.number(), hoursPerWorkingDay: z.number(), reviewCapMinutes: z.number() }),
  period: z.object({ from: z.string(), to: z.string(), cases: z.number(), measured: z.number() }),
  baseline: z.object({
    method: z.enum(['before', 'control']),
    from: z.string().nullable(),
    to: z.string().nullable(),
    cases: z.number(),
    measured: z.number(),
  }),
  figures: z.array(
    z.object({
      metric: z.string(),
      unit: z.enum(figureUnits),
      baseline: estimate,
      period: estimate,
      difference: estimate.nullable(),
      pAdjusted: z.number().nullable(),
      verdict: z.string().nullable(),
    }),
  ),
  hoursSaved: z.object({
    verdict: z.enum(['saving', 'cost', 'no_measurable_difference', 'too_thin']),
    hours: estimate,
    grossHours: estimate,
    reviewHours: estimate,
    fte: estimate,
    effort: z.object({
      method: z.enum(['allocation', 'share']),
      staff: z.number().nullable(),
      allocationKey: z.number().nullable(),
      share: z.number().nullable(),
      workPerActiveHour: estimate,
      isUpperBound: z.boolean(),
    }),
    sensitivity: z.array(z.object({ allocationKey: z.number(), hours: estimate, fte: estimate })),
    perKind: z.array(
      z.object({
        kind: z.string(),
        volume: z.number(),
        baseline: estimate,
        period: estimate,
        savedDaysPerCase: estimate,
        hours: estimate,
        isIncluded: z.boolean(),
      }),
    ),
    periodDays: z.number(),
    fteHours: z.number(),
  }),
  comparisons: z.array(
    z.object({
      kind: z.string(),
      metric: z.string(),
      unit: z.enum(['working_days', 'share']),
      baseline: estimate,
      period: estimate,
      difference: estimate,
      relative: z.number().nullable(),
      pAdjusted: z.number().nullable(),
      verdict: z.string(),
    }),
  ),
  trend: z.array(metricRow),
  byUnit: z.array(metricRow),
  byKind: z.array(metricRow),
  byChannel: z.array(metricRow),
  conclusions: z.array(z.string()),
  conclusionsEn: z.array(z.string()),
});
export type EfficiencyDto = z.infer<typeof efficiencyResponse>;

const classificationRow = z.object({ key: z.string(), classified: z.number(), accuracy: estimate, autoRouted: estimate, autoRoutedCorrected: estimate });
const draftRow = z.object({
  key: z.string(),
  drafts: z.number(),
  reviewed: z.number(),
  approvedUnedited: estimate,
  edited: estimate,
  rejected: estimate,
  editDistanceWords: estimate,
  editDistanceMedianWords: estimate,
  reviewMinutes: estimate,
});
const versionChange = z
  .object({ from: z.string(), to: z.string(), metric: z.string(), difference: estimate, p: z.number().nullable(), verdict: z.string() })
  .nullable();
export const qualityResponse = z.object({
  filter: filterDto,
  method: methodDto,
  period: z.object({ from: z.string(), to: z.string(), cases: z.number() }),
  classification: z.object({ overall: classificationRow, byVersion: z.array(classificationRow), byMonth: z.array(classificationRow), change: versionChange }),
  drafts: z.object({
    overall: draftRow,
    byVersion: z.array(draftRow),
    byMonth: z.array(draftRow),
    change: versionChange,
    groundingFlagsPerDraft: estimate,
    draftsWithFlags: estimate,
  }),
  conclusions: z.array(z.string()),
  conclusionsEn: z.array(z.string()),
});
export type QualityDto = z.infer<typeof qualityResponse>;

const groupComparison = z.object({
  attribute: z.string(),
  metric: z.string(),
  group: z.string(),
  unit: z.enum(['share', 'working_days', 'words', 'tone']),
  value: estimate,
  rest: estimate,
  difference: estimate,
  relative: z.number().nullable(),
  pAdjusted: z.number().nullable(),
  verdict: z.enum(['too_thin', 'no_measurable_difference', 'small_difference', 'alert']),
  isWorse: z.boolean().nullable(),
});
export const biasResponse = z.object({
  filter: filterDto,
  method: methodDto.extend({ alpha: z.number(), tests: z.number(), thresholds: z.record(z.string(), z.number()) }),
  period: z.object({ from: z.string(), to: z.string(), cases: z.number() }),
  attributes: z.array(
    z.object({
      attribute: z.string(),
      groups: z.array(z.object({ group: z.string(), cases: z.number() })),
      overall: z.array(z.object({ metric: z.string(), test: z.string().nullable(), p: z.number().nullable(), groups: z.number() })),
      comparisons: z.array(groupComparison),
    }),
  ),
  alerts: z.array(groupComparison),
  conclusions: z.array(z.string()),
  conclusionsEn: z.array(z.string()),
});
export type BiasDto = z.infer<typeof biasResponse>;

export const voiceResponse = z.object({
  filter: filterDto,
  method: z.object({ confidence: z.number(), minN: z.number() }),
  ratings: z.number(),
  up: estimate,
  byTarget: z.array(z.object({ targetType: z.string(), ratings: z.number(), up: estimate })),
  byReason: z.array(z.object({ reason: z.string(), ratings: z.number(), down: z.number() })),
  byMonth: z.array(z.object({ month: z.string(), ratings: z.number(), up: estimate })),
  stream: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      caseNumber: z.string().nullable(),
      targetType: z.string(),
      rating: z.enum(['up', 'down']),
      reason: z.string().nullable(),
      comment: z.string().nullable(),
    }),
  ),
  /** Whose comments the stream shows: the reader's own unit, or any unit for analysts, admins and auditors. */
  streamScope: z.enum(['own_unit', 'all']),
  /** The pulse survey on workload and meaningfulness is not built yet. */
  pulse: z.object({ status: z.literal('not_built') }),
});
export type VoiceDto = z.infer<typeof voiceResponse>;

// ── The scope of a request: period, baseline and filter ───────────────────────────────────────

/** The filter of a request as the query gives it. */
export type ScopeQuery = {
  from?: string;
  to?: string;
  unit: string[];
  kind: string[];
  channel: string[];
  kle?: string;
  baselineFrom?: string;
  baselineTo?: string;
};

/** What a request measures: the period and baseline as Copenhagen days and instants, and the filter. */
export interface Scope {
  fromDay: string;
  toDay: string;
  /** Instants: `to` is the start of the day after `toDay`. */
  from: number;
  to: number;
  baselineFromDay: string;
  baselineToDay: string;
  baselineFrom: number;
  baselineTo: number;
  isBaselineGiven: boolean;
  q: ScopeQuery;
}

const filterOf = (s: Scope): z.infer<typeof filterDto> => ({
  from: s.fromDay,
  to: s.toDay,
  baselineFrom: s.baselineFromDay,
  baselineTo: s.baselineToDay,
  unit: s.q.unit,
  kind: s.q.kind,
  channel: s.q.channel,
  kle: s.q.kle ?? null,
});

// ── Presenting the engine's reports ──────────────────────────────────────────────────────────

/** An estimate safe to serialise: anything not finite becomes null. */
const e = (x: Estimate): Estimate => {
  const f = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return { value: f(x.value), low: f(x.low), high: f(x.high), n: x.n };
};
const finite = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);
const count = (n: number): Estimate => ({ value: n, low: null, high: null, n });

const metricRowOf = (r: BreakdownRow | (MetricSummary & { key: string })) => ({
  key: r.key,
  cases: r.cases,
  measured: r.measured,
  firstResponseDays: e(r.firstResponseDays),
  handlingDays: e(r.handlingDays),
  queueDays: e(r.queueDays),
  activeDays: e(r.activeDays),
  waitingDays: e(r.waitingDays),
  deadlineMet: e(r.deadlineMet),
  reopened: e(r.reopened),
  aiDrafted: e(r.aiDrafted),
  draftsApprovedUnedited: e(r.draftsApprovedUnedited),
});

const figureSpecs: [keyof MetricSummary, (typeof figureUnits)[number]][] = [
  ['cases', 'count'],
  ['measured', 'count'],
  ['firstResponseDays', 'working_days'],
  ['firstResponseMedianDays', 'working_days'],
  ['handlingDays', 'working_days'],
  ['handlingMedianDays', 'working_days'],
  ['queueDays', 'working_days'],
  ['activeDays', 'working_days'],
  ['waitingDays', 'working_days'],
  ['answeredInWindow', 'share'],
  ['deadlineMet', 'share'],
  ['reopened', 'share'],
  ['aiClassified', 'share'],
  ['aiAutoRouted', 'share'],
  ['aiDrafted', 'share'],
  ['aiSent', 'share'],
  ['draftsApprovedUnedited', 'share'],
  ['editDistanceWords', 'words'],
  ['reviewMinutes', 'minutes'],
];

/** The efficiency report as the dashboard reads it: key figures period against baseline, hours saved, breakdowns. */
export function presentEfficiency(r: EfficiencyReport, s: Scope): EfficiencyDto {
  const overall = new Map(r.comparisons.filter((c) => c.kind === '*').map((c) => [c.metric as string, c]));
  const pick = (m: MetricSummary, key: keyof MetricSummary): Estimate => {
    const v = m[key];
    return typeof v === 'number' ? count(v) : e(v);
  };
  const h = r.hoursSaved;
  return {
    filter: filterOf(s),
    method: {
      confidence: r.method.confidence,
      minN: r.method.minN,
      windowDays: r.method.windowDays,
      resamples: r.method.resamples,
      asOf: r.asOf,
      fteHours: r.method.fteHours,
      hoursPerWorkingDay: r.method.hoursPerWorkingDay,
      reviewCapMinutes: r.method.reviewCapMinutes,
    },
    period: { from: s.fromDay, to: s.toDay, cases: r.summary.period.cases, measured: r.summary.period.measured },
    baseline: {
      method: r.baseline.method,
      from: r.baseline.method === 'before' ? s.baselineFromDay : null,
      to: r.baseline.method === 'before' ? s.baselineToDay : null,
      cases: r.summary.baseline.cases,
      measured: r.summary.baseline.measured,
    },
    figures: figureSpecs.map(([metric, unit]) => {
      const c = overall.get(metric);
      return {
        metric,
        unit,
        baseline: pick(r.summary.baseline, metric),
        period: pick(r.summary.period, metric),
        difference: c ? e(c.difference) : null,
        pAdjusted: finite(c?.pAdjusted),
        verdict: c?.verdict ?? null,
      };
    }),
    hoursSaved: {
      verdict: h.verdict,
      hours: e(h.hours),
      grossHours: e(h.grossHours),
      reviewHours: e(h.reviewHours),
      fte: e(h.fte),
      effort: {
        method: h.effort.method,
        staff: h.effort.method === 'allocation' ? h.effort.staff : null,
        allocationKey: h.effort.method === 'allocation' ? h.effort.allocationKey : null,
        share: h.effort.method === 'share' ? h.effort.share : null,
        workPerActiveHour: e(h.effort.workPerActiveHour),
        isUpperBound: h.effort.isUpperBound,
      },
      sensitivity: h.sensitivity.map((x) => ({ allocationKey: x.allocationKey, hours: e(x.hours), fte: e(x.fte) })),
      perKind: h.perKind.map((k) => ({
        kind: k.kind,
        volume: k.volume,
        baseline: e(k.baseline),
        period: e(k.period),
        savedDaysPerCase: e(k.savedDaysPerCase),
        hours: e(k.hours),
        isIncluded: k.isIncluded,
      })),
      periodDays: h.periodDays,
      fteHours: h.fteHours,
    },
    comparisons: r.comparisons.map((c) => ({
      kind: c.kind,
      metric: c.metric,
      unit: c.unit,
      baseline: e(c.baseline),
      period: e(c.period),
      difference: e(c.difference),
      relative: finite(c.relative),
      pAdjusted: finite(c.pAdjusted),
      verdict: c.verdict,
    })),
    trend: r.trend.map(metricRowOf),
    byUnit: (r.breakdown.unit ?? []).map(metricRowOf),
    byKind: (r.breakdown.kind ?? []).map(metricRowOf),
    byChannel: (r.breakdown.channel ?? []).map(metricRowOf),
    conclusions: r.conclusions,
    conclusionsEn: r.conclusionsEn,
  };
}

const classificationOf = (c: ClassificationQuality) => ({
  key: c.key,
  classified: c.classified,
  accuracy: e(c.accuracy),
  autoRouted: e(c.autoRouted),
  autoRoutedCorrected: e(c.autoRoutedCorrected),
});
const draftOf = (d: DraftQuality) => ({
  key: d.key,
  drafts: d.drafts,
  reviewed: d.reviewed,
  approvedUnedited: e(d.approvedUnedited),
  edited: e(d.edited),
  rejected: e(d.rejected),
  editDistanceWords: e(d.editDistanceWords),
  editDistanceMedianWords: e(d.editDistanceMedianWords),
  reviewMinutes: e(d.reviewMinutes),
});
const changeOf = (c: VersionChange | null) =>
  c ? { from: c.from, to: c.to, metric: c.metric, difference: e(c.difference), p: finite(c.test?.p), verdict: c.verdict } : null;

/** The AI-quality report as the dashboard reads it. */
export function presentQuality(r: QualityReport, s: Scope): QualityDto {
  return {
    filter: filterOf(s),
    method: { confidence: r.method.confidence, minN: r.method.minN, windowDays: WINDOW_DAYS, resamples: r.method.resamples, asOf: r.asOf },
    period: { from: s.fromDay, to: s.toDay, cases: r.period.cases },
    classification: {
      overall: classificationOf(r.classification.overall),
      byVersion: r.classification.byVersion.map(classificationOf),
      byMonth: r.classification.byMonth.map(classificationOf),
      change: changeOf(r.classification.change),
    },
    drafts: {
      overall: draftOf(r.drafts.overall),
      byVersion: r.drafts.byVersion.map(draftOf),
      byMonth: r.drafts.byMonth.map(draftOf),
      change: changeOf(r.drafts.change),
      groundingFlagsPerDraft: e(r.drafts.groundingFlagsPerDraft),
      draftsWithFlags: e(r.drafts.draftsWithFlags),
    },
    conclusions: r.conclusions,
    conclusionsEn: r.conclusionsEn,
  };
}

/** The bias report as the dashboard reads it; the tests themselves are reduced to the Holm-adjusted p. */
export function presentBias(r: BiasReport, s: Scope): BiasDto {
  const comparison = (c: BiasReport['alerts'][number]) => ({
    attribute: c.attribute,
    metric: c.metric,
    group: c.group,
    unit: c.unit,
    value: e(c.value),
    rest: e(c.rest),
    difference: e(c.difference),
    relative: finite(c.relative),
    pAdjusted: finite(c.pAdjusted),
    verdict: c.verdict,
    isWorse: c.isWorse,
  });
  return {
    filter: filterOf(s),
    method: {
      confidence: r.method.confidence,
      minN: r.method.minN,
      windowDays: WINDOW_DAYS,
      resamples: r.method.resamples,
      asOf: r.asOf,
      alpha: r.method.alpha,
      tests: r.method.tests,
      thresholds: { ...r.method.thresholds },
    },
    period: { from: s.fromDay, to: s.toDay, cases: r.period.cases },
    attributes: r.attributes.map((a) => ({
      attribute: a.attribute,
      groups: a.groups,
      overall: a.overall.map((o) => ({ metric: o.metric, test: o.test?.test ?? null, p: finite(o.test?.p), groups: o.groups })),
      comparisons: a.comparisons.map(comparison),
    })),
    alerts: r.alerts.map(comparison),
    conclusions: r.conclusions,
    conclusionsEn: r.conclusionsEn,
  };
}

/** The ratings of the period in the filter's units: shares of thumbs up per target and month, reasons given. */
export function presentVoice(all: AiRating[], stream: AiRating[], s: Scope, isWide: boolean): VoiceDto {
  const units = new Set(s.q.unit);
  const inScope = (r: AiRating) => {
    const t = r.createdAt.getTime();
    return t >= s.from && t < s.to && (units.size === 0 || (r.unitId !== null && units.has(r.unitId)));
  };
  const ratings = all.filter(inScope);
  const share = (list: AiRating[]) => wilsonInterval(list.filter((r) => r.rating === 'up').length, list.length);
  const group = <K extends string>(key: (r: AiRating) => K) => {
    const map = new Map<K, AiRating[]>();
    for (const r of ratings) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return [...map];
  };
  return {
    filter: filterOf(s),
    method: { confidence: 0.95, minN: MIN_N },
    ratings: ratings.length,
    up: e(share(ratings)),
    byTarget: group((r) => r.targetType)
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([targetType, list]) => ({ targetType, ratings: list.length, up: e(share(list)) })),
    byReason: group((r) => r.reason ?? 'none')
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([reason, list]) => ({ reason, ratings: list.length, down: list.filter((r) => r.rating === 'down').length })),
    byMonth: group((r) => copenhagenMonth(r.createdAt.getTime()))
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([month, list]) => ({ month, ratings: list.length, up: e(share(list)) })),
    stream: stream
      .filter(inScope)
      .slice(0, 50)
      .map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        caseNumber: r.caseNumber ?? null,
        targetType: r.targetType,
        rating: r.rating,
        reason: r.reason,
        comment: r.comment,
      })),
    streamScope: isWide ? 'all' : 'own_unit',
    pulse: { status: 'not_built' },
  };
}

// ── Tables (CSV and documents), in Danish ─────────────────────────────────────────────────────

export const kindNames: Record<string, string> = {
  '*': 'Alle sager',
  citizen_inquiry: 'Borgerhenvendelse',
  access_request: 'Aktindsigt',
  complaint: 'Klage',
  politician_question: 'Politikerspørgsmål',
  memo: 'Notat',
  minutes: 'Referat',
  consultation: 'Høring',
};
export const channelNames: Record<string, string> = {
  email: 'E-mail',
  web: 'Webformular',
  letter: 'Brev',
  phone: 'Telefon',
  import: 'Import',
  internal: 'Intern',
};
const metricNames: Record<string, string> = {
  cases: 'Modtagne sager',
  measured: 'Sager med afsluttet opfølgning',
  firstResponseDays: 'Tid til første svar (arbejdsdage, gns.)',
  firstResponseMedianDays: 'Tid til første svar (arbejdsdage, median)',
  handlingDays: 'Behandlingstid (arbejdsdage, gns.)',
  handlingMedianDays: 'Behandlingstid (arbejdsdage, median)',
  queueDays: '– heraf i kø (arbejdsdage)',
  activeDays: '– heraf aktivt arbejde (arbejdsdage)',
  waitingDays: '– heraf ventetid (arbejdsdage)',
  answeredInWindow: 'Besvaret inden for opfølgningen (%)',
  deadlineMet: 'Frist overholdt (%)',
  reopened: 'Genåbnet (%)',
  aiClassified: 'AI sorterede (%)',
  aiAutoRouted: 'AI fordelte selv (%)',
  aiDrafted: 'AI skrev udkast (%)',
  aiSent: 'AI sendte selv (%)',
  draftsApprovedUnedited: 'Udkast sendt uændret (%)',
  editDistanceWords: 'Rettede ord pr. udkast',
  reviewMinutes: 'Gennemsynstid (minutter)',
  closeDays: 'Tid til afslutning (arbejdsdage)',
  classificationCorrect: 'Sorteringens nøjagtighed (%)',
  draftAccepted: 'AI-udkast sendt uændret (%)',
  replyWords: 'Svarets længde (ord)',
  replyTone: 'Svarets tone (−1 til +1)',
  accuracy: 'Sorteringens nøjagtighed (%)',
  approvedUnedited: 'Udkast sendt uændret (%)',
};
const verdictNames: Record<string, string> = {
  too_thin: 'for få data',
  no_measurable_difference: 'ingen målbar forskel',
  lower: 'lavere',
  higher: 'højere',
  small_difference: 'lille, sikker forskel',
  alert: 'ALARM',
  better: 'bedre',
  worse: 'dårligere',
  saving: 'besparelse',
  cost: 'merforbrug',
};
const attributeNames: Record<string, string> = { language: 'Sprog', channel: 'Kanal', district: 'Bydel', ageBand: 'Aldersgruppe', gender: 'Køn' };
const targetNames: Record<string, string> = {
  classification: 'Sortering',
  draft: 'Udkast',
  summary: 'Resumé',
  consultation: 'Høringsanalyse',
  minutes: 'Referat',
  acknowledgement: 'Kvittering',
};
const reasonNames: Record<string, string> = {
  wrong: 'Forkert',
  incomplete: 'Ufuldstændigt',
  tone: 'Tonen',
  sources: 'Kilderne',
  too_long: 'For langt',
  good: 'Godt',
  other: 'Andet',
  none: 'Ingen begrundelse',
};

export const named = (names: Record<string, string>, id: string) => names[id] ?? id;
const pct: Partial<ReportColumn> = { decimals: 0, scale: 100 };
const col = (header: string, kind: ReportColumn['kind'] = 'text', extra: Partial<ReportColumn> = {}): ReportColumn => ({ header, kind, ...extra });
const unitColumn = (unit: string): Partial<ReportColumn> =>
  unit === 'share' ? pct : unit === 'count' ? { decimals: 0 } : unit === 'tone' ? { decimals: 2 } : unit === 'words' ? { decimals: 1 } : { decimals: 1 };

function metricTable(id: string, title: string, keyHeader: string, rows: z.infer<typeof metricRow>[], keyName: (k: string) => string): ReportTable {
  return {
    id,
    title,
    minN: MIN_N,
    columns: [
      col(keyHeader),
      col('Sager', 'number', { decimals: 0 }),
      col('Målte sager', 'number', { decimals: 0 }),
      col('Tid til første svar (arbejdsdage)', 'estimate'),
      col('Behandlingstid (arbejdsdage)', 'estimate'),
      col('Aktivt arbejde (arbejdsdage)', 'estimate'),
      col('Ventetid (arbejdsdage)', 'estimate'),
      col('Frist overholdt (%)', 'estimate', pct),
      col('AI-udkast (%)', 'estimate', pct),
    ],
    rows: rows.map((r) => [keyName(r.key), r.cases, r.measured, r.firstResponseDays, r.handlingDays, r.activeDays, r.waitingDays, r.deadlineMet, r.aiDrafted]),
  };
}

/** The efficiency dashboard's tables, in Danish, for CSV and the monthly report. */
export function efficiencyTables(d: EfficiencyDto, unitName: (id: string) => string): ReportTable[] {
  const h = d.hoursSaved;
  return [
    {
      id: 'figures',
      title: 'Nøgletal: basislinje og periode',
      minN: MIN_N,
      columns: [
        col('Mål'),
        col('Basislinje', 'estimate'),
        col('Periode', 'estimate'),
        col('Forskel (periode − basislinje)', 'estimate'),
        col('p (Holm)', 'number', { decimals: 3 }),
        col('Vurdering'),
      ],
      rows: d.figures.map((f) => {
        const scale = unitColumn(f.unit).scale ?? 1;
        const scaled = (x: ReportEstimate | null) =>
          x && scale !== 1 ? { value: mul(x.value, scale), low: mul(x.low, scale), high: mul(x.high, scale), n: x.n } : x;
        if (f.unit === 'count') return [named(metricNames, f.metric), f.baseline.value, f.period.value, null, null, null];
        return [
          named(metricNames, f.metric),
          scaled(f.baseline),
          scaled(f.period),
          scaled(f.difference),
          f.pAdjusted,
          f.verdict ? named(verdictNames, f.verdict) : null,
        ];
      }),
    },
    {
      id: 'hours',
      title: 'Timer sparet pr. sagstype (aktiv behandlingstid)',
      minN: 0,
      columns: [
        col('Sagstype'),
        col('Sager i perioden', 'number', { decimals: 0 }),
        col('Aktiv tid, basislinje (arbejdsdage)', 'estimate'),
        col('Aktiv tid, periode (arbejdsdage)', 'estimate'),
        col('Sparet pr. sag (arbejdsdage)', 'estimate', { decimals: 2 }),
        col('Timer sparet', 'estimate', { decimals: 0 }),
        col('Medregnet'),
      ],
      rows: h.perKind.map((k) => [
        named(kindNames, k.kind),
        k.volume,
        k.baseline,
        k.period,
        k.savedDaysPerCase,
        k.hours,
        k.isIncluded ? 'ja' : `nej (under ${MIN_N} sager)`,
      ]),
    },
    {
      id: 'hours-total',
      title: 'Timer sparet og årsværk i alt',
      minN: 0,
      columns: [col('Størrelse'), col('Værdi', 'estimate', { decimals: 2 })],
      rows: [
        ['Timer sparet, netto', h.hours],
        ['Timer sparet, brutto', h.grossHours],
        ['Gennemsyn af AI-udkast (timer, trukket fra)', h.reviewHours],
        ['Årsværk pr. år', h.fte],
        ['Arbejdstimer pr. time aktiv behandlingstid', h.effort.workPerActiveHour],
        ...h.sensitivity.flatMap((x): ReportTable['rows'] => [
          [`Timer sparet ved fordelingsnøgle ${dk(x.allocationKey * 100, 0)} %`, x.hours],
          [`Årsværk ved fordelingsnøgle ${dk(x.allocationKey * 100, 0)} %`, x.fte],
        ]),
      ],
    },
    {
      id: 'comparisons',
      title: 'Sammenligninger pr. sagstype',
      minN: 0,
      columns: [
        col('Sagstype'),
        col('Mål'),
        col('Basislinje', 'estimate', { decimals: 2 }),
        col('Periode', 'estimate', { decimals: 2 }),
        col('Forskel', 'estimate', { decimals: 2 }),
        col('p (Holm)', 'number', { decimals: 3 }),
        col('Vurdering'),
      ],
      rows: d.comparisons.map((c) => [
        named(kindNames, c.kind),
        named(metricNames, c.metric),
        c.baseline,
        c.period,
        c.difference,
        c.pAdjusted,
        named(verdictNames, c.verdict),
      ]),
    },
    metricTable('trend', 'Udvikling pr. måned (basislinje og periode)', 'Måned', d.trend, (k) => k),
    metricTable('units', 'Pr. enhed', 'Enhed', d.byUnit, unitName),
    metricTable('kinds', 'Pr. sagstype', 'Sagstype', d.byKind, (k) => named(kindNames, k)),
    metricTable('channels', 'Pr. kanal', 'Kanal', d.byChannel, (k) => named(channelNames, k)),
  ];
}

const mul = (v: number | null, k: number) => (v === null ? null : v * k);

/** The AI-quality tables, in Danish. */
export function qualityTables(d: QualityDto): ReportTable[] {
  const cColumns = (key: string) => [
    col(key),
    col('Sorteret af AI', 'number', { decimals: 0 }),
    col('Nøjagtighed (%)', 'estimate', pct),
    col('Fordelt af AI selv (%)', 'estimate', pct),
    col('Selvfordelte, siden flyttet (%)', 'estimate', pct),
  ];
  const dColumns = (key: string) => [
    col(key),
    col('Udkast', 'number', { decimals: 0 }),
    col('Gennemset', 'number', { decimals: 0 }),
    col('Sendt uændret (%)', 'estimate', pct),
    col('Rettet (%)', 'estimate', pct),
    col('Forkastet (%)', 'estimate', pct),
    col('Rettede ord', 'estimate'),
    col('Gennemsyn (minutter)', 'estimate'),
  ];
  const cRow = (c: z.infer<typeof classificationRow>) => [c.key === '*' ? 'Alle' : c.key, c.classified, c.accuracy, c.autoRouted, c.autoRoutedCorrected];
  const dRow = (x: z.infer<typeof draftRow>) => [
    x.key === '*' ? 'Alle' : x.key,
    x.drafts,
    x.reviewed,
    x.approvedUnedited,
    x.edited,
    x.rejected,
    x.editDistanceWords,
    x.reviewMinutes,
  ];
  const o = d.drafts;
  return [
    {
      id: 'overall',
      title: 'AI-kvalitet samlet',
      minN: MIN_N,
      columns: [col('Mål'), col('Værdi', 'estimate', { decimals: 2 })],
      rows: [
        ['Sorteringens nøjagtighed (andel)', d.classification.overall.accuracy],
        ['Selvfordelte sager, siden flyttet (andel)', d.classification.overall.autoRoutedCorrected],
        ['Udkast sendt uændret (andel)', o.overall.approvedUnedited],
        ['Udkast rettet (andel)', o.overall.edited],
        ['Udkast forkastet (andel)', o.overall.rejected],
        ['Rettede ord pr. brugt udkast', o.overall.editDistanceWords],
        ['Gennemsynstid (minutter)', o.overall.reviewMinutes],
        ['Groundingflag pr. udkast', o.groundingFlagsPerDraft],
        ['Udkast med mindst ét groundingflag (andel)', o.draftsWithFlags],
      ],
    },
    {
      id: 'classification-versions',
      title: 'Sortering pr. modelversion',
      minN: MIN_N,
      columns: cColumns('Modelversion'),
      rows: d.classification.byVersion.map(cRow),
    },
    { id: 'draft-versions', title: 'Udkast pr. model- og promptversion', minN: MIN_N, columns: dColumns('Version'), rows: o.byVersion.map(dRow) },
    { id: 'classification-months', title: 'Sortering pr. måned', minN: MIN_N, columns: cColumns('Måned'), rows: d.classification.byMonth.map(cRow) },
    { id: 'draft-months', title: 'Udkast pr. måned', minN: MIN_N, columns: dColumns('Måned'), rows: o.byMonth.map(dRow) },
  ];
}

/** The equal-treatment tables, in Danish; `isTestedOnly` leaves out comparisons too thin to test. */
export function biasTables(d: BiasDto, options: { isTestedOnly?: boolean } = {}): ReportTable[] {
  const scaleOf = (unit: string) => (unit === 'share' ? 100 : 1);
  const scaled = (x: ReportEstimate, k: number) => (k === 1 ? x : { value: mul(x.value, k), low: mul(x.low, k), high: mul(x.high, k), n: x.n });
  const comparisons = d.attributes.flatMap((a) => a.comparisons).filter((c) => !options.isTestedOnly || c.verdict !== 'too_thin');
  return [
    {
      id: 'comparisons',
      title: 'Hver gruppe mod de øvrige',
      minN: 0,
      columns: [
        col('Egenskab'),
        col('Gruppe'),
        col('Mål'),
        col('Gruppen', 'estimate', { decimals: 2 }),
        col('De øvrige', 'estimate', { decimals: 2 }),
        col('Forskel', 'estimate', { decimals: 2 }),
        col('p (Holm)', 'number', { decimals: 3 }),
        col('Vurdering'),
        col('Gruppen dårligere stillet'),
      ],
      rows: comparisons.map((c) => {
        const k = scaleOf(c.unit);
        return [
          named(attributeNames, c.attribute),
          c.group,
          named(metricNames, c.metric),
          scaled(c.value, k),
          scaled(c.rest, k),
          scaled(c.difference, k),
          c.pAdjusted,
          named(verdictNames, c.verdict),
          c.isWorse === null ? '–' : c.isWorse ? 'ja' : 'nej',
        ];
      }),
    },
    {
      id: 'groups',
      title: 'Grupper og antal sager',
      minN: 0,
      columns: [col('Egenskab'), col('Gruppe'), col('Sager', 'number', { decimals: 0 })],
      rows: d.attributes.flatMap((a) => a.groups.map((g) => [named(attributeNames, a.attribute), g.group, g.cases])),
    },
    {
      id: 'overall-tests',
      title: 'Samlet test over alle grupper',
      minN: 0,
      columns: [
        col('Egenskab'),
        col('Mål'),
        col('Grupper med nok data', 'number', { decimals: 0 }),
        col('Test'),
        col('p (ukorrigeret)', 'number', { decimals: 3 }),
      ],
      rows: d.attributes.flatMap((a) => a.overall.map((o) => [named(attributeNames, a.attribute), named(metricNames, o.metric), o.groups, o.test ?? '–', o.p])),
    },
  ];
}

/** The employees'-voice tables, in Danish. */
export function voiceTables(d: VoiceDto): ReportTable[] {
  return [
    {
      id: 'targets',
      title: 'Vurderinger pr. AI-funktion',
      minN: MIN_N,
      columns: [col('AI-funktion'), col('Vurderinger', 'number', { decimals: 0 }), col('Tommel op (%)', 'estimate', pct)],
      rows: [...d.byTarget.map((t) => [named(targetNames, t.targetType), t.ratings, t.up]), ['Alle', d.ratings, d.up]],
    },
    {
      id: 'reasons',
      title: 'Begrundelser',
      minN: 0,
      columns: [col('Begrundelse'), col('Vurderinger', 'number', { decimals: 0 }), col('Heraf tommel ned', 'number', { decimals: 0 })],
      rows: d.byReason.map((r) => [named(reasonNames, r.reason), r.ratings, r.down]),
    },
    {
      id: 'months',
      title: 'Vurderinger pr. måned',
      minN: MIN_N,
      columns: [col('Måned'), col('Vurderinger', 'number', { decimals: 0 }), col('Tommel op (%)', 'estimate', pct)],
      rows: d.byMonth.map((m) => [m.month, m.ratings, m.up]),
    },
  ];
}

// ── The monthly report ───────────────────────────────────────────────────────────────────────

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const danishDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${months[(m ?? 1) - 1]} ${y}`;
};

/** The monthly report's content: headline figures, each section's conclusions in words and its tables, and the caveats. */
export function composeMonthlyReport(input: {
  municipality: string;
  month: string;
  scopeText: string;
  efficiency: EfficiencyDto;
  quality: QualityDto;
  bias: BiasDto;
  voice: VoiceDto;
  unitName: (id: string) => string;
  now: Date;
}): MonthlyReport {
  const { efficiency: ef, quality: q, bias: b, voice: v } = input;
  const [year, m] = input.month.split('-').map(Number) as [number, number];
  const h = ef.hoursSaved;
  const hoursText =
    h.verdict === 'too_thin'
      ? `for få data (ingen sagstype har ${ef.method.minN} færdige sager i begge grupper)`
      : `${est(h.hours, { decimals: 0, suffix: Math.abs(Math.round(h.hours.value ?? 0)) === 1 ? ' time' : ' timer' })}${h.verdict === 'no_measurable_difference' ? ' – intervallet rummer nul' : ''}`;
  const figure = (metric: string) => ef.figures.find((f) => f.metric === metric);
  const handling = figure('handlingDays');
  const deadline = figure('deadlineMet');
  const alerts = b.alerts.length;
  const baselineText =
    ef.baseline.method === 'control'
      ? `Sammenlignet med en tilfældigt udtrukket kontrolgruppe uden AI i samme måned (${ef.baseline.cases} sager).`
      : `Sammenlignet med ${danishDate(ef.baseline.from ?? '')} – ${danishDate(ef.baseline.to ?? '')} (${ef.baseline.cases} sager); en før/efter-sammenligning kan ikke skille AI fra andre ændringer.`;
  return {
    municipality: input.municipality,
    title: `Målt værdi – månedsrapport for ${months[m - 1]} ${year}`,
    meta: [
      `Periode: ${danishDate(ef.period.from)} – ${danishDate(ef.period.to)} (${ef.period.cases} sager modtaget, ${ef.period.measured} med afsluttet opfølgning på ${ef.method.windowDays} dage).`,
      baselineText,
      `Afgrænsning: ${input.scopeText}.`,
      `Lavet ${danishDate(copenhagenDay(input.now.getTime()))}. Alle tal med 95 %-konfidensinterval (KI) og n, antallet af sager eller udkast tallet bygger på; under ${ef.method.minN} står der "for få data". Metoden: docs/measurement.md.`,
    ],
    highlights: [
      { label: 'Timer sparet i måneden', value: hoursText },
      { label: 'Årsværk pr. år', value: h.verdict === 'too_thin' ? 'for få data' : est(h.fte, { decimals: 2 }) },
      { label: 'Behandlingstid (arbejdsdage)', value: handling ? est(handling.period, { minN: ef.method.minN }) : 'ingen data' },
      { label: 'Frist overholdt', value: deadline ? est(deadline.period, { decimals: 0, scale: 100, suffix: ' %', minN: ef.method.minN }) : 'ingen data' },
      { label: 'Sorteringens nøjagtighed', value: est(q.classification.overall.accuracy, { decimals: 0, scale: 100, suffix: ' %', minN: q.method.minN }) },
      { label: 'AI-udkast sendt uændret', value: est(q.drafts.overall.approvedUnedited, { decimals: 0, scale: 100, suffix: ' %', minN: q.method.minN }) },
      { label: 'Alarmer om skævhed', value: alerts === 0 ? 'ingen' : String(alerts) },
      {
        label: 'Medarbejdernes vurderinger',
        value: v.ratings === 0 ? 'ingen i måneden' : `${v.ratings}, tommel op ${est(v.up, { decimals: 0, scale: 100, suffix: ' %', minN: MIN_N })}`,
      },
    ],
    sections: [
      {
        heading: 'Effektivitet',
        paragraphs: ['Hvad tallene siger:'],
        bullets: ef.conclusions,
        tables: efficiencyTables(ef, input.unitName).filter((t) => ['figures', 'hours', 'hours-total', 'units'].includes(t.id)),
      },
      {
        heading: 'AI-kvalitet',
        paragraphs: ['Hvad medarbejderne gjorde med AI’s forslag:'],
        bullets: q.conclusions,
        tables: qualityTables(q).filter((t) => ['overall', 'classification-versions', 'draft-versions'].includes(t.id)),
      },
      {
        heading: 'Ligebehandling',
        paragraphs: [
          'Hver gruppe af borgere (sprog, kanal, bydel) er sammenlignet med alle andre. En alarm er en grund til at undersøge, ikke en dom: forskellen kan skyldes, hvilke slags sager gruppen sender.',
        ],
        bullets: b.conclusions,
        tables: biasTables(b, { isTestedOnly: true }).filter((t) => t.id === 'comparisons'),
      },
      {
        heading: 'Medarbejdernes stemme',
        paragraphs: [
          v.ratings === 0
            ? 'Ingen medarbejdere har vurderet AI-forslag i måneden.'
            : `Medarbejderne har givet ${v.ratings} vurderinger af AI-forslag i måneden.`,
          'Pulsmålingen om arbejdsbyrde og meningsfuldhed er endnu ikke bygget.',
        ],
        tables: v.ratings === 0 ? [] : voiceTables(v).filter((t) => t.id !== 'months'),
      },
      {
        heading: 'Hvad tallene ikke kan sige',
        paragraphs: [],
        bullets: [
          'Loggen måler forløbstid, ikke arbejdstid. Timer sparet hviler på fordelingsnøglen; derfor vises også 10 % og 20 %.',
          'Før/efter kan ikke skelne AI fra andre ændringer. Kun en kontrolgruppe kan.',
          '"Ingen målbar forskel" betyder ikke "ingen forskel" – kun at den ikke kan skelnes fra tilfældigheder med de data, der er.',
          'Sparede timer er ikke sparede kroner; tiden kan bruges på andre opgaver.',
        ],
        tables: [],
      },
    ],
  };
}
