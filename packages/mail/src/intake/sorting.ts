import {
  type CaseClassifier,
  type ClassificationStore,
  type DirectoryRepository,
  decideRouting,
  isFeatureAllowed,
  type PolicyRepository,
  type RoutingPolicy,
} from '@ekspedit/core';
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
  /** The automation policy: no AI sorting where it says level 0 or the kill switch is on. */
  policy?: PolicyRepository;
}): IntakeSorting {
  return {
    async classify(item) {
      const policy = deps.policy ? await deps.policy.current() : null;
      if (policy && !isFeatureAllowed(policy, 'classification', { kind: 'citizen_inquiry', kleCode: null, channel: 'email' })) return null;
      const classifier = await deps.classifier();
      const result = classifier ? await classifier.classify({ subject: item.subject, body: item.body, from: item.from }) : null;
      if (result && policy && !isFeatureAllowed(policy, 'classification', { kind: result.caseKind, kleCode: result.kleCode, channel: 'email' })) return null;
      return result;
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
