import type { ApprovalRecord, MessageRecord, OutboxRepository, ReplyDraft, ReviewRepository, Role } from '@ekspedit/core';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { approvals, caseEvents, cases, drafts, messages } from '../schema';
import { eventRows, toMessageRecord } from './case-repository';

type DraftRow = typeof drafts.$inferSelect;
type ApprovalRow = typeof approvals.$inferSelect;

const toDraft = (r: DraftRow): ReplyDraft => ({
  id: r.id,
  caseId: r.caseId,
  body: r.body,
  subject: r.subject,
  status: r.status,
  authorKind: r.authorKind === 'ai' ? 'ai' : 'person',
  authorId: r.authorId,
  basedOnId: r.basedOnId,
  data: r.data,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toApproval = (r: ApprovalRow): ApprovalRecord => ({ ...r, role: r.role as Role });

/** Reply drafts and approvals: the approval consumed in the same transaction that files the message. */
export function createReviewRepository(db: Db): ReviewRepository {
  return {
    async findDraft(id) {
      const [row] = await db.select().from(drafts).where(eq(drafts.id, id));
      return row ? toDraft(row) : null;
    },
    async findWorkingReply(caseId) {
      const [row] = await db
        .select()
        .from(drafts)
        .where(and(eq(drafts.caseId, caseId), eq(drafts.authorKind, 'person'), inArray(drafts.status, ['open', 'returned'])))
        .orderBy(desc(drafts.createdAt))
        .limit(1);
      return row ? toDraft(row) : null;
    },
    async createReply(input) {
      const [row] = await db
        .insert(drafts)
        .values({
          caseId: input.caseId,
          body: input.body,
          subject: input.subject,
          authorKind: 'person',
          authorId: input.authorId,
          basedOnId: input.basedOnId,
          data: input.data ?? {},
        })
        .returning();
      if (!row) throw new Error('insert into drafts returned nothing');
      return toDraft(row);
    },
    async updateReply(id, input) {
      const [row] = await db
        .update(drafts)
        .set({
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.data !== undefined ? { data: input.data, basedOnId: (input.data.basedOnId as string | undefined) ?? sql`${drafts.basedOnId}` } : {}),
          updatedAt: new Date(),
        })
        .where(eq(drafts.id, id))
        .returning();
      if (!row) throw new Error(`draft ${id} not found`);
      return toDraft(row);
    },
    async listApprovals(draftId) {
      return (await db.select().from(approvals).where(eq(approvals.draftId, draftId)).orderBy(approvals.createdAt)).map(toApproval);
    },
    async addApproval(input) {
      const [row] = await db.insert(approvals).values(input).returning();
      if (!row) throw new Error('insert into approvals returned nothing');
      return toApproval(row);
    },
    async voidApprovals(draftId, reason, at) {
      const rows = await db
        .update(approvals)
        .set({ voidedAt: at, voidReason: reason })
        .where(and(eq(approvals.draftId, draftId), isNull(approvals.voidedAt), isNull(approvals.consumedAt)))
        .returning({ id: approvals.id });
      return rows.length;
    },
    async consumeAndQueue(input) {
      return db
        .transaction(async (tx) => {
          const consumed = await tx
            .update(approvals)
            .set({ consumedAt: input.at })
            .where(and(inArray(approvals.id, input.approvalIds), isNull(approvals.voidedAt), isNull(approvals.consumedAt)))
            .returning({ id: approvals.id });
          // Someone else used or voided an approval in between: write nothing (the transaction is left empty-handed).
          if (consumed.length !== input.approvalIds.length) {
            tx.rollback();
            return null;
          }
          const [row] = await tx
            .insert(messages)
            .values({ ...input.message, caseId: input.caseId })
            .returning();
          if (!row) throw new Error('insert into messages returned nothing');
          await tx.update(drafts).set({ status: 'sent', updatedAt: input.at }).where(eq(drafts.id, input.draftId));
          await tx.update(cases).set({ updatedAt: input.at }).where(eq(cases.id, input.caseId));
          if (input.events.length > 0) {
            await tx.insert(caseEvents).values(
              eventRows(
                input.caseId,
                input.events.map((e) => ({ ...e, data: { ...e.data, messageId: row.id } })),
              ),
            );
          }
          return toMessageRecord(row);
        })
        .catch((error: unknown) => {
          if ((error as { name?: string }).name === 'TransactionRollbackError') return null;
          throw error;
        });
    },
    async findMessageForDraft(draftId) {
      const [row] = await db.select().from(messages).where(eq(messages.draftId, draftId));
      return row ? toMessageRecord(row) : null;
    },
  };
}

/** Messages AI sent on its own that were drawn for a person's audit afterwards, newest first. */
export function createAuditSampleRepository(db: Db) {
  return {
    async list(limit: number) {
      return db
        .select({
          messageId: messages.id,
          caseId: cases.id,
          caseNumber: cases.number,
          subject: messages.subject,
          sentAt: messages.sentAt,
          status: messages.status,
          policyVersion: messages.aiPolicyVersion,
        })
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .where(and(eq(messages.isAuditSample, true), sql`${messages.aiPolicyVersion} is not null`))
        .orderBy(desc(messages.createdAt))
        .limit(limit);
    },
  };
}

/** The outgoing queue: a claim per attempt, so two workers never hand the same message to SMTP at once. */
export function createOutboxRepository(db: Db): OutboxRepository {
  return {
    async claim(messageId, at): Promise<MessageRecord | null> {
      const [row] = await db
        .update(messages)
        .set({ status: 'sending', deliveryAttempts: sql`${messages.deliveryAttempts} + 1`, lastAttemptAt: at })
        .where(and(eq(messages.id, messageId), eq(messages.direction, 'out'), inArray(messages.status, ['queued', 'failed', 'uncertain'])))
        .returning();
      return row ? toMessageRecord(row) : null;
    },
    async complete(messageId, outcome, events) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(messages)
          .set({ status: outcome.status, sentAt: outcome.sentAt, deliveryRef: outcome.deliveryRef })
          .where(eq(messages.id, messageId))
          .returning({ caseId: messages.caseId });
        if (row && events.length > 0) await tx.insert(caseEvents).values(eventRows(row.caseId, events));
      });
    },
    async listRetryable(before, maxAttempts) {
      const rows = await db
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.direction, 'out'),
            inArray(messages.status, ['failed', 'uncertain']),
            lt(messages.deliveryAttempts, maxAttempts),
            or(isNull(messages.lastAttemptAt), lt(messages.lastAttemptAt, before)),
          ),
        )
        .limit(100);
      return rows.map((r) => r.id);
    },
  };
}
