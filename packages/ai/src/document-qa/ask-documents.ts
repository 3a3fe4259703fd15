import { extractFacts, splitSentences } from '../grounding';
import { type ChatRequest, LlmError, type LlmProvider, parseStructured, responseSchemaOf } from '../llm';
import { assertNoCpr, Redactor, type TrustLevel } from '../redaction';
import { type DraftSentence, groundDraft, promptPassageFor, setFlags } from './compose';
import type { DocumentSet } from './index-document-set';
import { numberTerms, type QueryTerm } from './lexical-index';
import { buildDocumentAnswerMessages, DOCUMENT_QA_PROMPT_VERSION } from './prompt';
import { documentAnswerOutputSchema } from './schema';
import type { AnswerCitation, AnswerFlag, AnswerSentence, DocumentParagraph, QaEngine, QaUsage } from './types';

/** The answer to a question over a document set: sentences, each checked and cited to a page and paragraph. */
export interface DocumentAnswer {
  question: string;
  answer: string;
  engine: QaEngine;
  model: string | null;
  citations: AnswerCitation[];
  sentences: AnswerSentence[];
  flags: AnswerFlag[];
  /** Why the offline engine answered although a model is configured (`llm_failed:<code>`). */
  fallbackReason: string | null;
  /** The closest paragraphs, best first, with the score of their best sentence (0–1.3). */
  passages: { document: string; page: number; paragraph: number; score: number }[];
  usage: QaUsage | null;
  promptVersion: string | null;
}

export interface AskDocumentsInput {
  set: DocumentSet;
  question: string;
  signal?: AbortSignal;
  /** Paragraphs retrieved for the answer (and sent to the model). */
  passages?: number;
}

export interface AskDocumentsDeps {
  /** The model endpoint; null: the offline (extractive) engine only. */
  llm: LlmProvider | null;
  trust: TrustLevel;
}

/** The Danish sentence given when nothing in the documents answers the question. */
export const NO_ANSWER_TEXT = 'Dokumenterne ser ikke ud til at besvare spørgsmålet.';

// Below this share of the question's weighted terms, the best sentence does not answer it.
const noAnswerBelow = 0.3;
const lowConfidenceBelow = 0.55;

type QuestionType = 'quantity' | 'time' | 'other';

/** What kind of answer a question asks for: an amount, a time, or anything else. */
function questionType(question: string): QuestionType {
  const q = question.toLowerCase();
  if (
    /\bhvor (mange|meget|stor|store|høj|høje|lang|langt|længe|ofte|dyr|dyrt)\b|\bhvad koster\b|\bhvilket beløb\b|\bhvor mange\b|\bhvilken (hastighed|pris|takst)\b/.test(
      q,
    )
  )
    return 'quantity';
  if (/\bhvornår\b|\bhvilken dato\b|\bhvilket år\b|\bfra hvornår\b|\bhvilken frist\b/.test(q)) return 'time';
  return 'other';
}

/** Half credit for a question term found only around the sentence: in its paragraph (full half), heading or title (less). */
function contextCredit(q: QueryTerm, context: ReadonlyMap<string, number>): number {
  let best = Math.min(1, context.get(q.term) ?? 0);
  for (const v of q.variants) best = Math.max(best, Math.min(1, context.get(v.term) ?? 0) * v.factor);
  return 0.5 * best;
}

