import { MiningError } from '../errors';
import { type EventLog, EventLogBuilder } from './event-log';
import { openTextStream } from './input';
import { type OffsetMode, parseTimestamp } from './timestamp';

/** Which CSV columns hold what; unset columns are guessed from common header names. */
export interface CsvImportOptions {
  caseColumn?: string;
  activityColumn?: string;
  timestampColumn?: string;
  lifecycleColumn?: string;
  resourceColumn?: string;
  /** Field separator; guessed from the header line (comma, semicolon or tab) when unset. */
  delimiter?: string;
  /** How UTC offsets are read (default `ignore`, pm4py's semantics). */
  offsets?: OffsetMode;
  /** Keep the other columns as string event attributes (default true). */
  keepAttributes?: boolean;
}

/**
 * An RFC 4180 parser fed in chunks: quoted fields may hold separators, doubled quotes and line
 * breaks, and a record may span chunk boundaries. Rows are handed out as arrays of strings.
 */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  private quotePending = false;
  private lastWasCr = false;

  constructor(
    private delimiter: string | undefined,
    private readonly onRow: (row: string[]) => void,
  ) {}

  /** Feeds the next piece of text. */
  write(chunk: string): void {
    if (this.delimiter === undefined) this.delimiter = guessDelimiter(chunk);
    const delimiter = this.delimiter;
    let field = this.field;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          this.inQuotes = false;
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          // Copy a run of ordinary characters at once; fields with line breaks are the rare case.
          const next = chunk.indexOf('"', i);
          const end = next < 0 ? chunk.length : next;
          field += chunk.slice(i, end);
          i = end - 1;
          continue;
        }
      }
      if (ch === '"' && field.length === 0) {
        this.inQuotes = true;
        this.lastWasCr = false;
      } else if (ch === delimiter) {
        this.row.push(field);
        field = '';
        this.lastWasCr = false;
      } else if (ch === '\n') {
        if (!this.lastWasCr) this.endRow(field);
        field = '';
        this.lastWasCr = false;
      } else if (ch === '\r') {
        this.endRow(field);
        field = '';
        this.lastWasCr = true;
      } else {
        field += ch;
        this.lastWasCr = false;
      }
    }
    this.field = field;
  }

  /** Flushes the last record when the text does not end with a line break. */
  end(): void {
    this.quotePending = false;
    this.inQuotes = false;
    if (this.field.length > 0 || this.row.length > 0) this.endRow(this.field);
    this.field = '';
  }

  private endRow(field: string): void {
    this.row.push(field);
    const row = this.row;
    this.row = [];
    // Skip blank lines rather than producing one-field records.
    if (row.length === 1 && row[0] === '') return;
    this.onRow(row);
  }
}

function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

/** Parses CSV text into rows (header included). */
export function parseCsvRows(text: string, delimiter?: string): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser(delimiter, (row) => rows.push(row));
  parser.write(text.replace(/^\uFEFF/, ''));
  parser.end();
  return rows;
}

const CANDIDATES = {
  case: ['case:concept:name', 'case_id', 'caseid', 'case id', 'case', 'case_concept_name'],
  activity: ['concept:name', 'activity', 'activity_name', 'event', 'task'],
  timestamp: ['time:timestamp', 'timestamp', 'complete timestamp', 'time', 'end_timestamp', 'date'],
  lifecycle: ['lifecycle:transition', 'lifecycle', 'transition'],
  resource: ['org:resource', 'resource', 'user'],
};

function findColumn(header: string[], wanted: string | undefined, candidates: string[], role: string, isRequired: boolean): number {
  if (wanted !== undefined) {
    const index = header.indexOf(wanted);
    if (index < 0) {
      throw new MiningError('UNKNOWN_COLUMN', `No column "${wanted}" for the ${role} (columns: ${header.join(', ')})`);
    }
    return index;
  }
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const candidate of candidates) {
    const index = lower.indexOf(candidate);
    if (index >= 0) return index;
  }
  if (isRequired) {
    throw new MiningError('UNKNOWN_COLUMN', `Cannot find the ${role} column (columns: ${header.join(', ')}); name it explicitly`);
  }
  return -1;
}

