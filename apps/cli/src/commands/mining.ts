import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createRepositories } from '@ekspedit/db';
import {
  type AcceptingPetriNet,
  alignLog,
  discoverInductive,
  type EventLog,
  getActivityTimes,
  getLogStats,
  getReworkAndLoops,
  logFromRows,
  MiningError,
  readEventLog,
  readPnml,
  replayLog,
  toBpmnXml,
  treeToPetriNet,
  writePnml,
} from '@ekspedit/mining';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { type CliIo, CliUsageError, parseFormat, printObject, printRows } from '../output';

const usage = `Brug: ekspedit mining <stats|discover|conform> <log> [flag…]

  stats <log> [--format json|table|csv]
      Nøgletal: sager, hændelser, aktiviteter, varianter, direkte-følger-graf med tider,
      start- og slutaktiviteter og gennemløbstider.
  discover <log> --miner inductive [--noise 0.2] --output <model.pnml|model.bpmn>
      Find en procesmodel (inductive miner; med --noise den infrekvente variant IMf).
  rework <log> [--format json|table|csv]
      Omarbejde (aktiviteter gentaget i samme sag), sløjfer, og ventetid mod arbejdstid hvor
      loggen har start- og complete-hændelser.
  conform <log> --model <model.pnml> [--method tbr|alignments] [--format json|table]
      Overensstemmelse mellem log og model: logFitness, averageTraceFitness, percentFittingTraces.

<log> er en XES-, XES.GZ-, CSV- eller OCEL 2.0-fil (.jsonocel/.xmlocel), eller --source cases:
  platformens egen sagslog (samme database som serveren), afgrænset med
  [--kind <typer>] [--unit <enheder>] [--kle <præfiks>] [--from ÅÅÅÅ-MM-DD] [--to ÅÅÅÅ-MM-DD].
  CSV:  --case-column <navn> --activity-column <navn> --timestamp-column <navn>
        [--resource-column <navn>] [--lifecycle-column <navn>] [--delimiter <tegn>]
        (standard: case:concept:name/case_id, concept:name/activity, time:timestamp/timestamp)
  OCEL: --object-type <type>  objekttypen der bliver til sager (standard: typen med flest objekter)
  --utc-offsets apply  regn tidszoner om til UTC (standard: ignore, som pm4py)`;

