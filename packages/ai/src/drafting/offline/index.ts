import type { DraftRequest, KnowledgeHit, StandardLetter } from '@ekspedit/core';
import { splitSentences } from '../../grounding';
import { isStopword, stemDanish, tokenize } from '../../text';
import { type ComposedDraft, danishDate } from '../compose';

/** Version of the offline composition rules, recorded in the usage log like a prompt version. */
export const OFFLINE_ENGINE_VERSION = 'offline-extractive@1';

const stemsOf = (text: string) =>
  new Set(
    tokenize(text)
      .filter((t) => !isStopword(t.text) && t.text.length > 1)
      .map((t) => stemDanish(t.text)),
  );

/**
 * Picks the standard letter whose title shares the most words with the inquiry; without such a
 * letter, a generic one ("generelt"/"general" in the title) when there is one; else null.
 */
export function chooseStandardLetter(letters: readonly StandardLetter[], inquiry: string): StandardLetter | null {
  const q = stemsOf(inquiry);
  let best: { letter: StandardLetter; score: number } | null = null;
  for (const letter of letters) {
    const title = stemsOf(letter.title);
    const titleHits = [...title].filter((s) => q.has(s)).length;
    // The title names what the letter is for; its body shares generic words with any inquiry.
    if (titleHits === 0) continue;
    const body = stemsOf(letter.body);
    const score = titleHits * 2 + [...q].filter((s) => body.has(s)).length / Math.sqrt(body.size + 4);
    if (!best || score > best.score) best = { letter, score };
  }
  return best?.letter ?? letters.find((l) => /generel|general/i.test(l.title)) ?? null;
}

/** Fills merge fields; unknown fields stay visible as "[udfyld: felt]" for the caseworker. */
export function fillMergeFields(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*([\p{L}\p{N}_-]+)\s*\}\}/gu, (_m, name: string) => values[name.toLowerCase()] ?? `[udfyld: ${name}]`);
}

/** The passage sentences that answer the inquiry best, in the order they stand in their sources. */
export function selectAnswerSentences(passages: readonly KnowledgeHit[], inquiry: string, max = 5): { text: string; chunkId: string }[] {
  const q = stemsOf(inquiry);
  const candidates: { text: string; chunkId: string; score: number; order: number }[] = [];
  passages.slice(0, 4).forEach((p, rank) => {
    const heading = stemsOf(p.headingPath);
    const headingHit = [...heading].filter((s) => q.has(s)).length;
    splitSentences(p.text).forEach((s, i) => {
      const stems = stemsOf(s.text);
      let hit = 0;
      for (const st of stems) if (q.has(st)) hit++;
      // The best passage's sentences are kept even with few shared words: its section answers the topic.
      const score = hit + 0.5 * headingHit + (rank === 0 ? 0.75 : 0) - rank * 0.25 + (i === 0 ? 0.25 : 0);
      if ((hit > 0 || (rank === 0 && headingHit > 0)) && s.text.length >= 15)
        candidates.push({ text: s.text, chunkId: p.chunkId, score, order: rank * 1000 + i });
    });
  });
  const chosen = candidates
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .sort((a, b) => a.order - b.order);
  const seen = new Set<string>();
  return chosen.filter((c) => !seen.has(c.text) && seen.add(c.text));
}

/**
 * The offline engine: no model. It fills the fitting standard letter and composes the answer from
 * sentences of the best-matching passages, each citing its passage. It writes Danish; an inquiry
 * in another language is answered in Danish and the draft says so in `requestedLanguage`.
 */
export function composeOfflineDraft(request: DraftRequest): ComposedDraft {
  const inquiry = `${request.inquiry.subject}\n${request.inquiry.body}`;
  const letter = chooseStandardLetter(request.standardLetters, inquiry);
  const answer = selectAnswerSentences(request.passages, inquiry);
  const name = request.party?.name ?? null;
  const values: Record<string, string> = {
    navn: name ?? 'borger',
    sagsnummer: request.caseNumber,
    dato: danishDate(request.today),
    emne: request.inquiry.subject || request.title,
  };
  const answerSentences = answer.map((a) => ({ text: a.text, citedChunkIds: [a.chunkId] }));
  if (!answerSentences.length) {
    answerSentences.push({
      text: 'Vi har ikke fundet kommunens regler om dit spørgsmål i vores kilder, så en sagsbehandler vender tilbage med et svar.',
      citedChunkIds: [],
    });
  }

  const sentences: ComposedDraft['sentences'] = [];
  if (letter) {
    const filled = fillMergeFields(letter.body, { ...values, svar: '\u0000' });
    const [before = '', after = ''] = filled.split('\u0000');
    const letterCite = [`letter:${letter.id}`];
    const fromLetter = (t: string) => splitSentences(t).map((s) => ({ text: s.text, citedChunkIds: letterCite }));
    if (filled.includes('\u0000')) sentences.push(...fromLetter(before), ...answerSentences, ...fromLetter(after));
    else {
      // Without a {{svar}} field the answer goes before the closing of the letter.
      const parts = fromLetter(filled);
      const closing = parts.findIndex((p) => /^(med )?venlig(e)? hilsen/i.test(p.text));
      if (closing < 0) sentences.push(...parts, ...answerSentences);
      else sentences.push(...parts.slice(0, closing), ...answerSentences, ...parts.slice(closing));
    }
  } else {
    sentences.push({ text: name ? `Kære ${name}` : 'Kære borger', citedChunkIds: [] });
    // The subject is the citizen's text: it is not echoed, so nothing injected in it reaches the draft this way.
    sentences.push({ text: 'Tak for din henvendelse.', citedChunkIds: [] });
    sentences.push(...answerSentences);
    sentences.push({ text: 'Med venlig hilsen', citedChunkIds: [] });
  }
  return { sentences, language: 'da', standardLetterId: letter?.id ?? null };
}
