import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { winAnsiSafe, wrapText } from './pdf-text';

// The measured-value report as documents and CSV. The figures come from packages/mining's
// measurement engine; this module only lays them out, so it knows the engine's `Estimate` by shape
// (ai does not depend on mining) and nothing about how a figure was computed.

/** A figure with its 95 % interval and how many cases it rests on (the shape of mining's `Estimate`). */
export interface ReportEstimate {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export type ReportCell = string | number | ReportEstimate | null;

/** One column of a report table; an estimate column becomes four columns in CSV (value, low, high, n). */
export interface ReportColumn {
  header: string;
  kind: 'text' | 'number' | 'estimate';
  /** Decimals shown (default 1). */
  decimals?: number;
  /** Numbers are multiplied by this before they are shown (100 for a share shown in percent). */
  scale?: number;
}

/** A table of the report: the same rows serve the dashboard's CSV export and the documents. */
export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Fewest cases behind an estimate before it is shown as "for få data" in the documents (default 0: always shown). */
  minN?: number;
}

/** The monthly report: a title, a few lines about what was measured, headline figures and sections. */
export interface MonthlyReport {
  municipality: string;
  title: string;
  /** Lines under the title: period, baseline, scope, when it was made. */
  meta: string[];
  /** Headline figures, already formatted ("87 timer (95 % KI 12–160; n = 93)"). */
  highlights: { label: string; value: string }[];
  sections: { heading: string; paragraphs: string[]; bullets?: string[]; tables: ReportTable[] }[];
}

/** A number in Danish notation (1.234,5), or "–" when there is none. */
export function formatDanishNumber(value: number | null, decimals = 1): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString('da-DK', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * An estimate as people read it: "1,9 (95 % KI 1,7–2,1; n = 110)", "for få data (n = 12)" below
 * `minN`, "ingen data" with nothing to go on.
 */
export function formatReportEstimate(e: ReportEstimate, options: { decimals?: number; scale?: number; suffix?: string; minN?: number } = {}): string {
  const decimals = options.decimals ?? 1;
  const scale = options.scale ?? 1;
  const suffix = options.suffix ?? '';
  if (e.value === null || e.n === 0) return 'ingen data';
  if (options.minN && e.n < options.minN) return `for få data (n = ${e.n})`;
  const f = (v: number) => formatDanishNumber(v * scale, decimals);
  if (e.low === null || e.high === null) return `${f(e.value)}${suffix} (n = ${e.n})`;
  return `${f(e.value)}${suffix} (95 % KI ${f(e.low)} – ${f(e.high)}; n = ${e.n})`;
}

function isEstimate(cell: ReportCell): cell is ReportEstimate {
  return typeof cell === 'object' && cell !== null && 'n' in cell;
}

function cellText(cell: ReportCell, column: ReportColumn, minN: number): string {
  if (cell === null) return '–';
  if (isEstimate(cell)) return formatReportEstimate(cell, { decimals: column.decimals, scale: column.scale, minN });
  if (typeof cell === 'number') {
    if (column.kind === 'text') return String(cell);
    // A count in an estimate column (cases received) is exact: no decimals, no interval.
    if (column.kind === 'estimate' && Number.isInteger(cell)) return formatDanishNumber(cell, 0);
    return formatDanishNumber(cell * (column.scale ?? 1), column.decimals ?? 1);
  }
  return cell;
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

function csvNumber(value: number | null, column: ReportColumn): string {
  if (value === null || !Number.isFinite(value)) return '';
  // Full precision but no float noise; decimal comma for Danish spreadsheets.
  const scaled = value * (column.scale ?? 1);
  return String(Number(scaled.toFixed(Math.max(column.decimals ?? 1, 4)))).replace('.', ',');
}

/** One cell of a Danish CSV (`;`-separated): quoted when it holds a separator, a quote or a line break. */
export const csvEscape = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * A report table as CSV that Danish spreadsheets open directly: a UTF-8 byte-order mark, `;` between
 * cells, decimal comma; an estimate column becomes its value, lower and upper 95 % limit, and n.
 */
export function reportTableCsv(table: ReportTable): string {
  const header = table.columns.flatMap((c) =>
    c.kind === 'estimate' ? [c.header, `${c.header} – nedre grænse (95 %)`, `${c.header} – øvre grænse (95 %)`, `${c.header} – n`] : [c.header],
  );
  const lines = [header.map(csvEscape).join(';')];
  for (const row of table.rows) {
    const cells = table.columns.flatMap((c, i) => {
      const cell = row[i] ?? null;
      if (c.kind === 'estimate') {
        if (typeof cell === 'number') return [String(cell), '', '', ''];
        if (!isEstimate(cell)) return ['', '', '', ''];
        return [csvNumber(cell.value, c), csvNumber(cell.low, c), csvNumber(cell.high, c), String(cell.n)];
      }
      if (cell === null || isEstimate(cell)) return [''];
      if (typeof cell === 'number') return [c.kind === 'text' ? String(cell) : csvNumber(cell, c)];
      return [csvEscape(cell)];
    });
    lines.push(cells.join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ── DOCX ─────────────────────────────────────────────────────────────────────────────────────

function docxTable(table: ReportTable): (Paragraph | Table)[] {
  const minN = table.minN ?? 0;
  const cell = (text: string, isHeader: boolean, isNumeric: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: isNumeric && !isHeader ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: isHeader, size: 18 })],
        }),
      ],
    });
  const header = new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c.header, true, false)) });
  const rows = table.rows.map(
    (row) => new TableRow({ children: table.columns.map((c, i) => cell(cellText(row[i] ?? null, c, minN), false, c.kind !== 'text')) }),
  );
  return [
    new Paragraph({ text: table.title, heading: HeadingLevel.HEADING_3 }),
    table.rows.length > 0
      ? new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] })
      : new Paragraph({ children: [new TextRun({ text: 'Ingen rækker.', italics: true })] }),
    new Paragraph({ text: '' }),
  ];
}