const logOptions = {
  format: { type: 'string' },
  'case-column': { type: 'string' },
  'activity-column': { type: 'string' },
  'timestamp-column': { type: 'string' },
  'resource-column': { type: 'string' },
  'lifecycle-column': { type: 'string' },
  delimiter: { type: 'string' },
  'object-type': { type: 'string' },
  'utc-offsets': { type: 'string' },
  source: { type: 'string' },
  kind: { type: 'string' },
  unit: { type: 'string' },
  kle: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

type LogFlags = { [K in keyof typeof logOptions]?: string };

const danishMessages: Record<string, (detail: string) => string> = {
  FILE_NOT_FOUND: (path) => `Filen findes ikke: ${path}`,
  FILE_UNREADABLE: (path) => `Filen kan ikke læses: ${path}`,
  UNKNOWN_FORMAT: (path) => `Ukendt filformat: ${path} (forventer XES, XES.GZ, CSV eller OCEL 2.0)`,
  INVALID_XES: (path) => `Filen er ikke gyldig XES: ${path}`,
  INVALID_CSV: (path) => `Filen er ikke gyldig CSV: ${path}`,
  INVALID_OCEL: (path) => `Filen er ikke gyldig OCEL 2.0: ${path}`,
  INVALID_PNML: (path) => `Filen er ikke en gyldig PNML-model: ${path}`,
  UNKNOWN_COLUMN: () => 'Kolonnen findes ikke i CSV-filen',
  UNKNOWN_OBJECT_TYPE: () => 'Objekttypen findes ikke i OCEL-loggen',
  INVALID_MODEL: () => 'Modellen kan ikke bruges',
};

/** Turns a mining error into one with a Danish message (and the English detail after it). */
function inDanish(error: unknown, path: string): Error {
  if (!(error instanceof MiningError)) return error as Error;
  const message = danishMessages[error.code]?.(path) ?? error.message;
  return Object.assign(new Error(`${message}\n  (${error.message})`), { code: error.code });
}

// The platform's own case log, read from the same database the server uses.
async function loadCaseLog(flags: LogFlags): Promise<EventLog> {
  const list = (v: string | undefined) =>
    v
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  for (const d of [flags.from, flags.to])
    if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new CliUsageError(`Ugyldig dato "${d}" (brug ÅÅÅÅ-MM-DD)`);
  return withDatabase('mining --source cases', async (handle) => {
    const rows = await createRepositories(handle.db).mining.listCaseLog({
      kinds: list(flags.kind),
      unitIds: list(flags.unit),
      klePrefix: flags.kle,
      receivedFrom: flags.from,
      receivedBefore: flags.to,
    });
    return logFromRows(rows.map((r) => ({ ...r, caseId: r.caseNumber })));
  });
}

async function loadLog(path: string | undefined, flags: LogFlags): Promise<EventLog> {
  if (flags.source !== undefined) {
    if (flags.source !== 'cases') throw new CliUsageError(`Ukendt --source "${flags.source}" (brug cases)`);
    if (path) throw new CliUsageError('Angiv enten en logfil eller --source cases, ikke begge');
    return loadCaseLog(flags);
  }
  if (!path) throw new CliUsageError('Angiv en logfil eller --source cases');
  const offsets = flags['utc-offsets'];
  if (offsets !== undefined && offsets !== 'ignore' && offsets !== 'apply') {
    throw new CliUsageError(`Ukendt værdi for --utc-offsets: "${offsets}" (brug ignore eller apply)`);
  }
  try {
    const result = await readEventLog(path, {
      objectType: flags['object-type'],
      offsets,
      csv: {
        caseColumn: flags['case-column'],
        activityColumn: flags['activity-column'],
        timestampColumn: flags['timestamp-column'],
        resourceColumn: flags['resource-column'],
        lifecycleColumn: flags['lifecycle-column'],
        delimiter: flags.delimiter,
      },
    });
    return result.log;
  } catch (error) {
    throw inDanish(error, path);
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} t`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

async function runStats(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs(argv, logOptions);
  const format = parseFormat(values.format);
  const log = await loadLog(positionals[0], values);
  const stats = getLogStats(log);
  const dfg = stats.dfg.map((e) => ({ from: e.from, to: e.to, count: e.count, meanSeconds: e.meanSeconds, medianSeconds: e.medianSeconds }));
  const caseDuration = {
    meanSeconds: stats.caseDuration.meanSeconds,
    medianSeconds: stats.caseDuration.medianSeconds,
    minSeconds: stats.caseDuration.minSeconds,
    maxSeconds: stats.caseDuration.maxSeconds,
  };
  if (format === 'json') {
    printObject(io, 'json', {
      cases: stats.cases,
      events: stats.events,
      activities: stats.activities,
      variants: stats.variants,
      dfg,
      start: Object.fromEntries(stats.start),
      end: Object.fromEntries(stats.end),
      caseDuration,
    });
    return 0;
  }
  if (format === 'csv') {
    printRows(io, 'csv', dfg, ['from', 'to', 'count', 'meanSeconds', 'medianSeconds']);
    return 0;
  }
  printRows(
    io,
    'table',
    [
      { nøgletal: 'Sager', værdi: stats.cases },
      { nøgletal: 'Hændelser', værdi: stats.events },
      { nøgletal: 'Aktiviteter', værdi: stats.activities },
      { nøgletal: 'Varianter', værdi: stats.variants },
      { nøgletal: 'Gennemløbstid, gennemsnit', værdi: formatDuration(caseDuration.meanSeconds) },
      { nøgletal: 'Gennemløbstid, median', værdi: formatDuration(caseDuration.medianSeconds) },
      { nøgletal: 'Gennemløbstid, min–max', værdi: `${formatDuration(caseDuration.minSeconds)} – ${formatDuration(caseDuration.maxSeconds)}` },
    ],
    ['nøgletal', 'værdi'],
  );
  io.stdout('\nStartaktiviteter:\n');
  printRows(
    io,
    'table',
    [...stats.start].map(([aktivitet, sager]) => ({ aktivitet, sager })),
    ['aktivitet', 'sager'],
  );
  io.stdout('\nSlutaktiviteter:\n');
  printRows(
    io,
    'table',
    [...stats.end].map(([aktivitet, sager]) => ({ aktivitet, sager })),
    ['aktivitet', 'sager'],
  );
  const waits = [...stats.dfg].sort((a, b) => b.totalSeconds - a.totalSeconds).slice(0, 15);
  io.stdout('\nHvor venter sagerne længst (overgange efter samlet ventetid, top 15):\n');
  printRows(
    io,
    'table',
    waits.map((e) => ({
      fra: e.from,
      til: e.to,
      antal: e.count,
      gennemsnit: formatDuration(e.meanSeconds),
      median: formatDuration(e.medianSeconds),
      'i alt': formatDuration(e.totalSeconds),
    })),
    ['fra', 'til', 'antal', 'gennemsnit', 'median', 'i alt'],
  );
  return 0;
}

async function runDiscover(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs(argv, {
    ...logOptions,
    miner: { type: 'string' },
    noise: { type: 'string' },
    output: { type: 'string' },
  });
  const miner = values.miner ?? 'inductive';
  if (miner !== 'inductive') throw new CliUsageError(`Ukendt miner "${miner}" (brug inductive)`);
  const noise = values.noise === undefined ? 0 : Number(values.noise);
  if (!Number.isFinite(noise) || noise < 0 || noise > 1) throw new CliUsageError('--noise skal være et tal mellem 0 og 1');
  const output = values.output;
  if (!output) throw new CliUsageError('Angiv --output <model.pnml|model.bpmn>');
  const kind = extname(output).toLowerCase();
  if (kind !== '.pnml' && kind !== '.bpmn') throw new CliUsageError('--output skal ende på .pnml eller .bpmn');
  const log = await loadLog(positionals[0], values);
  const tree = discoverInductive(log, { noiseThreshold: noise });
  try {
    if (kind === '.pnml') {
      const model = treeToPetriNet(tree);
      await writePnml(output, model);
      io.stdout(
        `Model skrevet til ${output}: ${model.net.places.length} steder, ${model.net.transitions.length} transitioner ` +
          `(${model.net.transitions.filter((t) => t.label === null).length} tavse), ${model.net.arcs.length} kanter\n`,
      );
    } else {
      await writeFile(output, toBpmnXml(tree), 'utf8');
      io.stdout(`BPMN-model skrevet til ${output}\n`);
    }
  } catch (error) {
    throw Object.assign(new Error(`Kan ikke skrive ${output}: ${(error as Error).message}`), { code: 'FILE_UNWRITABLE' });
  }
  return 0;
}

async function runConform(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs(argv, { ...logOptions, model: { type: 'string' }, method: { type: 'string' } });
  const format = parseFormat(values.format);
  const method = values.method ?? 'tbr';
  if (method !== 'tbr' && method !== 'alignments') throw new CliUsageError(`Ukendt metode "${method}" (brug tbr eller alignments)`);
  const modelPath = values.model;
  if (!modelPath) throw new CliUsageError('Angiv --model <model.pnml>');
  const log = await loadLog(positionals[0], values);
  let model: AcceptingPetriNet;
  try {
    model = await readPnml(modelPath);
  } catch (error) {
    throw inDanish(error, modelPath);
  }
  const result = method === 'tbr' ? replayLog(log, model) : alignLog(log, model);
  const summary = {
    logFitness: result.logFitness,
    averageTraceFitness: result.averageTraceFitness,
    percentFittingTraces: result.percentFittingTraces,
  };
  if (format === 'json') printObject(io, 'json', summary);
  else printObject(io, format, summary);
  return 0;
}

// Rework, loops and (where the log has start and complete events) waiting versus working time.
async function runRework(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs(argv, logOptions);
  const format = parseFormat(values.format);
  const log = await loadLog(positionals[0], values);
  const { rework, loops } = getReworkAndLoops(log);
  const activityTimes = getActivityTimes(log);
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ rework, loops, activityTimes })}\n`);
    return 0;
  }
  printRows(io, format, rework as unknown as Record<string, unknown>[], ['activity', 'cases', 'repetitions', 'share']);
  if (activityTimes.length > 0)
    printRows(io, format, activityTimes as unknown as Record<string, unknown>[], ['activity', 'executions', 'workingMeanSeconds', 'waitingMeanSeconds']);
  return 0;
}

/** `ekspedit mining`: statistics, discovery and conformance on event-log files. */
export const miningCommand: Command = {
  name: 'mining',
  summary: 'Procesanalyse af hændelseslogs: stats, discover, conform',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'stats':
        return runStats(rest, io);
      case 'discover':
        return runDiscover(rest, io);
      case 'conform':
        return runConform(rest, io);
      case 'rework':
        return runRework(rest, io);
      default:
        throw new CliUsageError(sub === undefined ? 'Angiv en underkommando' : `Ukendt underkommando "${sub}"`);
    }
  },
};
