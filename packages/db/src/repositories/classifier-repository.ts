import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { cases, classifierModels, messages, trainingExamples } from '../schema';

/** A stored classifier model version (without its payload). */
export interface ClassifierModelInfo {
  id: string;
  version: string;
  trainedOn: number;
  metrics: Record<string, unknown>;
  isActive: boolean;
  createdAt: Date;
}

/** A labelled example with the text to learn from (from the example itself or from its case). */
export interface TrainingExampleRecord {
  id: string;
  caseId: string | null;
  subject: string;
  body: string;
  /** Empty for items that are not a case (the column is NOT NULL). */
  kleCode: string;
  kind: string | null;
  source: string;
  createdAt: Date;
}

/** A labelled example to store: with text (imported sets) or pointing at a case (corrections). */
export interface TrainingExampleInput {
  caseId?: string | null;
  subject?: string | null;
  body?: string | null;
  kleCode: string | null;
  kind: string | null;
  source: string;
  createdBy?: string | null;
}

/** Classifier model versions, training examples and routing thresholds. */
export function createClassifierRepository(db: Db) {
  return {
    /**
     * Stores a new model version. Active by default: the newest active version serves, so saving is
     * the switch-over, and setting it inactive again rolls back to the previous one.
     */
    async saveModel(input: {
      version: string;
      trainedOn: number;
      metrics: Record<string, unknown>;
      model: unknown;
      isActive?: boolean;
    }): Promise<ClassifierModelInfo> {
      const [row] = await db
        .insert(classifierModels)
        .values({ version: input.version, trainedOn: input.trainedOn, metrics: input.metrics, model: input.model, isActive: input.isActive ?? true })
        .returning({
          id: classifierModels.id,
          version: classifierModels.version,
          trainedOn: classifierModels.trainedOn,
          metrics: classifierModels.metrics,
          isActive: classifierModels.isActive,
          createdAt: classifierModels.createdAt,
        });
      if (!row) throw new Error('Modellen blev ikke gemt');
      return row;
    },

    /** The newest active model version with its payload, or null when none is trained yet. */
    async findActiveModel(): Promise<(ClassifierModelInfo & { model: unknown }) | null> {
      const [row] = await db.select().from(classifierModels).where(eq(classifierModels.isActive, true)).orderBy(desc(classifierModels.createdAt)).limit(1);
      return row
        ? {
            id: row.id,
            version: row.version,
            trainedOn: row.trainedOn,
            metrics: row.metrics,
            isActive: row.isActive,
            createdAt: row.createdAt,
            model: row.model,
          }
        : null;
    },

    /** Every model version, newest first, without payloads. */
    async listModels(): Promise<ClassifierModelInfo[]> {
      return db
        .select({
          id: classifierModels.id,
          version: classifierModels.version,
          trainedOn: classifierModels.trainedOn,
          metrics: classifierModels.metrics,
          isActive: classifierModels.isActive,
          createdAt: classifierModels.createdAt,
        })
        .from(classifierModels)
        .orderBy(desc(classifierModels.createdAt));
    },

    /** Turns a model version on or off (off = roll back to the next newest active one). */
    async setModelActive(id: string, isActive: boolean): Promise<void> {
      await db.update(classifierModels).set({ isActive }).where(eq(classifierModels.id, id));
    },

    /** Stores labelled examples in one transaction; returns how many. */
    async addTrainingExamples(examples: readonly TrainingExampleInput[]): Promise<number> {
      if (examples.length === 0) return 0;
      await db.transaction(async (tx) => {
        for (let i = 0; i < examples.length; i += 500) {
          await tx.insert(trainingExamples).values(
            examples.slice(i, i + 500).map((e) => ({
              caseId: e.caseId ?? null,
              subject: e.subject ?? null,
              body: e.body ?? null,
              kleCode: e.kleCode ?? '',
              kind: e.kind,
              source: e.source,
              createdBy: e.createdBy ?? null,
            })),
          );
        }
      });
      return examples.length;
    },

    /**
     * Every labelled example with its text. Examples that point at a case (triage corrections) take
     * the case's first incoming message, or its title when it has none.
     */
    async listTrainingExamples(): Promise<TrainingExampleRecord[]> {
      const firstMessage = db
        .selectDistinctOn([messages.caseId], { caseId: messages.caseId, subject: messages.subject, body: messages.bodyText })
        .from(messages)
        .where(eq(messages.direction, 'in'))
        .orderBy(messages.caseId, asc(messages.createdAt))
        .as('first_message');
      const rows = await db
        .select({
          id: trainingExamples.id,
          caseId: trainingExamples.caseId,
          subject: sql<string>`coalesce(${trainingExamples.subject}, ${firstMessage.subject}, ${cases.title}, '')`,
          body: sql<string>`coalesce(${trainingExamples.body}, ${firstMessage.body}, '')`,
          kleCode: trainingExamples.kleCode,
          kind: trainingExamples.kind,
          source: trainingExamples.source,
          createdAt: trainingExamples.createdAt,
        })
        .from(trainingExamples)
        .leftJoin(cases, eq(cases.id, trainingExamples.caseId))
        .leftJoin(firstMessage, eq(firstMessage.caseId, trainingExamples.caseId))
        .orderBy(asc(trainingExamples.createdAt), asc(trainingExamples.id));
      return rows;
    },
  };
}

export type ClassifierRepository = ReturnType<typeof createClassifierRepository>;
