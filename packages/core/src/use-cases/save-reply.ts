import { AppError } from '../errors';
import { contentHash, type ReplyDraft } from '../review';
import type { UserRecord } from '../types';
import { getCaseForUser } from './get-case';
import { getReplyDraft, type ReviewDeps } from './review-deps';
import { assertCanAct } from './transition-case';

export interface SaveReplyInput {
  caseId: string;
  user: UserRecord;
  body: string;
  subject?: string;
  /** The AI draft this reply was made from (kept for the diff and the usage log). */
  basedOnId?: string | null;
}

/**
 * Saves the person's working reply of a case. A change of content voids every approval given so
 * far: an approval is bound to the exact text approved.
 */
export async function saveReply(input: SaveReplyInput, deps: ReviewDeps): Promise<{ draft: ReplyDraft; voidedApprovals: number }> {
  const c = await getCaseForUser({ caseRef: input.caseId, user: input.user }, deps);
  await assertCanAct(c, input.user, deps.audit, 'reply.edit');
  if (c.closedAt) throw new AppError('CASE_CLOSED', { message: 'Sagen er afsluttet' });
  const body = input.body.replace(/\r\n?/g, '\n');
  if (!body.trim()) throw new AppError('VALIDATION_FAILED', { message: 'Svaret er tomt' });
  const subject = (input.subject ?? '').trim();
  let basedOnId: string | null | undefined;
  if (input.basedOnId) {
    const base = await getReplyDraft(deps, c, input.basedOnId);
    if (base.authorKind !== 'ai') throw new AppError('VALIDATION_FAILED', { message: 'Svaret kan kun bygge på et AI-udkast' });
    basedOnId = base.id;
  }
  const now = deps.clock.now();
  const working = await deps.reviews.findWorkingReply(c.id);
  if (!working) {
    const draft = await deps.reviews.createReply({ caseId: c.id, body, subject, authorId: input.user.id, basedOnId: basedOnId ?? null });
    await deps.cases.appendEvents(c.id, [
      { activity: 'reply.drafted', actorKind: 'person', actorId: input.user.id, occurredAt: now, data: { draftId: draft.id, basedOnAi: !!draft.basedOnId } },
    ]);
    return { draft, voidedApprovals: 0 };
  }
  const before = contentHash(working);
  const draft = await deps.reviews.updateReply(working.id, {
    body,
    subject,
    status: 'open',
    ...(basedOnId !== undefined ? { data: { ...working.data, basedOnId } } : {}),
  });
  if (contentHash(draft) === before) return { draft, voidedApprovals: 0 };
  const voidedApprovals = await deps.reviews.voidApprovals(working.id, 'edited', now);
  await deps.cases.appendEvents(c.id, [
    { activity: 'reply.edited', actorKind: 'person', actorId: input.user.id, occurredAt: now, data: { draftId: draft.id, voidedApprovals } },
  ]);
  if (voidedApprovals > 0) {
    await deps.audit.record({
      actorKind: 'person',
      actorId: input.user.id,
      action: 'approval.void',
      outcome: 'allowed',
      targetType: 'case',
      targetId: c.id,
      data: { draftId: draft.id, reason: 'edited', count: voidedApprovals },
    });
  }
  return { draft, voidedApprovals };
}
