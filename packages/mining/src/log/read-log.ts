import { gunzipSync } from 'node:zlib';
import { MiningError } from '../errors';
import { type CsvImportOptions, readCsv } from './csv-import';
import type { EventLog } from './event-log';
import { isGzip, readHead } from './input';
import { flattenOcel, type OcelLog, readOcel } from './ocel-import';
import type { OffsetMode } from './timestamp';
import { readXes } from './xes-import';

/** File formats an event log can be read from. */
export type LogFormat = 'xes' | 'csv' | 'ocel-json' | 'ocel-xml';

/** Options for reading any supported log file. */
export interface ReadLogOptions {
  /** Force a format instead of guessing from the name and content. */
  format?: LogFormat;
  /** Column mapping and parsing options for CSV. */
  csv?: CsvImportOptions;
  /** OCEL: the object type whose objects become the cases; default the type with the most objects. */
  objectType?: string;
  /** How UTC offsets in timestamps are read (default `ignore`, pm4py's semantics). */
  offsets?: OffsetMode;
  /** Keep non-standard attributes (default true). */
  keepAttributes?: boolean;
}

/** A read log, with the format it was read as and, for OCEL, the object type used as case. */
export interface ReadLogResult {
  log: EventLog;
  format: LogFormat;
  objectType?: string;
  objectTypes?: string[];
}

/** Guesses the format of a log file from its name, then from its first bytes. */
export async function detectLogFormat(path: string): Promise<LogFormat> {
  const lower = path.toLowerCase().replace(/\.gz$/, '');
  if (lower.endsWith('.xes')) return 'xes';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonocel')) return 'ocel-json';
  if (lower.endsWith('.xmlocel')) return 'ocel-xml';
  let head = await readHead(path, 4096);
  if (isGzip(head)) {
    try {
      head = gunzipSync(head, { finishFlush: 2 });
    } catch {
      throw new MiningError('UNKNOWN_FORMAT', `Cannot tell the format of ${path}`);
    }
  }
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{')) return 'ocel-json';
  if (text.startsWith('<')) {
    if (/<(object-types|objects|events)[\s>]/.test(text) && !/<trace[\s>]/.test(text)) return 'ocel-xml';
    if (/<log[\s>]/.test(text)) return 'xes';
    throw new MiningError('UNKNOWN_FORMAT', `${path} is XML but neither XES nor OCEL`);
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/[,;\t]/.test(firstLine)) return 'csv';
  throw new MiningError('UNKNOWN_FORMAT', `Cannot tell the format of ${path} (expected XES, CSV or OCEL 2.0)`);
}

function pickObjectType(ocel: OcelLog, wanted: string | undefined): string {
  const types = ocel.objectTypes;
  if (wanted !== undefined) {
    if (!types.includes(wanted)) {
      throw new MiningError('UNKNOWN_OBJECT_TYPE', `Object type "${wanted}" not in the log (has: ${types.join(', ')})`);
    }
    return wanted;
  }
  const counts = new Map<string, number>();
  for (const object of ocel.objects) counts.set(object.type, (counts.get(object.type) ?? 0) + 1);
  const best = [...types].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
  if (best === undefined) throw new MiningError('INVALID_OCEL', 'The OCEL log has no object types');
  return best;
}

/** Reads an XES, XES.GZ, CSV or OCEL 2.0 file as an event log (OCEL flattened on one object type). */
export async function readEventLog(path: string, options: ReadLogOptions = {}): Promise<ReadLogResult> {
  const format = options.format ?? (await detectLogFormat(path));
  const offsets = options.offsets ?? 'ignore';
  switch (format) {
    case 'xes':
      return { format, log: await readXes(path, { offsets, keepAttributes: options.keepAttributes }) };
    case 'csv':
      return { format, log: await readCsv(path, { offsets, ...options.csv }) };
    case 'ocel-json':
    case 'ocel-xml': {
      const ocel = await readOcel(path, format, offsets);
      const objectType = pickObjectType(ocel, options.objectType);
      return { format, log: flattenOcel(ocel, objectType), objectType, objectTypes: ocel.objectTypes };
    }
  }
}
