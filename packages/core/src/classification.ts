import type { CaseKind, Priority } from './roles';

/** What the sorting model says about one incoming item. */
export interface ClassificationResult {
  modelVersion: string;
  /** KLE subject, e.g. 07.18.00; null when the model has nothing. */
  kleCode: string | null;
  /** KLE group, e.g. 07.18. */
  kleGroup: string | null;
  /** The platform's case kind the item maps to. */
  caseKind: CaseKind;
  /** The finer kind (question, complaint, access_request, application, problem_report, appointment, politician_question, not_a_case:spam…). */
  itemKind: string;
  priority: Priority;
  language: string;
  /** Calibrated probability that kleCode is right. */
  confidence: number;
  alternatives: { kle: string; confidence: number }[];
  /** Words and earlier cases that decided it, for a person to read. */
  explanation: unknown[];
}

/** The sorting model as the use cases see it. */
export interface CaseClassifier {
  classify(item: { subject: string; body: string; from?: string | null }): Promise<ClassificationResult | null>;
}

export type RoutingDecision = 'auto_routed' | 'triage';

/** Confidence thresholds per kind and KLE group; the most specific rule wins. */
export interface RoutingPolicy {
  thresholdFor(kind: CaseKind, kleCode: string | null): Promise<number>;
}

/** Where classifications and the triage corrections that teach the model are kept. */
export interface ClassificationStore {
  record(entry: { caseId: string; result: ClassificationResult; decision: RoutingDecision; unitId: string | null }): Promise<void>;
  /** The latest classification of each case. */
  latestFor(caseIds: string[]): Promise<Map<string, { result: ClassificationResult; decision: RoutingDecision; createdAt: Date }>>;
  addTrainingExample(example: { caseId: string; kleCode: string; kind: string; source: 'correction' | 'confirmation'; createdBy: string }): Promise<void>;
}

/** Auto-route when the model is at least as sure as the policy demands, and never for not-a-case items. */
export function decideRouting(result: ClassificationResult | null, threshold: number): RoutingDecision {
  if (!result?.kleCode) return 'triage';
  if (result.itemKind.startsWith('not_a_case')) return 'triage';
  return result.confidence >= threshold ? 'auto_routed' : 'triage';
}
