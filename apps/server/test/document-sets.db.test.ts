import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { AppError, defineJob, enqueueJob, type JobRecord } from '@ekspedit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GeneratedDocumentSet, writeDocumentSet } from '../../../packages/ai/test/support/document-set';
import { buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { documentSets } from '../src/document-sets';
import { startJobRunner } from '../src/jobs';
import { buildTestApp, loginHeaders } from './support';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;
type Job = { id: string; status: string; percent: number; done: number; total: number; etaSeconds: number | null; result: Record<string, number> | null };

const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Every file of a generated set, relative to its folder. */
function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Issue 7 through the API: a generated set of PDFs, Word documents and Markdown is uploaded,
 * indexed by the job runner with progress, asked about (answers cite document, page and paragraph)
 * and summarised; a second indexing run is cancelled, and a run interrupted by stopping the runner
 * resumes when a new runner starts, without reading again what was read.
 */
describe(`document sets on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Ctx;
  let h: Record<string, string>;
  let other: Record<string, string>;
  let small: GeneratedDocumentSet;
  let large: GeneratedDocumentSet;
  let runner: { stop(): Promise<void> } | null = null;
  let setId = '';

  const start = () => {
    runner = startJobRunner(ctx.deps, quietLog, { pollMs: 50, heartbeatMs: 50 });
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle, { EKSPEDIT_MAX_UPLOAD_BYTES: String(2_000_000) });
    const unit = await buildUnit(handle, { name: 'Analyse' });
    const elsewhere = await buildUnit(handle, { name: 'Et andet sted' });
    const analyst = await buildUser(handle, { username: 'kasper', roles: ['analyst'], unitId: unit.id });
    const stranger = await buildUser(handle, { username: 'stranger', roles: ['caseworker'], unitId: elsewhere.id });
    h = await loginHeaders(ctx.app, 'kasper', analyst.password);
    other = await loginHeaders(ctx.app, 'stranger', stranger.password);
    const root = mkdtempSync(join(tmpdir(), 'ekspedit-docset-'));
    small = await writeDocumentSet(join(root, 'small'));
    large = await writeDocumentSet(join(root, 'large'), { pages: 1000, seed: 7 });
    start();
  });
  afterAll(async () => {
    await runner?.stop();
    await ctx?.app.close();
    await handle?.close();
  });

  const api = (method: 'GET' | 'POST', url: string, payload?: unknown, headers = h) =>
    ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const upload = (id: string, name: string, body: Buffer) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/document-sets/${id}/files?filename=${encodeURIComponent(name)}`,
      headers: { ...h, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const job = async (id: string, jobId: string): Promise<Job> => (await api('GET', `/api/document-sets/${id}/jobs/${jobId}`)).json().job;
  const waitFor = async (id: string, jobId: string, until: (j: Job) => boolean, seen: Job[] = [], timeoutMs = 45_000): Promise<Job> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const j = await job(id, jobId);
      seen.push(j);
      if (until(j)) return j;
      if (Date.now() > deadline) throw new Error(`job ${jobId} stuck at ${JSON.stringify(j)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  /** Uploads the supported files of a generated set; returns what was refused. */
  const uploadSet = async (id: string, set: GeneratedDocumentSet) => {
    const refused: { name: string; code: string }[] = [];
    for (const file of filesOf(set.dir)) {
      const res = await upload(id, basename(file), readFileSync(join(set.dir, file)));
      if (res.statusCode !== 201) refused.push({ name: basename(file), code: res.json().error.code });
    }
    return refused;
  };
  const createSet = async (name: string) => {
    const res = await api('POST', '/api/document-sets', { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().set.id as string;
  };

  it('uploads a generated set of PDF, Word and Markdown, refusing other types, renamed files and files too large', async () => {
    setId = await createSet('Vejrapporter og referater');
    // Nothing to ask before the set is indexed.
    const early = await api('POST', `/api/document-sets/${setId}/ask`, { question: 'Hvad koster en beboerlicens?' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CONFLICT');

    const refused = await uploadSet(setId, small);
    expect(refused).toEqual([{ name: 'budgetoversigt.xlsx', code: 'UNSUPPORTED_MEDIA_TYPE' }]);
    expect((await upload(setId, 'notat.pdf', Buffer.from('PK\u0003\u0004 ikke en pdf'))).json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload(setId, 'tom.txt', Buffer.alloc(0))).json().error.code).toBe('VALIDATION_FAILED');
    expect((await upload(setId, '.skjult.md', Buffer.from('# Hej'))).json().error.code).toBe('VALIDATION_FAILED');
    const tooLarge = await upload(setId, 'stor.txt', Buffer.alloc(2_100_000, 'a'));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    // A path in the name is reduced to the file name: nothing is written outside the set.
    const sneaky = await upload(setId, '../../set.json.md', Buffer.from('# Forsøg'));
    expect(sneaky.json().file.name).toBe('set.json.md');

    const detail = (await api('GET', `/api/document-sets/${setId}`)).json().set;
    expect(detail.files.map((f: { name: string }) => f.name)).toContain('vejrapport-2025.pdf');
    expect(detail.fileCount).toBe(small.documents.length + 1);
    expect(detail.isIndexCurrent).toBe(false);
    // Someone in another unit does not see the set at all.
    expect((await api('GET', `/api/document-sets/${setId}`, undefined, other)).statusCode).toBe(404);
    expect((await api('GET', '/api/document-sets', undefined, other)).json().items).toEqual([]);
  });

  it('indexes the set as a background job with progress, then answers with document, page and paragraph', async () => {
    // Two clicks at once start one job: the second gets the job already under way.
    const [started, again] = await Promise.all([api('POST', `/api/document-sets/${setId}/index`), api('POST', `/api/document-sets/${setId}/index`)]);
    expect(started.statusCode, started.body).toBe(202);
    const jobId = started.json().job.id;
    expect(again.json().job.id).toBe(jobId);
    expect([started.json().isNew, again.json().isNew].sort()).toEqual([false, true]);
    const seen: Job[] = [];
    const done = await waitFor(setId, jobId, (j) => j.status === 'done' || j.status === 'failed', seen);
    expect(done.status).toBe('done');
    expect(done.percent).toBe(100);
    expect(done.result?.pages).toBeGreaterThanOrEqual(300);
    // Progress was visible on the way and never ran backwards.
    const percents = seen.map((j) => j.percent);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const detail = (await api('GET', `/api/document-sets/${setId}`)).json().set;
    expect(detail.isIndexCurrent).toBe(true);
    expect(detail.index.documents.find((d: { document: string }) => d.document === 'scannet-hoeringssvar.pdf')?.status).toBe('no_text');

    for (const fact of small.facts) {
      const res = await api('POST', `/api/document-sets/${setId}/ask`, { question: fact.question });
      expect(res.statusCode, res.body).toBe(200);
      const answer = res.json().answer;
      expect(answer.answer, fact.question).toContain(fact.expect);
      const first = answer.citations[0];
      expect({ document: first.document, page: first.page, paragraph: first.paragraph }, fact.question).toEqual({
        document: basename(fact.document),
        page: fact.page,
        paragraph: fact.paragraph,
      });
      expect(answer.sentences.every((s: { supported: boolean }) => s.supported)).toBe(true);
    }
    const none = (await api('POST', `/api/document-sets/${setId}/ask`, { question: small.unanswerable })).json().answer;
    expect(none.flags).toContain('no_answer');
    expect(none.citations).toEqual([]);
    // Every question is in the AI usage log, by hash only.
    const usage = await handle.db.query.aiUsage.findMany();
    const qa = usage.filter((u) => u.purpose === 'document_qa');
    expect(qa.length).toBe(small.facts.length + 1);
    expect(qa.every((u) => u.engine === 'offline' && u.inputHash && u.redactedInput === null)).toBe(true);
  });

  it('summarises every document and the set as a job', async () => {
    const started = await api('POST', `/api/document-sets/${setId}/summaries`);
    expect(started.statusCode, started.body).toBe(202);
    const done = await waitFor(setId, started.json().job.id, (j) => j.status === 'done' || j.status === 'failed');
    expect(done.status).toBe('done');
    const { summaries } = (await api('GET', `/api/document-sets/${setId}/summaries`)).json();
    expect(summaries.isCurrent).toBe(true);
    expect(summaries.documents.length).toBeGreaterThanOrEqual(7);
    expect(summaries.overall.sentences.length).toBeGreaterThan(0);
    for (const d of summaries.documents) expect(d.citations.every((c: { document: string }) => c.document === d.document)).toBe(true);
  });

  it('cancels an indexing run, and a run interrupted by stopping the runner resumes under a new runner', async () => {
    const id = await createSet('Arkiv');
    expect(await uploadSet(id, large)).toHaveLength(1);

    // 1. Cancel while pages are being read.
    const first = (await api('POST', `/api/document-sets/${id}/index`)).json().job;
    await waitFor(id, first.id, (j) => j.status === 'running' && j.done > 20);
    const cancel = await api('POST', `/api/document-sets/${id}/jobs/${first.id}/cancel`);
    expect(cancel.statusCode).toBe(200);
    const cancelled = await waitFor(id, first.id, (j) => j.status !== 'running');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.percent).toBeLessThan(100);
    const ask = await api('POST', `/api/document-sets/${id}/ask`, { question: large.facts[0]?.question });
    expect(ask.json().error.code).toBe('CONFLICT');

    // 2. Index again; stop the runner half-way (a restart): the job goes back to the queue.
    const second = (await api('POST', `/api/document-sets/${id}/index`)).json().job;
    expect(second.id).not.toBe(first.id);
    const before = await waitFor(id, second.id, (j) => j.status === 'running' && j.done > cancelled.done + 20);
    await runner?.stop();
    const paused = await job(id, second.id);
    expect(paused.status).toBe('queued');
    expect(paused.done).toBeGreaterThanOrEqual(before.done);

    // 3. A new runner resumes the same job from the on-disk index.
    start();
    const done = await waitFor(id, second.id, (j) => j.status === 'done' || j.status === 'failed');
    expect(done.status).toBe('done');
    const result = done.result as { pages: number; resumedPages: number; extractedPages: number };
    expect(result.pages).toBeGreaterThanOrEqual(1000);
    expect(result.resumedPages).toBeGreaterThanOrEqual(before.done);
    expect(result.extractedPages).toBeLessThan(result.pages - before.done + 40);

    const fact = large.facts.find((f) => f.id === 'skovvej') ?? large.facts[0];
    if (!fact) throw new Error('no planted fact');
    const answer = (await api('POST', `/api/document-sets/${id}/ask`, { question: fact.question })).json().answer;
    expect(answer.citations[0]).toMatchObject({ document: basename(fact.document), page: fact.page, paragraph: fact.paragraph });
  });

  it('resumes a job that a crashed process left running when the next runner starts', async () => {
    await runner?.stop();
    runner = null;
    // A process claims the job and dies: the row says running, and nobody is running it.
    const queued = await enqueueJob({ definition: documentSets(ctx.deps).indexJob, payload: { setId }, createdBy: null }, { jobs: ctx.deps.repos.jobs });
    const claimed = await ctx.deps.repos.jobs.claimNext(['document-set.index']);
    expect(claimed?.id).toBe(queued.id);
    runner = startJobRunner(ctx.deps, quietLog, { pollMs: 50, heartbeatMs: 50, staleMs: 200 });
    const done = await waitFor(setId, queued.id, (j) => j.status === 'done' || j.status === 'failed');
    expect(done.status).toBe('done');
    // Every page came from the on-disk index.
    expect(done.result?.extractedPages).toBe(0);
  });

  it('records a failing handler as failed with its message, and estimates time left from the pace of the run', async () => {
    const failing = defineJob({
      name: 'test.failing',
      payload: z.object({ n: z.number() }),
      async handler({ n }, ctx) {
        for (let i = 1; i <= n; i++) {
          ctx.reportProgress(i, 100);
          await new Promise((r) => setTimeout(r, 30));
        }
        throw new AppError('VALIDATION_FAILED', { message: 'Filen kunne ikke læses' });
      },
    });
    const testRunner = startJobRunner(ctx.deps, quietLog, { pollMs: 20, heartbeatMs: 50, definitions: [failing as never] });
    try {
      const queued = await enqueueJob({ definition: failing, payload: { n: 60 }, createdBy: null }, { jobs: ctx.deps.repos.jobs });
      const seen: JobRecord[] = [];
      for (let i = 0; i < 500; i++) {
        const j = await ctx.deps.repos.jobs.find(queued.id);
        if (j) seen.push(j);
        if (j && (j.status === 'failed' || j.status === 'done')) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const last = seen.at(-1);
      expect(last?.status).toBe('failed');
      expect(last?.error).toBe('[VALIDATION_FAILED] Filen kunne ikke læses');
      // After a second of work, about 1 s per 33 items is left: 40 items ≈ 1 s, never absurd.
      const estimates = seen.filter((j) => j.status === 'running' && j.progress.etaSeconds !== null).map((j) => j.progress.etaSeconds as number);
      expect(estimates.length).toBeGreaterThan(0);
      expect(Math.max(...estimates)).toBeLessThan(10);
      await expect(enqueueJob({ definition: failing, payload: { n: 'x' } as never, createdBy: null }, { jobs: ctx.deps.repos.jobs })).rejects.toThrow(
        /Ugyldige data/,
      );
    } finally {
      await testRunner.stop();
    }
  });
});
