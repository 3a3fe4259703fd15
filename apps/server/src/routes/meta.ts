import { computeDeadline } from '@ekspedit/core';
import { deadlineQuery, deadlineResponse, unitDto, userDto } from '@ekspedit/core/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';

/** Directory, workflows, deadlines and health. */
export function metaRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['meta'],
          response: {
            200: z.object({
              ok: z.boolean(),
              database: z.string(),
              classifier: z.enum(['ready', 'loading']),
              classifierVersion: z.string().nullable(),
              llm: z.boolean(),
            }),
          },
        },
      },
      async () => ({
        ok: true,
        database: deps.database.kind,
        classifier: (await deps.classifier.current()) ? ('ready' as const) : ('loading' as const),
        classifierVersion: deps.classifier.version(),
        llm: deps.llm !== null,
      }),
    );
    app.get('/api/units', { schema: { tags: ['directory'], response: { 200: z.object({ items: z.array(unitDto) }) } } }, async (request) => {
      requireUser(request);
      return { items: await deps.repos.directory.listUnits() };
    });
    app.get('/api/users', { schema: { tags: ['directory'], response: { 200: z.object({ items: z.array(userDto) }) } } }, async (request) => {
      requireUser(request);
      return { items: await deps.repos.directory.listUsers() };
    });
    app.get('/api/workflows', { schema: { tags: ['workflows'] } }, async (request) => {
      requireUser(request);
      return { items: deps.workflows.all() };
    });
    app.get('/api/deadline', { schema: { tags: ['workflows'], querystring: deadlineQuery, response: { 200: deadlineResponse } } }, async (request) => {
      const d = computeDeadline(deps.workflows.current(request.query.kind).deadline, request.query.received, deps.calendar);
      return { deadline: d?.deadline ?? null, workingDays: d?.workingDays ?? null };
    });
  };
}
