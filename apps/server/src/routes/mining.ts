import { AppError, caseKinds, type UserRecord, workingDaysBetweenInstants } from '@ekspedit/core';
import { buildProcessMap, checkRules, checkWorkflowConformance, getReworkAndLoops, logFromRows } from '@ekspedit/mining';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';
import { computeDeadlineReport } from '../mining-deadlines';

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
  rework: z.array(z.object({ activity: z.string(), cases: z.number(), repetitions: z.number(), share: z.number() })),
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

const caseFilterQuery = {
  unit: processMapQuery.shape.unit,
  from: isoDate.optional().describe('Cases received from this date'),
  to: isoDate.optional().describe('Cases received before this date'),
};
export const conformanceQuery = z.strictObject({
  kind: z.enum(caseKinds).describe('The case kind whose current workflow is the reference'),
  ...caseFilterQuery,
});
const conformanceResponse = z.object({
  kind: z.string(),
  workflowVersion: z.number(),
  cases: z.number(),
  logFitness: z.number(),
  averageTraceFitness: z.number(),
  percentFittingTraces: z.number(),
  deviatingCases: z.number(),
  deviations: z.array(
    z.object({ caseNumber: z.string(), fitness: z.number(), open: z.boolean(), missing: z.array(z.string()), unexpected: z.array(z.string()) }),
  ),
  perActivity: z.array(z.object({ activity: z.string(), count: z.number(), deviations: z.number() })),
});
export const deadlinesQuery = z.strictObject({ kind: processMapQuery.shape.kind, ...caseFilterQuery });
const deadlineCounts = {
  total: z.number(),
  met: z.number(),
  breached: z.number(),
  open: z.number(),
  openOverdue: z.number(),
  breachRate: z.number(),
};
const deadlinesResponse = z.object({
  ...deadlineCounts,
  withoutDeadline: z.number(),
  byKind: z.array(z.object({ kind: z.string(), ...deadlineCounts })),
  cases: z.array(
    z.object({
      caseNumber: z.string(),
      kind: z.string(),
      deadline: z.string(),
      answeredAt: z.string().nullable(),
      status: z.enum(['met', 'breached', 'open', 'open_overdue']),
      workingDaysLate: z.number(),
    }),
  ),
});
const activity = z.string().min(1).max(200);
export const rulesBody = z.strictObject({
  rules: z
    .array(
      z
        .strictObject({ type: z.enum(['must_happen', 'must_precede', 'never_both', 'at_most_once']), a: activity, b: activity.optional() })
        .refine((r) => r.b !== undefined || r.type === 'must_happen' || r.type === 'at_most_once', {
          message: 'This rule needs a second activity',
          path: ['b'],
        }),
    )
    .min(1)
    .max(20),
  kind: z.string().max(200).optional(),
  unit: z.string().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const rulesResponse = z.object({
  cases: z.number(),
  results: z.array(
    z.object({
      type: z.string(),
      a: z.string(),
      b: z.string().nullable(),
      casesChecked: z.number(),
      violations: z.number(),
      caseNumbers: z.array(z.string()),
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
          rework: getReworkAndLoops(log).rework.slice(0, 20),
          waits: map.waits.slice(0, 25).map((w) => ({
            ...w,
            cases: w.cases.slice(0, 100).map((c) => ({ caseNumber: numberOf.get(c.caseId) ?? c.caseId, seconds: c.seconds, workingDays: c.workingDays })),
          })),
        };
      },
    );

    // How the cases of one kind followed its current workflow: alignments of their state changes.
    app.get(
      '/api/mining/conformance',
      { schema: { tags: ['mining'], querystring: conformanceQuery, response: { 200: conformanceResponse } } },
      async (request) => {
        const user = requireUser(request);
        const q = request.query;
        const workflow = deps.workflows.current(q.kind);
        const rows = await deps.repos.mining.listCaseLog({
          kinds: [q.kind],
          unitIds: unitScope(user, csv(q.unit)),
          receivedFrom: q.from,
          receivedBefore: q.to,
        });
        const numberOf = new Map(rows.map((r) => [r.caseId, r.caseNumber]));
        const result = checkWorkflowConformance(logFromRows(rows), workflow);
        const deviating = result.cases.filter((c) => c.fitness < 1);
        deviating.sort((a, b) => a.fitness - b.fitness || b.cost - a.cost);
        return {
          kind: q.kind,
          workflowVersion: workflow.version,
          cases: result.cases.length,
          logFitness: result.logFitness,
          averageTraceFitness: result.averageTraceFitness,
          percentFittingTraces: result.percentFittingTraces,
          deviatingCases: deviating.length,
          deviations: deviating.slice(0, 50).map((c) => ({
            caseNumber: numberOf.get(c.caseId) ?? c.caseId,
            fitness: c.fitness,
            open: c.isOpen,
            missing: c.missing,
            unexpected: c.unexpected,
          })),
          perActivity: result.perActivity,
        };
      },
    );

    // Deadline breaches: each case's deadline against its first reply or answer/decision.
    app.get('/api/mining/deadlines', { schema: { tags: ['mining'], querystring: deadlinesQuery, response: { 200: deadlinesResponse } } }, async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const kinds = csv(q.kind);
      const definitions = deps.workflows.all().filter((w) => !kinds || kinds.includes(w.kind));
      const stopStates = [...new Set(definitions.flatMap((w) => w.states.filter((s) => s.isTerminal || s.stopsDeadline).map((s) => s.id)))];
      const rows = await deps.repos.mining.listCaseDeadlines({
        kinds,
        unitIds: unitScope(user, csv(q.unit)),
        receivedFrom: q.from,
        receivedBefore: q.to,
        stopStates,
      });
      const report = computeDeadlineReport(rows, deps.clock.now(), deps.calendar);
      return { ...report, cases: report.cases.slice(0, 200) };
    });

    // Rules a process owner writes, checked on every case of the filter (the rules live in the request).
    app.post('/api/mining/rules', { schema: { tags: ['mining'], body: rulesBody, response: { 200: rulesResponse } } }, async (request) => {
      const user = requireUser(request);
      const body = request.body;
      const rows = await deps.repos.mining.listCaseLog({
        kinds: csv(body.kind),
        unitIds: unitScope(user, csv(body.unit)),
        receivedFrom: body.from,
        receivedBefore: body.to,
      });
      const numberOf = new Map(rows.map((r) => [r.caseId, r.caseNumber]));
      const log = logFromRows(rows);
      const results = checkRules(log, body.rules);
      return {
        cases: log.caseIds.length,
        results: results.map((r) => ({
          type: r.rule.type,
          a: r.rule.a,
          b: r.rule.b ?? null,
          casesChecked: r.casesChecked,
          violations: r.violatingCaseIds.length,
          caseNumbers: r.violatingCaseIds.slice(0, 200).map((id) => numberOf.get(id) ?? id),
        })),
      };
    });
  };
}
