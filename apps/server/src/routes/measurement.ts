import { monthlyReportDocx, monthlyReportPdf, type ReportTable, reportTableCsv } from '@ekspedit/ai';
import { AppError, caseKinds, channels, listRatings, type UserRecord, workingDaysBetweenInstants } from '@ekspedit/core';
import {
  addIsoDays,
  buildBiasReport,
  buildEfficiencyReport,
  buildQualityReport,
  type CaseFactsOptions,
  copenhagenDay,
  copenhagenMonth,
  type EffortModel,
  type MeasurementData,
  startOfCopenhagenDay,
} from '@ekspedit/mining';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';
import {
  type BiasDto,
  biasResponse,
  biasTables,
  channelNames,
  composeMonthlyReport,
  type EfficiencyDto,
  efficiencyResponse,
  efficiencyTables,
  kindNames,
  MIN_N,
  named,
  presentBias,
  presentEfficiency,
  presentQuality,
  presentVoice,
  type QualityDto,
  qualityResponse,
  qualityTables,
  type Scope,
  type ScopeQuery,
  type VoiceDto,
  voiceResponse,
  voiceTables,
  WINDOW_DAYS,
} from '../measurement-report';

// Measured value (issue 9): efficiency, AI quality, equal treatment and the employees' voice, as
// JSON for the dashboards, CSV per table, and a monthly report as DOCX or PDF. The figures are
// packages/mining's measurement engine on packages/db's extract (the same calls as `ekspedit
// report`); this module picks the period and baseline and runs the engine, and
// ../measurement-report.ts shapes the answer, lays out the tables and writes the report's content.
// Every employee may read it: the figures are aggregates without case numbers or names, and the
// comments in the ratings stream stay within the reader's own unit (as on the AI page).

const DAY = 86_400_000;
/** The default period: the last 90 days, which in the demo holds the AI half against the half before. */
const DEFAULT_DAYS = 90;
const MAX_DAYS = 1100;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'Not a date');
const commaList = (allowed: readonly string[] | null, what: string) =>
  z
    .string()
    .max(300)
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => allowed === null || list.every((x) => allowed.includes(x)), `Unknown ${what}`);

const scopeShape = {
  from: isoDay.optional().describe('First day received (Copenhagen), default 89 days before `to`'),
  to: isoDay.optional().describe('Last day received, inclusive; default today'),
  unit: commaList(null, 'unit').describe('Comma-separated unit ids'),
  kind: commaList(caseKinds, 'kind').describe('Comma-separated case kinds'),
  channel: commaList(channels, 'channel').describe('Comma-separated channels'),
  kle: z
    .string()
    .regex(/^\d{2}(\.\d{2}){0,2}$/)
    .optional()
    .describe('KLE prefix'),
  baselineFrom: isoDay.optional().describe('Baseline first day (default: as many days just before `from`)'),
  baselineTo: isoDay.optional().describe('Baseline last day, inclusive'),
};

const tableIds = {
  efficiency: ['figures', 'hours', 'hours-total', 'comparisons', 'trend', 'units', 'kinds', 'channels'],
  quality: ['overall', 'classification-versions', 'draft-versions', 'classification-months', 'draft-months'],
  bias: ['comparisons', 'groups', 'overall-tests'],
  voice: ['targets', 'reasons', 'months'],
} as const;

const reportQuery = (tables: readonly string[]) =>
  z.strictObject({
    ...scopeShape,
    format: z.enum(['json', 'csv']).default('json').describe('csv: one table, Danish headers, `;`, UTF-8 with BOM'),
    table: z
      .string()
      .optional()
      .refine((t) => t === undefined || tables.includes(t), `table must be one of ${tables.join(', ')}`)
      .describe(`With format=csv: ${tables.join(', ')}`),
  });

export const monthlyReportQuery = z.strictObject({
  ...scopeShape,
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .describe('YYYY-MM; default the latest month whose cases have all had their 30-day follow-up'),
  format: z.enum(['docx', 'pdf']).default('docx'),
});

