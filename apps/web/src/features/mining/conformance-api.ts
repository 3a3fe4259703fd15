import { apiRequest } from '../../api/client';
import { type MiningFilters, nextDay } from './api';

/** GET /api/mining/conformance: how the cases of one kind followed its current workflow. */
export interface ConformanceResponse {
  kind: string;
  workflowVersion: number;
  cases: number;
  logFitness: number;
  averageTraceFitness: number;
  percentFittingTraces: number;
  deviatingCases: number;
  deviations: { caseNumber: string; fitness: number; open: boolean; missing: string[]; unexpected: string[] }[];
  perActivity: { activity: string; count: number; deviations: number }[];
}

export interface DeadlineCounts {
  total: number;
  met: number;
  breached: number;
  open: number;
  openOverdue: number;
  breachRate: number;
}

/** GET /api/mining/deadlines: deadline breaches of the chosen cases. */
export interface DeadlinesResponse extends DeadlineCounts {
  withoutDeadline: number;
  byKind: (DeadlineCounts & { kind: string })[];
  cases: {
    caseNumber: string;
    kind: string;
    deadline: string;
    answeredAt: string | null;
    status: 'met' | 'breached' | 'open' | 'open_overdue';
    workingDaysLate: number;
  }[];
}

export type RuleType = 'must_happen' | 'must_precede' | 'never_both' | 'at_most_once';
export const ruleTypes: readonly RuleType[] = ['must_happen', 'must_precede', 'never_both', 'at_most_once'];
/** Rules about two activities. */
export const pairRules: ReadonlySet<RuleType> = new Set(['must_precede', 'never_both']);

export interface RuleSpec {
  type: RuleType;
  a: string;
  b?: string;
}

/** POST /api/mining/rules. */
export interface RulesResponse {
  cases: number;
  results: { type: RuleType; a: string; b: string | null; casesChecked: number; violations: number; caseNumbers: string[] }[];
}

const period = (filters: MiningFilters) => ({
  unit: filters.unit || undefined,
  from: filters.from || undefined,
  to: filters.to ? nextDay(filters.to) : undefined,
});

export function fetchConformance(kind: string, filters: MiningFilters, signal?: AbortSignal): Promise<ConformanceResponse> {
  return apiRequest('/mining/conformance', { signal, query: { kind, ...period(filters) } });
}

export function fetchDeadlines(filters: MiningFilters, signal?: AbortSignal): Promise<DeadlinesResponse> {
  return apiRequest('/mining/deadlines', { signal, query: { kind: filters.kind || undefined, ...period(filters) } });
}

export function runRules(rules: RuleSpec[], filters: MiningFilters): Promise<RulesResponse> {
  return apiRequest('/mining/rules', { json: { rules, kind: filters.kind || undefined, ...period(filters) } });
}
