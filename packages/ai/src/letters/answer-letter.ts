import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { winAnsiSafe, wrapText } from './pdf-text';

/** An answer letter: to whom, about what, the questions asked and the approved answer. */
export interface AnswerLetter {
  municipality: string;
  sender: string;
  recipient: string;
  /** The recipient's role line, e.g. "Medlem af Teknik- og Miljøudvalget". */
  recipientLine: string | null;
  caseNumber: string;
  /** YYYY-MM-DD. */
  date: string;
  subject: string;
  questions: string[];
  answer: string;
  /** Who approved it, in order ("Sagsbehandler: Sofie Winther"). */
  approvedBy: string[];
}

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const danishDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${months[(m ?? 1) - 1]} ${y}`;
};

/** The letter's text blocks in reading order; DOCX and PDF are two renderings of the same blocks. */
function blocks(l: AnswerLetter): { kind: 'title' | 'heading' | 'meta' | 'text'; text: string }[] {
  const out: { kind: 'title' | 'heading' | 'meta' | 'text'; text: string }[] = [
    { kind: 'meta', text: l.municipality },
    { kind: 'meta', text: l.sender },
    { kind: 'meta', text: `Sagsnummer ${l.caseNumber} · ${danishDate(l.date)}` },
    { kind: 'meta', text: `Til ${l.recipient}${l.recipientLine ? `, ${l.recipientLine}` : ''}` },
    { kind: 'title', text: l.subject },
  ];
  if (l.questions.length > 0) {
    out.push({ kind: 'heading', text: 'Spørgsmål' });
    l.questions.forEach((q, i) => {
      out.push({ kind: 'text', text: l.questions.length > 1 ? `${i + 1}. ${q}` : q });
    });
  }
  out.push({ kind: 'heading', text: 'Svar' });
  for (const para of l.answer.split(/\n{2,}/)) if (para.trim()) out.push({ kind: 'text', text: para.trim() });
  if (l.approvedBy.length > 0) out.push({ kind: 'meta', text: `Godkendt af: ${l.approvedBy.join(' · ')}` });
  return out;
}

/** The answer letter as DOCX. */
export async function answerLetterDocx(letter: AnswerLetter): Promise<Uint8Array> {
  const children = blocks(letter).map((b) => {
    if (b.kind === 'title') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_1 });
    if (b.kind === 'heading') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 });
    if (b.kind === 'meta') return new Paragraph({ children: [new TextRun({ text: b.text, color: '4B5563' })] });
    return new Paragraph({ children: b.text.split('\n').flatMap((line, i) => (i === 0 ? [new TextRun(line)] : [new TextRun({ text: line, break: 1 })])) });
  });
  const doc = new Document({ creator: letter.sender, title: letter.subject, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The answer letter as PDF (A4, Helvetica). */
export async function answerLetterPdf(letter: AnswerLetter): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsiSafe(letter.subject));
  pdf.setAuthor(winAnsiSafe(letter.sender));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [w, h] = [595.28, 841.89];
  const margin = 64;
  let page = pdf.addPage([w, h]);
  let y = h - margin;
  for (const b of blocks(letter)) {
    const font = b.kind === 'title' || b.kind === 'heading' ? bold : regular;
    const size = b.kind === 'title' ? 16 : b.kind === 'heading' ? 13 : b.kind === 'meta' ? 9.5 : 11;
    const gap = b.kind === 'title' || b.kind === 'heading' ? 10 : 6;
    y -= gap;
    for (const line of wrapText(winAnsiSafe(b.text), font, size, w - 2 * margin)) {
      if (y < margin + size) {
        page = pdf.addPage([w, h]);
        y = h - margin;
      }
      y -= size * 1.35;
      page.drawText(line, { x: margin, y, size, font });
    }
  }
  return pdf.save();
}
