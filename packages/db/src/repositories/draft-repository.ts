import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { drafts } from '../schema';

export interface StoredDraft {
  id: string;
  caseId: string;
  body: string;
  authorKind: string;
  authorId: string | null;
  status: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Drafts of replies: what an engine proposed (with its sentences, citations and flags) and what a person made of it. */
export function createDraftRepository(db: Db) {
  return {
    /** Stores a draft and returns it. */
    async saveDraft(draft: {
      caseId: string;
      body: string;
      authorKind: 'ai' | 'person';
      authorId: string | null;
      data: Record<string, unknown>;
    }): Promise<StoredDraft> {
      const [row] = await db
        .insert(drafts)
        .values({ ...draft, status: draft.authorKind === 'ai' ? 'proposed' : 'open' })
        .returning();
      if (!row) throw new Error('insert into drafts returned nothing');
      return row;
    },
    /** The newest draft of a case, or null. */
    async findLatestDraft(caseId: string, authorKind: 'ai' | 'person' = 'ai'): Promise<StoredDraft | null> {
      const [row] = await db
        .select()
        .from(drafts)
        .where(and(eq(drafts.caseId, caseId), eq(drafts.authorKind, authorKind)))
        .orderBy(desc(drafts.createdAt))
        .limit(1);
      return row ?? null;
    },
  };
}
