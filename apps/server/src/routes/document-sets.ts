import { AppError, enqueueJob, isJobActive, type JobDefinition, type JobRecord, jobPercent, jobStatuses, type UserRecord } from '@ekspedit/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';
import { assertContentMatches, canUseSet, cleanFileName, type DocumentSetRecord, documentSets, isIndexCurrent, mediaTypeOfFile } from '../document-sets';
import { wakeJobRunner } from '../jobs';

// ── Contract ────────────────────────────────────────────────────────────────────────────────

const idParams = z.object({ id: z.string().min(1).max(64) });
const jobParams = z.object({ id: z.string().min(1).max(64), jobId: z.string().uuid() });

const jobDto = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  /** 0–100. */
  percent: z.number().int(),
  done: z.number(),
  total: z.number(),
  etaSeconds: z.number().nullable(),
  /** What done/total count: `scan` (files being read, no total yet), `pages`, `documents`. */
  message: z.string().nullable(),
  isCancelRequested: z.boolean(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

const paginationEnum = z.enum(['pdf', 'explicit', 'pseudo']);

const fileDto = z.object({ name: z.string(), size: z.number(), mediaType: z.string(), uploadedAt: z.string() });

const setDocumentDto = z.object({
  document: z.string(),
  title: z.string(),
  mediaType: z.string(),
  pages: z.number(),
  paragraphs: z.number(),
  pagination: paginationEnum,
  status: z.enum(['ok', 'no_text', 'unreadable']),
  error: z.string().optional(),
});

const setListItemDto = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  fileCount: z.number(),
  pages: z.number().nullable(),
  isIndexCurrent: z.boolean(),
});

const setDetailDto = setListItemDto.extend({
  revision: z.number(),
  files: z.array(fileDto),
  index: z
    .object({
      revision: z.number(),
      indexedAt: z.string(),
      documents: z.array(setDocumentDto),
      skipped: z.array(z.string()),
      stats: z.object({ pages: z.number(), paragraphs: z.number(), resumedPages: z.number(), extractedPages: z.number(), elapsedMs: z.number() }),
    })
    .nullable(),
  jobs: z.object({ index: jobDto.nullable(), summarize: jobDto.nullable() }),
  summaries: z.object({ createdAt: z.string(), isCurrent: z.boolean() }).nullable(),
});

const citationDto = z.object({
  document: z.string(),
  title: z.string(),
  page: z.number(),
  paragraph: z.number(),
  pagination: paginationEnum,
  heading: z.string(),
  quote: z.string(),
});

const sentenceDto = z.object({ text: z.string(), supported: z.boolean(), flags: z.array(z.string()), citations: z.array(z.number()) });

const answerDto = z.object({
  question: z.string(),
  answer: z.string(),
  engine: z.enum(['offline', 'llm']),
  model: z.string().nullable(),
  fallbackReason: z.string().nullable(),
  sentences: z.array(sentenceDto),
  citations: z.array(citationDto),
  flags: z.array(z.string()),
  passages: z.array(z.object({ document: z.string(), page: z.number(), paragraph: z.number(), score: z.number() })),
});

const summaryDto = z.object({ engine: z.enum(['offline', 'llm']), summary: z.string(), sentences: z.array(sentenceDto), citations: z.array(citationDto) });

const summariesDto = z.object({
  revision: z.number(),
  createdAt: z.string(),
  isCurrent: z.boolean(),
  engine: z.enum(['offline', 'llm']),
  model: z.string().nullable(),
  fallbackReason: z.string().nullable(),
  documents: z.array(summaryDto.extend({ document: z.string(), title: z.string(), pages: z.number() })),
  overall: summaryDto,
});

const askRequest = z.strictObject({
  question: z.string().trim().min(1).max(1000),
  passages: z.number().int().min(1).max(50).optional(),
});

