import type { z } from 'zod';
import { AppError } from './errors';

/**
 * Background jobs: typed definitions ({ name, payload schema, handler }) on one database-backed
 * queue that runs on PGlite and on PostgreSQL. Long work (indexing a document set, summaries)
 * reports progress, stops when cancelled, and is picked up again after a crash or a restart:
 * handlers must therefore be resumable (keep what they have done where the next run finds it).
 */

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** What the UI and the CLI show while a job runs. */
export interface JobProgress {
  done: number;
  total: number;
  /** Estimated seconds left; null until there is enough to estimate from. */
  etaSeconds: number | null;
  message: string | null;
}

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  progress: JobProgress;
  result: Record<string, unknown> | null;
  error: string | null;
  isCancelRequested: boolean;
  createdBy: string | null;
  createdAt: Date;
  /** When the current run claimed the job; also the run's lease (see JobRepository). */
  startedAt: Date | null;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A claimed job's run: the job id and the lease its writes must present. */
export interface JobLease {
  id: string;
  startedAt: Date;
}

/** What a handler is given besides its payload. */
export interface JobContext {
  jobId: string;
  /** Aborted when a person cancels the job or the runner stops; the handler should stop soon after. */
  signal: AbortSignal;
  /**
   * Progress so far (written to the database at most about once a second). The time left is
   * estimated from the rate of this run unless the handler knows better (`etaSeconds`).
   */
  reportProgress(done: number, total: number, message?: string | null, options?: { etaSeconds?: number | null }): void;
}

/** A kind of job: its name, the schema its payload must satisfy, and the work. */
export interface JobDefinition<P> {
  name: string;
  payload: z.ZodType<P>;
  /** Returns the job's result (small JSON: counts, not documents). */
  handler(payload: P, ctx: JobContext): Promise<Record<string, unknown> | undefined>;
}

/** The queue's storage. Writes of a run present its lease, so a run that lost its job writes nothing. */
export interface JobRepository {
  enqueue(input: { kind: string; payload: Record<string, unknown>; createdBy: string | null }): Promise<JobRecord>;
  /** Takes the oldest queued job of the given kinds and marks it running, atomically; null when none. */
  claimNext(kinds: readonly string[]): Promise<JobRecord | null>;
  /** Keeps a run alive and stores its progress; null when the lease is lost (the job was taken back). */
  heartbeat(lease: JobLease, progress: JobProgress | null): Promise<{ isCancelRequested: boolean } | null>;
  /** A queued job is cancelled at once; a running one is asked to stop. Null when the job is unknown. */
  requestCancel(id: string): Promise<JobRecord | null>;
  finish(lease: JobLease, result: Record<string, unknown> | null, progress: JobProgress | null): Promise<boolean>;
  fail(lease: JobLease, error: string): Promise<boolean>;
  markCancelled(lease: JobLease): Promise<boolean>;
  /** Puts a run back in the queue (the runner stops): the next run resumes the work. */
  release(lease: JobLease): Promise<boolean>;
  /**
   * Puts running jobs not heard from for `silentMs` (by the database's clock) back in the queue;
   * with null, every running job (at start-up, when this process is the only runner).
   */
  requeueStale(silentMs: number | null): Promise<number>;
  find(id: string): Promise<JobRecord | null>;
  list(query: { kind?: string; status?: JobStatus[]; limit?: number }): Promise<JobRecord[]>;
}

/** Declares a job kind; the type of its payload follows from the schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** Validates a payload against its job's schema and puts the job in the queue. */
export async function enqueueJob<P>(
  { definition, payload, createdBy }: { definition: JobDefinition<P>; payload: P; createdBy: string | null },
  deps: { jobs: Pick<JobRepository, 'enqueue'> },
): Promise<JobRecord> {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', { message: `Ugyldige data til jobbet ${definition.name}` });
  return deps.jobs.enqueue({ kind: definition.name, payload: parsed.data as Record<string, unknown>, createdBy });
}

/** True while the job is waiting or running. */
export function isJobActive(status: JobStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Whole percent done (0–100); 100 once the job is done, whatever its last progress said. */
export function jobPercent(job: Pick<JobRecord, 'status' | 'progress'>): number {
  if (job.status === 'done') return 100;
  const { done, total } = job.progress;
  if (!total || total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** Reads a stored progress value defensively (the column is free-form JSON). */
export function toJobProgress(value: unknown): JobProgress {
  const v = (value ?? {}) as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    done: num(v.done) ?? 0,
    total: num(v.total) ?? 0,
    etaSeconds: num(v.etaSeconds),
    message: typeof v.message === 'string' ? v.message : null,
  };
}