const years = (terms: string[]) => terms.filter((t) => /^#(19|20)\d\d$/.test(t));

/** A sentence of a retrieved paragraph, scored as an answer to the question. */
export interface ScoredSentence {
  /** Index of the paragraph in the set. */
  pi: number;
  text: string;
  /** IDF-weighted share of the question's terms in the sentence (half for terms only in its paragraph or heading). */
  coverage: number;
  score: number;
  terms: Set<string>;
}

/**
 * Retrieves paragraphs by BM25 and scores their sentences as answers: coverage of the question's
 * terms, a bonus when the sentence has the kind of fact asked for (an amount, a date), a penalty
 * when it names another year than the question, and a little of its paragraph's rank.
 */
export function rankAnswerSentences(set: DocumentSet, question: string, passages = 12): { sentences: ScoredSentence[]; hits: { pi: number; score: number }[] } {
  const { index } = set;
  // Sentences are scored in a wider pool than is shown: BM25 on paragraphs misses a short sentence in a long paragraph.
  const hits = index.search(question, { limit: Math.max(passages, 100) }).map((h) => ({ pi: h.index, score: h.score }));
  const qTerms = index.queryTerms(question);
  // A question word the set lacks weighs as a fairly rare word: it is part of what was asked, and
  // unanswered; not as the rarest, since questions use words of their own ("penge" for "bevilling").
  const weightOf = (term: string) => index.idf(term) || index.unknownIdf * 0.6;
  const total = qTerms.reduce((s, t) => s + t.weight * weightOf(t.term), 0);
  if (!hits.length || total === 0) return { sentences: [], hits };
  const type = questionType(question);
  const qYears = years(numberTerms(question));
  const top = hits[0]?.score ?? 1;
  const out: ScoredSentence[] = [];
  for (const hit of hits) {
    const p = set.paragraphs[hit.pi] as DocumentParagraph;
    const context = index.termsOf(hit.pi);
    for (const s of splitSentences(p.text)) {
      const terms = index.termSet(s.text);
      let covered = 0;
      for (const q of qTerms) covered += q.weight * weightOf(q.term) * Math.max(index.matchOf(q, terms), contextCredit(q, context));
      const coverage = covered / total;
      let score = coverage + 0.1 * (hit.score / top);
      const facts = extractFacts(s.text);
      const sYears = years(numberTerms(s.text));
      if (type === 'quantity' && facts.numbers.length > 0) score += 0.08;
      if (type === 'time' && (facts.dates.length > 0 || sYears.length > 0)) score += 0.08;
      if (qYears.length && sYears.length && !sYears.some((y) => qYears.includes(y))) score -= 0.25;
      if (s.text.split(/\s+/).length < 4) score -= 0.2;
      out.push({ pi: hit.pi, text: s.text, coverage, score, terms });
    }
  }
  out.sort((a, b) => b.score - a.score || a.pi - b.pi);
  return { sentences: out, hits: hits.slice(0, passages) };
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / Math.max(1, a.size + b.size - inter);
};

/**
 * The extractive answer: the best sentence, and at most one more that answers the question as
 * fully (another source saying more) or that stands in the same paragraph and covers most of it.
 * A sentence that covers less of the question from elsewhere is a near miss (another school,
 * another year, the old scheme), which would muddle a short answer.
 */
function composeExtractive(ranked: ScoredSentence[]): { draft: DraftSentence[]; confidence: number } {
  const best = ranked[0];
  if (!best || best.coverage < noAnswerBelow) return { draft: [], confidence: best?.coverage ?? 0 };
  const chosen = [best];
  for (const c of ranked.slice(1, 8)) {
    if (chosen.length >= 2 || c.score < best.score * 0.8) break;
    const isAsFull = c.coverage >= best.coverage - 1e-9;
    const isContext = c.pi === best.pi && c.coverage >= 0.6;
    if (!isAsFull && !isContext) continue;
    if (chosen.some((x) => x.text === c.text || jaccard(x.terms, c.terms) >= 0.6)) continue;
    chosen.push(c);
  }
  return { draft: chosen.map((c) => ({ text: c.text, paragraphs: [c.pi] })), confidence: best.coverage };
}

/** The paragraphs an answer draws on: those holding the best-scored sentences first, then the BM25 order. */
function passageOrder(ranked: ScoredSentence[], hits: { pi: number }[], limit: number): number[] {
  const out: number[] = [];
  for (const s of ranked) {
    if (out.length >= limit) return out;
    if (!out.includes(s.pi)) out.push(s.pi);
  }
  for (const h of hits) if (out.length < limit && !out.includes(h.pi)) out.push(h.pi);
  return out;
}

/** The five closest paragraphs, for the reader who wants to look further than the answer. */
function passagesOf(set: DocumentSet, ranked: ScoredSentence[], hits: { pi: number; score: number }[]): DocumentAnswer['passages'] {
  const best = new Map<number, number>();
  for (const s of ranked) if (!best.has(s.pi)) best.set(s.pi, s.score);
  return passageOrder(ranked, hits, 5).map((pi) => {
    const p = set.paragraphs[pi] as DocumentParagraph;
    return { document: p.document, page: p.page, paragraph: p.paragraph, score: Math.round((best.get(pi) ?? 0) * 1000) / 1000 };
  });
}

function offlineAnswer(
  set: DocumentSet,
  question: string,
  ranked: ScoredSentence[],
  hits: { pi: number; score: number }[],
  fallbackReason: string | null,
): DocumentAnswer {
  const { draft, confidence } = composeExtractive(ranked);
  const flags: AnswerFlag[] = [...setFlags(set)];
  if (fallbackReason) flags.unshift('llm_failed');
  const base = { question, engine: 'offline' as const, model: null, fallbackReason, passages: passagesOf(set, ranked, hits), usage: null, promptVersion: null };
  if (!draft.length) return { ...base, answer: NO_ANSWER_TEXT, citations: [], sentences: [], flags: ['no_answer', ...flags] };
  const grounded = groundDraft(
    set,
    draft,
    draft.flatMap((d) => d.paragraphs),
  );
  if (confidence < lowConfidenceBelow) flags.unshift('low_confidence');
  if (grounded.sentences.some((s) => !s.supported)) flags.unshift('unsupported_sentences');
  return { ...base, answer: grounded.answer, citations: grounded.citations, sentences: grounded.sentences, flags };
}

async function llmAnswer(
  set: DocumentSet,
  question: string,
  ranked: ScoredSentence[],
  hits: { pi: number; score: number }[],
  llm: LlmProvider,
  options: { trust: TrustLevel; signal?: AbortSignal; passages: number },
): Promise<DocumentAnswer> {
  const sources = passageOrder(ranked, hits, Math.min(options.passages, 8));
  const redactor = new Redactor(options.trust);
  const messages = buildDocumentAnswerMessages({ question, passages: sources.map((pi) => promptPassageFor(set, pi)) }).map((m) => ({
    ...m,
    content: redactor.redact(m.content),
  }));
  // The proof: nothing that looks like a CPR number leaves, whatever the detector missed.
  for (const m of messages) assertNoCpr(m.content);
  const request: ChatRequest = {
    messages,
    task: 'ask',
    temperature: 0.1,
    responseSchema: responseSchemaOf('document_answer', documentAnswerOutputSchema),
    signal: options.signal,
  };
  const res = await llm.complete(request);
  const output = parseStructured(res.content, documentAnswerOutputSchema);
  const base = {
    question,
    engine: 'llm' as const,
    model: res.model,
    fallbackReason: null,
    passages: passagesOf(set, ranked, hits),
    usage: { model: res.model, ...res.usage, latencyMs: res.latencyMs },
    promptVersion: DOCUMENT_QA_PROMPT_VERSION,
  };
  const flags: AnswerFlag[] = setFlags(set);
  const draft: DraftSentence[] = output.sentences
    .map((s) => ({
      text: redactor.restore(s.text).trim(),
      paragraphs: s.sources.map((n) => sources[n - 1]).filter((pi): pi is number => pi !== undefined),
    }))
    .filter((s) => s.text.length > 0);
  if (!output.found || !draft.length) return { ...base, answer: NO_ANSWER_TEXT, citations: [], sentences: [], flags: ['no_answer', ...flags] };
  const grounded = groundDraft(set, draft, sources);
  if (grounded.sentences.some((s) => !s.supported)) flags.unshift('unsupported_sentences');
  return { ...base, answer: grounded.answer, citations: grounded.citations, sentences: grounded.sentences, flags };
}

/**
 * Answers a question over a document set. Offline: the best-supported sentences of the set,
 * quoted and cited. With a model: the retrieved paragraphs, redacted, go to the model, which must
 * cite them; every sentence it writes is grounding-checked against them and flagged when
 * unsupported. When the model fails, the offline answer is given with `llm_failed`.
 */
export async function askDocuments(input: AskDocumentsInput, deps: AskDocumentsDeps): Promise<DocumentAnswer> {
  const question = input.question.trim();
  const { sentences: ranked, hits } = rankAnswerSentences(input.set, question, input.passages ?? 12);
  if (!deps.llm) return offlineAnswer(input.set, question, ranked, hits, null);
  if (!hits.length) return offlineAnswer(input.set, question, ranked, hits, null);
  try {
    return await llmAnswer(input.set, question, ranked, hits, deps.llm, { trust: deps.trust, signal: input.signal, passages: input.passages ?? 12 });
  } catch (error) {
    if (input.signal?.aborted) throw error;
    const code = error instanceof LlmError ? error.code : 'engine_error';
    return offlineAnswer(input.set, question, ranked, hits, `llm_failed:${code}`);
  }
}
