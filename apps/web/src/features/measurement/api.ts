import { apiRequest } from '../../api/client';

// The measured-value API (apps/server/src/routes/measurement.ts). Its zod schemas live with the
// server's routes; these are the same shapes as TypeScript, kept in step by the browser test.

/** A figure with its 95 % interval and the number of cases (or drafts, ratings) it rests on. */
export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/** The filter as the server applied it: whole Copenhagen days, the baseline included. */
export interface AppliedFilter {
  from: string;
  to: string;
  baselineFrom: string | null;
  baselineTo: string | null;
  unit: string[];
  kind: string[];
  channel: string[];
  kle: string | null;
}

export interface Method {
  confidence: number;
  minN: number;
  windowDays: number;
  resamples: number;
  asOf: string;
}

export type FigureUnit = 'count' | 'working_days' | 'share' | 'words' | 'minutes';

/** Efficiency figures of one group of cases (a month, a unit, a kind or a channel). */
export interface MetricRow {
  key: string;
  cases: number;
  measured: number;
  firstResponseDays: Estimate;
  handlingDays: Estimate;
  queueDays: Estimate;
  activeDays: Estimate;
  waitingDays: Estimate;
  deadlineMet: Estimate;
  reopened: Estimate;
  aiDrafted: Estimate;
  draftsApprovedUnedited: Estimate;
}

export interface EfficiencyResponse {
  filter: AppliedFilter;
  method: Method & { fteHours: number; hoursPerWorkingDay: number; reviewCapMinutes: number };
  period: { from: string; to: string; cases: number; measured: number };
  baseline: { method: 'before' | 'control'; from: string | null; to: string | null; cases: number; measured: number };
  figures: {
    metric: string;
    unit: FigureUnit;
    baseline: Estimate;
    period: Estimate;
    difference: Estimate | null;
    pAdjusted: number | null;
    verdict: string | null;
  }[];
  hoursSaved: {
    verdict: 'saving' | 'cost' | 'no_measurable_difference' | 'too_thin';
    hours: Estimate;
    grossHours: Estimate;
    reviewHours: Estimate;
    fte: Estimate;
    effort: {
      method: 'allocation' | 'share';
      staff: number | null;
      allocationKey: number | null;
      share: number | null;
      workPerActiveHour: Estimate;
      isUpperBound: boolean;
    };
    sensitivity: { allocationKey: number; hours: Estimate; fte: Estimate }[];
    perKind: { kind: string; volume: number; baseline: Estimate; period: Estimate; savedDaysPerCase: Estimate; hours: Estimate; isIncluded: boolean }[];
    periodDays: number;
    fteHours: number;
  };
  comparisons: {
    kind: string;
    metric: string;
    unit: 'working_days' | 'share';
    baseline: Estimate;
    period: Estimate;
    difference: Estimate;
    relative: number | null;
    pAdjusted: number | null;
    verdict: string;
  }[];
  trend: MetricRow[];
  byUnit: MetricRow[];
  byKind: MetricRow[];
  byChannel: MetricRow[];
  conclusions: string[];
  conclusionsEn: string[];
}

export interface ClassificationRow {
  key: string;
  classified: number;
  accuracy: Estimate;
  autoRouted: Estimate;
  autoRoutedCorrected: Estimate;
}

export interface DraftRow {
  key: string;
  drafts: number;
  reviewed: number;
  approvedUnedited: Estimate;
  edited: Estimate;
  rejected: Estimate;
  editDistanceWords: Estimate;
  editDistanceMedianWords: Estimate;
  reviewMinutes: Estimate;
}

export interface VersionChange {
  from: string;
  to: string;
  metric: string;
  difference: Estimate;
  p: number | null;
  verdict: string;
}

export interface QualityResponse {
  filter: AppliedFilter;
  method: Method;
  period: { from: string; to: string; cases: number };
  classification: { overall: ClassificationRow; byVersion: ClassificationRow[]; byMonth: ClassificationRow[]; change: VersionChange | null };
  drafts: {
    overall: DraftRow;
    byVersion: DraftRow[];
    byMonth: DraftRow[];
    change: VersionChange | null;
    groundingFlagsPerDraft: Estimate;
    draftsWithFlags: Estimate;
  };
  conclusions: string[];
  conclusionsEn: string[];
}

