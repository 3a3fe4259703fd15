import { createHash } from 'node:crypto';
import {
  analyzeConsultation,
  buildConsultationMemo,
  CONSULTATION_PROMPT_ID,
  type ConsultationAnalysis,
  consultationPromptHash,
  createOpenAiProvider,
  type LlmConfig,
  liveQuality,
  OFFLINE_CONSULTATION_VERSION,
  parseResponsesFile,
  toAnalysisJson,
} from '@ekspedit/ai';
import {
  AppError,
  addConsultationTheme,
  type ConsultationDeps,
  type ConsultationEngine,
  type ConsultationRecord,
  type ConsultationView,
  consultationStances,
  correctConsultationAssignment,
  createConsultation,
  decideConsultationTheme,
  draftConsultationMemo,
  getConsultation,
  importConsultationResponses,
  listConsultations,
  mapConsultationResponses,
  mergeConsultationThemes,
  updateConsultationTheme,
} from '@ekspedit/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';

// ── Schemas: the contract of /api/consultations ────────────────────────────────────────────────

const idParams = z.object({ id: z.string().min(1).max(64) });
const themeParams = z.object({ id: z.string().min(1).max(64), themeId: z.string().min(1).max(64) });
const responseParams = z.object({ id: z.string().min(1).max(64), responseId: z.string().min(1).max(64) });

const stance = z.enum(consultationStances);
const respondentType = z.enum(['citizen', 'association', 'business', 'local_council', 'staff']);

export const createConsultationRequest = z.strictObject({
  title: z.string().trim().min(1).max(300).describe('Title of the proposal in consultation'),
  proposal: z.string().max(200_000).default('').describe('The proposal as Markdown (optional; gives the model context and opens the memo)'),
});
export const importResponsesQuery = z.strictObject({
  filename: z.string().min(1).max(255).describe('Name of the uploaded file: .csv, .jsonl or .xlsx'),
});
export const updateThemeRequest = z
  .strictObject({ name: z.string().max(120).optional(), description: z.string().max(1000).optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, { message: 'name or description' });
export const addThemeRequest = z.strictObject({ name: z.string().min(1).max(120), description: z.string().max(1000).default('') });
export const mergeThemeRequest = z.strictObject({ intoId: z.string().min(1).max(64).describe('The theme the merged theme becomes part of') });
export const correctAssignmentRequest = z.strictObject({
  themeIds: z.array(z.string().min(1).max(64)).min(1).max(50).describe('Approved themes the response is about'),
  stance,
});

const quote = z.object({ responseId: z.string(), text: z.string(), start: z.number(), end: z.number(), themeId: z.string().nullable() });
const breakdown = z.object({
  total: z.number(),
  byRespondentType: z.record(z.string(), z.number()),
  byStance: z.record(z.string(), z.number()),
});
const consultationDto = z.object({
  id: z.string(),
  title: z.string(),
  proposal: z.string(),
  status: z.enum(['open', 'analysed', 'closed']),
  unitId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const consultationListResponse = z.object({
  items: z.array(
    consultationDto.omit({ proposal: true }).extend({ responses: z.number(), proposedThemes: z.number(), approvedThemes: z.number(), reviewed: z.number() }),
  ),
});
export const consultationViewResponse = z.object({
  consultation: consultationDto,
  run: z.object({ engine: z.enum(['offline', 'llm']), model: z.string().nullable(), at: z.string() }).nullable(),
  themes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      origin: z.enum(['ai', 'human']),
      status: z.enum(['proposed', 'approved', 'rejected', 'merged']),
      mergedIntoId: z.string().nullable(),
      quotes: z.array(quote),
      count: z.number(),
      responseCount: z.number(),
      breakdown,
    }),
  ),
  responses: z.array(
    z.object({
      id: z.string(),
      externalId: z.string(),
      text: z.string(),
      respondentType: respondentType.nullable(),
      campaignKey: z.string().nullable(),
      ai: z.object({ themeIds: z.array(z.string()), stance: stance.nullable(), quotes: z.array(quote) }),
      human: z.object({ themeIds: z.array(z.string()), stance: stance.nullable(), byName: z.string().nullable(), at: z.string() }).nullable(),
      themeIds: z.array(z.string()),
      stance: stance.nullable(),
    }),
  ),
  campaigns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      size: z.number(),
      representativeId: z.string(),
      responseIds: z.array(z.string()),
      themeIds: z.array(z.string()),
      stance: stance.nullable(),
    }),
  ),
  breakdown,
  unthemed: z.number(),
  quality: z.object({
    reviewed: z.number(),
    f1: z.number(),
    interval: z.tuple([z.number(), z.number()]),
    stanceAgreement: z.number().nullable(),
    isTrustworthy: z.boolean(),
    bar: z.object({ f1: z.number(), reviewed: z.number() }),
  }),
});

