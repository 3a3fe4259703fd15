import type { AuditEntry, AuditLog } from '@ekspedit/core';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { auditLog } from '../schema';

export interface AuditQuery {
  action?: string;
  outcome?: AuditEntry['outcome'];
  targetId?: string;
  limit: number;
}

/** The audit log: append-only (enforced by a trigger), readable by auditors. */
export function createAuditLog(db: Db): AuditLog & { list(query: AuditQuery): Promise<(AuditEntry & { id: number; at: Date })[]> } {
  return {
    async record(entry) {
      await db.insert(auditLog).values({ ...entry, data: entry.data ?? {} });
    },
    async list(query) {
      const where = [
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.outcome ? eq(auditLog.outcome, query.outcome) : undefined,
        query.targetId ? eq(auditLog.targetId, query.targetId) : undefined,
      ].filter((x) => x !== undefined);
      const rows = await db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(query.limit);
      return rows.map((r) => ({ ...r, actorKind: r.actorKind as AuditEntry['actorKind'], outcome: r.outcome as AuditEntry['outcome'] }));
    },
  };
}
