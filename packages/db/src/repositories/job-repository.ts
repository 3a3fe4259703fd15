import { type JobLease, type JobRecord, type JobRepository, type JobStatus, toJobProgress } from '@ekspedit/core';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { jobs } from '../schema';

type JobRow = typeof jobs.$inferSelect;

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    payload: row.payload,
    progress: toJobProgress(row.progress),
    result: row.result ?? null,
    error: row.error,
    isCancelRequested: row.isCancelRequested,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

// A run's writes match on its lease: the claim's started_at, written from JavaScript so that it
// compares equal at millisecond precision. A run whose job was taken back (it went silent and
// another runner requeued and claimed it) then changes nothing.
const owned = (lease: JobLease) => and(eq(jobs.id, lease.id), eq(jobs.status, 'running'), eq(jobs.startedAt, lease.startedAt));

/** The job queue on Drizzle; the same SQL on PGlite and PostgreSQL. */
export function createJobRepository(db: Db) {
  return {
    async enqueue({ kind, payload, createdBy }) {
      const [row] = await db
        .insert(jobs)
        .values({ kind, payload, createdBy, progress: { done: 0, total: 0, etaSeconds: null, message: null } })
        .returning();
      if (!row) throw new Error('jobs insert returned no row');
      return toJob(row);
    },

    async claimNext(kinds) {
      if (kinds.length === 0) return null;
      // SKIP LOCKED lets several runners on PostgreSQL claim different jobs without waiting on
      // each other; on PGlite (one connection) it is simply a conditional update. The subquery is
      // compared with `=`, not `IN`: a scalar subquery is evaluated once, whereas `IN` may be
      // re-evaluated per row, and with SKIP LOCKED each evaluation then yields the next row, so
      // one claim would take every queued job.
      const next = db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.status, 'queued'), inArray(jobs.kind, [...kinds])))
        .orderBy(asc(jobs.createdAt), asc(jobs.id))
        .limit(1)
        .for('update', { skipLocked: true });
      const startedAt = new Date();
      const [row] = await db
        .update(jobs)
        .set({ status: 'running', startedAt, updatedAt: sql`now()`, isCancelRequested: false })
        .where(and(sql`${jobs.id} = (${next})`, eq(jobs.status, 'queued')))
        .returning();
      return row ? toJob(row) : null;
    },

    async heartbeat(lease, progress) {
      const [row] = await db
        .update(jobs)
        .set({ updatedAt: sql`now()`, ...(progress ? { progress: { ...progress } } : {}) })
        .where(owned(lease))
        .returning({ isCancelRequested: jobs.isCancelRequested });
      return row ?? null;
    },

    async requestCancel(id) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
        if (!row) return null;
        if (row.status === 'queued') {
          const [cancelled] = await tx
            .update(jobs)
            .set({ status: 'cancelled', isCancelRequested: true, updatedAt: sql`now()`, finishedAt: sql`now()` })
            .where(eq(jobs.id, id))
            .returning();
          return cancelled ? toJob(cancelled) : null;
        }
        if (row.status === 'running') {
          const [asked] = await tx.update(jobs).set({ isCancelRequested: true, updatedAt: sql`now()` }).where(eq(jobs.id, id)).returning();
          return asked ? toJob(asked) : null;
        }
        // Already finished: nothing to stop.
        return toJob(row);
      });
    },

    async finish(lease, result, progress) {
      const rows = await db
        .update(jobs)
        .set({
          status: 'done',
          result,
          error: null,
          updatedAt: sql`now()`,
          finishedAt: sql`now()`,
          ...(progress ? { progress: { ...progress } } : {}),
        })
        .where(owned(lease))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },

    async fail(lease, error) {
      const rows = await db
        .update(jobs)
        .set({ status: 'failed', error: error.slice(0, 2000), updatedAt: sql`now()`, finishedAt: sql`now()` })
        .where(owned(lease))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },

    async markCancelled(lease) {
      const rows = await db
        .update(jobs)
        .set({ status: 'cancelled', updatedAt: sql`now()`, finishedAt: sql`now()` })
        .where(owned(lease))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },

    async release(lease) {
      const rows = await db.update(jobs).set({ status: 'queued', startedAt: null, updatedAt: sql`now()` }).where(owned(lease)).returning({ id: jobs.id });
      return rows.length > 0;
    },

    async requeueStale(silentMs) {
      const silent =
        silentMs === null
          ? eq(jobs.status, 'running')
          : and(eq(jobs.status, 'running'), lt(jobs.updatedAt, sql`now() - make_interval(secs => ${silentMs / 1000})`));
      // A job cancelled while its runner was gone is not started again.
      const cancelled = await db
        .update(jobs)
        .set({ status: 'cancelled', startedAt: null, updatedAt: sql`now()`, finishedAt: sql`now()` })
        .where(and(silent, eq(jobs.isCancelRequested, true)))
        .returning({ id: jobs.id });
      const requeued = await db.update(jobs).set({ status: 'queued', startedAt: null, updatedAt: sql`now()` }).where(silent).returning({ id: jobs.id });
      return requeued.length + cancelled.length;
    },

    async find(id) {
      const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
      return row ? toJob(row) : null;
    },

    async list({ kind, status, limit }) {
      const conditions = [kind ? eq(jobs.kind, kind) : undefined, status?.length ? inArray(jobs.status, status) : undefined].filter((c) => c !== undefined);
      const rows = await db
        .select()
        .from(jobs)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(Math.min(limit ?? 50, 500));
      return rows.map(toJob);
    },
  } satisfies JobRepository;
}
