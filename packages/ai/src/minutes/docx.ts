import { months } from '../grounding';
import type { Minutes } from './types';

// The first twelve keys are the full month names, January to December.
const monthNames = Object.keys(months).slice(0, 12);

/** "2026-03-12" → "12. marts 2026". */
export function formatMinutesDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}. ${monthNames[(m ?? 1) - 1] ?? ''} ${y}`;
}

/**
 * The minutes as a Word document in the municipal format: a heading with the meeting and date,
 * attendees and apologies, the numbered points each with its account, "Beslutning:" and votes, and
 * one table of action points (point, what, who, deadline).
 */
export async function renderMinutesDocx(minutes: Minutes): Promise<Uint8Array> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const labelled = (label: string, value: string) => new Paragraph({ children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(value)] });
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Referat: ${minutes.meeting}`)] }),
    labelled('Dato:', minutes.date ? formatMinutesDate(minutes.date) : 'ikke oplyst'),
    labelled('Deltagere:', minutes.attendees.join(', ') || 'ikke oplyst'),
    labelled('Afbud:', minutes.absent.join(', ') || 'ingen'),
  ];
  for (const item of minutes.items) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${item.number}. ${item.title}`)] }));
    if (item.summary) children.push(new Paragraph({ children: [new TextRun(item.summary)] }));
    children.push(labelled('Beslutning:', item.decision ?? (item.discussed.length ? 'Ingen beslutning.' : 'Punktet blev ikke behandlet.')));
    if (item.votes) children.push(labelled('Afstemning:', `For: ${item.votes.for}, imod: ${item.votes.against}, undlod: ${item.votes.abstained}.`));
  }
  const actions = minutes.items.flatMap((item) => item.actions.map((a) => ({ item: item.number, ...a })));
  if (actions.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Opfølgning')] }));
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: ['Punkt', 'Hvad', 'Hvem', 'Frist'].map((h) => cell(h, true)) }),
          ...actions.map(
            (a) => new TableRow({ children: [cell(String(a.item)), cell(a.what), cell(a.who ?? ''), cell(a.due ? formatMinutesDate(a.due) : '')] }),
          ),
        ],
      }),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.LEFT,
      children: [
        new TextRun({ text: 'Udkast til referat, lavet af Ekspedit ud fra dagsorden og udskrift. Læses og godkendes af mødets referent.', italics: true }),
      ],
    }),
  );
  const doc = new Document({ creator: 'Ekspedit', title: `Referat: ${minutes.meeting}`, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
