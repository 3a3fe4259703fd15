import { type Config, WorkflowRegistry, WorkingCalendar, workingDaysBetweenInstants } from '@ekspedit/core';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import {
  addIsoDays,
  type BaselineChoice,
  type BiasReport,
  buildBiasReport,
  buildEfficiencyReport,
  buildQualityReport,
  type CaseFactsOptions,
  type EfficiencyReport,
  type EffortModel,
  type Estimate,
  type MeasurementData,
  type QualityReport,
  startOfCopenhagenDay,
} from '@ekspedit/mining';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { type CliIo, CliUsageError, type OutputFormat, parseFormat, printObject, printRows } from '../output';

const usage = `Brug: ekspedit report <efficiency|bias|quality> --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD [flag…]

  efficiency  Mængde, tid til første svar, behandlingstid delt i kø, aktivt arbejde og ventetid,
              frister, genåbnede sager og AI-brug – mod en basislinje – med timer sparet og årsværk.
  bias        Behandles grupper af borgere (sprog, kanal, bydel) forskelligt? Test pr. gruppe mod
              de øvrige, Holm-korrektion for mange test, alarm over tærsklerne.
  quality     AI-kvalitet: sorteringens nøjagtighed, udkast sendt uændret, rettede ord, gennemsyn,
              groundingflag – pr. model- og promptversion og pr. måned.

  --from, --to             Perioden, begge dage med (sager modtaget i perioden).
  --unit <id,…>  --kind <type,…>  --kle <præfiks>  --channel <kanal,…>   Afgrænsning.
  --format json|table      json: hvert tal med interval og n, og konklusioner på dansk og engelsk.

  Kun efficiency:
  --baseline auto|before|control   auto (standard): kontrolgruppen, hvis piloten har en, ellers perioden før.
  --baseline-from, --baseline-to   Basislinjens periode (standard: lige så mange dage lige før --from).
  --staff <antal>          Medarbejdere der behandler sagerne (standard: aktive brugere med sagsbehandlende roller i enhederne).
  --allocation-key <0–1>   Andel af deres tid der går til sagerne, fordelingsnøglen (standard 0,15; vises også ved 0,10 og 0,20).
  --effort-share <0–1>     I stedet for fordelingsnøglen: arbejdstimer pr. time aktiv behandlingstid, fra en tidsmåling.
  --fte-hours <timer>      Timer pr. årsværk (standard 1924).

  Fælles: --window-days <dage> (hvor længe hver sag følges, standard 30), --min-n <antal> (standard 20),
  --seed <tal> (standard 1), --resamples <antal> (standard 1000). Metoden: docs/measurement.md.`;

const options = {
  from: { type: 'string' },
  to: { type: 'string' },
  unit: { type: 'string' },
  kind: { type: 'string' },
  kle: { type: 'string' },
  channel: { type: 'string' },
  format: { type: 'string' },
  baseline: { type: 'string' },
  'baseline-from': { type: 'string' },
  'baseline-to': { type: 'string' },
  staff: { type: 'string' },
  'allocation-key': { type: 'string' },
  'effort-share': { type: 'string' },
  'fte-hours': { type: 'string' },
  'window-days': { type: 'string' },
  'min-n': { type: 'string' },
  seed: { type: 'string' },
  resamples: { type: 'string' },
} as const;

type Flags = { [K in keyof typeof options]?: string };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function date(flag: string, value: string | undefined): string {
  if (value === undefined) throw new CliUsageError(`Angiv --${flag} ÅÅÅÅ-MM-DD`);
  if (!isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new CliUsageError(`Ugyldig dato for --${flag}: "${value}" (brug ÅÅÅÅ-MM-DD)`);
  return value;
}

function number(flag: string, value: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || !check(n)) throw new CliUsageError(`--${flag} skal være ${rule}`);
  return n;
}

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The period flags as instants: Danish days, `--to` included. */
function period(values: Flags): { fromDay: string; toDay: string; from: number; to: number } {
  const fromDay = date('from', values.from);
  const toDay = date('to', values.to);
  if (toDay < fromDay) throw new CliUsageError('--to ligger før --from');
  return { fromDay, toDay, from: startOfCopenhagenDay(fromDay), to: startOfCopenhagenDay(addIsoDays(toDay, 1)) };
}

/** Working days by the municipality's calendar, and the workflows' state kinds. */
function factsOptions(config: Config, windowDays: number, asOf: number): CaseFactsOptions {
  const calendar = new WorkingCalendar(config.calendar);
  const workflows = new WorkflowRegistry().all();
  const states = workflows.flatMap((w) => w.states);
  return {
    asOf,
    workingDays: (a, b) => workingDaysBetweenInstants(calendar, a, b),
    windowDays,
    stopStates: [...new Set(states.filter((s) => s.isTerminal || s.stopsDeadline).map((s) => s.id))],
    waitingStates: [...new Set(states.filter((s) => s.id.startsWith('awaiting_')).map((s) => s.id))],
    queueStates: [...new Set(workflows.map((w) => w.initialState))],
  };
}

