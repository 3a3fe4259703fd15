import type { CaseClassifier, ClassificationResult } from '@ekspedit/core';
import type { ClassifierService } from './service';
import type { ItemClassification } from './types';

/** The classifier's result in the shape core's use cases and the classifications table take. */
export function toCoreClassification(result: ItemClassification): ClassificationResult {
  return {
    modelVersion: result.modelVersion,
    kleCode: result.kind === 'not_a_case' ? null : result.kle,
    kleGroup: result.kind === 'not_a_case' ? null : result.kleGroup,
    // Not-a-case items still need a case kind for the type; routing sends them to triage by itemKind.
    caseKind: result.caseKind ?? 'citizen_inquiry',
    itemKind: result.notCaseType ? `not_a_case:${result.notCaseType}` : result.kind,
    priority: result.priority,
    language: result.language,
    confidence: result.confidence,
    alternatives: result.alternatives,
    explanation: [
      ...result.explanation,
      { type: 'confidence', groupConfidence: result.groupConfidence, kindConfidence: result.kindConfidence, groupAlternatives: result.groupAlternatives },
    ],
  };
}

/** Core's CaseClassifier port over a ClassifierService: whatever model is serving at the call. */
export function asCaseClassifier(service: ClassifierService): CaseClassifier {
  return {
    async classify(item) {
      const result = service.classify({ subject: item.subject, body: item.body });
      return result ? toCoreClassification(result) : null;
    },
  };
}
