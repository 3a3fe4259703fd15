import type {
  ConsultationAssignmentRecord,
  ConsultationQuote,
  ConsultationRecord,
  ConsultationRepository,
  ConsultationRespondentType,
  ConsultationResponseRecord,
  ConsultationStance,
  ConsultationStatus,
  ConsultationThemeRecord,
  ConsultationThemeStatus,
} from '@ekspedit/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { aiUsage, consultationAssignments, consultationResponses, consultations, consultationThemes } from '../schema';

type ConsultationRow = typeof consultations.$inferSelect;
type ThemeRow = typeof consultationThemes.$inferSelect;
type AssignmentRow = typeof consultationAssignments.$inferSelect;

// Rows per INSERT: well below PostgreSQL's 65,535 bound parameters.
const INSERT_BATCH = 1000;

const toConsultation = (r: ConsultationRow): ConsultationRecord => ({
  id: r.id,
  title: r.title,
  proposal: r.proposal,
  status: r.status as ConsultationStatus,
  unitId: r.unitId,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toTheme = (r: ThemeRow): ConsultationThemeRecord => ({
  id: r.id,
  consultationId: r.consultationId,
  name: r.name,
  description: r.description,
  origin: r.origin === 'human' ? 'human' : 'ai',
  status: r.status as ConsultationThemeStatus,
  mergedIntoId: r.mergedIntoId,
  quotes: r.quotes as ConsultationQuote[],
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toAssignment = (r: AssignmentRow): ConsultationAssignmentRecord => ({
  id: r.id,
  responseId: r.responseId,
  themeId: r.themeId,
  source: r.source === 'human' ? 'human' : 'ai',
  stance: r.stance as ConsultationStance | null,
  quotes: r.quotes as ConsultationQuote[],
  score: r.score,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

/** Consultations, their responses, themes and the AI's and people's assignments (separate rows, never updated). */
export function createConsultationRepository(db: Db): ConsultationRepository {
  return {
    async create(input) {
      const [row] = await db.insert(consultations).values(input).returning();
      if (!row) throw new Error('insert into consultations returned nothing');
      return toConsultation(row);
    },

    async list() {
      const rows = await db
        .select({
          c: consultations,
          responses: sql<number>`(select count(*) from consultation_responses r where r.consultation_id = consultations.id)::int`,
          proposedThemes: sql<number>`(select count(*) from consultation_themes t where t.consultation_id = consultations.id and t.status = 'proposed')::int`,
          approvedThemes: sql<number>`(select count(*) from consultation_themes t where t.consultation_id = consultations.id and t.status = 'approved')::int`,
          reviewed: sql<number>`(select count(distinct a.response_id) from consultation_assignments a where a.consultation_id = consultations.id and a.source = 'human')::int`,
        })
        .from(consultations)
        .orderBy(desc(consultations.createdAt));
      return rows.map(({ c, ...counts }) => ({
        ...toConsultation(c),
        responses: Number(counts.responses),
        proposedThemes: Number(counts.proposedThemes),
        approvedThemes: Number(counts.approvedThemes),
        reviewed: Number(counts.reviewed),
      }));
    },

    async find(id) {
      const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
      return row ? toConsultation(row) : null;
    },

    async addResponses(consultationId, responses) {
      await db.transaction(async (tx) => {
        for (let i = 0; i < responses.length; i += INSERT_BATCH) {
          await tx.insert(consultationResponses).values(
            responses.slice(i, i + INSERT_BATCH).map((r, j) => ({
              consultationId,
              externalId: r.externalId,
              text: r.text,
              respondentType: r.respondentType,
              // A microsecond apart, so the import order can be read back.
              createdAt: sql`now() + ${i + j} * interval '1 microsecond'`,
            })),
          );
        }
        await tx.update(consultations).set({ updatedAt: new Date() }).where(eq(consultations.id, consultationId));
      });
    },

    async listResponses(consultationId): Promise<ConsultationResponseRecord[]> {
      const rows = await db
        .select()
        .from(consultationResponses)
        .where(eq(consultationResponses.consultationId, consultationId))
        .orderBy(asc(consultationResponses.createdAt), asc(consultationResponses.externalId));
      return rows.map((r) => ({
        id: r.id,
        consultationId: r.consultationId,
        externalId: r.externalId,
        text: r.text,
        respondentType: r.respondentType as ConsultationRespondentType | null,
        campaignKey: r.campaignKey,
        stance: r.stance as ConsultationStance | null,
      }));
    },

    async listThemes(consultationId) {
      const rows = await db
        .select()
        .from(consultationThemes)
        .where(eq(consultationThemes.consultationId, consultationId))
        .orderBy(asc(consultationThemes.createdAt), asc(consultationThemes.name));
      return rows.map(toTheme);
    },

    async findTheme(themeId) {
      const [row] = await db.select().from(consultationThemes).where(eq(consultationThemes.id, themeId));
      return row ? toTheme(row) : null;
    },

    async listAssignments(consultationId) {
      const rows = await db
        .select()
        .from(consultationAssignments)
        .where(eq(consultationAssignments.consultationId, consultationId))
        .orderBy(asc(consultationAssignments.id));
      return rows.map(toAssignment);
    },

    async saveAnalysis(write) {
      await db.transaction(async (tx) => {
        // Discovered themes get their ids here; assignments and quotes name them by the engine's key.
        const idOfKey = new Map<string, string>();
        for (const [i, t] of write.newThemes.entries()) {
          const [row] = await tx
            .insert(consultationThemes)
            .values({
              consultationId: write.consultationId,
              name: t.name,
              description: t.description,
              origin: 'ai',
              status: 'proposed',
              quotes: [],
              createdBy: write.createdBy,
              // In the engine's order, which the page shows.
              createdAt: new Date(write.at.getTime() + i),
              updatedAt: write.at,
            })
            .returning({ id: consultationThemes.id });
          if (!row) throw new Error('insert into consultation_themes returned nothing');
          idOfKey.set(t.key, row.id);
        }
        const themeId = (ref: string) => idOfKey.get(ref) ?? ref;
        const withIds = (quotes: ConsultationQuote[]) => quotes.map((q) => ({ ...q, themeId: q.themeId === null ? null : themeId(q.themeId) }));
        for (const t of write.newThemes) {
          await tx
            .update(consultationThemes)
            .set({ quotes: withIds(t.quotes) })
            .where(eq(consultationThemes.id, themeId(t.key)));
        }
        for (let i = 0; i < write.responses.length; i += INSERT_BATCH) {
          const values = write.responses.slice(i, i + INSERT_BATCH).map((r) => sql`(${r.responseId}::uuid, ${r.stance}::text, ${r.campaignKey}::text)`);
          await tx.execute(sql`
            update consultation_responses as r set stance = v.stance, campaign_key = v.campaign_key
            from (values ${sql.join(values, sql`, `)}) as v(id, stance, campaign_key)
            where r.id = v.id and r.consultation_id = ${write.consultationId}`);
        }
        for (let i = 0; i < write.assignments.length; i += INSERT_BATCH) {
          await tx.insert(consultationAssignments).values(
            write.assignments.slice(i, i + INSERT_BATCH).map((a) => ({
              consultationId: write.consultationId,
              responseId: a.responseId,
              themeId: themeId(a.theme),
              source: 'ai',
              stance: a.stance,
              quotes: withIds(a.quotes),
              score: a.score,
              createdBy: write.createdBy,
              createdAt: write.at,
            })),
          );
        }
        await tx.update(consultations).set({ status: 'analysed', updatedAt: write.at }).where(eq(consultations.id, write.consultationId));
      });
    },

    async addTheme(input) {
      const [row] = await db
        .insert(consultationThemes)
        .values({
          consultationId: input.consultationId,
          name: input.name,
          description: input.description,
          origin: input.origin,
          status: input.status,
          quotes: [],
          createdBy: input.createdBy,
          createdAt: input.at,
          updatedAt: input.at,
        })
        .returning();
      if (!row) throw new Error('insert into consultation_themes returned nothing');
      return toTheme(row);
    },

    async updateTheme(themeId, expectedStatus, changes, at) {
      const [row] = await db
        .update(consultationThemes)
        .set({ ...changes, updatedAt: at })
        .where(and(eq(consultationThemes.id, themeId), eq(consultationThemes.status, expectedStatus)))
        .returning();
      return row ? toTheme(row) : null;
    },

    async addHumanAssignment(input) {
      if (input.themeIds.length === 0) return;
      await db.insert(consultationAssignments).values(
        input.themeIds.map((themeId) => ({
          consultationId: input.consultationId,
          responseId: input.responseId,
          themeId,
          source: 'human',
          stance: input.stance,
          quotes: [],
          score: null,
          createdBy: input.createdBy,
          createdAt: input.at,
        })),
      );
    },

    async findLatestRun(consultationId) {
      const [row] = await db
        .select({ engine: aiUsage.engine, model: aiUsage.model, at: aiUsage.createdAt })
        .from(aiUsage)
        .where(and(eq(aiUsage.purpose, 'consultation'), sql`${aiUsage.params}->>'consultationId' = ${consultationId}`))
        .orderBy(desc(aiUsage.createdAt))
        .limit(1);
      return row ? { engine: row.engine === 'llm' ? 'llm' : 'offline', model: row.model, at: row.at } : null;
    },
  };
}
