import { AppError } from '../errors';
import type { UserRecord } from '../types';
import { getCaseForUser } from './get-case';
import { getReplyDraft, type ReviewDeps } from './review-deps';
import { assertCanAct } from './transition-case';

export interface RejectReplyInput {
  caseId: string;
  draftId: string;
  user: UserRecord;
  /** reject: the draft is discarded (an AI draft or a person's reply); return: sent back to be reworked. */
  decision: 'reject' | 'return';
  reason: string;
}

/** Rejects a draft with a reason, or sends a reply back to the caseworker; either voids its approvals. */
export async function rejectReply(input: RejectReplyInput, deps: ReviewDeps): Promise<void> {
  const c = await getCaseForUser({ caseRef: input.caseId, user: input.user }, deps);
  await assertCanAct(c, input.user, deps.audit, `reply.${input.decision}`);
  const draft = await getReplyDraft(deps, c, input.draftId);
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { message: 'Skriv en begrundelse' });
  if (draft.status === 'sent' || draft.status === 'rejected') throw new AppError('CONFLICT', { message: 'Udkastet er allerede afsluttet' });
  if (input.decision === 'return' && draft.authorKind !== 'person')
    throw new AppError('VALIDATION_FAILED', { message: 'Kun et svar under godkendelse kan sendes tilbage' });
  const now = deps.clock.now();
  await deps.reviews.updateReply(draft.id, { status: input.decision === 'reject' ? 'rejected' : 'returned', data: { ...draft.data, decisionReason: reason } });
  const voided = draft.authorKind === 'person' ? await deps.reviews.voidApprovals(draft.id, input.decision === 'reject' ? 'rejected' : 'returned', now) : 0;
  // Rejecting the reply rejects the AI draft under it too: the usage log learns that the suggestion was not used.
  const aiDraft = draft.authorKind === 'ai' ? draft : draft.basedOnId ? await deps.reviews.findDraft(draft.basedOnId) : null;
  if (input.decision === 'reject' && aiDraft) {
    const usageIds = (aiDraft.data.usageIds as string[] | undefined) ?? [];
    const reviewSeconds = Math.max(0, Math.round((now.getTime() - aiDraft.createdAt.getTime()) / 1000));
    await deps.usageReview.recordReview(usageIds, { decision: 'rejected', editDistance: null, reviewSeconds });
  }
  const data = { draftId: draft.id, reason, voidedApprovals: voided, authorKind: draft.authorKind };
  await deps.cases.appendEvents(c.id, [
    { activity: input.decision === 'reject' ? 'reply.rejected' : 'reply.returned', actorKind: 'person', actorId: input.user.id, occurredAt: now, data },
  ]);
  await deps.audit.record({
    actorKind: 'person',
    actorId: input.user.id,
    action: `reply.${input.decision}`,
    outcome: 'allowed',
    targetType: 'case',
    targetId: c.id,
    data: { draftId: draft.id, voidedApprovals: voided },
  });
}