// ── The engine: @ekspedit/ai behind core's port ────────────────────────────────────────────────

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The consultation engine on @ekspedit/ai: the model endpoint when configured, else the offline method. */
export function createConsultationEngine(llm: LlmConfig | null): ConsultationEngine {
  const provider = llm ? createOpenAiProvider(llm) : null;
  return {
    readResponses: (file) => parseResponsesFile(file),
    async analyze(input) {
      const started = performance.now();
      // The model sees short theme ids (t1, t2 …) rather than database ids; they are mapped back here.
      const given = input.themes?.map((t, i) => ({ ...t, id: `t${i + 1}` })) ?? null;
      const back = new Map(given?.map((t, i) => [t.id, input.themes?.[i]?.id ?? t.id]));
      const idOf = (id: string) => back.get(id) ?? id;
      const quotes = (qs: ConsultationAnalysis['themes'][number]['examples']) =>
        qs.map((q) => ({ ...q, themeId: q.themeId === null ? null : idOf(q.themeId) }));
      const raw = await analyzeConsultation(input.responses, {
        themes: given,
        proposal: input.proposal || undefined,
        llm: provider,
        trust: llm?.trust ?? 'external',
      });
      const analysis: ConsultationAnalysis = {
        ...raw,
        themes: raw.themes.map((t) => ({ ...t, id: idOf(t.id), examples: quotes(t.examples) })),
        responses: raw.responses.map((r) => ({
          ...r,
          themes: r.themes.map(idOf),
          themeScores: Object.fromEntries(Object.entries(r.themeScores).map(([k, v]) => [idOf(k), v])),
          quotes: quotes(r.quotes),
        })),
      };
      const isLlm = analysis.engine === 'llm';
      return {
        analysis,
        usage: {
          caseId: null,
          purpose: 'consultation',
          engine: analysis.engine,
          endpoint: analysis.llm?.endpoint ?? null,
          model: analysis.llm?.model ?? null,
          promptId: isLlm ? CONSULTATION_PROMPT_ID : 'consultation-offline',
          promptHash: isLlm ? consultationPromptHash : sha256(OFFLINE_CONSULTATION_VERSION),
          params: {
            version: analysis.version,
            responses: input.responses.length,
            themes: analysis.themes.length,
            campaigns: analysis.campaigns.length,
            ...(analysis.llm
              ? {
                  calls: analysis.llm.calls,
                  failedCalls: analysis.llm.failedCalls,
                  offlineFallbacks: analysis.llm.offlineFallbacks,
                  discoveryFallback: analysis.llm.discoveryFallback,
                  redacted: analysis.llm.redacted,
                }
              : {}),
          },
          inputHash: sha256(input.responses.map((r) => `${r.id}\n${r.text}`).join('\n\n')),
          redactedInputHash: null,
          redactedInput: null,
          outputHash: sha256(JSON.stringify(toAnalysisJson(analysis))),
          output: null,
          sources: [],
          tokensIn: analysis.llm?.tokensIn ?? null,
          tokensOut: analysis.llm?.tokensOut ?? null,
          latencyMs: Math.round(performance.now() - started),
          startedBy: null,
        },
      };
    },
    quality: (ai, human) => liveQuality(ai, human),
    memo: (input) =>
      buildConsultationMemo(
        { ...input.analysis, llm: input.analysis.llm ? { ...input.analysis.llm, offlineFallbacks: 0, discoveryFallback: null, redacted: {} } : null },
        { responses: input.responses, title: input.title, proposal: input.proposal || undefined, date: input.date, quality: input.quality },
      ),
  };
}

// ── Presenting ─────────────────────────────────────────────────────────────────────────────────

const presentConsultation = (c: ConsultationRecord) => ({
  id: c.id,
  title: c.title,
  proposal: c.proposal,
  status: c.status,
  unitId: c.unitId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

function presentView(v: ConsultationView, names: Map<string, string>): z.infer<typeof consultationViewResponse> {
  return {
    consultation: presentConsultation(v.consultation),
    run: v.run ? { engine: v.run.engine, model: v.run.model, at: v.run.at.toISOString() } : null,
    themes: v.themes.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      origin: t.origin,
      status: t.status,
      mergedIntoId: t.mergedIntoId,
      quotes: t.quotes,
      count: t.count,
      responseCount: t.responseCount,
      breakdown: t.breakdown,
    })),
    responses: v.responses.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      text: r.text,
      respondentType: r.respondentType,
      campaignKey: r.campaignKey,
      ai: r.ai,
      human: r.human
        ? { themeIds: r.human.themeIds, stance: r.human.stance, byName: r.human.by ? (names.get(r.human.by) ?? null) : null, at: r.human.at.toISOString() }
        : null,
      themeIds: r.themeIds,
      stance: r.stance,
    })),
    campaigns: v.campaigns,
    breakdown: v.breakdown,
    unthemed: v.unthemed,
    quality: v.quality,
  };
}

