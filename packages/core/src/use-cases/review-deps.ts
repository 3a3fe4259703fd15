import { AppError } from '../errors';
import type { PolicyRepository } from '../policy';
import type { AiReviewLog, AuditLog, CaseRepository, Clock } from '../ports';
import type { ReplyDraft, ReviewRepository } from '../review';
import type { CaseRecord, UserRecord } from '../types';

/** What the review use cases need. */
export interface ReviewDeps {
  cases: CaseRepository;
  reviews: ReviewRepository;
  policy: PolicyRepository;
  audit: AuditLog;
  clock: Clock;
  usageReview: AiReviewLog;
}

/** Loads a reply draft of a case, or throws NOT_FOUND. */
export async function getReplyDraft(deps: Pick<ReviewDeps, 'reviews'>, c: CaseRecord, draftId: string): Promise<ReplyDraft> {
  const d = /^[0-9a-f-]{36}$/i.test(draftId) ? await deps.reviews.findDraft(draftId) : null;
  if (!d || d.caseId !== c.id) throw new AppError('NOT_FOUND', { message: 'Udkastet findes ikke på sagen' });
  return d;
}

/** Records a refused review act in the audit log and throws the error. */
export async function refuse(
  deps: Pick<ReviewDeps, 'audit'>,
  user: UserRecord,
  action: string,
  c: CaseRecord,
  error: AppError,
  data: Record<string, unknown> = {},
): Promise<never> {
  await deps.audit.record({
    actorKind: 'person',
    actorId: user.id,
    action,
    outcome: 'denied',
    targetType: 'case',
    targetId: c.id,
    data: { ...data, code: error.code },
  });
  throw error;
}