function scopeOf(q: ScopeQuery, now: Date): Scope {
  const toDay = q.to ?? copenhagenDay(now.getTime());
  const fromDay = q.from ?? addIsoDays(toDay, -(DEFAULT_DAYS - 1));
  if (toDay < fromDay) throw new AppError('VALIDATION_FAILED', { message: 'Periodens slutdato ligger før startdatoen' });
  const from = startOfCopenhagenDay(fromDay);
  const to = startOfCopenhagenDay(addIsoDays(toDay, 1));
  const days = Math.round((to - from) / DAY);
  if (days > MAX_DAYS) throw new AppError('VALIDATION_FAILED', { message: `Perioden må højst være ${MAX_DAYS} dage` });
  const baselineFromDay = q.baselineFrom ?? addIsoDays(fromDay, -days);
  const baselineToDay = q.baselineTo ?? addIsoDays(fromDay, -1);
  if (baselineToDay < baselineFromDay) throw new AppError('VALIDATION_FAILED', { message: 'Basislinjens slutdato ligger før startdatoen' });
  const baselineFrom = startOfCopenhagenDay(baselineFromDay);
  const baselineTo = startOfCopenhagenDay(addIsoDays(baselineToDay, 1));
  if ((baselineTo - baselineFrom) / DAY > MAX_DAYS) throw new AppError('VALIDATION_FAILED', { message: `Basislinjen må højst være ${MAX_DAYS} dage` });
  return {
    fromDay,
    toDay,
    from,
    to,
    baselineFromDay,
    baselineToDay,
    baselineFrom,
    baselineTo,
    isBaselineGiven: q.baselineFrom !== undefined || q.baselineTo !== undefined,
    q,
  };
}

