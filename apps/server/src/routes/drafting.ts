import { addKnowledgeFile, addKnowledgeUrl, mediaTypeFor, withoutInjections } from '@ekspedit/ai';
import { AppError, assertCanRead, controlGroupFlag, draftReply, getCaseForUser, isFeatureAllowed, type UserRecord } from '@ekspedit/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';

const idParams = z.object({ id: z.string().min(1).max(64) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const kleList = (kle: string | undefined) =>
  kle
    ? kle
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Who may add sources to the knowledge base (files and web pages alike). */
function assertCanAddSources(user: UserRecord): void {
  if (!user.roles.some((r) => r === 'admin' || r === 'team_lead' || r === 'caseworker' || r === 'secretariat')) {
    throw new AppError('FORBIDDEN', { message: 'Din rolle må ikke tilføje kilder' });
  }
}

/** Draft replies (streamed as server-sent events), the knowledge base search and uploads. */
export function draftingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  const draftDeps = {
    cases: repos.cases,
    knowledge: deps.knowledge,
    drafting: deps.drafting,
    usage: repos.aiUsage,
    audit: repos.audit,
    clock: deps.clock,
    policy: repos.policy,
    searchText: withoutInjections,
  };
  return async (app) => {
    // POST, because a draft costs model tokens and writes to the usage log; the answer is an event
    // stream: `delta` events with text as it is written, then one `draft` event with the whole draft.
    app.post('/api/cases/:id/draft', { schema: { tags: ['drafting'], params: idParams } }, async (request, reply) => {
      const user = requireUser(request);
      const abort = new AbortController();
      // The request's 'close' fires once its body is read; the response's 'close' before it has
      // finished means the client went away: only then stop the model.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      // Access is checked before the stream starts, so a refusal is an ordinary JSON error.
      const c = (await repos.cases.findCaseById(request.params.id)) ?? (await repos.cases.findCaseByNumber(request.params.id));
      if (!c) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
      await assertCanRead(c, user, repos.audit);
      const policy = await repos.policy.current();
      if (c.flags.includes(controlGroupFlag)) throw new AppError('POLICY_FORBIDS', { message: 'Sagen er i forsøgets kontrolgruppe og behandles uden AI' });
      if (!isFeatureAllowed(policy, 'drafting', { kind: c.kind, kleCode: c.kleCode, channel: c.channel })) {
        throw new AppError('POLICY_FORBIDS', { message: `AI-udkast er slået fra for denne sag i AI-politikken (version ${policy.version})` });
      }
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      const send = (event: string, data: unknown) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      try {
        const draft = await draftReply({ caseId: c.id, user, signal: abort.signal, onDelta: (text) => send('delta', { text }) }, draftDeps);
        const stored = await repos.drafts.saveDraft({
          caseId: c.id,
          body: draft.text,
          authorKind: 'ai',
          authorId: draft.model ?? draft.engine,
          data: draft as unknown as Record<string, unknown>,
        });
        send('draft', { id: stored.id, ...draft });
      } catch (error) {
        const e = error as { code?: string; message?: string };
        send('error', { code: e.code ?? 'INTERNAL', message: e.code ? e.message : 'Udkastet kunne ikke laves' });
        if (!e.code) request.log.error({ err: error }, 'draft failed');
      } finally {
        reply.raw.end();
      }
    });

    app.get('/api/cases/:id/drafts/latest', { schema: { tags: ['drafting'], params: idParams } }, async (request) => {
      const user = requireUser(request);
      const c = await getCaseForUser({ caseRef: request.params.id, user }, { cases: repos.cases, audit: repos.audit });
      const d = await repos.drafts.findLatestDraft(c.id);
      return { draft: d ? { id: d.id, ...d.data, createdAt: d.createdAt.toISOString() } : null };
    });

    app.get(
      '/api/kb/search',
      {
        schema: {
          tags: ['knowledge'],
          querystring: z.strictObject({
            q: z.string().trim().min(1).max(500),
            limit: z.coerce.number().int().min(1).max(50).default(10),
            unit: z.string().max(100).optional(),
            kle: z.string().max(20).optional(),
            kind: z.enum(['document', 'web_page', 'standard_letter', 'approved_reply']).optional(),
          }),
        },
      },
      async (request) => {
        requireUser(request);
        const q = request.query;
        const hits = await deps.knowledge.search({
          text: q.q,
          limit: q.limit,
          unitId: q.unit ?? null,
          kleCode: q.kle ?? null,
          kinds: q.kind ? [q.kind] : undefined,
          today: new Date(deps.clock.now()).toISOString().slice(0, 10),
        });
        return { items: hits };
      },
    );

    app.get('/api/kb/chunks/:id', { schema: { tags: ['knowledge'], params: z.object({ id: z.string().regex(/^\d+$/) }) } }, async (request) => {
      requireUser(request);
      const hit = await repos.knowledge.findChunk(request.params.id);
      if (!hit) throw new AppError('NOT_FOUND', { message: 'Kildeafsnittet findes ikke' });
      return { chunk: hit };
    });

    app.get('/api/kb/sources', { schema: { tags: ['knowledge'] } }, async (request) => {
      requireUser(request);
      return { items: await repos.knowledge.listSources() };
    });

    app.post(
      '/api/kb/sources',
      {
        bodyLimit: deps.config.maxUploadBytes,
        schema: {
          tags: ['knowledge'],
          consumes: ['application/octet-stream'],
          querystring: z.strictObject({
            filename: z.string().min(1).max(255),
            kind: z.enum(['document', 'standard_letter']).default('document'),
            unit: z.string().max(100).optional(),
            kle: z.string().max(200).optional(),
            validFrom: isoDate.optional(),
            validTo: isoDate.optional(),
          }),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        assertCanAddSources(user);
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send filen som application/octet-stream' });
        const q = request.query;
        if (!mediaTypeFor(q.filename))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Filtypen kendes ikke (brug .pdf, .docx, .html, .md eller .txt)' });
        const added = await addKnowledgeFile(
          {
            filename: q.filename,
            content: new Uint8Array(request.body),
            kind: q.kind,
            unitId: q.unit ?? null,
            kleCodes: kleList(q.kle),
            validFrom: q.validFrom ?? null,
            validTo: q.validTo ?? null,
            ownerId: user.id,
          },
          repos.knowledge,
        );
        return reply.status(201).send({ source: added });
      },
    );

    // A web page within the allowed domains (EKSPEDIT_KB_ALLOWED_DOMAINS); the same URL again replaces it.
    app.post(
      '/api/kb/urls',
      {
        schema: {
          tags: ['knowledge'],
          body: z.strictObject({
            url: z.string().trim().min(1).max(2000),
            unit: z.string().max(100).optional(),
            kle: z.string().max(200).optional(),
            validFrom: isoDate.optional(),
            validTo: isoDate.optional(),
          }),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        assertCanAddSources(user);
        const b = request.body;
        if (b.unit && !(await repos.directory.findUnit(b.unit))) throw new AppError('UNIT_NOT_FOUND', { message: 'Enheden findes ikke' });
        const added = await addKnowledgeUrl(
          { url: b.url, unitId: b.unit ?? null, kleCodes: kleList(b.kle), validFrom: b.validFrom ?? null, validTo: b.validTo ?? null, ownerId: user.id },
          repos.knowledge,
          { allowedDomains: deps.config.kbAllowedDomains },
        );
        return reply.status(201).send({ source: added });
      },
    );
  };
}
