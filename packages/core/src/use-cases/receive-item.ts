import { type CaseClassifier, type ClassificationStore, decideRouting, type RoutingPolicy } from '../classification';
import { controlGroupFlag, isFeatureAllowed, type PolicyRepository } from '../policy';
import type { CaseRecord } from '../types';
import { type CreateCaseDeps, type CreateCaseInput, createCase } from './create-case';

export interface ReceiveItemDeps extends CreateCaseDeps {
  classifier: CaseClassifier | null;
  routing: RoutingPolicy;
  classifications: ClassificationStore;
  /** The automation policy: classification needs level 1 and its kill switch off. */
  policy?: PolicyRepository;
  /** For drawing a pilot's control group; tests pass a fixed source. */
  random?: () => number;
}

/**
 * Takes in one incoming item: the model sorts it, and the routing policy decides whether the case
 * goes straight to its unit or waits in the mail reception's triage queue. Routing never closes,
 * rejects or answers anything. A caller that already knows kind or unit keeps them.
 */
export async function receiveItem(
  input: CreateCaseInput & { isKindGiven?: boolean },
  deps: ReceiveItemDeps,
): Promise<{ case: CaseRecord; decision: 'auto_routed' | 'triage' | 'given'; suggestedKle: string | null; confidence: number | null }> {
  const policy = deps.policy ? await deps.policy.current() : null;
  // A controlled pilot: a random share of new cases gets no AI at all, so the effect can be measured.
  const pilot = policy?.pilot && policy.pilot.controlShare > 0 ? policy.pilot : null;
  const arm = pilot ? ((deps.random ?? Math.random)() < pilot.controlShare ? 'control' : 'ai') : null;
  if (arm) input = { ...input, flags: [...(input.flags ?? []), arm === 'control' ? controlGroupFlag : 'ai_pilot'] };
  const recordArm = async (caseId: string) => {
    if (!arm || !pilot) return;
    await deps.cases.appendEvents(caseId, [
      {
        activity: 'pilot.assigned',
        actorKind: 'system',
        actorId: 'ai-policy',
        occurredAt: deps.clock.now(),
        data: { arm, pilot: pilot.name, policyVersion: policy?.version ?? null },
      },
    ]);
  };
  const channel = input.channel ?? null;
  const mayClassify = arm !== 'control' && (!policy || isFeatureAllowed(policy, 'classification', { kind: input.kind, kleCode: null, channel }));
  if (input.unitId || input.kleCode || !deps.classifier || input.flags?.includes('unparsed_source') || !mayClassify) {
    const created = await createCase(input, deps);
    await recordArm(created.id);
    return { case: created, decision: input.unitId || input.kleCode ? 'given' : 'triage', suggestedKle: input.kleCode ?? null, confidence: null };
  }
  let result = await deps.classifier.classify({ subject: input.title, body: input.body, from: input.fromAddress ?? input.sender?.email ?? null });
  // A rule for the subject the model found may forbid AI here: then its suggestion is not used at all.
  if (
    result &&
    policy &&
    !isFeatureAllowed(policy, 'classification', { kind: input.isKindGiven ? input.kind : result.caseKind, kleCode: result.kleCode, channel })
  ) {
    result = null;
  }
  const kind = input.isKindGiven ? input.kind : (result?.caseKind ?? input.kind);
  const threshold = result ? await deps.routing.thresholdFor(kind, result.kleCode) : 1;
  const decision = decideRouting(result, threshold);
  const created = await createCase(
    {
      ...input,
      kind,
      kleCode: decision === 'auto_routed' ? result?.kleCode : null,
      priority: input.priority ?? result?.priority,
      language: input.language ?? result?.language,
    },
    deps,
  );
  await recordArm(created.id);
  if (result) {
    await deps.classifications.record({ caseId: created.id, result, decision, unitId: created.unitId });
    await deps.cases.appendEvents(created.id, [
      {
        activity: 'case.classified',
        actorKind: 'ai',
        actorId: result.modelVersion,
        occurredAt: deps.clock.now(),
        data: {
          decision,
          kleCode: result.kleCode,
          kind: result.itemKind,
          confidence: Math.round(result.confidence * 1000) / 1000,
          threshold,
          unitId: created.unitId,
        },
      },
    ]);
  }
  return { case: created, decision, suggestedKle: result?.kleCode ?? null, confidence: result?.confidence ?? null };
}

/**
 * Classifies a case already in the triage queue (e.g. one that arrived before a model existed) and
 * records the suggestion; it routes nothing, so the mail reception still decides.
 */
export async function suggestForCase(
  input: { caseId: string },
  deps: Pick<ReceiveItemDeps, 'cases' | 'classifier' | 'classifications' | 'clock'>,
): Promise<boolean> {
  if (!deps.classifier) return false;
  const c = await deps.cases.findCaseById(input.caseId);
  if (!c || c.unitId) return false;
  const first = (await deps.cases.listMessages(c.id)).find((m) => m.direction === 'in');
  const result = await deps.classifier.classify({ subject: first?.subject ?? c.title, body: first?.bodyText ?? '', from: first?.fromAddress ?? null });
  if (!result) return false;
  await deps.classifications.record({ caseId: c.id, result, decision: 'triage', unitId: null });
  await deps.cases.appendEvents(c.id, [
    {
      activity: 'case.classified',
      actorKind: 'ai',
      actorId: result.modelVersion,
      occurredAt: deps.clock.now(),
      data: { decision: 'triage', kleCode: result.kleCode, kind: result.itemKind, confidence: Math.round(result.confidence * 1000) / 1000, unitId: null },
    },
  ]);
  return true;
}
