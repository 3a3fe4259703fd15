import type { AiRating, RatingRepository, RatingTarget } from '@ekspedit/core';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { aiRatings, cases, users } from '../schema';

/** Employees' ratings of AI suggestions. */
export function createRatingRepository(db: Db): RatingRepository {
  return {
    async add(input) {
      const [row] = await db.insert(aiRatings).values(input).returning();
      if (!row) throw new Error('insert into ai_ratings returned nothing');
      return { ...row, targetType: row.targetType as RatingTarget, rating: row.rating as 'up' | 'down' };
    },
    async list(filter): Promise<AiRating[]> {
      const rows = await db
        .select({ r: aiRatings, caseNumber: cases.number, userName: users.displayName })
        .from(aiRatings)
        .leftJoin(cases, eq(cases.id, aiRatings.caseId))
        .leftJoin(users, eq(users.id, aiRatings.userId))
        .where(filter.unitId ? eq(aiRatings.unitId, filter.unitId) : undefined)
        .orderBy(desc(aiRatings.createdAt))
        .limit(filter.limit);
      return rows.map(({ r, caseNumber, userName }) => ({
        ...r,
        targetType: r.targetType as RatingTarget,
        rating: r.rating as 'up' | 'down',
        caseNumber,
        userName: userName ?? undefined,
      }));
    },
  };
}
