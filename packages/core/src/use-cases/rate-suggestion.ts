import { canReadCase } from '../access';
import { AppError } from '../errors';
import type { AuditLog, CaseRepository } from '../ports';
import type { UserRecord } from '../types';

export const ratingTargets = ['classification', 'draft', 'summary', 'consultation', 'minutes', 'acknowledgement'] as const;
export type RatingTarget = (typeof ratingTargets)[number];
export const ratingReasons = ['wrong', 'incomplete', 'tone', 'sources', 'too_long', 'good', 'other'] as const;

export interface AiRating {
  id: string;
  caseId: string | null;
  caseNumber?: string | null;
  unitId: string | null;
  targetType: RatingTarget;
  targetId: string | null;
  userId: string;
  userName?: string;
  rating: 'up' | 'down';
  reason: string | null;
  comment: string | null;
  createdAt: Date;
}

/** Employees' ratings of AI suggestions (implemented in packages/db). */
export interface RatingRepository {
  add(input: Omit<AiRating, 'id' | 'createdAt'>): Promise<AiRating>;
  /** Ratings of one unit (or all when null), newest first. */
  list(filter: { unitId: string | null; limit: number }): Promise<AiRating[]>;
}

/** Records an employee's quick rating of an AI suggestion; the unit sees it. */
export async function rateSuggestion(
  input: {
    user: UserRecord;
    caseId: string | null;
    targetType: RatingTarget;
    targetId: string | null;
    rating: 'up' | 'down';
    reason: string | null;
    comment: string | null;
  },
  deps: { ratings: RatingRepository; cases: CaseRepository; audit: AuditLog },
): Promise<AiRating> {
  let unitId = input.user.unitId;
  if (input.caseId) {
    const c = await deps.cases.findCaseById(input.caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
    if (!canReadCase(input.user, c)) throw new AppError('FORBIDDEN', { message: 'Du har ikke adgang til denne sag' });
    unitId = c.unitId ?? unitId;
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 2000) throw new AppError('VALIDATION_FAILED', { message: 'Kommentaren er for lang (højst 2000 tegn)' });
  return deps.ratings.add({
    caseId: input.caseId,
    unitId,
    targetType: input.targetType,
    targetId: input.targetId,
    userId: input.user.id,
    rating: input.rating,
    reason: input.reason,
    comment,
  });
}

/** The ratings a user may see: their own unit's; admins, analysts and auditors see every unit. */
export async function listRatings(
  input: { user: UserRecord; unitId?: string | null; limit?: number },
  deps: { ratings: RatingRepository },
): Promise<AiRating[]> {
  const isWide = input.user.roles.some((r) => r === 'admin' || r === 'analyst' || r === 'auditor');
  const unitId = isWide ? (input.unitId ?? null) : input.user.unitId;
  return deps.ratings.list({ unitId, limit: input.limit ?? 200 });
}
