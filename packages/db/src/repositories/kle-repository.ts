import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { kleSubjects } from '../schema';

/** A KLE node as stored: main group, group or subject with its keywords. */
export interface KleSubjectRecord {
  code: string;
  level: number;
  title: string;
  parentCode: string | null;
  keywords: string[];
  description: string | null;
  isActive: boolean;
  source: string;
}

/** A KLE node to store, as the importers produce it. */
export interface KleSubjectInput {
  code: string;
  level: number;
  title: string;
  parentCode: string | null;
  keywords: string[];
  description: string | null;
  isActive?: boolean;
}

const toRecord = (row: typeof kleSubjects.$inferSelect): KleSubjectRecord => ({
  code: row.code,
  level: row.level,
  title: row.title,
  parentCode: row.parentCode,
  keywords: row.keywords,
  description: row.description,
  isActive: row.isActive,
  source: row.source,
});

/** The KLE taxonomy: the label space of sorting. */
export function createKleRepository(db: Db) {
  return {
    /**
     * Inserts or updates KLE nodes by code. A source without keywords (a title tree) keeps the
     * keywords an earlier import gave, so importing OS2KLE and then the official XML loses nothing.
     * Returns how many codes were new and how many existed.
     */
    async upsertSubjects(entries: readonly KleSubjectInput[], source: string): Promise<{ inserted: number; updated: number }> {
      if (entries.length === 0) return { inserted: 0, updated: 0 };
      const before = new Set((await db.select({ code: kleSubjects.code }).from(kleSubjects)).map((r) => r.code));
      await db.transaction(async (tx) => {
        // Chunks keep each statement well under the protocol's parameter limit.
        for (let i = 0; i < entries.length; i += 500) {
          const chunk = entries.slice(i, i + 500).map((e) => ({
            code: e.code,
            level: e.level,
            title: e.title,
            parentCode: e.parentCode,
            keywords: e.keywords,
            description: e.description,
            isActive: e.isActive ?? true,
            source,
            importedAt: new Date(),
          }));
          await tx
            .insert(kleSubjects)
            .values(chunk)
            .onConflictDoUpdate({
              target: kleSubjects.code,
              set: {
                level: sql`excluded.level`,
                title: sql`excluded.title`,
                parentCode: sql`excluded.parent_code`,
                keywords: sql`case when cardinality(excluded.keywords) > 0 then excluded.keywords else ${kleSubjects.keywords} end`,
                description: sql`coalesce(excluded.description, ${kleSubjects.description})`,
                isActive: sql`excluded.is_active`,
                source: sql`excluded.source`,
                importedAt: sql`excluded.imported_at`,
              },
            });
        }
      });
      const inserted = entries.filter((e) => !before.has(e.code)).length;
      return { inserted, updated: entries.length - inserted };
    },

    /** Every KLE node in code order (active only unless asked). */
    async listSubjects(options: { includeInactive?: boolean } = {}): Promise<KleSubjectRecord[]> {
      const query = db.select().from(kleSubjects);
      const rows = options.includeInactive
        ? await query.orderBy(asc(kleSubjects.code))
        : await query.where(eq(kleSubjects.isActive, true)).orderBy(asc(kleSubjects.code));
      return rows.map(toRecord);
    },

    /** One KLE node by code, or null. */
    async findSubject(code: string): Promise<KleSubjectRecord | null> {
      const [row] = await db.select().from(kleSubjects).where(eq(kleSubjects.code, code));
      return row ? toRecord(row) : null;
    },

    /** How many active nodes there are per level (1 main groups, 2 groups, 3 subjects). */
    async countByLevel(): Promise<{ mainGroups: number; groups: number; subjects: number }> {
      const rows = await db
        .select({ level: kleSubjects.level, n: sql<number>`count(*)::int` })
        .from(kleSubjects)
        .where(eq(kleSubjects.isActive, true))
        .groupBy(kleSubjects.level);
      const n = (level: number) => Number(rows.find((r) => r.level === level)?.n ?? 0);
      return { mainGroups: n(1), groups: n(2), subjects: n(3) };
    },
  };
}

export type KleRepository = ReturnType<typeof createKleRepository>;