function common(values: Flags) {
  return {
    windowDays: number('window-days', values['window-days'], 30, (n) => Number.isInteger(n) && n >= 1 && n <= 365, 'et helt antal dage mellem 1 og 365'),
    minN: number('min-n', values['min-n'], 20, (n) => Number.isInteger(n) && n >= 2, 'et helt tal på mindst 2'),
    seed: number('seed', values.seed, 1, Number.isInteger, 'et helt tal'),
    resamples: number('resamples', values.resamples, 1000, (n) => Number.isInteger(n) && n >= 100 && n <= 100_000, 'et helt tal mellem 100 og 100000'),
  };
}

async function load(handle: DatabaseHandle, values: Flags, from: number, to: number): Promise<MeasurementData> {
  return createRepositories(handle.db).measurement.loadMeasurementData({
    unitIds: list(values.unit),
    kinds: list(values.kind),
    klePrefix: values.kle,
    channels: list(values.channel),
    receivedFrom: new Date(from),
    receivedBefore: new Date(to),
  });
}

const filterOf = (values: Flags) => ({
  unit: list(values.unit) ?? null,
  kind: list(values.kind) ?? null,
  kle: values.kle ?? null,
  channel: list(values.channel) ?? null,
});

function show(e: Estimate, digits = 1, scale = 1): string {
  if (e.value === null) return '–';
  const f = (v: number) => (v * scale).toLocaleString('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return e.low === null || e.high === null ? `${f(e.value)} (n=${e.n})` : `${f(e.value)} [${f(e.low)}; ${f(e.high)}] (n=${e.n})`;
}

function printConclusions(io: CliIo, lines: string[]): void {
  for (const line of lines) io.stdout(`• ${line}\n`);
  io.stdout('\n');
}

function printEfficiency(io: CliIo, format: OutputFormat, report: EfficiencyReport): void {
  const rows = report.comparisons.map((c) => ({
    type: c.kind,
    mål: c.metric,
    basislinje: show(c.baseline, c.unit === 'share' ? 0 : 1, c.unit === 'share' ? 100 : 1),
    periode: show(c.period, c.unit === 'share' ? 0 : 1, c.unit === 'share' ? 100 : 1),
    forskel: show(c.difference, c.unit === 'share' ? 0 : 1, c.unit === 'share' ? 100 : 1),
    p: c.pAdjusted === null ? '' : c.pAdjusted.toFixed(3),
    vurdering: c.verdict,
  }));
  if (format === 'csv') {
    printRows(io, 'csv', rows);
    return;
  }
  printConclusions(io, report.conclusions);
  printRows(io, 'table', rows, ['type', 'mål', 'basislinje', 'periode', 'forskel', 'p', 'vurdering']);
}

function printBias(io: CliIo, format: OutputFormat, report: BiasReport): void {
  const rows = report.attributes.flatMap((a) =>
    a.comparisons.map((c) => ({
      gruppe: `${a.attribute}=${c.group}`,
      mål: c.metric,
      gruppen: show(c.value, c.unit === 'share' ? 0 : 1, c.unit === 'share' ? 100 : 1),
      øvrige: show(c.rest, c.unit === 'share' ? 0 : 1, c.unit === 'share' ? 100 : 1),
      forskel: show(c.difference, c.unit === 'share' ? 0 : 2, c.unit === 'share' ? 100 : 1),
      p: c.pAdjusted === null ? '' : c.pAdjusted.toFixed(3),
      vurdering: c.verdict,
    })),
  );
  if (format === 'csv') {
    printRows(io, 'csv', rows);
    return;
  }
  printConclusions(io, report.conclusions);
  printRows(io, 'table', rows, ['gruppe', 'mål', 'gruppen', 'øvrige', 'forskel', 'p', 'vurdering']);
}

function printQuality(io: CliIo, format: OutputFormat, report: QualityReport): void {
  const rows = [
    ...report.classification.byVersion.map((v) => ({ version: v.key, mål: 'nøjagtighed %', værdi: show(v.accuracy, 0, 100) })),
    ...report.drafts.byVersion.map((v) => ({ version: v.key, mål: 'uændret sendt %', værdi: show(v.approvedUnedited, 0, 100) })),
    ...report.drafts.byVersion.map((v) => ({ version: v.key, mål: 'rettede ord', værdi: show(v.editDistanceWords) })),
  ];
  if (format === 'csv') {
    printRows(io, 'csv', rows);
    return;
  }
  printConclusions(io, report.conclusions);
  printRows(io, 'table', rows, ['version', 'mål', 'værdi']);
}

async function runEfficiency(values: Flags, io: CliIo): Promise<number> {
  const format = parseFormat(values.format);
  const p = period(values);
  const days = Math.round((p.to - p.from) / 86_400_000);
  const baselineFromDay = values['baseline-from'] ? date('baseline-from', values['baseline-from']) : addIsoDays(p.fromDay, -days);
  const baselineToDay = values['baseline-to'] ? date('baseline-to', values['baseline-to']) : addIsoDays(p.fromDay, -1);
  if (baselineToDay < baselineFromDay) throw new CliUsageError('--baseline-to ligger før --baseline-from');
  const window = { from: startOfCopenhagenDay(baselineFromDay), to: startOfCopenhagenDay(addIsoDays(baselineToDay, 1)) };
  const method = values.baseline ?? 'auto';
  if (method !== 'auto' && method !== 'before' && method !== 'control')
    throw new CliUsageError(`Ukendt --baseline "${method}" (brug auto, before eller control)`);
  const baseline: BaselineChoice = method === 'control' ? { method } : { method, ...window };
  if (values['effort-share'] !== undefined && (values.staff !== undefined || values['allocation-key'] !== undefined))
    throw new CliUsageError('Brug enten --effort-share eller --staff/--allocation-key');
  const shared = common(values);
  const fteHours = number('fte-hours', values['fte-hours'], 1924, (n) => n > 0 && n <= 8784, 'et antal timer mellem 1 og 8784');
  const share = values['effort-share'] === undefined ? null : number('effort-share', values['effort-share'], 1, (n) => n > 0 && n <= 1, 'et tal mellem 0 og 1');
  const staffFlag = values.staff === undefined ? null : number('staff', values.staff, 0, (n) => n > 0, 'et positivt tal');
  const allocationKey = number('allocation-key', values['allocation-key'], 0.15, (n) => n > 0 && n <= 1, 'et tal mellem 0 og 1');
  return withDatabase('report efficiency', async (handle, config) => {
    const asOf = Date.now();
    const data = await load(
      handle,
      values,
      method === 'control' ? p.from : Math.min(p.from, window.from),
      Math.max(p.to, method === 'control' ? p.to : window.to),
    );
    let effort: EffortModel;
    if (share !== null) effort = { method: 'share', share };
    else {
      const staff = staffFlag ?? (await createRepositories(handle.db).measurement.countHandlingStaff(list(values.unit)));
      // Without anyone to allocate, the estimate falls back to the upper bound and says so.
      effort = staff > 0 ? { method: 'allocation', staff, allocationKey } : { method: 'share', share: 1 };
    }
    const report = buildEfficiencyReport(data, {
      ...factsOptions(config, shared.windowDays, asOf),
      ...shared,
      period: { from: p.from, to: p.to },
      baseline,
      effort,
      fteHours,
    });
    if (format === 'json') printObject(io, 'json', { ...report, filter: filterOf(values) } as unknown as Record<string, unknown>);
    else printEfficiency(io, format, report);
    return 0;
  });
}

async function runBias(values: Flags, io: CliIo): Promise<number> {
  const format = parseFormat(values.format);
  const p = period(values);
  const shared = common(values);
  return withDatabase('report bias', async (handle, config) => {
    const data = await load(handle, values, p.from, p.to);
    const report = buildBiasReport(data, { ...factsOptions(config, shared.windowDays, Date.now()), ...shared, period: { from: p.from, to: p.to } });
    if (format === 'json') printObject(io, 'json', { ...report, filter: filterOf(values) } as unknown as Record<string, unknown>);
    else printBias(io, format, report);
    return 0;
  });
}

async function runQuality(values: Flags, io: CliIo): Promise<number> {
  const format = parseFormat(values.format);
  const p = period(values);
  const shared = common(values);
  return withDatabase('report quality', async (handle, config) => {
    const data = await load(handle, values, p.from, p.to);
    const report = buildQualityReport(data, { ...factsOptions(config, shared.windowDays, Date.now()), ...shared, period: { from: p.from, to: p.to } });
    if (format === 'json') printObject(io, 'json', { ...report, filter: filterOf(values) } as unknown as Record<string, unknown>);
    else printQuality(io, format, report);
    return 0;
  });
}

/** `ekspedit report`: measured efficiency, bias across groups and AI quality from the case log. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Målt værdi: report efficiency|bias|quality --from --to',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseArgs(rest, options);
    if (positionals.length > 0) throw new CliUsageError(`Uventet argument "${positionals[0]}"`);
    switch (sub) {
      case 'efficiency':
        return runEfficiency(values, io);
      case 'bias':
        return runBias(values, io);
      case 'quality':
        return runQuality(values, io);
      default:
        throw new CliUsageError(sub === undefined ? 'Angiv en underkommando: efficiency, bias eller quality' : `Ukendt underkommando "${sub}"`);
    }
  },
};