/** The monthly report as DOCX: headings, the conclusions in words and every table with intervals and n. */
export async function monthlyReportDocx(report: MonthlyReport): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: report.municipality, color: '4B5563' })] }),
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    ...report.meta.map((m) => new Paragraph({ children: [new TextRun({ text: m, color: '4B5563' })] })),
  ];
  if (report.highlights.length > 0) {
    children.push(new Paragraph({ text: 'Hovedtal', heading: HeadingLevel.HEADING_1 }));
    for (const h of report.highlights) children.push(new Paragraph({ children: [new TextRun({ text: `${h.label}: `, bold: true }), new TextRun(h.value)] }));
  }
  for (const s of report.sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ text: p }));
    for (const b of s.bullets ?? []) children.push(new Paragraph({ text: b, bullet: { level: 0 } }));
    for (const t of s.tables) children.push(...docxTable(t));
  }
  const doc = new Document({ creator: report.municipality, title: report.title, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ── PDF ──────────────────────────────────────────────────────────────────────────────────────

/** The monthly report as PDF (A4, Helvetica): the same content as the DOCX, tables drawn with wrapped cells. */
export async function monthlyReportPdf(report: MonthlyReport): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsiSafe(report.title));
  pdf.setAuthor(winAnsiSafe(report.municipality));
  pdf.setLanguage('da-DK');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [w, h] = [595.28, 841.89];
  const margin = 48;
  const width = w - 2 * margin;
  const grey = rgb(0.29, 0.33, 0.39);
  let page: PDFPage = pdf.addPage([w, h]);
  let y = h - margin;
  const room = (needed: number) => {
    if (y - needed < margin) {
      page = pdf.addPage([w, h]);
      y = h - margin;
    }
  };
  const text = (value: string, options: { font?: PDFFont; size?: number; gap?: number; indent?: number; color?: ReturnType<typeof rgb> } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    y -= options.gap ?? 4;
    for (const line of wrapText(winAnsiSafe(value), font, size, width - indent)) {
      room(size * 1.35);
      y -= size * 1.35;
      page.drawText(line, { x: margin + indent, y, size, font, color: options.color });
    }
  };
  const table = (t: ReportTable) => {
    const minN = t.minN ?? 0;
    const size = 7.5;
    const line = size * 1.3;
    const pad = 3;
    // Estimate columns carry the most text; give them twice the width of the others.
    const weights = t.columns.map((c) => (c.kind === 'estimate' ? 2 : c.kind === 'text' ? 1.3 : 1));
    const total = weights.reduce((s, x) => s + x, 0);
    const widths = weights.map((x) => (x / total) * width);
    const drawRow = (cells: string[], font: PDFFont, shade: boolean) => {
      const wrapped = cells.map((c, i) => wrapText(winAnsiSafe(c), font, size, (widths[i] ?? 40) - 2 * pad));
      const height = Math.max(...wrapped.map((l) => l.length)) * line + 2 * pad;
      room(height);
      if (shade) page.drawRectangle({ x: margin, y: y - height, width, height, color: rgb(0.93, 0.95, 0.96) });
      let x = margin;
      wrapped.forEach((lines, i) => {
        lines.forEach((l, k) => {
          page.drawText(l, { x: x + pad, y: y - pad - (k + 1) * line + 2, size, font });
        });
        x += widths[i] ?? 0;
      });
      y -= height;
      page.drawLine({ start: { x: margin, y }, end: { x: margin + width, y }, thickness: 0.4, color: rgb(0.79, 0.82, 0.85) });
    };
    text(t.title, { font: bold, size: 11, gap: 10 });
    y -= 4;
    if (t.rows.length === 0) {
      text('Ingen rækker.', { size: 9 });
      return;
    }
    drawRow(
      t.columns.map((c) => c.header),
      bold,
      true,
    );
    for (const row of t.rows)
      drawRow(
        t.columns.map((c, i) => cellText(row[i] ?? null, c, minN)),
        regular,
        false,
      );
  };

  text(report.municipality, { size: 9, color: grey, gap: 0 });
  text(report.title, { font: bold, size: 18, gap: 6 });
  for (const m of report.meta) text(m, { size: 9, color: grey, gap: 2 });
  if (report.highlights.length > 0) {
    text('Hovedtal', { font: bold, size: 14, gap: 14 });
    for (const hl of report.highlights) text(`${hl.label}: ${hl.value}`, { size: 10, gap: 3 });
  }
  for (const s of report.sections) {
    text(s.heading, { font: bold, size: 14, gap: 16 });
    for (const p of s.paragraphs) text(p, { size: 10, gap: 5 });
    for (const b of s.bullets ?? []) text(`-  ${b}`, { size: 9.5, gap: 4, indent: 6 });
    for (const t of s.tables) table(t);
  }
  return pdf.save();
}
