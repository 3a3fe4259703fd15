/**
 * A small streaming XML tag scanner for XES. XES documents are elements with attributes and almost
 * no text, and a large log is hundreds of megabytes of `<string key=… value=…/>`; a general parser
 * (saxes) spends most of its time on character-level state machines and on checks XES never needs.
 * This scanner jumps between `<`, `=` and quote characters with `indexOf`, so the V8 string search
 * does the work. It reports element starts (name and the `key` and `value` attributes) and ends, skips comments, processing
 * instructions, CDATA, DOCTYPE and text, decodes the five predefined entities and character
 * references in attribute values, and carries an unfinished tag over to the next chunk. It does not
 * check well-formedness beyond what it needs; `readXes(…, { parser: 'saxes' })` does.
 */

/** Receives the tags the scanner finds, with the two attributes XES uses (`key`, `value`). */
export interface TagHandler {
  open(name: string, key: string | undefined, value: string | undefined): void;
  close(name: string): void;
}

// Tag names are matched against constants (by length and first letter) instead of being sliced out
// of the text each time, which saves an allocation per element on logs with millions of elements.
const KNOWN_NAMES = new Map<number, string[]>();
for (const name of [
  'string',
  'date',
  'int',
  'float',
  'boolean',
  'id',
  'list',
  'container',
  'values',
  'event',
  'trace',
  'log',
  'global',
  'extension',
  'classifier',
]) {
  const slot = name.length * 128 + name.charCodeAt(0);
  KNOWN_NAMES.set(slot, [...(KNOWN_NAMES.get(slot) ?? []), name]);
}

function nameAt(text: string, start: number, end: number): string {
  const candidates = KNOWN_NAMES.get((end - start) * 128 + text.charCodeAt(start));
  if (candidates) for (const known of candidates) if (text.startsWith(known, start)) return known;
  return text.slice(start, end);
}

const TYPICAL = /<([a-z]+)\s+key="([^"&<]*)"\s+value="([^"&<]*)"\s*(\/?)>/y;

function isAttribute(text: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && text.startsWith(name, start);
}

/** Raised for input the scanner cannot make sense of. */
export class XmlScanError extends Error {}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (_, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10));
    }
  });
}

function isNameEnd(code: number): boolean {
  // whitespace, '/', '>', '='
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62 || code === 61;
}

/** Feeds chunks of an XML document and emits open/close tags to the handler. */
export class XmlScanner {
  private carry = '';
  constructor(private readonly handler: TagHandler) {}

  /** Scans the next piece of text; an unfinished construct at the end waits for the next chunk. */
  write(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.scan(text);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /** Ends the document; anything left unfinished is an error. */
  close(): void {
    if (this.carry.trim().length > 0) throw new XmlScanError('Unexpected end of document inside a tag');
  }

  /** Returns how far the text was fully processed. */
  private scan(text: string): number {
    const length = text.length;
    let pos = 0;
    for (;;) {
      const lt = text.indexOf('<', pos);
      if (lt < 0) return length;
      if (lt + 1 >= length) return lt;
      const next = text.charCodeAt(lt + 1);
      if (next === 47) {
        // </name>
        const gt = text.indexOf('>', lt + 2);
        if (gt < 0) return lt;
        let nameEnd = gt;
        while (nameEnd > lt + 2 && isNameEnd(text.charCodeAt(nameEnd - 1))) nameEnd--;
        this.handler.close(nameAt(text, lt + 2, nameEnd));
        pos = gt + 1;
        continue;
      }
      if (next === 63) {
        const end = text.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        pos = end + 2;
        continue;
      }
      if (next === 33) {
        if (text.startsWith('<!--', lt)) {
          const end = text.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          pos = end + 3;
        } else if (text.startsWith('<![CDATA[', lt)) {
          const end = text.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          pos = end + 3;
        } else {
          // DOCTYPE, possibly with an internal subset in brackets.
          const bracket = text.indexOf('[', lt);
          const gt = text.indexOf('>', lt);
          if (gt < 0) return lt;
          if (bracket >= 0 && bracket < gt) {
            const end = text.indexOf(']>', bracket);
            if (end < 0) return lt;
            pos = end + 2;
          } else pos = gt + 1;
        }
        continue;
      }
      const end = this.openTag(text, lt);
      if (end < 0) return lt;
      pos = end;
    }
  }

  /** Parses `<name attr="v" …>` or `…/>` at `lt`; returns the index after it, or -1 if unfinished. */
  private openTag(text: string, lt: number): number {
    // The common XES element, `<string key="k" value="v"/>`, in one native regular-expression match.
    TYPICAL.lastIndex = lt;
    const match = TYPICAL.exec(text);
    if (match) {
      const name = match[1] ?? '';
      this.handler.open(name, match[2], match[3]);
      if (match[4] === '/') this.handler.close(name);
      return TYPICAL.lastIndex;
    }
    const length = text.length;
    let i = lt + 1;
    while (i < length && !isNameEnd(text.charCodeAt(i))) i++;
    if (i >= length) return -1;
    const name = nameAt(text, lt + 1, i);
    let key: string | undefined;
    let value: string | undefined;
    for (;;) {
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
        i++;
      }
      if (i >= length) return -1;
      const c = text.charCodeAt(i);
      if (c === 62) {
        this.handler.open(name, key, value);
        return i + 1;
      }
      if (c === 47) {
        if (i + 1 >= length) return -1;
        if (text.charCodeAt(i + 1) !== 62) throw new XmlScanError(`Malformed tag <${name}>`);
        this.handler.open(name, key, value);
        this.handler.close(name);
        return i + 2;
      }
      const eq = text.indexOf('=', i);
      if (eq < 0) return -1;
      let nameEnd = eq;
      while (nameEnd > i && isNameEnd(text.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < length && text.charCodeAt(q) !== 34 && text.charCodeAt(q) !== 39) {
        const w = text.charCodeAt(q);
        if (w !== 32 && w !== 9 && w !== 10 && w !== 13) throw new XmlScanError(`Malformed attribute in <${name}>`);
        q++;
      }
      if (q >= length) return -1;
      const close = text.indexOf(text[q] as string, q + 1);
      if (close < 0) return -1;
      if (isAttribute(text, i, nameEnd, 'key')) key = decodeEntities(text.slice(q + 1, close));
      else if (isAttribute(text, i, nameEnd, 'value')) value = decodeEntities(text.slice(q + 1, close));
      i = close + 1;
    }
  }
}
