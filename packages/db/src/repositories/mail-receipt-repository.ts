import type { MailReceipt, MailReceiptRepository, MailReceiptStatus, ReceiptCompletion } from '@ekspedit/core';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { blobs, caseEvents, mailReceipts } from '../schema';
import { insertBlobs, insertCaseBundle, insertIncomingMessage } from './case-repository';

type ReceiptRow = typeof mailReceipts.$inferSelect;

function toReceipt(row: ReceiptRow): MailReceipt {
  return {
    id: row.id,
    account: row.account,
    mailbox: row.mailbox,
    uidValidity: row.uidValidity,
    uid: row.uid,
    rawHash: row.rawHash,
    messageIdHeader: row.messageIdHeader,
    status: row.status as MailReceiptStatus,
    caseId: row.caseId,
    messageId: row.messageId,
    outcome: row.outcome,
    error: row.error,
    receivedAt: row.receivedAt,
    processedAt: row.processedAt,
  };
}

/** The intake ledger on Drizzle: raw mail and its receipts, and their atomic completion into cases. */
export function createMailReceiptRepository(db: Db): MailReceiptRepository {
  return {
    async store({ raw, messageIdHeader, identities }) {
      if (identities.length === 0) return { created: 0 };
      return db.transaction(async (tx) => {
        // The blob first (the receipt references it); a known hash is not written twice.
        await insertBlobs(tx, [raw]);
        const rows = await tx
          .insert(mailReceipts)
          .values(identities.map((i) => ({ ...i, rawHash: raw.hash, messageIdHeader: messageIdHeader?.slice(0, 998) ?? null, status: 'stored' })))
          .onConflictDoNothing()
          .returning({ id: mailReceipts.id });
        return { created: rows.length };
      });
    },

    async listStoredUids(account, mailbox, uidValidity) {
      const rows = await db
        .select({ uid: mailReceipts.uid })
        .from(mailReceipts)
        .where(and(eq(mailReceipts.account, account), eq(mailReceipts.mailbox, mailbox), eq(mailReceipts.uidValidity, uidValidity)));
      return rows.map((r) => r.uid);
    },

    async listPending(limit) {
      const rows = await db
        .select()
        .from(mailReceipts)
        .where(eq(mailReceipts.status, 'stored'))
        .orderBy(asc(mailReceipts.receivedAt), asc(mailReceipts.uid))
        .limit(limit);
      return rows.map(toReceipt);
    },

    async findReceipt(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.select().from(mailReceipts).where(eq(mailReceipts.id, id));
      return row ? toReceipt(row) : null;
    },

    async findRaw(hash) {
      // As base64 text: PGlite returns large bytea values several times slower than text.
      const [row] = await db
        .select({ content: sql<string>`encode(${blobs.content}, 'base64')` })
        .from(blobs)
        .where(eq(blobs.hash, hash));
      return row ? new Uint8Array(Buffer.from(row.content, 'base64')) : null;
    },

    async complete(receiptId, plan, outcome, at): Promise<ReceiptCompletion | null> {
      return db.transaction(async (tx) => {
        // Locks the receipt: a second processor blocks here and then sees it is no longer `stored`.
        const [receipt] = await tx.select().from(mailReceipts).where(eq(mailReceipts.id, receiptId)).for('update');
        if (receipt?.status !== 'stored') return null;
        // Serialises the processing of one raw source, so the same mail in two mailboxes cannot
        // become two cases even when two processors take the two receipts at the same moment.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${receipt.rawHash}))`);
        // Found through the receipts (indexed by raw hash): an earlier delivery of the very same bytes.
        const earlier = await tx
          .select({
            caseId: mailReceipts.caseId,
            messageId: mailReceipts.messageId,
            account: mailReceipts.account,
            mailbox: mailReceipts.mailbox,
            uidValidity: mailReceipts.uidValidity,
          })
          .from(mailReceipts)
          .where(and(eq(mailReceipts.rawHash, receipt.rawHash), inArray(mailReceipts.status, ['processed', 'duplicate']), isNotNull(mailReceipts.caseId)))
          .limit(50);
        const first = earlier[0];
        const existing = first?.caseId ? { caseId: first.caseId, id: first.messageId } : null;
        if (existing) {
          const isRescan = earlier.some((e) => e.account === receipt.account && e.mailbox === receipt.mailbox && e.uidValidity !== receipt.uidValidity);
          const why = isRescan ? 'rescanned_after_uidvalidity_change' : 'same_raw_on_case';
          await tx
            .update(mailReceipts)
            .set({ status: 'duplicate', caseId: existing.caseId, messageId: existing.id, outcome: why, processedAt: at })
            .where(eq(mailReceipts.id, receiptId));
          await tx.insert(caseEvents).values({
            caseId: existing.caseId,
            activity: 'mail.duplicate_received',
            actorKind: 'system',
            actorId: 'intake',
            occurredAt: at,
            data: { mailbox: receipt.mailbox, reason: why },
          });
          return { status: 'duplicate', caseId: existing.caseId, messageId: existing.id, outcome: why };
        }
        let caseId: string;
        let messageId: string | null;
        if (plan.kind === 'new_case') {
          const created = await insertCaseBundle(tx, plan.bundle);
          caseId = created.case.id;
          messageId = created.messageId;
        } else {
          const message = await insertIncomingMessage(tx, plan.caseId, plan.incoming);
          caseId = plan.caseId;
          messageId = message.id;
        }
        await tx.update(mailReceipts).set({ status: 'processed', caseId, messageId, outcome, processedAt: at }).where(eq(mailReceipts.id, receiptId));
        return { status: 'processed', caseId, messageId, outcome };
      });
    },

    async markFailed(receiptId, error) {
      await db
        .update(mailReceipts)
        .set({ status: 'failed', error: error.slice(0, 500) })
        .where(and(eq(mailReceipts.id, receiptId), eq(mailReceipts.status, 'stored')));
    },

    async retryFailed() {
      const rows = await db
        .update(mailReceipts)
        .set({ status: 'stored', error: null })
        .where(eq(mailReceipts.status, 'failed'))
        .returning({ id: mailReceipts.id });
      return rows.length;
    },

    async countByStatus() {
      const rows = await db
        .select({ status: mailReceipts.status, n: sql<number>`count(*)`.mapWith(Number) })
        .from(mailReceipts)
        .groupBy(mailReceipts.status);
      const counts: Record<MailReceiptStatus, number> = { stored: 0, processed: 0, duplicate: 0, failed: 0 };
      for (const r of rows) counts[r.status as MailReceiptStatus] = r.n;
      return counts;
    },
  };
}
