import { splitSentences } from '../grounding';
import { isStopword, stemDanish, tokenize } from '../text';
import { getMemoTemplate } from './templates';
import type { DraftMemoInput, MemoSection } from './types';

/** Bump on every change to the selection below; the usage log records it. */
export const OFFLINE_MEMO_VERSION = 'memo-offline@2026-05-01.1';

const maxPerSection = 3;
const maxSentenceLength = 500;
// Greetings and sign-offs carry no content for a memo, however many words they share with it.
const courtesy = /^(?:hej|kære|goddag|med venlig hilsen|venlig hilsen|mvh|tak for|på forhånd tak)\b/i;
// Words in nearly every municipal text, which would pull every sentence towards the sections that name them.
const memoStopStems = new Set(['forvaltning', 'kommun', 'sag']);

/** The Danish stems of a text's content words, once each. */
export function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.isPart || token.text.length < 2 || isStopword(token.text)) continue;
    const stem = stemDanish(token.text);
    if (!memoStopStems.has(stem)) out.add(stem);
  }
  return out;
}

interface Candidate {
  sourceId: string;
  sourceIndex: number;
  position: number;
  text: string;
  stems: Set<string>;
}

/** The sentences of the sources a memo may quote: whole, not greetings, with enough content words. */
function candidates(input: DraftMemoInput): Candidate[] {
  const out: Candidate[] = [];
  input.sources.forEach((source, sourceIndex) => {
    splitSentences(source.text).forEach((span, position) => {
      const text = span.text.replace(/\s+/g, ' ').trim();
      if (text.length > maxSentenceLength || courtesy.test(text)) return;
      const stems = contentStems(text);
      if (stems.size < 3) return;
      out.push({ sourceId: source.id, sourceIndex, position, text, stems });
    });
  });
  return out;
}

/**
 * The offline memo: for each section, the source sentences that share the most (rare) word stems
 * with the section's instruction and the memo's question, quoted verbatim and cited. Each sentence
 * is used once, in the section where it fits best; a section's sentences keep the sources' order.
 */
export function composeOfflineMemo(input: DraftMemoInput): MemoSection[] {
  const template = getMemoTemplate(input.template);
  const pool = candidates(input);
  const df = new Map<string, number>();
  for (const c of pool) for (const s of c.stems) df.set(s, (df.get(s) ?? 0) + 1);
  const idf = (stem: string) => Math.log(1 + pool.length / (df.get(stem) ?? 1));
  const question = contentStems(`${input.title} ${input.question}`);

  const pairs: { section: number; candidate: number; score: number }[] = [];
  template.sections.forEach((section, si) => {
    const wanted = contentStems(`${section.title} ${section.instruction}`);
    pool.forEach((c, ci) => {
      let sectionScore = 0;
      let questionScore = 0;
      let questionHits = 0;
      for (const stem of c.stems) {
        if (wanted.has(stem)) sectionScore += idf(stem);
        if (question.has(stem)) {
          questionScore += idf(stem);
          questionHits++;
        }
      }
      // A sentence sharing only one word with the question says little about it: it needs the section's words too.
      if (sectionScore === 0 && questionHits < 2) return;
      pairs.push({ section: si, candidate: ci, score: (2 * sectionScore + questionScore) / Math.sqrt(c.stems.size) });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.candidate - b.candidate);

  const used = new Set<number>();
  const chosen: number[][] = template.sections.map(() => []);
  for (const p of pairs) {
    const list = chosen[p.section];
    if (!list || used.has(p.candidate) || list.length >= maxPerSection) continue;
    list.push(p.candidate);
    used.add(p.candidate);
  }
  return template.sections.map((section, si) => ({
    id: section.id,
    title: section.title,
    sentences: (chosen[si] ?? [])
      .map((ci) => pool[ci] as Candidate)
      .sort((a, b) => a.sourceIndex - b.sourceIndex || a.position - b.position)
      .map((c) => ({ text: c.text, sourceIds: [c.sourceId], supported: true, flags: [] })),
  }));
}
