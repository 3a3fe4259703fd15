import { isAppError, type JobDefinition, type JobLease, type JobProgress, type JobRecord } from '@ekspedit/core';
import type { AppDeps } from './deps';
import { documentSets } from './document-sets';

/** The logger the runner writes to (the server passes `app.log.child({ module: 'jobs' })`). */
export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  /** How often an idle runner looks for queued work (a job enqueued by this process wakes it at once). */
  pollMs?: number;
  /** How often a running job's progress is written and its cancel flag read. */
  heartbeatMs?: number;
  /**
   * With several runners on one PostgreSQL database: a running job not heard from for this long
   * is taken to belong to a dead process and put back in the queue. A single process (PGlite,
   * whose data directory is locked to one process) requeues everything left running at start.
   */
  staleMs?: number;
  /** How long stop() waits for a running handler to notice the stop before giving up on it. */
  stopTimeoutMs?: number;
  /** The job kinds to run; by default every kind this server defines. */
  definitions?: JobDefinition<never>[];
}

/** Every job kind the server runs. */
export function jobDefinitions(deps: AppDeps): JobDefinition<never>[] {
  return [...documentSets(deps).definitions] as unknown as JobDefinition<never>[];
}

// Enqueuing code in this process wakes the runner instead of waiting for the next poll.
const wakers = new WeakMap<AppDeps, Set<() => void>>();

/** Tells this process's runner that there is work (routes call it after enqueuing). */
export function wakeJobRunner(deps: AppDeps): void {
  for (const wake of wakers.get(deps) ?? []) wake();
}

const SHUTDOWN = 'shutdown';
const CANCELLED = 'cancelled';
const LEASE_LOST = 'lease_lost';

/** Estimates time left from the pace of this run (pages read before it cost nothing and do not count). */
function etaEstimator() {
  let base: { at: number; done: number; total: number } | null = null;
  return (done: number, total: number): number | null => {
    const now = performance.now();
    if (!base || base.total !== total || done < base.done) base = { at: now, done, total };
    const elapsed = now - base.at;
    if (done >= total && total > 0) return 0;
    if (elapsed < 1000 || done <= base.done) return null;
    return Math.ceil(((total - done) * elapsed) / (done - base.done) / 1000);
  };
}

/**
 * Runs queued jobs in this process, one at a time: claims the oldest, runs its handler with an
 * AbortSignal, writes progress about once a heartbeat, and records done, failed or cancelled. A
 * cancel request reaches the handler within a heartbeat. stop() aborts the running handler and
 * puts its job back in the queue, so the next start resumes it; a job left running by a crashed
 * process is put back at start-up (PGlite) or once it has been silent for `staleMs` (PostgreSQL).
 */
