import { createHash } from 'node:crypto';
import type { AuditEntry } from '@ekspedit/core';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { auditLog } from '../schema';

export interface AuditQuery {
  action?: string;
  outcome?: AuditEntry['outcome'];
  targetId?: string;
  limit: number;
}

/** JSON with keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Row = typeof auditLog.$inferSelect;

/** The hash of one entry: sha256 over the previous entry's hash and this entry's canonical content. */
export function auditEntryHash(
  prevHash: string,
  row: Pick<Row, 'id' | 'at' | 'actorKind' | 'actorId' | 'action' | 'outcome' | 'targetType' | 'targetId' | 'data'>,
): string {
  const content = canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actorKind: row.actorKind,
    actorId: row.actorId,
    action: row.action,
    outcome: row.outcome,
    targetType: row.targetType,
    targetId: row.targetId,
    data: row.data,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

const GENESIS = '0'.repeat(64);
// One lock for appends, so two writers never chain onto the same head.
const CHAIN_LOCK = 724_301;

/** The audit log: append-only (a trigger refuses updates and deletes) and hash-chained. */
export function createAuditLog(db: Db) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
        const [head] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
        const prevHash = head?.hash ?? GENESIS;
        const next = (await tx.execute(sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint as id`)) as unknown as {
          rows: { id: string | number }[];
        };
        const id = next.rows[0]?.id ?? 0;
        // Milliseconds only, so the timestamp read back is the one that was hashed.
        const at = new Date();
        const row = { id: Number(id), at, ...entry, actorId: entry.actorId, targetType: entry.targetType, targetId: entry.targetId, data: entry.data ?? {} };
        await tx.insert(auditLog).values({ ...row, prevHash, hash: auditEntryHash(prevHash, row) });
      });
    },
    async list(query: AuditQuery) {
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
    /**
     * Walks the chain from the first entry: each entry must name the previous entry's hash and its
     * own hash must match its content. Returns the first entry where that fails.
     */
    async verify(): Promise<{ ok: boolean; entries: number; firstBadEntry: number | null }> {
      let prev = GENESIS;
      let lastId = 0;
      let entries = 0;
      for (;;) {
        const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(5000);
        if (rows.length === 0) break;
        for (const row of rows) {
          entries++;
          if (row.prevHash !== prev || row.hash !== auditEntryHash(prev, row)) return { ok: false, entries, firstBadEntry: row.id };
          prev = row.hash;
          lastId = row.id;
        }
      }
      return { ok: true, entries, firstBadEntry: null };
    },
    /** The head of the chain, to keep somewhere else: a later verify against it shows truncation. */
    async head(): Promise<{ id: number; hash: string; at: string } | null> {
      const [row] = await db.select({ id: auditLog.id, hash: auditLog.hash, at: auditLog.at }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      return row?.hash ? { id: row.id, hash: row.hash, at: row.at.toISOString() } : null;
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditLog>;
