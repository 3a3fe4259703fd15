import type { LineError } from '../classify/jsonl';
import { type ConsultationResponse, type RespondentType, respondentTypes } from './types';

/** Responses read from a file, and the rows that could not be used (each with a Danish message). */
export interface ReadResponses {
  responses: ConsultationResponse[];
  errors: LineError[];
}

// What people write in the column, in Danish and English, mapped to our five kinds.
const typeAliases: Record<string, RespondentType> = {
  borger: 'citizen',
  privat: 'citizen',
  privatperson: 'citizen',
  forening: 'association',
  organisation: 'association',
  interesseorganisation: 'association',
  virksomhed: 'business',
  erhverv: 'business',
  firma: 'business',
  company: 'business',
  lokalråd: 'local_council',
  lokalraad: 'local_council',
  landsbyråd: 'local_council',
  'local council': 'local_council',
  localcouncil: 'local_council',
  medarbejder: 'staff',
  medarbejdere: 'staff',
  ansat: 'staff',
  personale: 'staff',
  'med-udvalg': 'staff',
  employee: 'staff',
};

/** The respondent type of a cell: null when empty, undefined when not recognised. */
export function parseRespondentType(value: string | null | undefined): RespondentType | null | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return null;
  if ((respondentTypes as readonly string[]).includes(v)) return v as RespondentType;
  return typeAliases[v] ?? typeAliases[v.replace(/[_\s]+/g, ' ')] ?? undefined;
}

const idColumns = ['id', 'nr', 'svar_id', 'svarid'];
const textColumns = ['text', 'tekst', 'svar', 'høringssvar', 'body'];
const typeColumns = ['respondent_type', 'respondenttype', 'type', 'afsendertype', 'afsender_type'];

/** Builds responses from rows of named cells; `place` names a row in error messages ("Linje 3", "Række 3"). */
function fromRows(rows: { place: string; line: number; cells: Record<string, string> }[]): ReadResponses {
  const responses: ConsultationResponse[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  const pick = (cells: Record<string, string>, names: string[]) => {
    for (const n of names) if (cells[n] !== undefined) return cells[n];
    return undefined;
  };
  for (const { place, line, cells } of rows) {
    const id = (pick(cells, idColumns) ?? '').trim();
    const text = (pick(cells, textColumns) ?? '').trim();
    const rawType = pick(cells, typeColumns);
    if (!id) {
      errors.push({ line, message: `${place}: mangler "id"` });
      continue;
    }
    if (!text) {
      errors.push({ line, message: `${place}: svar ${id} har ingen tekst` });
      continue;
    }
    if (seen.has(id)) {
      errors.push({ line, message: `${place}: id "${id}" findes allerede` });
      continue;
    }
    const respondentType = parseRespondentType(rawType);
    if (respondentType === undefined) {
      errors.push({ line, message: `${place}: ukendt afsendertype "${rawType}" (brug ${respondentTypes.join(', ')})` });
      continue;
    }
    seen.add(id);
    responses.push({ id, text, respondentType });
  }
  return { responses, errors };
}

const stringCell = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v === null ? '' : undefined);

/** Reads JSONL: one `{"id","text","respondent_type"}` a line (other fields are ignored). */
export function parseResponsesJsonl(text: string): ReadResponses {
  const rows: { place: string; line: number; cells: Record<string, string> }[] = [];
  const errors: LineError[] = [];
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        errors.push({ line, message: `Linje ${line}: ugyldig JSON` });
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push({ line, message: `Linje ${line}: forventede et JSON-objekt` });
        return;
      }
      const cells: Record<string, string> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const s = stringCell(v);
        if (s !== undefined) cells[k === 'respondentType' ? 'respondent_type' : k.toLowerCase()] = s;
      }
      rows.push({ place: `Linje ${line}`, line, cells });
    });
  const read = fromRows(rows);
  return { responses: read.responses, errors: [...errors, ...read.errors].sort((a, b) => a.line - b.line) };
}

/** Splits CSV into records (RFC 4180: quoted fields may hold separators, quotes and line breaks). */
export function splitCsv(text: string, separator: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
  return records;
}

/** Reads CSV with a header row (columns `id`, `text`, optional `respondent_type`); comma or semicolon separated. */
export function parseResponsesCsv(text: string): ReadResponses {
  const clean = text.replace(/^\ufeff/, '');
  const firstLine = clean.slice(0, clean.search(/\r?\n|$/));
  // Danish spreadsheets export with semicolons; the header tells which separator the file uses.
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const [header, ...records] = splitCsv(clean, separator);
  if (!header) return { responses: [], errors: [{ line: 1, message: 'Filen er tom' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = [names.some((n) => idColumns.includes(n)) ? null : 'id', names.some((n) => textColumns.includes(n)) ? null : 'text'].filter(Boolean);
  if (missing.length)
    return { responses: [], errors: [{ line: 1, message: `Linje 1: kolonnen ${missing.map((m) => `"${m}"`).join(' og ')} mangler i overskriften` }] };
  return fromRows(records.map((r) => ({ place: `Linje ${r.line}`, line: r.line, cells: Object.fromEntries(names.map((n, i) => [n, r.fields[i] ?? ''])) })));
}

/** The text of an Excel cell, whatever exceljs made of it (rich text, formula result, hyperlink, number). */
function excelText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if (v.result !== undefined) return excelText(v.result);
  if (v.text !== undefined) return excelText(v.text);
  return '';
}

/** Reads the first worksheet of an XLSX file with a header row like the CSV's. */
export async function parseResponsesXlsx(content: Uint8Array): Promise<ReadResponses> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(content) as unknown as ArrayBuffer);
  } catch {
    return { responses: [], errors: [{ line: 0, message: 'Filen kan ikke læses som et Excel-regneark (.xlsx)' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { responses: [], errors: [{ line: 0, message: 'Regnearket har ingen ark' }] };
  const names: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    names[col] = excelText(cell.value).trim().toLowerCase();
  });
  if (!names.some((n) => idColumns.includes(n)) || !names.some((n) => textColumns.includes(n))) {
    return { responses: [], errors: [{ line: 1, message: 'Række 1: kolonnerne "id" og "text" skal stå i første række' }] };
  }
  const rows: { place: string; line: number; cells: Record<string, string> }[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const name = names[col];
      if (name) cells[name] = excelText(cell.value);
    });
    if (Object.values(cells).some((c) => c.trim() !== '')) rows.push({ place: `Række ${n}`, line: n, cells });
  });
  return fromRows(rows);
}

/** Reads responses from a CSV, JSONL or XLSX file by its name; null when the kind is not one of those. */
export async function parseResponsesFile(input: { filename: string; content: Uint8Array }): Promise<ReadResponses | null> {
  const name = input.filename.toLowerCase();
  const text = () => new TextDecoder('utf-8').decode(input.content);
  if (name.endsWith('.csv')) return parseResponsesCsv(text());
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return parseResponsesJsonl(text());
  if (name.endsWith('.xlsx')) return parseResponsesXlsx(input.content);
  return null;
}
