/** The one output module of the CLI: every listing goes through `printRows`/`printObject`. */
export type OutputFormat = 'json' | 'table' | 'csv';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Standard streams as a CliIo. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Parses `--format`; defaults to table for people and json when asked. */
export function parseFormat(value: string | undefined, fallback: OutputFormat = 'table'): OutputFormat {
  if (value === undefined) return fallback;
  if (value === 'json' || value === 'table' || value === 'csv') return value;
  throw new CliUsageError(`Ukendt format "${value}" (brug json, table eller csv)`);
}

/** A wrong use of the command line: printed with usage, exit code 2. */
export class CliUsageError extends Error {}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvCell(value: unknown): string {
  const text = cell(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Prints a list of records as JSON (one array), an aligned table, or CSV. */
export function printRows(io: CliIo, format: OutputFormat, rows: readonly Record<string, unknown>[], columns?: string[]): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (format === 'csv') {
    io.stdout(`${cols.map(csvCell).join(',')}\n`);
    for (const row of rows) io.stdout(`${cols.map((c) => csvCell(row[c])).join(',')}\n`);
    return;
  }
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  io.stdout(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) io.stdout(`${line(cols.map((c) => cell(row[c])))}\n`);
}

/** Prints one record: JSON as is, otherwise as key/value rows. */
export function printObject(io: CliIo, format: OutputFormat, value: Record<string, unknown>): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(value)}\n`);
    return;
  }
  printRows(
    io,
    format,
    Object.entries(value).map(([key, v]) => ({ key, value: v })),
    ['key', 'value'],
  );
}
