import { checkGrounding, type GroundingPassage, type SentenceSpan, splitSentences } from '../grounding';
import type { DocumentSet } from './index-document-set';
import type { PromptPassage } from './prompt';
import type { AnswerCitation, AnswerFlag, AnswerSentence, DocumentParagraph } from './types';

const byId = new WeakMap<DocumentSet, Map<string, number>>();

/** The position of each paragraph id in the set (built once per set). */
export function paragraphIndexes(set: DocumentSet): Map<string, number> {
  let m = byId.get(set);
  if (!m) {
    m = new Map(set.paragraphs.map((p, i) => [p.id, i]));
    byId.set(set, m);
  }
  return m;
}

const titleOf = (set: DocumentSet, document: string) => set.documents.find((d) => d.document === document)?.title ?? document;

/** A paragraph as a grounding passage: its id is the chunk id, its document the source. */
export function passageFor(set: DocumentSet, pi: number): GroundingPassage {
  const p = set.paragraphs[pi] as DocumentParagraph;
  return { sourceId: p.document, chunkId: p.id, title: titleOf(set, p.document), headingPath: p.heading, text: p.text, page: p.page };
}

/** A paragraph as the model sees it: "rapport.pdf, side 3, afsnit 2 › 3.2 Vintertjeneste". */
export function promptPassageFor(set: DocumentSet, pi: number): PromptPassage {
  const p = set.paragraphs[pi] as DocumentParagraph;
  return { label: `${p.document}, side ${p.page}, afsnit ${p.paragraph}${p.heading ? ` › ${p.heading}` : ''}`, text: p.text };
}

/** The sentence of a paragraph that shares the most terms with a text. */
export function bestQuote(set: DocumentSet, pi: number, text: string): string {
  const p = set.paragraphs[pi] as DocumentParagraph;
  const want = set.index.termSet(text);
  let best = p.text;
  let bestScore = -1;
  for (const s of splitSentences(p.text)) {
    let score = 0;
    for (const t of set.index.termSet(s.text)) if (want.has(t)) score += set.index.idf(t);
    if (score > bestScore) {
      best = s.text;
      bestScore = score;
    }
  }
  return best;
}

/** The citation of a paragraph with the quoted sentence. */
export function citationFor(set: DocumentSet, pi: number, quote: string): AnswerCitation {
  const p = set.paragraphs[pi] as DocumentParagraph;
  const pagination = set.documents.find((d) => d.document === p.document)?.pagination ?? 'pdf';
  return { document: p.document, title: titleOf(set, p.document), page: p.page, paragraph: p.paragraph, pagination, heading: p.heading, quote };
}

/** A sentence as written by an engine, with the paragraphs it claims to rest on. */
export interface DraftSentence {
  text: string;
  paragraphs: number[];
}

/**
 * Checks drafted sentences with the grounding check against the paragraphs they could rest on,
 * and cites for each sentence the paragraphs that support it: those it cited and the check
 * confirmed, else the one the check found, else (flagged) the ones it cited.
 */
export function groundDraft(
  set: DocumentSet,
  draft: readonly DraftSentence[],
  sources: readonly number[],
): { sentences: AnswerSentence[]; citations: AnswerCitation[]; answer: string } {
  const spans: SentenceSpan[] = [];
  let answer = '';
  for (const d of draft) {
    if (answer) answer += ' ';
    spans.push({ text: d.text, start: answer.length, end: answer.length + d.text.length });
    answer += d.text;
  }
  const allSources = [...new Set([...sources, ...draft.flatMap((d) => d.paragraphs)])];
  const report = checkGrounding({
    text: answer,
    sentences: spans,
    sources: allSources.map((pi) => passageFor(set, pi)),
    citedChunkIds: draft.map((d) => d.paragraphs.map((pi) => set.paragraphs[pi]?.id ?? '')),
  });
  const ids = paragraphIndexes(set);
  const citations: AnswerCitation[] = [];
  const citationKeys = new Map<string, number>();
  const cite = (pi: number, quote: string) => {
    const key = `${pi}|${quote}`;
    let at = citationKeys.get(key);
    if (at === undefined) {
      at = citations.length;
      citations.push(citationFor(set, pi, quote));
      citationKeys.set(key, at);
    }
    return at;
  };
  const sentences = draft.map((d, i): AnswerSentence => {
    const g = report.sentences[i];
    if (!g || g.kind === 'courtesy') return { text: d.text, supported: g?.supported ?? true, flags: g?.flags ?? [], citations: [] };
    const found = g.citations.map((c) => ({ pi: ids.get(c.chunkId) ?? -1, excerpt: c.excerpt })).filter((c) => c.pi >= 0);
    const confirmed = found.filter((c) => d.paragraphs.includes(c.pi));
    const chosen = confirmed.length ? confirmed : found.length ? found.slice(0, 1) : d.paragraphs.map((pi) => ({ pi, excerpt: bestQuote(set, pi, d.text) }));
    return { text: d.text, supported: g.supported, flags: g.flags, citations: chosen.map((c) => cite(c.pi, c.excerpt || bestQuote(set, c.pi, d.text))) };
  });
  return { sentences, citations, answer };
}

/** Flags the set itself puts on every answer: files that could not be searched. */
export function setFlags(set: DocumentSet): AnswerFlag[] {
  const flags: AnswerFlag[] = [];
  if (set.documents.some((d) => d.status === 'unreadable')) flags.push('documents_unreadable');
  if (set.documents.some((d) => d.status === 'no_text')) flags.push('documents_without_text');
  return flags;
}
