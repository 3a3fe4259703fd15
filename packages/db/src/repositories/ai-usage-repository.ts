import type { AiReviewLog, AiUsageEntry, AiUsageLog } from '@ekspedit/core';
import { desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { aiUsage } from '../schema';

/** The AI usage log: every model call and offline run, with hashes, the redacted input and the sources used. */
export function createAiUsageRepository(db: Db) {
  return {
    async record(entry: AiUsageEntry) {
      const [row] = await db.insert(aiUsage).values(entry).returning({ id: aiUsage.id });
      if (!row) throw new Error('ai_usage insert returned no row');
      return { id: row.id };
    },
    async tokensUsed(caseId: string) {
      const [row] = await db
        .select({ total: sql<string>`coalesce(sum(coalesce(${aiUsage.tokensIn}, 0) + coalesce(${aiUsage.tokensOut}, 0)), 0)` })
        .from(aiUsage)
        .where(eq(aiUsage.caseId, caseId));
      return Number(row?.total ?? 0);
    },
    /** The usage entries of a case, newest first. */
    async listForCase(caseId: string) {
      return db.select().from(aiUsage).where(eq(aiUsage.caseId, caseId)).orderBy(desc(aiUsage.createdAt));
    },
    /** Writes what a person did with the output: approved, edited (and by how many words) or rejected, and how long the review took. */
    async recordReview(usageIds, review) {
      if (usageIds.length === 0) return;
      await db
        .update(aiUsage)
        .set({ reviewDecision: review.decision, editDistance: review.editDistance, reviewSeconds: review.reviewSeconds })
        .where(inArray(aiUsage.id, usageIds));
    },
    /** Deletes entries older than `before` (the retention period); returns how many. */
    async purgeBefore(before: Date) {
      const rows = await db.delete(aiUsage).where(lt(aiUsage.createdAt, before)).returning({ id: aiUsage.id });
      return rows.length;
    },
  } satisfies AiUsageLog & AiReviewLog & Record<string, unknown>;
}

export type AiUsageRepository = ReturnType<typeof createAiUsageRepository>;
