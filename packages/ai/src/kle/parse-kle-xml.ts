import { SaxesParser } from 'saxes';
import { KleParseError } from './parse-os2kle';
import type { KleEntry } from './types';

const levels: Record<string, 1 | 2 | 3> = { Hovedgruppe: 1, Gruppe: 2, Emne: 3 };
const prefixes = ['Hovedgruppe', 'Gruppe', 'Emne'] as const;

interface Open {
  level: 1 | 2 | 3;
  code: string;
  title: string;
  description: string[];
  keywords: string[];
  expiredOn: string | null;
}

/**
 * A streaming reader of the official KLE-Online XML (KLE-Emneplan → Hovedgruppe → Gruppe → Emne).
 * Feed it chunks as they are read; the whole file is never held as one string.
 * Guidance (…Vejledning) becomes the description, stikord become keywords, UdgaaetDato marks a node expired.
 */
export class KleXmlReader {
  private readonly parser = new SaxesParser({ xmlns: false });
  private readonly stack: Open[] = [];
  private readonly path: string[] = [];
  private text = '';
  private readonly entries: KleEntry[] = [];
  private readonly today: string;

  constructor(today = new Date().toISOString().slice(0, 10)) {
    this.today = today;
    this.parser.on('opentag', (tag) => {
      this.path.push(tag.name);
      this.text = '';
      const level = levels[tag.name];
      if (level) this.stack.push({ level, code: '', title: '', description: [], keywords: [], expiredOn: null });
    });
    this.parser.on('text', (t) => {
      this.text += t;
    });
    this.parser.on('cdata', (t) => {
      this.text += t;
    });
    this.parser.on('closetag', (tag) => {
      this.path.pop();
      this.onClose(tag.name, this.text.trim());
      this.text = '';
    });
    this.parser.on('error', (error) => {
      throw new KleParseError(`KLE-XML kan ikke læses: ${error.message}`);
    });
  }

  private onClose(name: string, value: string): void {
    const top = this.stack.at(-1);
    if (levels[name]) {
      const node = this.stack.pop();
      if (!node) return;
      if (!node.code || !node.title) throw new KleParseError(`<${name}> uden nummer eller titel`);
      const parent = this.stack.at(-1);
      this.entries.push({
        code: node.code,
        level: node.level,
        title: node.title,
        parentCode: parent?.code ?? null,
        keywords: [...new Set(node.keywords)],
        description: node.description.length > 0 ? node.description.join('\n') : null,
        isActive: node.expiredOn === null || node.expiredOn > this.today,
      });
      return;
    }
    if (!top || value === '') return;
    const prefix = prefixes[top.level - 1];
    if (name === `${prefix}Nr`) top.code = value;
    else if (name === `${prefix}Titel`) top.title = value;
    else if (name === 'UdgaaetDato' && this.path.some((p) => p.startsWith(prefix ?? ''))) top.expiredOn = value;
    else if (/Stikord/i.test(name) && !/(ID|UUID|Dato)$/.test(name)) top.keywords.push(value);
    else if (this.path.some((p) => /Vejledning/i.test(p)) || /Vejledning/i.test(name))
      top.description.push(
        value
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
  }

  /** Feeds the next piece of the document. */
  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Ends the document and returns its nodes, sorted by code. */
  finish(): KleEntry[] {
    this.parser.close();
    if (this.stack.length > 0) throw new KleParseError('KLE-XML slutter midt i et element');
    return [...this.entries].sort((a, b) => a.code.localeCompare(b.code));
  }
}

/** Parses KLE-Online XML from a string or from a stream of chunks (a file read stream). */
export async function parseKleXml(source: string | AsyncIterable<string | Uint8Array>): Promise<KleEntry[]> {
  const reader = new KleXmlReader();
  if (typeof source === 'string') {
    reader.write(source.replace(/^\ufeff/, ''));
    return reader.finish();
  }
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first) text = text.replace(/^\ufeff/, '');
    first = false;
    reader.write(text);
  }
  reader.write(decoder.decode());
  return reader.finish();
}
