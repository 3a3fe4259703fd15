import {
  type AiPolicy,
  type AiPolicyDocument,
  approvalChain,
  approvalState,
  approveReply,
  canActOnCase,
  canApproveAs,
  contentHash,
  getCaseForUser,
  listRatings,
  type ReplyDraft,
  rateSuggestion,
  rejectReply,
  saveReply,
  sendApprovedReply,
  type UserRecord,
  updatePolicy,
} from '@ekspedit/core';
import {
  approveRequest,
  policyResponse,
  ratingDto,
  ratingRequest,
  rejectRequest,
  reviewResponse,
  saveReplyRequest,
  sendApprovedRequest,
  updatePolicyRequest,
} from '@ekspedit/core/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import { type AppDeps, reviewDeps } from '../deps';
import { presentMessage } from '../presenters';

const idParams = z.object({ id: z.string().min(1).max(64) });
const draftParams = z.object({ id: z.string().min(1).max(64), draftId: z.string().min(1).max(64) });

const presentReply = (d: ReplyDraft) => ({
  id: d.id,
  body: d.body,
  subject: d.subject,
  status: d.status,
  basedOnId: d.basedOnId,
  contentHash: contentHash(d),
  updatedAt: d.updatedAt.toISOString(),
});

/** Review of replies (diff, why, approvals bound to content), the automation policy and employees' ratings. */
export function reviewRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  const rdeps = reviewDeps(deps);
  const userNames = async () => new Map((await repos.directory.listUsers()).map((u) => [u.id, u.displayName]));

  async function reviewOf(caseRef: string, user: UserRecord) {
    const c = await getCaseForUser({ caseRef, user }, rdeps);
    const policy = await repos.policy.current();
    const chain = approvalChain(policy, c.kind);
    const reply = await repos.reviews.findWorkingReply(c.id);
    const latestAi = await repos.drafts.findLatestDraft(c.id, 'ai');
    const aiRow = reply?.basedOnId ? await repos.reviews.findDraft(reply.basedOnId) : null;
    const ai = aiRow ? { id: aiRow.id, status: aiRow.status, createdAt: aiRow.createdAt, data: aiRow.data, body: aiRow.body } : latestAi;
    const approvals = reply ? await repos.reviews.listApprovals(reply.id) : [];
    const state = reply ? approvalState(reply, chain, approvals) : null;
    const names = await userNames();
    const latest = (await repos.classifications.latestFor([c.id])).get(c.id);
    const nextRole = state?.nextStep ? (chain[state.nextStep - 1] ?? null) : null;
    const isOwnEarlierStep = !!state?.valid.some((a) => a.approverId === user.id);
    return {
      reply: reply ? presentReply(reply) : null,
      aiDraft: ai ? { ...ai.data, id: ai.id, text: ai.body, status: ai.status, createdAt: ai.createdAt.toISOString() } : null,
      classification: latest ? { kleCode: latest.result.kleCode, confidence: latest.result.confidence, modelVersion: latest.result.modelVersion } : null,
      chain,
      approvals: approvals.map((a) => ({
        id: a.id,
        step: a.step,
        role: a.role,
        approverId: a.approverId,
        approverName: names.get(a.approverId) ?? a.approverId,
        at: a.createdAt.toISOString(),
        isValid: !!state?.valid.some((v) => v.id === a.id),
        voidReason: a.voidReason,
        isConsumed: !!a.consumedAt,
      })),
      nextStep: state?.nextStep ?? null,
      nextRole,
      isComplete: !!state?.isComplete,
      canApprove: !!reply && !!nextRole && canApproveAs(user, nextRole, c) && !isOwnEarlierStep,
      canSend: !!state?.isComplete && canActOnCase(user, c),
      policyVersion: policy.version,
    };
  }

  const presentPolicy = (p: AiPolicy, names: Map<string, string>) => ({
    defaultLevel: p.defaultLevel,
    rules: p.rules,
    killSwitches: p.killSwitches,
    approvalChains: p.approvalChains as Record<string, ('caseworker' | 'team_lead' | 'secretariat' | 'director')[]>,
    pilot: p.pilot ?? null,
    version: p.version,
    createdAt: p.createdAt?.toISOString() ?? null,
    createdBy: p.createdBy,
    createdByName: p.createdBy ? (names.get(p.createdBy) ?? null) : null,
    comment: p.comment,
  });

  return async (app) => {
    app.get('/api/cases/:id/review', { schema: { tags: ['review'], params: idParams, response: { 200: reviewResponse } } }, async (request) =>
      reviewOf(request.params.id, requireUser(request)),
    );

    app.put(
      '/api/cases/:id/review',
      { schema: { tags: ['review'], params: idParams, body: saveReplyRequest, response: { 200: reviewResponse } } },
      async (request) => {
        const user = requireUser(request);
        await saveReply({ caseId: request.params.id, user, body: request.body.body, subject: request.body.subject, basedOnId: request.body.basedOnId }, rdeps);
        return reviewOf(request.params.id, user);
      },
    );

    app.post(
      '/api/cases/:id/review/:draftId/approve',
      { schema: { tags: ['review'], params: draftParams, body: approveRequest, response: { 200: reviewResponse } } },
      async (request) => {
        const user = requireUser(request);
        await approveReply({ caseId: request.params.id, draftId: request.params.draftId, user, contentHash: request.body.contentHash }, rdeps);
        return reviewOf(request.params.id, user);
      },
    );

    for (const decision of ['reject', 'return'] as const) {
      app.post(
        `/api/cases/:id/review/:draftId/${decision}`,
        { schema: { tags: ['review'], params: draftParams, body: rejectRequest, response: { 200: reviewResponse } } },
        async (request) => {
          const user = requireUser(request);
          await rejectReply({ caseId: request.params.id, draftId: request.params.draftId, user, decision, reason: request.body.reason }, rdeps);
          return reviewOf(request.params.id, user);
        },
      );
    }

    app.post(
      '/api/cases/:id/review/:draftId/send',
      { schema: { tags: ['review'], params: draftParams, body: sendApprovedRequest } },
      async (request, reply) => {
        const user = requireUser(request);
        const message = await sendApprovedReply(
          {
            caseId: request.params.id,
            draftId: request.params.draftId,
            user,
            contentHash: request.body.contentHash,
            thenTransition: request.body.thenTransition,
          },
          rdeps,
        );
        return reply.status(201).send({ message: presentMessage(message) });
      },
    );

    app.get('/api/policy', { schema: { tags: ['policy'], response: { 200: policyResponse } } }, async (request) => {
      requireUser(request);
      const names = await userNames();
      const history = await repos.policy.list();
      return { current: presentPolicy(await repos.policy.current(), names), history: history.map((p) => presentPolicy(p, names)) };
    });

    app.put('/api/policy', { schema: { tags: ['policy'], body: updatePolicyRequest, response: { 200: policyResponse } } }, async (request) => {
      const user = requireUser(request);
      await updatePolicy(
        { user, document: request.body.document as AiPolicyDocument, comment: request.body.comment, expectedVersion: request.body.expectedVersion },
        { policy: repos.policy, audit: repos.audit },
      );
      const names = await userNames();
      return { current: presentPolicy(await repos.policy.current(), names), history: (await repos.policy.list()).map((p) => presentPolicy(p, names)) };
    });

    // What AI sent on its own and drew for a person's audit: readable by everyone, like the policy.
    app.get('/api/policy/audit-samples', { schema: { tags: ['policy'] } }, async (request) => {
      requireUser(request);
      const rows = await repos.auditSamples.list(200);
      return { items: rows.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })) };
    });

    app.post('/api/ratings', { schema: { tags: ['ratings'], body: ratingRequest, response: { 201: ratingDto } } }, async (request, reply) => {
      const user = requireUser(request);
      const b = request.body;
      const caseId = b.caseId ? ((await repos.cases.findCaseByNumber(b.caseId))?.id ?? b.caseId) : null;
      const r = await rateSuggestion(
        { user, caseId, targetType: b.targetType, targetId: b.targetId, rating: b.rating, reason: b.reason, comment: b.comment },
        { ratings: repos.ratings, cases: repos.cases, audit: repos.audit },
      );
      return reply.status(201).send({ ...r, caseNumber: null, userName: user.displayName, createdAt: r.createdAt.toISOString() });
    });

    app.get(
      '/api/ratings',
      {
        schema: {
          tags: ['ratings'],
          querystring: z.strictObject({ unit: z.string().max(100).optional() }),
          response: { 200: z.object({ items: z.array(ratingDto) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const items = await listRatings({ user, unitId: request.query.unit ?? null }, { ratings: repos.ratings });
        return { items: items.map((r) => ({ ...r, caseNumber: r.caseNumber ?? null, userName: r.userName ?? '', createdAt: r.createdAt.toISOString() })) };
      },
    );
  };
}