export interface GroupComparison {
  attribute: string;
  metric: string;
  group: string;
  unit: 'share' | 'working_days' | 'words' | 'tone';
  value: Estimate;
  rest: Estimate;
  difference: Estimate;
  relative: number | null;
  pAdjusted: number | null;
  verdict: 'too_thin' | 'no_measurable_difference' | 'small_difference' | 'alert';
  isWorse: boolean | null;
}

export interface BiasResponse {
  filter: AppliedFilter;
  method: Method & { alpha: number; tests: number; thresholds: Record<string, number> };
  period: { from: string; to: string; cases: number };
  attributes: {
    attribute: string;
    groups: { group: string; cases: number }[];
    overall: { metric: string; test: string | null; p: number | null; groups: number }[];
    comparisons: GroupComparison[];
  }[];
  alerts: GroupComparison[];
  conclusions: string[];
  conclusionsEn: string[];
}

export interface VoiceResponse {
  filter: AppliedFilter;
  method: { confidence: number; minN: number };
  ratings: number;
  up: Estimate;
  byTarget: { targetType: string; ratings: number; up: Estimate }[];
  byReason: { reason: string; ratings: number; down: number }[];
  byMonth: { month: string; ratings: number; up: Estimate }[];
  stream: {
    id: string;
    createdAt: string;
    caseNumber: string | null;
    targetType: string;
    rating: 'up' | 'down';
    reason: string | null;
    comment: string | null;
  }[];
  streamScope: 'own_unit' | 'all';
  pulse: { status: 'not_built' };
}

/** Which cases to measure, as the filter form and the URL hold it (empty = not set). */
export interface MeasurementFilters {
  /** First day received (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last day received, inclusive. */
  to: string;
  unit: string;
  kind: string;
  channel: string;
  /** The baseline's first and last day; empty: as many days just before `from`. */
  baselineFrom: string;
  baselineTo: string;
}

export type MeasurementReport = 'efficiency' | 'quality' | 'bias' | 'voice';

const filterQuery = (f: MeasurementFilters) => ({
  from: f.from,
  to: f.to,
  unit: f.unit,
  kind: f.kind,
  channel: f.channel,
  baselineFrom: f.baselineFrom,
  baselineTo: f.baselineTo,
});

function searchOf(values: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  return params.toString();
}

/** GET /api/measurement/efficiency for the filter. */
export function fetchEfficiency(f: MeasurementFilters, signal?: AbortSignal): Promise<EfficiencyResponse> {
  return apiRequest('/measurement/efficiency', { query: filterQuery(f), signal });
}

/** GET /api/measurement/quality for the filter. */
export function fetchQuality(f: MeasurementFilters, signal?: AbortSignal): Promise<QualityResponse> {
  return apiRequest('/measurement/quality', { query: filterQuery(f), signal });
}

/** GET /api/measurement/bias for the filter. */
export function fetchBias(f: MeasurementFilters, signal?: AbortSignal): Promise<BiasResponse> {
  return apiRequest('/measurement/bias', { query: filterQuery(f), signal });
}

/** GET /api/measurement/voice for the filter. */
export function fetchVoice(f: MeasurementFilters, signal?: AbortSignal): Promise<VoiceResponse> {
  return apiRequest('/measurement/voice', { query: filterQuery(f), signal });
}

/** Where one table of a report downloads as CSV (the server writes it: Danish headers, `;`, BOM). */
export function csvUrl(report: MeasurementReport, table: string, f: MeasurementFilters): string {
  return `/api/measurement/${report}?${searchOf({ ...filterQuery(f), format: 'csv', table })}`;
}

/** Where the monthly report downloads; the month replaces the period, the rest of the filter applies. */
export function reportUrl(month: string, format: 'docx' | 'pdf', f: MeasurementFilters): string {
  const { from: _from, to: _to, ...rest } = filterQuery(f);
  return `/api/measurement/report?${searchOf({ ...rest, month, format })}`;
}