// ── Presenting ──────────────────────────────────────────────────────────────────────────────

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A job as the UI shows it: status, percentage, time left. */
export function presentJob(job: JobRecord): z.infer<typeof jobDto> {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    percent: jobPercent(job),
    done: job.progress.done,
    total: job.progress.total,
    etaSeconds: job.status === 'running' ? job.progress.etaSeconds : job.status === 'done' ? 0 : null,
    message: job.progress.message,
    isCancelRequested: job.isCancelRequested,
    error: job.error,
    result: job.result,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

const presentListItem = (set: DocumentSetRecord): z.infer<typeof setListItemDto> => ({
  id: set.id,
  name: set.name,
  createdAt: set.createdAt,
  createdByName: set.createdByName,
  fileCount: set.files.length,
  pages: set.index?.stats.pages ?? null,
  isIndexCurrent: isIndexCurrent(set),
});

// ── Routes ──────────────────────────────────────────────────────────────────────────────────

/** Document sets: create, upload, index (a job), ask with citations, summaries (a job). */
export function documentSetRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const sets = documentSets(deps);
  const { store } = sets;
  const jobs = deps.repos.jobs;

  const findJob = async (id: string | null) => (id ? await jobs.find(id) : null);

  async function presentDetail(set: DocumentSetRecord): Promise<z.infer<typeof setDetailDto>> {
    const [indexJob, summarizeJob, summaries] = await Promise.all([findJob(set.jobs.index), findJob(set.jobs.summarize), store.readSummaries(set.id)]);
    return {
      ...presentListItem(set),
      revision: set.revision,
      files: set.files.map((f) => ({ name: f.name, size: f.size, mediaType: mediaTypeOfFile(f.name), uploadedAt: f.uploadedAt })),
      index: set.index,
      jobs: { index: indexJob ? presentJob(indexJob) : null, summarize: summarizeJob ? presentJob(summarizeJob) : null },
      summaries: summaries ? { createdAt: summaries.createdAt, isCurrent: summaries.revision === set.revision } : null,
    };
  }

  /** Starts a job for the set, or returns the one already waiting or running (checked under the set's lock, so two clicks start one job). */
  async function startJob(set: DocumentSetRecord, user: UserRecord, slot: 'index' | 'summarize', definition: JobDefinition<{ setId: string }>) {
    let started: { job: JobRecord; isNew: boolean } | null = null;
    await store.update(set.id, async (current) => {
      const existing = await findJob(current.jobs[slot]);
      if (existing && isJobActive(existing.status)) {
        started = { job: existing, isNew: false };
        return current;
      }
      const job = await enqueueJob({ definition, payload: { setId: set.id }, createdBy: user.id }, { jobs });
      started = { job, isNew: true };
      return { ...current, jobs: { ...current.jobs, [slot]: job.id } };
    });
    const result = started as { job: JobRecord; isNew: boolean } | null;
    if (!result) throw new Error('the job was neither found nor started');
    if (result.isNew) wakeJobRunner(deps);
    return result;
  }

  async function jobOfSet(setId: string, jobId: string, user: UserRecord): Promise<JobRecord> {
    const set = await sets.getForUser(setId, user);
    const job = await jobs.find(jobId);
    if (!job || job.payload.setId !== set.id) throw new AppError('NOT_FOUND', { message: 'Jobbet findes ikke' });
    return job;
  }

  return async (app) => {
    app.get('/api/document-sets', { schema: { tags: ['document-sets'], response: { 200: z.object({ items: z.array(setListItemDto) }) } } }, async (request) => {
      const user = requireUser(request);
      const all = await store.list();
      return { items: all.filter((s) => canUseSet(user, s)).map(presentListItem) };
    });

    app.post(
      '/api/document-sets',
      {
        schema: {
          tags: ['document-sets'],
          body: z.strictObject({ name: z.string().trim().min(1).max(200) }),
          response: { 201: z.object({ set: setDetailDto }) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        sets.assertCanWork(user);
        const set = await store.create({ name: request.body.name, user });
        return reply.status(201).send({ set: await presentDetail(set) });
      },
    );

    app.get(
      '/api/document-sets/:id',
      { schema: { tags: ['document-sets'], params: idParams, response: { 200: z.object({ set: setDetailDto }) } } },
      async (request) => {
        const user = requireUser(request);
        return { set: await presentDetail(await sets.getForUser(request.params.id, user)) };
      },
    );

    // One file per request, as the raw bytes (application/octet-stream) with its name in ?filename=.
    app.post(
      '/api/document-sets/:id/files',
      {
        bodyLimit: deps.config.maxUploadBytes,
        schema: {
          tags: ['document-sets'],
          consumes: ['application/octet-stream'],
          params: idParams,
          querystring: z.strictObject({ filename: z.string().min(1).max(255) }),
          response: { 201: z.object({ file: fileDto, isReplaced: z.boolean(), revision: z.number() }) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        sets.assertCanWork(user);
        const set = await sets.getForUser(request.params.id, user);
        const name = cleanFileName(request.query.filename);
        if (request.body === undefined || request.body === null) throw new AppError('VALIDATION_FAILED', { message: 'Filen er tom' });
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send filen som application/octet-stream' });
        const content = new Uint8Array(request.body);
        assertContentMatches(name, content);
        const added = await store.addFile(set.id, name, content);
        return reply.status(201).send({
          file: { name: added.file.name, size: added.file.size, mediaType: mediaTypeOfFile(added.file.name), uploadedAt: added.file.uploadedAt },
          isReplaced: added.isReplaced,
          revision: added.set.revision,
        });
      },
    );

    app.post(
      '/api/document-sets/:id/index',
      { schema: { tags: ['document-sets'], params: idParams, response: { 202: z.object({ job: jobDto, isNew: z.boolean() }) } } },
      async (request, reply) => {
        const user = requireUser(request);
        sets.assertCanWork(user);
        const set = await sets.getForUser(request.params.id, user);
        if (set.files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Upload mindst én fil, før sættet indekseres' });
        const { job, isNew } = await startJob(set, user, 'index', sets.indexJob);
        return reply.status(202).send({ job: presentJob(job), isNew });
      },
    );

    app.post(
      '/api/document-sets/:id/summaries',
      { schema: { tags: ['document-sets'], params: idParams, response: { 202: z.object({ job: jobDto, isNew: z.boolean() }) } } },
      async (request, reply) => {
        const user = requireUser(request);
        sets.assertCanWork(user);
        const set = await sets.getForUser(request.params.id, user);
        if (!isIndexCurrent(set)) {
          throw new AppError('CONFLICT', {
            message: 'Indeksér sættet, før der laves sammenfatninger',
            details: { reason: set.index ? 'index_outdated' : 'not_indexed' },
          });
        }
        const { job, isNew } = await startJob(set, user, 'summarize', sets.summarizeJob);
        return reply.status(202).send({ job: presentJob(job), isNew });
      },
    );

    app.get(
      '/api/document-sets/:id/summaries',
      { schema: { tags: ['document-sets'], params: idParams, response: { 200: z.object({ summaries: summariesDto.nullable() }) } } },
      async (request) => {
        const user = requireUser(request);
        const set = await sets.getForUser(request.params.id, user);
        const stored = await store.readSummaries(set.id);
        return { summaries: stored ? { ...stored, isCurrent: stored.revision === set.revision } : null };
      },
    );

    app.get(
      '/api/document-sets/:id/jobs/:jobId',
      { schema: { tags: ['document-sets'], params: jobParams, response: { 200: z.object({ job: jobDto }) } } },
      async (request) => {
        const user = requireUser(request);
        return { job: presentJob(await jobOfSet(request.params.id, request.params.jobId, user)) };
      },
    );

    app.post(
      '/api/document-sets/:id/jobs/:jobId/cancel',
      { schema: { tags: ['document-sets'], params: jobParams, response: { 200: z.object({ job: jobDto }) } } },
      async (request) => {
        const user = requireUser(request);
        sets.assertCanWork(user);
        const job = await jobOfSet(request.params.id, request.params.jobId, user);
        const after = await jobs.requestCancel(job.id);
        return { job: presentJob(after ?? job) };
      },
    );

    app.post(
      '/api/document-sets/:id/ask',
      { schema: { tags: ['document-sets'], params: idParams, body: askRequest, response: { 200: z.object({ answer: answerDto }) } } },
      async (request, reply) => {
        const user = requireUser(request);
        const set = await sets.getForUser(request.params.id, user);
        // A model call is stopped when the asker goes away.
        const abort = new AbortController();
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) abort.abort();
        });
        const a = await sets.ask({ set, question: request.body.question, passages: request.body.passages, user, signal: abort.signal });
        return {
          answer: {
            question: a.question,
            answer: a.answer,
            engine: a.engine,
            model: a.model,
            fallbackReason: a.fallbackReason,
            sentences: a.sentences.map((s) => ({ text: s.text, supported: s.supported, flags: [...s.flags], citations: s.citations })),
            citations: a.citations,
            flags: a.flags,
            passages: a.passages,
          },
        };
      },
    );
  };
}
