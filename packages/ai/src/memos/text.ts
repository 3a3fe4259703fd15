import { splitSentences } from '../grounding';
import { memoTemplates } from './templates';
import type { Memo, MemoSentence } from './types';

export const memoSourcesHeading = 'Kilder';
/** Written in a section the sources say nothing about: the person fills it in. */
export const emptySectionText = '(Kilderne siger intet om dette afsnit. Skrives af sagsbehandleren.)';

const marker = /\s*\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** Source id → citation number, numbered in the order the memo first cites them. */
export function citationNumbers(memo: Pick<Memo, 'sections'>): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const section of memo.sections) for (const s of section.sentences) for (const id of s.sourceIds) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  return numbers;
}

/** The sources the memo cites, in citation order. */
export function citedSources(memo: Pick<Memo, 'sections' | 'sources'>): { number: number; id: string; title: string }[] {
  return [...citationNumbers(memo)].map(([id, number]) => ({ number, id, title: memo.sources.find((s) => s.id === id)?.title ?? id }));
}

/** A sentence with its "[1, 2]" placed before the closing punctuation. */
export function citedSentence(text: string, numbers: readonly number[]): string {
  if (numbers.length === 0) return text;
  const mark = ` [${numbers.join(', ')}]`;
  const m = /^(.*?)([.!?:]*)$/s.exec(text);
  return m ? `${m[1]}${mark}${m[2]}` : `${text}${mark}`;
}

/**
 * The memo as the text a person edits and the approval chain signs: "## Indstilling" headings,
 * each sentence followed by its citation numbers, and the numbered source list under "## Kilder".
 */
export function memoToText(memo: Pick<Memo, 'sections' | 'sources'>): string {
  const numbers = citationNumbers(memo);
  const blocks = memo.sections.map((section) => {
    const body = section.sentences.length
      ? section.sentences
          .map((s) =>
            citedSentence(
              s.text,
              s.sourceIds.map((id) => numbers.get(id) ?? 0).filter((n) => n > 0),
            ),
          )
          .join(' ')
      : emptySectionText;
    return `## ${section.title}\n${body}`;
  });
  const cited = citedSources(memo);
  if (cited.length) blocks.push(`## ${memoSourcesHeading}\n${cited.map((s) => `[${s.number}] ${s.title}`).join('\n')}`);
  return blocks.join('\n\n');
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Reads a memo back from its (possibly edited) text, so the DOCX shows exactly what was approved.
 * Citation numbers are resolved through the text's own source list; `base` gives the template,
 * title and source ids of the drafted memo.
 */
export function parseMemoText(text: string, base: Omit<Memo, 'sections'>): Memo {
  const sections: Memo['sections'] = [];
  const numbered = new Map<number, { id: string; title: string }>();
  let current: Memo['sections'][number] | null = null;
  let inSources = false;
  let paragraph: string[] = [];
  const flush = () => {
    if (current && paragraph.length) {
      const joined = paragraph.join(' ').trim();
      splitSentences(joined).forEach((span, i) => {
        const numbers = [...span.text.matchAll(marker)].flatMap((m) => (m[1] ?? '').split(',').map((n) => Number(n.trim())));
        const sentence: MemoSentence = { text: span.text.replace(marker, '').trim(), sourceIds: numbers.map(String), supported: true, flags: [] };
        if (i === 0 && current && current.sentences.length > 0) sentence.startsParagraph = true;
        if (sentence.text && sentence.text !== emptySectionText) current?.sentences.push(sentence);
      });
    }
    paragraph = [];
  };
  const known = Object.values(memoTemplates).flatMap((t) => t.sections);
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^#{1,3}\s+(.+)$/.exec(line);
    if (heading) {
      flush();
      const title = (heading[1] ?? '').trim();
      inSources = title.toLowerCase() === memoSourcesHeading.toLowerCase();
      if (!inSources) {
        current = { id: known.find((s) => s.title === title)?.id ?? slug(title), title, sentences: [] };
        sections.push(current);
      } else current = null;
      continue;
    }
    if (inSources) {
      const entry = /^\[(\d+)\]\s*(.+)$/.exec(line);
      if (entry) {
        const title = (entry[2] ?? '').trim();
        numbered.set(Number(entry[1]), { id: base.sources.find((s) => s.title === title)?.id ?? `source-${entry[1]}`, title });
      }
      continue;
    }
    if (!line) flush();
    else {
      // Text before the first heading still belongs in the memo.
      if (!current) {
        current = { id: 'indledning', title: '', sentences: [] };
        sections.push(current);
      }
      paragraph.push(line);
    }
  }
  flush();
  for (const section of sections)
    for (const s of section.sentences) s.sourceIds = s.sourceIds.map((n) => numbered.get(Number(n))?.id).filter((id): id is string => !!id);
  const sources = [...numbered.values()];
  for (const s of base.sources) if (!sources.some((x) => x.id === s.id)) sources.push(s);
  return { ...base, sections, sources };
}
