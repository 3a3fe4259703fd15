import { approveReplyForReuse } from '@ekspedit/ai';
import {
  AppError,
  assignCase,
  availableTransitions,
  type CaseKind,
  canActOnCase,
  getCaseForUser,
  isCaseKind,
  listInbox,
  registerCase,
  sendReply,
  transitionCase,
} from '@ekspedit/core';
import {
  assignRequest,
  caseDetailResponse,
  caseDto,
  inboxQuery,
  inboxResponse,
  messageDto,
  registerCaseRequest,
  replyRequest,
  transitionRequest,
} from '@ekspedit/core/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import { type AppDeps, reviewDeps } from '../deps';
import { presentCase, presentMessage } from '../presenters';

const idParams = z.object({ id: z.string().min(1).max(64) });
const csv = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Inbox, case page and the acts on a case. Thin: validate, call one use case, present. */
export function caseRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  const useCaseDeps = { cases: repos.cases, directory: repos.directory, audit: repos.audit, workflows: deps.workflows, clock: deps.clock };
  return async (app) => {
    app.get('/api/cases', { schema: { tags: ['cases'], querystring: inboxQuery, response: { 200: inboxResponse } } }, async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const kinds = csv(q.kind);
      if (kinds?.some((k) => !isCaseKind(k))) throw new AppError('UNKNOWN_KIND', { message: 'Ukendt sagstype' });
      const result = await listInbox(
        {
          user,
          filters: {
            states: csv(q.state),
            kinds: kinds as CaseKind[] | undefined,
            deadlineBefore: q.deadlineBefore,
            text: q.q,
            sort: q.sort,
            includeClosed: q.includeClosed === 'true',
            assigneeId: q.mine === 'true' ? user.id : undefined,
            limit: q.limit,
            offset: q.offset,
          },
        },
        useCaseDeps,
      );
      return { total: result.total, items: result.items.map((c) => presentCase(c, deps)) };
    });

    app.get('/api/cases/:id', { schema: { tags: ['cases'], params: idParams, response: { 200: caseDetailResponse } } }, async (request) => {
      const user = requireUser(request);
      const c = await getCaseForUser({ caseRef: request.params.id, user }, useCaseDeps);
      const [messages, documents, parties, events, users] = await Promise.all([
        repos.cases.listMessages(c.id),
        repos.cases.listDocuments(c.id),
        repos.cases.listParties(c.id),
        repos.cases.listEvents(c.id),
        repos.directory.listUsers(),
      ]);
      const names = new Map(users.map((u) => [u.id, u.displayName]));
      const unit = c.unitId ? await repos.directory.findUnit(c.unitId) : null;
      const canAct = canActOnCase(user, c);
      const workflow = deps.workflows.get(c.kind, c.workflowVersion);
      return {
        case: { ...presentCase(c, deps), unitName: unit?.name ?? null, assigneeName: c.assigneeId ? (names.get(c.assigneeId) ?? null) : null },
        messages: messages.map(presentMessage),
        documents: documents.map((d) => ({ id: d.id, filename: d.filename, mediaType: d.mediaType, size: d.size, createdAt: d.createdAt.toISOString() })),
        parties: parties.map((p) => ({
          id: p.id,
          kind: p.kind,
          role: p.role,
          name: p.name,
          email: p.email,
          phone: p.phone,
          address: p.address,
          hasCpr: Boolean(p.cpr),
          cvr: p.cvr,
        })),
        events: events.map((e) => ({
          id: e.id,
          activity: e.activity,
          actorKind: e.actorKind,
          actorId: e.actorId,
          actorName: e.actorKind === 'person' && e.actorId ? (names.get(e.actorId) ?? null) : null,
          occurredAt: e.occurredAt.toISOString(),
          data: e.data,
        })),
        transitions: canAct ? availableTransitions(workflow, c.state, user.roles).map((t) => ({ id: t.id, to: t.to })) : [],
        canAct,
      };
    });

    app.post(
      '/api/cases/:id/transitions',
      { schema: { tags: ['cases'], params: idParams, body: transitionRequest, response: { 200: z.object({ case: caseDto }) } } },
      async (request) => {
        const user = requireUser(request);
        const updated = await transitionCase(
          { caseId: request.params.id, transitionId: request.body.transition, user, comment: request.body.comment },
          useCaseDeps,
        );
        return { case: presentCase(updated, deps) };
      },
    );

    app.post(
      '/api/cases/:id/replies',
      {
        schema: {
          tags: ['cases'],
          params: idParams,
          body: replyRequest,
          response: { 201: z.object({ message: messageDto, approvedSource: z.object({ sourceId: z.string() }).nullable().optional() }) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const message = await sendReply(
          {
            caseId: request.params.id,
            user,
            text: request.body.text,
            subject: request.body.subject,
            thenTransition: request.body.thenTransition,
            basedOnId: request.body.basedOnId,
          },
          reviewDeps(deps),
        );
        if (!request.body.approveForReuse) return reply.status(201).send({ message: presentMessage(message) });
        // The reply has gone: a failure to store it for reuse must not look like a failed send.
        const approved = await approveReplyForReuse(
          { caseId: message.caseId, messageId: message.id, text: message.bodyText, user },
          { cases: repos.cases, knowledge: repos.knowledge, audit: repos.audit, clock: deps.clock },
        ).catch((error: unknown) => {
          request.log.error({ err: error }, 'approving reply for reuse failed');
          return null;
        });
        return reply.status(201).send({ message: presentMessage(message), approvedSource: approved ? { sourceId: approved.sourceId } : null });
      },
    );

    app.post(
      '/api/cases',
      { schema: { tags: ['cases'], body: registerCaseRequest, response: { 201: z.object({ case: caseDto }) } } },
      async (request, reply) => {
        const user = requireUser(request);
        const created = await registerCase(
          { user, ...request.body, unitId: request.body.unitId ?? null },
          { cases: repos.cases, directory: repos.directory, workflows: deps.workflows, calendar: deps.calendar, clock: deps.clock, audit: repos.audit },
        );
        return reply.status(201).send({ case: presentCase(created, deps) });
      },
    );

    app.post(
      '/api/cases/:id/assign',
      { schema: { tags: ['cases'], params: idParams, body: assignRequest, response: { 200: z.object({ case: caseDto }) } } },
      async (request) => {
        const user = requireUser(request);
        const updated = await assignCase({ caseId: request.params.id, assigneeId: request.body.assigneeId, user }, useCaseDeps);
        return { case: presentCase(updated, deps) };
      },
    );
  };
}