/** The month (YYYY-MM) whose every case has had its follow-up window by `now`. */
export function latestCompleteMonth(now: Date, windowDays = WINDOW_DAYS): string {
  const month = copenhagenMonth(now.getTime() - windowDays * DAY);
  const [y, m] = month.split('-').map(Number) as [number, number];
  // The month holding (now − window) is not complete yet; the one before it is.
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function monthDays(month: string): { fromDay: string; toDay: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { fromDay: `${month}-01`, toDay: addIsoDays(next, -1) };
}

// ── Routes ───────────────────────────────────────────────────────────────────────────────────

const wideRoles = new Set(['analyst', 'admin', 'auditor']);

/** Measured value: the dashboards' figures, their tables as CSV, and the monthly report. */
export function measurementRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;

  const factsOptions = (asOf: number): CaseFactsOptions => {
    const workflows = deps.workflows.all();
    const states = workflows.flatMap((w) => w.states);
    return {
      asOf,
      workingDays: (a, b) => workingDaysBetweenInstants(deps.calendar, a, b),
      windowDays: WINDOW_DAYS,
      stopStates: [...new Set(states.filter((st) => st.isTerminal || st.stopsDeadline).map((st) => st.id))],
      waitingStates: [...new Set(states.filter((st) => st.id.startsWith('awaiting_')).map((st) => st.id))],
      queueStates: [...new Set(workflows.map((w) => w.initialState))],
    };
  };
  const load = (s: Scope, from: number, to: number): Promise<MeasurementData> =>
    repos.measurement.loadMeasurementData({
      unitIds: s.q.unit.length ? s.q.unit : undefined,
      kinds: s.q.kind.length ? s.q.kind : undefined,
      channels: s.q.channel.length ? s.q.channel : undefined,
      klePrefix: s.q.kle,
      receivedFrom: new Date(from),
      receivedBefore: new Date(to),
    });

  async function efficiency(s: Scope): Promise<EfficiencyDto> {
    const asOf = deps.clock.now().getTime();
    const data = await load(s, Math.min(s.from, s.baselineFrom), Math.max(s.to, s.baselineTo));
    const staff = await repos.measurement.countHandlingStaff(s.q.unit.length ? s.q.unit : undefined);
    // Without anyone to allocate, the estimate falls back to the upper bound and says so (as the CLI does).
    const effort: EffortModel = staff > 0 ? { method: 'allocation', staff, allocationKey: 0.15 } : { method: 'share', share: 1 };
    const window = { from: s.baselineFrom, to: s.baselineTo };
    const report = buildEfficiencyReport(data, {
      ...factsOptions(asOf),
      period: { from: s.from, to: s.to },
      // A chosen baseline is used as given; otherwise a pilot's control group when it has enough cases.
      baseline: s.isBaselineGiven ? { method: 'before', ...window } : { method: 'auto', ...window },
      effort,
      minN: MIN_N,
      breakdownBy: ['unit', 'kind', 'channel'],
    });
    return presentEfficiency(report, s);
  }
  async function quality(s: Scope): Promise<QualityDto> {
    const asOf = deps.clock.now().getTime();
    const report = buildQualityReport(await load(s, s.from, s.to), { ...factsOptions(asOf), period: { from: s.from, to: s.to }, minN: MIN_N });
    return presentQuality(report, s);
  }
  async function bias(s: Scope): Promise<BiasDto> {
    const asOf = deps.clock.now().getTime();
    const report = buildBiasReport(await load(s, s.from, s.to), { ...factsOptions(asOf), period: { from: s.from, to: s.to }, minN: MIN_N });
    return presentBias(report, s);
  }
  async function voice(s: Scope, user: UserRecord): Promise<VoiceDto> {
    const all = await repos.ratings.list({ unitId: null, limit: 20_000 });
    // The comments are the employees' own words: only the reader's unit, as on the AI page.
    const isWide = user.roles.some((r) => wideRoles.has(r));
    const stream = await listRatings({ user, unitId: s.q.unit.length === 1 ? s.q.unit[0] : null, limit: 500 }, { ratings: repos.ratings });
    return presentVoice(all, stream, s, isWide);
  }
  const unitNames = async () => {
    const units = new Map((await repos.directory.listUnits()).map((u) => [u.id, u.name]));
    return (id: string) => units.get(id) ?? (id === '(ingen)' ? 'Ingen enhed' : id);
  };
  /** One table as CSV, with a file name that says what and when. */
  const sendCsv = (reply: FastifyReply, tables: ReportTable[], id: string | undefined, name: string, s: Scope) => {
    const table = tables.find((t) => t.id === id);
    if (!table) throw new AppError('VALIDATION_FAILED', { message: `Angiv table: ${tables.map((t) => t.id).join(', ')}` });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="maaling-${name}-${table.id}-${s.fromDay}-${s.toDay}.csv"`)
      .send(reportTableCsv(table));
  };

  return async (app) => {
    app.get(
      '/api/measurement/efficiency',
      { schema: { tags: ['measurement'], querystring: reportQuery(tableIds.efficiency), response: { 200: efficiencyResponse } } },
      async (request, reply) => {
        requireUser(request);
        const s = scopeOf(request.query, deps.clock.now());
        const dto = await efficiency(s);
        if (request.query.format === 'csv') return sendCsv(reply, efficiencyTables(dto, await unitNames()), request.query.table, 'effektivitet', s);
        return dto;
      },
    );

    app.get(
      '/api/measurement/quality',
      { schema: { tags: ['measurement'], querystring: reportQuery(tableIds.quality), response: { 200: qualityResponse } } },
      async (request, reply) => {
        requireUser(request);
        const s = scopeOf(request.query, deps.clock.now());
        const dto = await quality(s);
        if (request.query.format === 'csv') return sendCsv(reply, qualityTables(dto), request.query.table, 'ai-kvalitet', s);
        return dto;
      },
    );

    app.get(
      '/api/measurement/bias',
      { schema: { tags: ['measurement'], querystring: reportQuery(tableIds.bias), response: { 200: biasResponse } } },
      async (request, reply) => {
        requireUser(request);
        const s = scopeOf(request.query, deps.clock.now());
        const dto = await bias(s);
        if (request.query.format === 'csv') return sendCsv(reply, biasTables(dto), request.query.table, 'ligebehandling', s);
        return dto;
      },
    );

    app.get(
      '/api/measurement/voice',
      { schema: { tags: ['measurement'], querystring: reportQuery(tableIds.voice), response: { 200: voiceResponse } } },
      async (request, reply) => {
        const user = requireUser(request);
        const s = scopeOf(request.query, deps.clock.now());
        const dto = await voice(s, user);
        if (request.query.format === 'csv') return sendCsv(reply, voiceTables(dto), request.query.table, 'medarbejdere', s);
        return dto;
      },
    );

    // The monthly report: the month against the equally long period before it (or the baseline given).
    app.get('/api/measurement/report', { schema: { tags: ['measurement'], querystring: monthlyReportQuery } }, async (request, reply) => {
      const user = requireUser(request);
      const now = deps.clock.now();
      const q = request.query;
      const month = q.month ?? latestCompleteMonth(now);
      const days = monthDays(month);
      const s = scopeOf({ ...q, from: days.fromDay, to: days.toDay }, now);
      const [ef, qu, bi, vo, unitName] = await Promise.all([efficiency(s), quality(s), bias(s), voice(s, user), unitNames()]);
      const scopeText =
        [
          s.q.unit.length ? `enhed ${s.q.unit.map(unitName).join(', ')}` : 'alle enheder',
          s.q.kind.length ? `sagstype ${s.q.kind.map((k) => named(kindNames, k)).join(', ')}` : null,
          s.q.channel.length ? `kanal ${s.q.channel.map((c) => named(channelNames, c)).join(', ')}` : null,
          s.q.kle ? `KLE ${s.q.kle}` : null,
        ]
          .filter(Boolean)
          .join(', ') || 'alle sager';
      const document = composeMonthlyReport({
        municipality: deps.fromAddress.replace(/\s*<.*>/, '').trim() || 'Kommunen',
        month,
        scopeText,
        efficiency: ef,
        quality: qu,
        bias: bi,
        voice: vo,
        unitName,
        now,
      });
      const isPdf = q.format === 'pdf';
      const bytes = isPdf ? await monthlyReportPdf(document) : await monthlyReportDocx(document);
      return reply
        .header('content-type', isPdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="maalt-vaerdi-${month}.${q.format}"`)
        .send(Buffer.from(bytes));
    });
  };
}
