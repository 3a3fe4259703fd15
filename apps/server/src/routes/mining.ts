import { AppError, type UserRecord, workingDaysBetweenInstants } from '@ekspedit/core';
import { buildProcessMap, logFromRows } from '@ekspedit/mining';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const share = z.coerce.number().min(0).max(1);

export const processMapQuery = z.strictObject({
  kind: z.string().max(200).optional().describe('Comma-separated case kinds'),
  unit: z.string().max(200).optional().describe('Comma-separated unit ids'),
  kle: z
    .string()
    .regex(/^\d{2}(\.\d{2}){0,2}$/)
    .optional()
    .describe('KLE prefix'),
  from: isoDate.optional().describe('Cases received from this date'),
  to: isoDate.optional().describe('Cases received before this date'),
  activityShare: share.default(1),
  pathShare: share.default(1),
  variantCoverage: share.default(1),
});

const edge = z.object({
  from: z.string(),
  to: z.string(),
  count: z.number(),
  meanSeconds: z.number(),
  medianSeconds: z.number(),
  minSeconds: z.number(),
  maxSeconds: z.number(),
  totalSeconds: z.number(),
});
const processMapResponse = z.object({
  cases: z.number(),
  events: z.number(),
  activities: z.array(z.object({ activity: z.string(), count: z.number() })),
  edges: z.array(edge),
  start: z.record(z.string(), z.number()),
  end: z.record(z.string(), z.number()),
  variantCount: z.number(),
  variants: z.array(z.object({ trace: z.array(z.string()), count: z.number(), coverage: z.number(), caseNumbers: z.array(z.string()) })),
  caseDuration: z.object({ meanSeconds: z.number(), medianSeconds: z.number(), minSeconds: z.number(), maxSeconds: z.number() }),
  waits: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      count: z.number(),
      meanSeconds: z.number(),
      medianSeconds: z.number(),
      totalWorkingDays: z.number(),
      meanWorkingDays: z.number(),
      cases: z.array(z.object({ caseNumber: z.string(), seconds: z.number(), workingDays: z.number() })),
    }),
  ),
});

// Caseworkers and team leads see the process of their own unit; analysts, admins and auditors any unit.
function unitScope(user: UserRecord, requested: string[] | undefined): string[] | undefined {
  if (user.roles.some((r) => r === 'analyst' || r === 'admin' || r === 'auditor')) return requested;
  if (!user.unitId) throw new AppError('FORBIDDEN', { message: 'Du har ingen enhed at se processen for' });
  if (requested?.some((u) => u !== user.unitId)) throw new AppError('FORBIDDEN', { message: 'Du kan kun se processen for din egen enhed' });
  return [user.unitId];
}

/** Process mining of the platform's own case log. */
export function miningRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const csv = (v: string | undefined) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  return async (app) => {
    app.get(
      '/api/mining/process-map',
      { schema: { tags: ['mining'], querystring: processMapQuery, response: { 200: processMapResponse } } },
      async (request) => {
        const user = requireUser(request);
        const q = request.query;
        const rows = await deps.repos.mining.listCaseLog({
          kinds: csv(q.kind),
          unitIds: unitScope(user, csv(q.unit)),
          klePrefix: q.kle,
          receivedFrom: q.from,
          receivedBefore: q.to,
        });
        const numberOf = new Map(rows.map((r) => [r.caseId, r.caseNumber]));
        const log = logFromRows(rows);
        const calendar = deps.calendar;
        const map = buildProcessMap(log, {
          activityShare: q.activityShare,
          pathShare: q.pathShare,
          variantCoverage: q.variantCoverage,
          workingDays: (a, b) => workingDaysBetweenInstants(calendar, a, b),
        });
        return {
          cases: map.cases,
          events: map.events,
          activities: map.activities,
          edges: map.edges.map((e) => ({
            from: e.from,
            to: e.to,
            count: e.count,
            meanSeconds: e.meanSeconds,
            medianSeconds: e.medianSeconds,
            minSeconds: e.minSeconds,
            maxSeconds: e.maxSeconds,
            totalSeconds: e.totalSeconds,
          })),
          start: Object.fromEntries(map.start),
          end: Object.fromEntries(map.end),
          variantCount: map.variantCount,
          variants: map.variants.map((v) => ({
            trace: v.trace,
            count: v.count,
            coverage: v.coverage,
            caseNumbers: v.caseIds.map((id) => numberOf.get(id) ?? id),
          })),
          caseDuration: map.caseDuration,
          waits: map.waits.slice(0, 25).map((w) => ({
            ...w,
            cases: w.cases.slice(0, 100).map((c) => ({ caseNumber: numberOf.get(c.caseId) ?? c.caseId, seconds: c.seconds, workingDays: c.workingDays })),
          })),
        };
      },
    );
  };
}