/** Consultations (høringer): import, theme review, corrections, live quality and the memo. Thin: validate, one use case, present. */
export function consultationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  const cdeps: ConsultationDeps = {
    consultations: repos.consultations,
    engine: createConsultationEngine(deps.llm),
    audit: repos.audit,
    usage: repos.aiUsage,
    clock: deps.clock,
  };
  const present = async (view: ConsultationView) => presentView(view, new Map((await repos.directory.listUsers()).map((u) => [u.id, u.displayName])));
  const tags = ['consultations'];

  return async (app) => {
    app.get('/api/consultations', { schema: { tags, response: { 200: consultationListResponse } } }, async (request) => {
      const items = await listConsultations({ user: requireUser(request) }, cdeps);
      return {
        items: items.map((c) => ({
          ...presentConsultation(c),
          responses: c.responses,
          proposedThemes: c.proposedThemes,
          approvedThemes: c.approvedThemes,
          reviewed: c.reviewed,
        })),
      };
    });

    app.post('/api/consultations', { schema: { tags, body: createConsultationRequest } }, async (request, reply) => {
      const created = await createConsultation({ user: requireUser(request), title: request.body.title, proposal: request.body.proposal }, cdeps);
      return reply.status(201).send({ consultation: presentConsultation(created) });
    });

    app.get('/api/consultations/:id', { schema: { tags, params: idParams, response: { 200: consultationViewResponse } } }, async (request) =>
      present(await getConsultation({ consultationId: request.params.id, user: requireUser(request) }, cdeps)),
    );

    // The file as application/octet-stream (?filename= tells its kind); discovery runs within the request.
    app.post(
      '/api/consultations/:id/responses',
      {
        bodyLimit: deps.config.maxUploadBytes,
        schema: {
          tags,
          params: idParams,
          consumes: ['application/octet-stream'],
          querystring: importResponsesQuery,
          response: { 200: consultationViewResponse },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send filen som application/octet-stream' });
        const view = await importConsultationResponses(
          { consultationId: request.params.id, user, filename: request.query.filename, content: new Uint8Array(request.body) },
          cdeps,
        );
        return present(view);
      },
    );

    app.post(
      '/api/consultations/:id/themes',
      { schema: { tags, params: idParams, body: addThemeRequest, response: { 201: consultationViewResponse } } },
      async (request, reply) => {
        const view = await addConsultationTheme({ consultationId: request.params.id, user: requireUser(request), ...request.body }, cdeps);
        return reply.status(201).send(await present(view));
      },
    );

    app.patch(
      '/api/consultations/:id/themes/:themeId',
      { schema: { tags, params: themeParams, body: updateThemeRequest, response: { 200: consultationViewResponse } } },
      async (request) =>
        present(
          await updateConsultationTheme(
            { consultationId: request.params.id, themeId: request.params.themeId, user: requireUser(request), ...request.body },
            cdeps,
          ),
        ),
    );

    app.post(
      '/api/consultations/:id/themes/:themeId/merge',
      { schema: { tags, params: themeParams, body: mergeThemeRequest, response: { 200: consultationViewResponse } } },
      async (request) =>
        present(
          await mergeConsultationThemes(
            { consultationId: request.params.id, themeId: request.params.themeId, intoId: request.body.intoId, user: requireUser(request) },
            cdeps,
          ),
        ),
    );

    for (const decision of ['approve', 'reject'] as const) {
      app.post(
        `/api/consultations/:id/themes/:themeId/${decision}`,
        { schema: { tags, params: themeParams, response: { 200: consultationViewResponse } } },
        async (request) =>
          present(
            await decideConsultationTheme({ consultationId: request.params.id, themeId: request.params.themeId, user: requireUser(request), decision }, cdeps),
          ),
      );
    }

    app.post('/api/consultations/:id/map', { schema: { tags, params: idParams, response: { 200: consultationViewResponse } } }, async (request) =>
      present(await mapConsultationResponses({ consultationId: request.params.id, user: requireUser(request) }, cdeps)),
    );

    app.put(
      '/api/consultations/:id/responses/:responseId/assignment',
      { schema: { tags, params: responseParams, body: correctAssignmentRequest, response: { 200: consultationViewResponse } } },
      async (request) =>
        present(
          await correctConsultationAssignment(
            { consultationId: request.params.id, responseId: request.params.responseId, user: requireUser(request), ...request.body },
            cdeps,
          ),
        ),
    );

    app.get('/api/consultations/:id/memo.docx', { schema: { tags, params: idParams } }, async (request, reply) => {
      const memo = await draftConsultationMemo({ consultationId: request.params.id, user: requireUser(request) }, cdeps);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${memo.filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(memo.content));
    });
  };
}