export function startJobRunner(deps: AppDeps, log: JobLog, options: JobRunnerOptions = {}): { stop(): Promise<void> } {
  const repo = deps.repos.jobs;
  const pollMs = options.pollMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 500;
  const staleMs = options.staleMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const isOnlyRunner = deps.database.kind === 'pglite';
  const definitions = new Map((options.definitions ?? jobDefinitions(deps)).map((d) => [d.name, d]));
  const kinds = [...definitions.keys()];

  let isStopping = false;
  let wake: (() => void) | null = null;
  let current: { controller: AbortController; lease: JobLease } | null = null;
  const wakeSet = wakers.get(deps) ?? new Set<() => void>();
  wakers.set(deps, wakeSet);
  const onWake = () => wake?.();
  wakeSet.add(onWake);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function run(job: JobRecord): Promise<void> {
    const definition = definitions.get(job.kind);
    if (!job.startedAt || !definition) return;
    const lease: JobLease = { id: job.id, startedAt: job.startedAt };
    const controller = new AbortController();
    current = { controller, lease };
    // Claimed just as stop() was called: hand the job straight back.
    if (isStopping) controller.abort(SHUTDOWN);
    const started = performance.now();
    const estimate = etaEstimator();
    let latest: JobProgress | null = null;
    let written: JobProgress | null = null;

    // One write per heartbeat at most, however often the handler reports.
    const beat = async () => {
      const progress = latest && latest !== written ? latest : null;
      const state = await repo.heartbeat(lease, progress);
      if (progress) written = progress;
      if (state === null) controller.abort(LEASE_LOST);
      else if (state.isCancelRequested) controller.abort(CANCELLED);
    };
    let beating: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      beating = beating.then(beat).catch((error) => log.warn({ err: error, jobId: job.id }, 'job heartbeat failed'));
    }, heartbeatMs);

    log.info({ jobId: job.id, kind: job.kind, resumed: job.progress.done > 0 }, 'job started');
    try {
      const parsed = definition.payload.safeParse(job.payload);
      if (!parsed.success) throw new Error(`invalid payload for ${job.kind}`);
      if (job.isCancelRequested) controller.abort(CANCELLED);
      const result = await definition.handler(parsed.data, {
        jobId: job.id,
        signal: controller.signal,
        reportProgress(done, total, message = null, extra) {
          const etaSeconds = extra?.etaSeconds !== undefined ? extra.etaSeconds : total > 0 ? estimate(done, total) : null;
          latest = { done, total, etaSeconds, message };
        },
      });
      clearInterval(timer);
      await beating;
      const final = latest as JobProgress | null;
      const isDone = await repo.finish(lease, result ?? null, final ? { ...final, done: final.total, etaSeconds: 0 } : null);
      log.info({ jobId: job.id, kind: job.kind, ms: Math.round(performance.now() - started), recorded: isDone }, 'job done');
    } catch (error) {
      clearInterval(timer);
      await beating;
      const reason = controller.signal.aborted ? controller.signal.reason : null;
      if (reason === SHUTDOWN) {
        // The work so far is kept by the handler; the next start picks the job up again.
        if (latest) await repo.heartbeat(lease, latest).catch(() => null);
        await repo.release(lease);
        log.info({ jobId: job.id, kind: job.kind }, 'job paused for shutdown; it resumes at the next start');
      } else if (reason === CANCELLED) {
        if (latest) await repo.heartbeat(lease, latest).catch(() => null);
        await repo.markCancelled(lease);
        log.info({ jobId: job.id, kind: job.kind }, 'job cancelled');
      } else if (reason === LEASE_LOST) {
        log.warn({ jobId: job.id, kind: job.kind }, 'job was taken back by another runner; this run stopped');
      } else {
        const message = isAppError(error) ? `[${error.code}] ${error.message}` : (error as Error)?.message || String(error);
        await repo.fail(lease, message);
        log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
      }
    } finally {
      current = null;
    }
  }

  const loop = (async () => {
    try {
      const requeued = await repo.requeueStale(isOnlyRunner ? null : staleMs);
      if (requeued > 0) log.info({ requeued }, 'jobs left running by an earlier process put back in the queue');
    } catch (error) {
      log.error({ err: error }, 'could not requeue jobs left running');
    }
    let lastSweep = performance.now();
    while (!isStopping) {
      try {
        if (!isOnlyRunner && performance.now() - lastSweep > staleMs) {
          lastSweep = performance.now();
          const requeued = await repo.requeueStale(staleMs);
          if (requeued > 0) log.warn({ requeued }, 'silent jobs of another runner put back in the queue');
        }
        const job = await repo.claimNext(kinds);
        if (job) await run(job);
        else await sleep(pollMs);
      } catch (error) {
        if (isStopping) break;
        log.error({ err: error }, 'job runner error; retrying');
        await sleep(pollMs * 5);
      }
    }
  })();

  return {
    /** Stops claiming, pauses the running job (it goes back to the queue) and waits for the loop to end. */
    async stop() {
      if (isStopping) return loop;
      isStopping = true;
      wakeSet.delete(onWake);
      current?.controller.abort(SHUTDOWN);
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
      });
      const outcome = await Promise.race([loop.then(() => 'stopped' as const), timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        const lease = current?.lease;
        log.warn({ jobId: lease?.id }, 'a job did not stop in time; it is put back in the queue');
        if (lease) await repo.release(lease).catch(() => false);
      }
    },
  };
}
