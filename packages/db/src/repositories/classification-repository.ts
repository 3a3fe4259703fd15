import type { CaseKind, ClassificationResult, ClassificationStore, RoutingDecision, RoutingPolicy } from '@ekspedit/core';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../open';
import { classifications, routingThresholds, trainingExamples } from '../schema';

/** Threshold when no rule says otherwise: the model must be at least this sure to route by itself. */
export const DEFAULT_ROUTING_THRESHOLD = 0.85;

/** Classifications of cases and the triage decisions that become training examples. */
export function createClassificationStore(db: Db): ClassificationStore {
  return {
    async record({ caseId, result, decision, unitId }) {
      await db.insert(classifications).values({
        caseId,
        modelVersion: result.modelVersion,
        kleCode: result.kleCode,
        kind: result.caseKind,
        unitId,
        priority: result.priority,
        language: result.language,
        confidence: result.confidence,
        result: result as unknown as Record<string, unknown>,
        decision,
      });
    },
    async latestFor(caseIds) {
      const out = new Map<string, { result: ClassificationResult; decision: RoutingDecision; createdAt: Date }>();
      if (caseIds.length === 0) return out;
      const rows = await db.select().from(classifications).where(inArray(classifications.caseId, caseIds)).orderBy(desc(classifications.createdAt));
      for (const row of rows) {
        if (!out.has(row.caseId)) {
          out.set(row.caseId, { result: row.result as unknown as ClassificationResult, decision: row.decision as RoutingDecision, createdAt: row.createdAt });
        }
      }
      return out;
    },
    async addTrainingExample(example) {
      // The classifier learns finer kinds; an ordinary citizen inquiry is a question.
      const kind = example.kind === 'citizen_inquiry' ? 'question' : example.kind;
      await db
        .insert(trainingExamples)
        .values({ caseId: example.caseId, kleCode: example.kleCode, kind, source: example.source, createdBy: example.createdBy });
    },
  };
}

/** Routing thresholds from the database; the most specific rule (kind and KLE group) wins. */
export function createRoutingPolicy(db: Db): RoutingPolicy & {
  list(): Promise<{ kind: string | null; kleGroup: string | null; threshold: number }[]>;
  set(rule: { kind: string | null; kleGroup: string | null; threshold: number; updatedBy: string }): Promise<void>;
} {
  return {
    async thresholdFor(kind: CaseKind, kleCode: string | null) {
      const rules = await db.select().from(routingThresholds);
      let best: { score: number; threshold: number } | null = null;
      for (const r of rules) {
        if (r.kind !== null && r.kind !== kind) continue;
        if (r.kleGroup !== null && !(kleCode && (kleCode === r.kleGroup || kleCode.startsWith(`${r.kleGroup}.`)))) continue;
        // A KLE group rule is more specific than a kind rule; a longer group more than a shorter one.
        const score = (r.kleGroup ? 10 + r.kleGroup.length : 0) + (r.kind ? 1 : 0);
        if (!best || score > best.score) best = { score, threshold: r.threshold };
      }
      return best?.threshold ?? DEFAULT_ROUTING_THRESHOLD;
    },
    async list() {
      return (await db.select().from(routingThresholds)).map((r) => ({ kind: r.kind, kleGroup: r.kleGroup, threshold: r.threshold }));
    },
    async set(rule) {
      if (!(rule.threshold >= 0 && rule.threshold <= 1)) throw new Error('En tærskel skal ligge mellem 0 og 1');
      // NULL means "every kind/group", and NULLs never conflict in a unique index: replace by hand.
      await db.transaction(async (tx) => {
        await tx
          .delete(routingThresholds)
          .where(
            and(
              rule.kind === null ? isNull(routingThresholds.kind) : eq(routingThresholds.kind, rule.kind),
              rule.kleGroup === null ? isNull(routingThresholds.kleGroup) : eq(routingThresholds.kleGroup, rule.kleGroup),
            ),
          );
        await tx.insert(routingThresholds).values({ ...rule, updatedAt: new Date() });
      });
    },
  };
}
