import { formatMinutesDate } from '../minutes/docx';
import { getMemoTemplate } from './templates';
import { citationNumbers, citedSources } from './text';
import type { Memo } from './types';

export interface MemoDocxOptions {
  /** Who approved the text, in the chain's order ("Sagsbehandler: Sofie Winther"); empty: marked as a draft. */
  approvedBy?: readonly string[];
  municipality?: string;
}

/**
 * The memo as a Word document in the municipal format: the template's name, the title, date and
 * case number, each section under its title with footnote-style citation numbers, and the list of
 * cited sources at the end.
 */
export async function memoDocx(memo: Memo, options: MemoDocxOptions = {}): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const template = getMemoTemplate(memo.template);
  const numbers = citationNumbers(memo);
  const meta = (text: string) => new Paragraph({ children: [new TextRun({ text, color: '4B5563' })] });
  const children: InstanceType<typeof Paragraph>[] = [];
  if (options.municipality) children.push(meta(options.municipality));
  children.push(
    meta(template.name),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(memo.title)] }),
    meta(`Dato: ${memo.date ? formatMinutesDate(memo.date) : 'ikke oplyst'}`),
    meta(`Sagsnummer: ${memo.caseNumber ?? 'ikke oplyst'}`),
  );
  for (const section of memo.sections) {
    if (section.title) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.title)] }));
    if (section.sentences.length === 0) {
      children.push(new Paragraph({ children: [new TextRun({ text: 'Intet at bemærke.', italics: true })] }));
      continue;
    }
    let runs: InstanceType<typeof TextRun>[] = [];
    const flush = () => {
      if (runs.length) children.push(new Paragraph({ children: runs }));
      runs = [];
    };
    section.sentences.forEach((s, i) => {
      if (s.startsParagraph) flush();
      const cited = s.sourceIds.map((id) => numbers.get(id) ?? 0).filter((n) => n > 0);
      const ending = /[.!?:]+$/.exec(s.text)?.[0] ?? '';
      const body = s.text.slice(0, s.text.length - ending.length);
      runs.push(new TextRun(`${runs.length && i > 0 ? ' ' : ''}${body}`));
      if (cited.length) runs.push(new TextRun({ text: `[${cited.join(', ')}]`, superScript: true }));
      if (ending) runs.push(new TextRun(ending));
    });
    flush();
  }
  const sources = citedSources(memo);
  if (sources.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Kilder')] }));
    for (const s of sources) children.push(new Paragraph({ children: [new TextRun(`[${s.number}] ${s.title}`)] }));
  }
  children.push(
    new Paragraph({
      children: [
        new TextRun({
          text: options.approvedBy?.length ? `Godkendt af: ${options.approvedBy.join(' · ')}` : 'Udkast – endnu ikke godkendt.',
          italics: true,
        }),
      ],
    }),
  );
  const doc = new Document({ creator: 'Ekspedit', title: memo.title, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
