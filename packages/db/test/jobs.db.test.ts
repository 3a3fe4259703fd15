import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/repositories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

/** The job queue: atomic claims, cancel, and resuming after a crash, on the same SQL for both databases. */
describe(`job queue on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let jobs: ReturnType<typeof createRepositories>['jobs'];

  beforeAll(async () => {
    handle = await createTestDatabase();
    jobs = createRepositories(handle.db).jobs;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const drain = async () => {
    // Leaves nothing queued or running from an earlier test.
    for (const j of await jobs.list({ status: ['queued', 'running'], limit: 500 })) await jobs.requestCancel(j.id);
    await jobs.requeueStale(null);
  };

  it('claims the oldest queued job of the asked kinds once, even when claims race', async () => {
    await drain();
    const a = await jobs.enqueue({ kind: 'test.a', payload: { n: 1 }, createdBy: null });
    const b = await jobs.enqueue({ kind: 'test.a', payload: { n: 2 }, createdBy: null });
    await jobs.enqueue({ kind: 'test.other', payload: {}, createdBy: null });
    expect(a.status).toBe('queued');
    expect(a.progress).toEqual({ done: 0, total: 0, etaSeconds: null, message: null });

    const claims = await Promise.all([jobs.claimNext(['test.a']), jobs.claimNext(['test.a']), jobs.claimNext(['test.a'])]);
    const claimed = claims.filter((c) => c !== null);
    expect(claimed.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(claimed.map((c) => c.id)).size).toBe(2);
    for (const c of claimed) {
      expect(c.status).toBe('running');
      expect(c.startedAt).toBeInstanceOf(Date);
    }
    expect(await jobs.claimNext(['test.a'])).toBeNull();
    expect(await jobs.claimNext([])).toBeNull();

    const first = claimed.find((c) => c.id === a.id);
    if (!first?.startedAt) throw new Error('a was not claimed');
    const lease = { id: first.id, startedAt: first.startedAt };
    const progress = { done: 3, total: 10, etaSeconds: 7, message: 'side 3' };
    expect(await jobs.heartbeat(lease, progress)).toEqual({ isCancelRequested: false });
    expect((await jobs.find(a.id))?.progress).toEqual(progress);
    expect(await jobs.finish(lease, { pages: 10 }, { ...progress, done: 10, etaSeconds: 0 })).toBe(true);
    const done = await jobs.find(a.id);
    expect(done?.status).toBe('done');
    expect(done?.result).toEqual({ pages: 10 });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    // A finished run's lease writes nothing more.
    expect(await jobs.heartbeat(lease, progress)).toBeNull();
    expect(await jobs.fail(lease, 'late')).toBe(false);
  });

  it('cancels a queued job at once and asks a running one to stop', async () => {
    await drain();
    const queued = await jobs.enqueue({ kind: 'test.cancel', payload: {}, createdBy: null });
    const cancelled = await jobs.requestCancel(queued.id);
    expect(cancelled?.status).toBe('cancelled');
    expect(await jobs.claimNext(['test.cancel'])).toBeNull();

    const running = await jobs.enqueue({ kind: 'test.cancel', payload: {}, createdBy: null });
    const claimed = await jobs.claimNext(['test.cancel']);
    if (!claimed?.startedAt) throw new Error('not claimed');
    const lease = { id: claimed.id, startedAt: claimed.startedAt };
    const asked = await jobs.requestCancel(running.id);
    expect(asked?.status).toBe('running');
    expect(asked?.isCancelRequested).toBe(true);
    // The runner learns of it on its next heartbeat, stops the handler, and records the cancel.
    expect(await jobs.heartbeat(lease, null)).toEqual({ isCancelRequested: true });
    expect(await jobs.markCancelled(lease)).toBe(true);
    const after = await jobs.find(running.id);
    expect(after?.status).toBe('cancelled');
    expect(after?.finishedAt).toBeInstanceOf(Date);
    // Cancelling a finished job changes nothing; an unknown one is null.
    expect((await jobs.requestCancel(running.id))?.status).toBe('cancelled');
    expect(await jobs.requestCancel('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('resumes after a simulated crash: a running job goes back to the queue and the dead run can write nothing', async () => {
    await drain();
    const job = await jobs.enqueue({ kind: 'test.crash', payload: { setId: 'x' }, createdBy: null });
    const crashed = await jobs.claimNext(['test.crash']);
    if (!crashed?.startedAt) throw new Error('not claimed');
    const deadLease = { id: crashed.id, startedAt: crashed.startedAt };
    await jobs.heartbeat(deadLease, { done: 40, total: 100, etaSeconds: 12, message: null });

    // A fresh process: a job heard from moments ago is not stale …
    expect(await jobs.requeueStale(60_000)).toBe(0);
    // … but at start-up of the only runner, everything left running is.
    expect(await jobs.requeueStale(null)).toBe(1);
    const requeued = await jobs.find(job.id);
    expect(requeued?.status).toBe('queued');
    expect(requeued?.startedAt).toBeNull();
    // Progress is kept, so the UI shows where the work stood until the new run reports.
    expect(requeued?.progress.done).toBe(40);

    await new Promise((r) => setTimeout(r, 5));
    const resumed = await jobs.claimNext(['test.crash']);
    expect(resumed?.id).toBe(job.id);
    if (!resumed?.startedAt) throw new Error('not claimed again');
    expect(resumed.startedAt.getTime()).not.toBe(deadLease.startedAt.getTime());
    // The first run, were it still alive somewhere, has lost its lease.
    expect(await jobs.heartbeat(deadLease, { done: 99, total: 100, etaSeconds: 0, message: null })).toBeNull();
    expect(await jobs.finish(deadLease, { stale: true }, null)).toBe(false);
    const lease = { id: resumed.id, startedAt: resumed.startedAt };
    expect(await jobs.finish(lease, { resumed: true }, null)).toBe(true);
    expect((await jobs.find(job.id))?.result).toEqual({ resumed: true });
  });

  it('requeues only silent jobs when several runners share a database, and does not restart a cancelled one', async () => {
    await drain();
    const silent = await jobs.enqueue({ kind: 'test.silent', payload: {}, createdBy: null });
    const claimed = await jobs.claimNext(['test.silent']);
    if (!claimed?.startedAt) throw new Error('not claimed');
    await new Promise((r) => setTimeout(r, 60));
    expect(await jobs.requeueStale(30)).toBe(1);
    expect((await jobs.find(silent.id))?.status).toBe('queued');

    const doomed = await jobs.enqueue({ kind: 'test.silent', payload: {}, createdBy: null });
    const run = await jobs.claimNext(['test.silent']);
    // The requeued job is older, so it is claimed first; claim again for the second.
    const second = run?.id === doomed.id ? run : await jobs.claimNext(['test.silent']);
    expect(second?.id).toBe(doomed.id);
    await jobs.requestCancel(doomed.id);
    await jobs.requeueStale(null);
    expect((await jobs.find(doomed.id))?.status).toBe('cancelled');
  });

  it('releases a run when the runner stops, and lists by kind and status, newest first', async () => {
    await drain();
    const job = await jobs.enqueue({ kind: 'test.release', payload: {}, createdBy: null });
    const claimed = await jobs.claimNext(['test.release']);
    if (!claimed?.startedAt) throw new Error('not claimed');
    expect(await jobs.release({ id: claimed.id, startedAt: claimed.startedAt })).toBe(true);
    expect((await jobs.find(job.id))?.status).toBe('queued');
    const later = await jobs.enqueue({ kind: 'test.release', payload: {}, createdBy: null });
    const listed = await jobs.list({ kind: 'test.release', status: ['queued'] });
    expect(listed.map((j) => j.id)).toEqual([later.id, job.id]);
    expect(await jobs.list({ kind: 'test.release', status: ['done'] })).toEqual([]);
  });
});
