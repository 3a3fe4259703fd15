import { isKleCode } from '../kle/types';
import { type KindLabel, type LabelledExample, parseKindLabel } from './types';

/** A line of a JSONL input that could not be used, with a Danish message naming the line. */
export interface LineError {
  line: number;
  message: string;
}

/** An item to classify as read from a JSONL line. */
export interface InputItem {
  id: string;
  subject: string;
  body: string;
}

function field(obj: Record<string, unknown>, name: string): string | null {
  const v = obj[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

/**
 * Reads JSONL items `{"id","subject","body"}` (with `labelled`, also `"kle"` and `"kind"`). A bad line
 * does not stop the good ones: each bad line is reported with its number, and the caller decides.
 */
export function parseJsonlItems(text: string, options: { labelled: true }): { items: LabelledExample[]; errors: LineError[] };
export function parseJsonlItems(text: string, options?: { labelled?: false }): { items: InputItem[]; errors: LineError[] };
export function parseJsonlItems(text: string, options: { labelled?: boolean } = {}): { items: (InputItem | LabelledExample)[]; errors: LineError[] } {
  const items: (InputItem | LabelledExample)[] = [];
  const errors: LineError[] = [];
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
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
    const obj = value as Record<string, unknown>;
    const id = field(obj, 'id');
    const subject = field(obj, 'subject');
    const body = field(obj, 'body');
    const missing = [id === null || id === '' ? 'id' : null, subject === null ? 'subject' : null, body === null ? 'body' : null].filter(Boolean);
    if (missing.length > 0) {
      errors.push({ line, message: `Linje ${line}: mangler felt ${missing.map((m) => `"${m}"`).join(', ')}` });
      return;
    }
    if (!options.labelled) {
      items.push({ id: id ?? '', subject: subject ?? '', body: body ?? '' });
      return;
    }
    const kindRaw = field(obj, 'kind');
    const kle = obj.kle === null || obj.kle === undefined || obj.kle === '' ? null : field(obj, 'kle');
    if (kindRaw === null) {
      errors.push({ line, message: `Linje ${line}: mangler felt "kind"` });
      return;
    }
    const kind: KindLabel | null = parseKindLabel(kindRaw, field(obj, 'subtype') ?? field(obj, 'notCaseType'));
    if (!kind) {
      errors.push({ line, message: `Linje ${line}: ukendt "kind" »${kindRaw}«` });
      return;
    }
    const isCase = !['newsletter', 'spam', 'invoice', 'auto_reply'].includes(kind);
    if (isCase && kle === null) {
      errors.push({ line, message: `Linje ${line}: mangler felt "kle" (kun not_a_case må være uden KLE)` });
      return;
    }
    if (kle !== null && !isKleCode(kle)) {
      errors.push({ line, message: `Linje ${line}: »${kle}« er ikke et KLE-nummer (NN.NN.NN)` });
      return;
    }
    items.push({ id: id ?? '', subject: subject ?? '', body: body ?? '', kle, kind });
  });
  return { items, errors };
}
