/**
 * A small PDF writer for tests: A4 pages of real text (Helvetica and Helvetica-Bold, the standard
 * Type1 fonts every reader has, with WinAnsiEncoding so æ, ø, å, é and § survive), with running
 * headers, page-number footers, headings and wrapped paragraphs laid out like a municipal report.
 * No compression and no embedded fonts: what a text extractor must read, nothing else.
 */

/** One block on a page, in reading order. */
export type PdfBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string };

export interface PdfPage {
  blocks: PdfBlock[];
  /** Small text at the top of the page (a running header). */
  header?: string;
  /** Small text at the bottom of the page (e.g. "Side 3 af 80"). */
  footer?: string;
}

// Page geometry in points (A4), body and heading type.
const page = { width: 595, height: 842, left: 64, right: 64, top: 790, bottom: 64 };
const body = { size: 10, leading: 13, gapAfter: 7 };
const heading = { size: 13, leading: 16, gapBefore: 8, gapAfter: 4 };

// Helvetica advance widths (per 1000 em) for ASCII 32–126, from the Adobe font metrics.
const asciiWidths = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];
const latinWidths: Record<string, number> = {
  æ: 889,
  ø: 611,
  å: 556,
  Æ: 1000,
  Ø: 778,
  Å: 667,
  é: 556,
  É: 667,
  ü: 556,
  ö: 556,
  ä: 556,
  '§': 556,
  '–': 556,
  '—': 1000,
};

/** Width of a text in points at a font size (bold is about 5 % wider than regular Helvetica). */
export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    w += code >= 32 && code <= 126 ? (asciiWidths[code - 32] ?? 556) : (latinWidths[ch] ?? 556);
  }
  return (w / 1000) * size * (bold ? 1.05 : 1);
}

/** Greedy word wrap to a width in points. */
export function wrapText(text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

// WinAnsiEncoding: Latin-1 for most, with typographic punctuation in 0x80–0x9F.
const winAnsiExtras: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97 };

/** A PDF string literal in WinAnsi bytes, as a latin1 JS string (one char per byte). */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = winAnsiExtras[ch] ?? ch.charCodeAt(0);
    const byte = code <= 0xff ? code : 0x3f;
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return `${out})`;
}

/** A text string outside content streams (document information) as UTF-16BE with a byte-order mark. */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** The lines a page's blocks take, with positions; throws when the content does not fit. */
export function layoutPage(p: PdfPage): { text: string; x: number; y: number; size: number; bold: boolean }[] {
  const width = page.width - page.left - page.right;
  const out: { text: string; x: number; y: number; size: number; bold: boolean }[] = [];
  let y = page.top;
  for (const [i, block] of p.blocks.entries()) {
    if (block.kind === 'heading') {
      if (i > 0) y -= heading.gapBefore;
      for (const line of wrapText(block.text, heading.size, width, true)) {
        out.push({ text: line, x: page.left, y, size: heading.size, bold: true });
        y -= heading.leading;
      }
      y -= heading.gapAfter;
    } else {
      for (const line of wrapText(block.text, body.size, width)) {
        out.push({ text: line, x: page.left, y, size: body.size, bold: false });
        y -= body.leading;
      }
      y -= body.gapAfter;
    }
  }
  if (y + body.leading < page.bottom) throw new Error(`The page content does not fit (${out.length} lines)`);
  return out;
}

/** Does the content fit on one page? */
export function fitsOnPage(p: PdfPage): boolean {
  try {
    layoutPage(p);
    return true;
  } catch {
    return false;
  }
}

/** Writes a PDF with one page per entry. `title` goes to the document information dictionary. */
export function textPdf(pages: readonly PdfPage[], options: { title?: string } = {}): Uint8Array {
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Producer (Ekspedit test support)${options.title ? ` /Title ${pdfTextString(options.title)}` : ''} >>`;
  const pageIds: number[] = [];
  let next = 6;
  for (const p of pages) {
    const ops: string[] = [];
    const show = (text: string, x: number, y: number, size: number, bold: boolean) =>
      ops.push(`BT /${bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${pdfString(text)} Tj ET`);
    if (p.header) show(p.header, page.left, page.height - 36, 8, false);
    for (const l of layoutPage(p)) show(l.text, l.x, l.y, l.size, l.bold);
    if (p.footer) show(p.footer, (page.width - textWidth(p.footer, 8)) / 2, 30, 8, false);
    const stream = ops.join('\n');
    const contentId = next++;
    const pageId = next++;
    objects[contentId] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>`;
    pageIds.push(pageId);
  }
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  // Every string above is one char per byte, so string lengths are byte offsets.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
