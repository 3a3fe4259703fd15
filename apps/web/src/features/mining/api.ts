import { apiRequest } from '../../api/client';

/** One directly-follows edge with its times in seconds. */
export interface ProcessEdge {
  from: string;
  to: string;
  count: number;
  meanSeconds: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  totalSeconds: number;
}

/** A step where cases wait, with what it costs in working days and the cases behind it (longest first). */
export interface ProcessWait {
  from: string;
  to: string;
  count: number;
  meanSeconds: number;
  medianSeconds: number;
  totalWorkingDays: number;
  meanWorkingDays: number;
  cases: { caseNumber: string; seconds: number; workingDays: number }[];
}

export interface ProcessVariant {
  trace: string[];
  count: number;
  coverage: number;
  caseNumbers: string[];
}

/** GET /api/mining/process-map: the process of the platform's own cases. */
export interface ProcessMapResponse {
  cases: number;
  events: number;
  activities: { activity: string; count: number }[];
  edges: ProcessEdge[];
  start: Record<string, number>;
  end: Record<string, number>;
  variantCount: number;
  variants: ProcessVariant[];
  caseDuration: { meanSeconds: number; medianSeconds: number; minSeconds: number; maxSeconds: number };
  waits: ProcessWait[];
  /** Activities done more than once in the same case. */
  rework: { activity: string; cases: number; repetitions: number; share: number }[];
}

/** Which cases to mine (one side of a comparison). */
export interface MiningFilters {
  kind: string;
  unit: string;
  kle: string;
  /** First day received (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last day received (YYYY-MM-DD), inclusive. */
  to: string;
}

/** How much of the map to show, in percent (the sliders). */
export interface MiningShares {
  activity: number;
  path: number;
}

/** The day after a calendar date: the server's `to` is exclusive, the form's "to" is inclusive. */
export function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The process map for a set of filters and slider positions. */
export function fetchProcessMap(filters: MiningFilters, shares: MiningShares, signal?: AbortSignal): Promise<ProcessMapResponse> {
  return apiRequest('/mining/process-map', {
    signal,
    query: {
      kind: filters.kind,
      unit: filters.unit,
      kle: filters.kle,
      from: filters.from,
      to: filters.to ? nextDay(filters.to) : undefined,
      activityShare: shares.activity / 100,
      pathShare: shares.path / 100,
    },
  });
}
