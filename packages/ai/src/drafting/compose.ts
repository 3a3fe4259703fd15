import type { Draft, DraftRequest, KnowledgeHit, StandardLetter } from '@ekspedit/core';
import { checkGrounding, type GroundingPassage } from '../grounding';
import { lix, plainLanguageHints } from '../knowledge';

/** A draft before checking: sentences with the chunk ids their writer cited. */
export interface ComposedDraft {
  sentences: { text: string; citedChunkIds: string[] }[];
  language: string;
  standardLetterId: string | null;
}

const danishMonths = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "2026-04-01" → "1. april 2026". */
export function danishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${danishMonths[(m ?? 1) - 1]} ${y}`;
}

/** The passages a draft may be grounded in: the retrieved chunks plus the standard letters offered. */
export function groundingSources(passages: readonly KnowledgeHit[], letters: readonly StandardLetter[]): GroundingPassage[] {
  return [
    ...passages.map((p) => ({ sourceId: p.sourceId, chunkId: p.chunkId, title: p.title, headingPath: p.headingPath, text: p.text, page: p.page })),
    ...letters.map((l) => ({
      sourceId: l.id,
      chunkId: `letter:${l.id}`,
      title: l.title,
      headingPath: '',
      text: l.body.replace(/\{\{[^}]+\}\}/g, ' '),
      page: null,
    })),
  ];
}

/** Values the case vouches for, which a draft may contain without a source. */
export function trustedValues(request: DraftRequest): string[] {
  const p = request.party;
  return [p?.name, p?.email, p?.phone, p?.address, request.caseNumber, request.today, danishDate(request.today)].filter(
    (v): v is string => !!v && v.trim().length >= 3,
  );
}

/** Joins sentences into the draft text: paragraphs break after greetings, list items and before the closing. */
export function joinSentences(sentences: readonly string[]): { text: string; spans: { text: string; start: number; end: number }[] } {
  let text = '';
  const spans: { text: string; start: number; end: number }[] = [];
  sentences.forEach((s, i) => {
    const prev = sentences[i - 1];
    const sep =
      i === 0
        ? ''
        : /^(kære|dear|hej|hi)\b/i.test(prev ?? '') ||
            /^[-•]/.test(s) ||
            /^[-•]/.test(prev ?? '') ||
            /^(med venlig hilsen|venlig hilsen|kind regards)/i.test(s) ||
            /^(med venlig hilsen|venlig hilsen|kind regards)/i.test(prev ?? '')
          ? '\n\n'
          : ' ';
    text += sep;
    spans.push({ text: s, start: text.length, end: text.length + s.length });
    text += s;
  });
  return { text, spans };
}

/** Checks a composed draft against its sources and returns the draft object every engine returns. */
export function finalizeDraft(
  composed: ComposedDraft,
  request: DraftRequest,
  meta: { engine: Draft['engine']; model: string | null; promptVersion: string; fallbackReason: string | null; usage: Draft['usage'] },
): Draft {
  const { text, spans } = joinSentences(composed.sentences.map((s) => s.text));
  const report = checkGrounding({
    text,
    sentences: spans,
    citedChunkIds: composed.sentences.map((s) => s.citedChunkIds),
    sources: groundingSources(request.passages, request.standardLetters),
    trusted: trustedValues(request),
  });
  return {
    engine: meta.engine,
    text,
    sentences: report.sentences.map((s) => ({ text: s.text, citations: s.citations, supported: s.supported, flags: s.flags, kind: s.kind })),
    lix: lix(text),
    language: composed.language,
    requestedLanguage: request.inquiry.language || 'da',
    standardLetterId: composed.standardLetterId,
    model: meta.model,
    promptVersion: meta.promptVersion,
    hints: plainLanguageHints(text),
    fallbackReason: meta.fallbackReason,
    usage: meta.usage,
  };
}