/** Builds an event log from CSV rows streamed in: one row per event, grouped by the case column. */
class CsvLogCollector {
  private header: string[] | undefined;
  private columns = { case: -1, activity: -1, timestamp: -1, lifecycle: -1, resource: -1 };
  private readonly caseIndex = new Map<string, number>();
  private readonly caseIds: string[] = [];
  private readonly rows: string[][] = [];
  private readonly rowCase: number[] = [];

  constructor(private readonly options: CsvImportOptions) {}

  add(row: string[]): void {
    if (!this.header) {
      this.header = row.map((h) => h.trim());
      const h = this.header;
      const o = this.options;
      this.columns = {
        case: findColumn(h, o.caseColumn, CANDIDATES.case, 'case', true),
        activity: findColumn(h, o.activityColumn, CANDIDATES.activity, 'activity', true),
        timestamp: findColumn(h, o.timestampColumn, CANDIDATES.timestamp, 'timestamp', false),
        lifecycle: findColumn(h, o.lifecycleColumn, CANDIDATES.lifecycle, 'lifecycle', false),
        resource: findColumn(h, o.resourceColumn, CANDIDATES.resource, 'resource', false),
      };
      return;
    }
    const id = row[this.columns.case] ?? '';
    let index = this.caseIndex.get(id);
    if (index === undefined) {
      index = this.caseIds.length;
      this.caseIds.push(id);
      this.caseIndex.set(id, index);
    }
    this.rows.push(row);
    this.rowCase.push(index);
  }

  build(): EventLog {
    if (!this.header) throw new MiningError('INVALID_CSV', 'The CSV file is empty');
    const header = this.header;
    const { columns } = this;
    const offsets = this.options.offsets ?? 'ignore';
    const keep = this.options.keepAttributes !== false;
    const standard = new Set(Object.values(columns));
    const extra = header.map((_, i) => i).filter((i) => !standard.has(i));
    // Rows of a case need not be adjacent in a CSV file; bucket them by case in file order.
    const byCase: number[][] = this.caseIds.map(() => []);
    this.rowCase.forEach((c, r) => {
      byCase[c]?.push(r);
    });
    const builder = new EventLogBuilder();
    byCase.forEach((rowIndexes, c) => {
      builder.startCase(this.caseIds[c] ?? '');
      for (const r of rowIndexes) {
        const row = this.rows[r] ?? [];
        const timestamp = columns.timestamp >= 0 ? parseTimestamp(row[columns.timestamp] ?? '', offsets) : Number.NaN;
        const lifecycle = columns.lifecycle >= 0 ? row[columns.lifecycle] : undefined;
        const resource = columns.resource >= 0 ? row[columns.resource] : undefined;
        builder.addEvent(row[columns.activity] ?? '', timestamp, lifecycle || undefined, resource || undefined);
        if (keep) {
          for (const i of extra) {
            const value = row[i];
            if (value !== undefined && value !== '') builder.setEventAttribute(header[i] ?? String(i), 'string', value);
          }
        }
      }
    });
    return builder.build();
  }
}

/** Parses CSV text (one row per event) into an event log. */
export function parseCsvLog(text: string, options: CsvImportOptions = {}): EventLog {
  const collector = new CsvLogCollector(options);
  for (const row of parseCsvRows(text, options.delimiter)) collector.add(row);
  return collector.build();
}

/** Reads a CSV file (optionally gzip-compressed) as an event log, streaming it. */
export async function readCsv(path: string, options: CsvImportOptions = {}): Promise<EventLog> {
  const collector = new CsvLogCollector(options);
  const parser = new CsvParser(options.delimiter, (row) => collector.add(row));
  let isFirst = true;
  for await (const chunk of await openTextStream(path)) {
    parser.write(isFirst ? (chunk as string).replace(/^\uFEFF/, '') : (chunk as string));
    isFirst = false;
  }
  parser.end();
  return collector.build();
}
