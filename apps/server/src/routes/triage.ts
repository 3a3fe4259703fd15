import { AppError, routeCase } from '@ekspedit/core';
import { caseDto } from '@ekspedit/core/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';
import { presentCase } from '../presenters';

const classificationDto = z.object({
  modelVersion: z.string(),
  kleCode: z.string().nullable(),
  caseKind: z.string(),
  itemKind: z.string(),
  confidence: z.number(),
  alternatives: z.array(z.object({ kle: z.string(), confidence: z.number() })),
  explanation: z.array(z.unknown()),
  decision: z.string(),
});

const triageItem = z.object({ case: caseDto, classification: classificationDto.nullable(), excerpt: z.string() });

/** The mail reception's triage queue: unsorted items with the model's suggestion, and the decision on each. */
export function triageRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  return async (app) => {
    app.get(
      '/api/triage',
      {
        schema: {
          tags: ['sorting'],
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ total: z.number(), items: z.array(triageItem) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (!user.roles.some((r) => r === 'mail_reception' || r === 'admin'))
          throw new AppError('FORBIDDEN', { message: 'Kun postmodtagelsen ser fordelingskøen' });
        const { total, items } = await repos.cases.listCases({
          scope: { all: true },
          unroutedOnly: true,
          sort: 'received',
          limit: request.query.limit,
          offset: 0,
        });
        const latest = await repos.classifications.latestFor(items.map((c) => c.id));
        const firstMessages = await Promise.all(items.map((c) => repos.cases.listMessages(c.id)));
        return {
          total,
          items: items.map((c, i) => {
            const l = latest.get(c.id);
            return {
              case: presentCase(c, deps),
              classification: l ? { ...l.result, decision: l.decision } : null,
              excerpt: (firstMessages[i]?.[0]?.bodyText ?? '').slice(0, 400),
            };
          }),
        };
      },
    );

    app.post(
      '/api/cases/:id/route',
      {
        schema: {
          tags: ['sorting'],
          params: z.object({ id: z.string().min(1).max(64) }),
          body: z.strictObject({ kleCode: z.string().min(2).max(20), kind: z.string().max(40).optional(), unitId: z.string().max(100).nullable().optional() }),
          response: { 200: z.object({ case: caseDto }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const routed = await routeCase(
          { caseId: request.params.id, kleCode: request.body.kleCode, kind: request.body.kind, unitId: request.body.unitId, user },
          {
            cases: repos.cases,
            directory: repos.directory,
            audit: repos.audit,
            clock: deps.clock,
            workflows: deps.workflows,
            calendar: deps.calendar,
            classifications: repos.classifications,
          },
        );
        // Every decision teaches the model; retraining runs in the background and swaps the model in.
        deps.classifier.retrainSoon();
        return { case: presentCase(routed, deps) };
      },
    );
  };
}
