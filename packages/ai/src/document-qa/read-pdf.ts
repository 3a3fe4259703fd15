import type { RawBlock, RawPage } from './types';

/** A positioned run of text, as pdf.js reports it (`getTextContent().items`). */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e, f is the baseline origin; the font size is the length of (c, d). */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/** One line of a page: runs on the same baseline joined. */
export interface PdfLine {
  text: string;
  x: number;
  xEnd: number;
  y: number;
  size: number;
}

const sizeOf = (item: PdfTextItem) => Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height || 10;

/** Joins text runs into lines: runs on (nearly) the same baseline, left to right, belong together. */
export function linesFromItems(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  for (const item of items) {
    if (!item.str) continue;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = sizeOf(item);
    const cur = lines.at(-1);
    if (cur && Math.abs(cur.y - y) <= Math.max(cur.size, size) * 0.4 && x >= cur.xEnd - size) {
      // A visible gap between runs is a space the PDF did not write as a character.
      if (x - cur.xEnd > size * 0.15 && !cur.text.endsWith(' ') && !item.str.startsWith(' ')) cur.text += ' ';
      cur.text += item.str;
      cur.xEnd = Math.max(cur.xEnd, x + item.width);
      cur.size = Math.max(cur.size, size);
    } else lines.push({ text: item.str, x, xEnd: x + item.width, y, size });
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text.length > 0);
}

/** The lower quartile: line spacing inside paragraphs is the small gap, whatever the share of paragraph gaps. */
const lowerQuartile = (values: number[]): number | null => {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 4)] ?? null;
};

/** The body text size of a page: the size most characters are set in. */
function bodySizeOf(lines: readonly PdfLine[]): number {
  const bySize = new Map<number, number>();
  for (const l of lines) bySize.set(Math.round(l.size * 2) / 2, (bySize.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  let best = 10;
  let most = -1;
  for (const [size, chars] of bySize)
    if (chars > most) {
      best = size;
      most = chars;
    }
  return best;
}

/** Joins the lines of a paragraph, undoing end-of-line hyphenation ("vej-" + "nettet"). */
function joinLines(lines: readonly PdfLine[]): string {
  let text = '';
  for (const l of lines) {
    if (!text) text = l.text;
    else if (/\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(l.text)) text = text.slice(0, -1) + l.text;
    else text += ` ${l.text}`;
  }
  return text;
}

/**
 * Groups a page's lines into headings and paragraphs from the layout alone: a larger type size is
 * a heading; a vertical gap clearly above the line spacing, an indented first line, or a short
 * line ending a sentence starts a new paragraph. A lone short line at the very top or bottom in
 * smaller type (or far from the text) is marked as an edge: a running header or a page number.
 */
export function blocksFromLines(lines: readonly PdfLine[]): RawBlock[] {
  if (!lines.length) return [];
  const body = bodySizeOf(lines);
  const bodyLines = lines.filter((l) => Math.abs(l.size - body) < 0.5);
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as PdfLine;
    const b = lines[i] as PdfLine;
    const dy = a.y - b.y;
    if (Math.abs(a.size - body) < 0.5 && Math.abs(b.size - body) < 0.5 && dy > 0 && dy < body * 2.5) gaps.push(dy);
  }
  const leading = lowerQuartile(gaps) ?? body * 1.25;
  const left = Math.min(...bodyLines.map((l) => l.x));
  const right = Math.max(...bodyLines.map((l) => l.xEnd));
  const isHeadingSize = (l: PdfLine) => l.size >= body * 1.15;

  const groups: PdfLine[][] = [];
  for (const [i, line] of lines.entries()) {
    const prev = lines[i - 1];
    const cur = groups.at(-1);
    let fresh = !prev || !cur;
    if (prev && cur) {
      const dy = prev.y - line.y;
      if (dy <= 0 || dy > Math.max(leading, line.size * 1.1) * 1.35) fresh = true;
      else if (isHeadingSize(prev) !== isHeadingSize(line) || Math.abs(prev.size - line.size) > 1) fresh = true;
      else if (!isHeadingSize(line)) {
        const indented = line.x - left > body * 0.8 && prev.x - left < body * 0.3;
        const endsSentence = /[.!?:]["”»)]?$/.test(prev.text);
        const shortLine = prev.xEnd < right - (right - left) * 0.2;
        if (endsSentence && (indented || (shortLine && /^[\p{Lu}\d§•–-]/u.test(line.text)))) fresh = true;
      }
    }
    if (fresh) groups.push([line]);
    else cur?.push(line);
  }

  const blocks: RawBlock[] = groups.map((g) => {
    const first = g[0] as PdfLine;
    const text = joinLines(g);
    if (isHeadingSize(first) && text.length <= 160) return { kind: 'heading', level: first.size >= body * 1.5 ? 1 : 2, text };
    return { kind: 'paragraph', text };
  });
  // Edges: a lone line in small type, or set well apart from the text, at the top or bottom.
  const isEdge = (g: PdfLine[], neighbour: PdfLine | undefined) => {
    const l = g[0] as PdfLine;
    if (g.length !== 1 || l.text.length > 100) return false;
    return l.size < body * 0.95 || (neighbour !== undefined && Math.abs(l.y - neighbour.y) > leading * 2.5);
  };
  const firstGroup = groups[0] as PdfLine[];
  const lastGroup = groups.at(-1) as PdfLine[];
  if (groups.length > 1 && isEdge(firstGroup, groups[1]?.[0])) (blocks[0] as RawBlock).edge = 'top';
  if (groups.length > 1 && isEdge(lastGroup, groups.at(-2)?.at(-1))) (blocks.at(-1) as RawBlock).edge = 'bottom';
  return blocks;
}

/** An open PDF whose pages are read one at a time, so reading can stop and resume between pages. */
export interface PdfPages {
  pageCount: number;
  /** The title in the document information, if any. */
  title: string | null;
  readPage(pageNumber: number): Promise<RawPage>;
  close(): Promise<void>;
}

/** Opens a PDF with pdf.js (through unpdf). */
export async function openPdfPages(content: Uint8Array): Promise<PdfPages> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of the buffer it is given; a copy keeps the caller's bytes intact.
  const pdf = await getDocumentProxy(new Uint8Array(content));
  let title: string | null = null;
  try {
    const meta = await pdf.getMetadata();
    const t = (meta.info as { Title?: unknown } | undefined)?.Title;
    if (typeof t === 'string' && t.trim()) title = t.trim();
  } catch {
    // No document information: the title comes from the first heading or the file name.
  }
  return {
    pageCount: pdf.numPages,
    title,
    async readPage(n) {
      const page = await pdf.getPage(n);
      try {
        const content = await page.getTextContent();
        const items = content.items.filter((i): i is typeof i & PdfTextItem => 'str' in i);
        return { blocks: blocksFromLines(linesFromItems(items)) };
      } finally {
        page.cleanup();
      }
    },
    close: () => pdf.destroy(),
  };
}
