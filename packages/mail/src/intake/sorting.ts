import { type CaseClassifier, type ClassificationStore, type DirectoryRepository, decideRouting, type RoutingPolicy } from '@ekspedit/core';
import type { IntakeSorting } from './process-receipts';

/**
 * Sorting for the mail intake: the classifier suggests, the routing policy decides whether the
 * case goes straight to the unit that handles the KLE code or waits in the triage queue.
 */
export function createIntakeSorting(deps: {
  classifier: () => Promise<CaseClassifier | null>;
  routing: RoutingPolicy;
  directory: DirectoryRepository;
  classifications: ClassificationStore;
}): IntakeSorting {
  return {
    async classify(item) {
      const classifier = await deps.classifier();
      return classifier ? classifier.classify({ subject: item.subject, body: item.body, from: item.from }) : null;
    },
    async route(result) {
      const threshold = await deps.routing.thresholdFor(result.caseKind, result.kleCode);
      const decision = decideRouting(result, threshold);
      const unit = decision === 'auto_routed' && result.kleCode ? await deps.directory.findUnitForKle(result.kleCode) : null;
      // No unit handles the code: even a sure classification waits for a person.
      if (decision === 'auto_routed' && !unit) return { unitId: null, kleCode: null, decision: 'triage' };
      return { unitId: unit?.id ?? null, kleCode: decision === 'auto_routed' ? result.kleCode : null, decision };
    },
    record: (entry) => deps.classifications.record(entry),
  };
}
