import { splitSentences } from '../grounding';
import { type ChatRequest, LlmError, type LlmProvider, parseStructured, responseSchemaOf } from '../llm';
import { assertNoCpr, Redactor, type TrustLevel } from '../redaction';
import { type DraftSentence, groundDraft, promptPassageFor } from './compose';
import type { DocumentSet } from './index-document-set';
import { buildDocumentSummaryMessages, DOCUMENT_QA_PROMPT_VERSION } from './prompt';
import { documentSummaryOutputSchema } from './schema';
import type { AnswerCitation, AnswerSentence, DocumentParagraph, QaEngine, QaUsage } from './types';

/** A summary: its text, its sentences (checked and cited), and the citations they point to. */
export interface Summary {
  engine: QaEngine;
  summary: string;
  sentences: AnswerSentence[];
  citations: AnswerCitation[];
}

export interface DocumentSummary extends Summary {
  document: string;
  title: string;
  pages: number;
}

export interface SetSummary {
  engine: QaEngine;
  model: string | null;
  fallbackReason: string | null;
  documents: DocumentSummary[];
  /** Across the set: the points that recur through the documents, at most two from each. */
  overall: Summary;
  usage: QaUsage[];
  promptVersion: string | null;
}

export interface SummarizeDocumentsInput {
  set: DocumentSet;
  /** Sentences per document summary (fewer for short documents). */
  sentencesPerDocument?: number;
  /** Sentences of the summary across the set. */
  overallSentences?: number;
  signal?: AbortSignal;
  /** Documents summarised so far, of all documents plus one for the overall summary. */
  onProgress?: (progress: { done: number; total: number; document?: string }) => void;
}

export interface SummarizeDocumentsDeps {
  llm: LlmProvider | null;
  trust: TrustLevel;
}

type Vector = Map<string, number>;

interface Candidate {
  pi: number;
  text: string;
  position: number;
  vector: Vector;
  centrality: number;
}

function normalize(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

const dot = (a: Vector, b: Vector) => {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) s += x * (large.get(k) ?? 0);
  return s;
};

// Sections whose opening sentences say what a document concludes.
const summaryHeading = /sammenfatning|resumé|resume|konklusion|indstilling|beslutning|hovedresultat|opsummering|anbefaling/i;

/** Every summary-worthy sentence of a document as a TF-IDF vector over the set's terms. */
function candidatesOf(set: DocumentSet, document: string): Candidate[] {
  const out: Candidate[] = [];
  for (const [pi, p] of set.paragraphs.entries()) {
    if (p.document !== document) continue;
    for (const s of splitSentences(p.text)) {
      const words = s.text.split(/\s+/).length;
      // Fragments and run-on table rows make poor summary sentences.
      if (words < 6 || words > 45 || (s.text.match(/\|/g)?.length ?? 0) > 1) continue;
      const v: Vector = new Map();
      for (const t of set.index.termSet(s.text)) v.set(t, set.index.idf(t));
      if (!v.size) continue;
      out.push({ pi, text: s.text, position: out.length, vector: normalize(v), centrality: 0 });
    }
  }
  return out;
}

/** Scores sentences by cosine to the centroid of a group (what the group keeps saying), with a lift for summary sections. */
function scoreCentrality(set: DocumentSet, candidates: Candidate[], centroid: Vector): void {
  for (const c of candidates) {
    const p = set.paragraphs[c.pi] as DocumentParagraph;
    c.centrality = dot(c.vector, centroid) + (summaryHeading.test(p.heading) ? 0.1 : 0);
  }
}

function centroidOf(vectors: readonly Vector[]): Vector {
  const c: Vector = new Map();
  for (const v of vectors) for (const [k, x] of v) c.set(k, (c.get(k) ?? 0) + x);
  return normalize(c);
}

/** Picks central sentences that do not repeat each other (maximal marginal relevance). */
function pickDiverse(candidates: readonly Candidate[], count: number, allowed: (c: Candidate, chosen: Candidate[]) => boolean = () => true): Candidate[] {
  const pool = [...candidates].sort((a, b) => b.centrality - a.centrality).slice(0, 200);
  const chosen: Candidate[] = [];
  while (chosen.length < count) {
    let best: Candidate | null = null;
    let bestScore = -Infinity;
    for (const c of pool) {
      if (chosen.includes(c) || !allowed(c, chosen)) continue;
      const redundancy = chosen.reduce((m, x) => Math.max(m, dot(c.vector, x.vector)), 0);
      const score = c.centrality - 0.7 * redundancy;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (!best) break;
    chosen.push(best);
  }
  return chosen;
}

const extractive = (set: DocumentSet, chosen: Candidate[]): Summary => {
  const ordered = [...chosen].sort((a, b) => a.pi - b.pi || a.position - b.position);
  const grounded = groundDraft(
    set,
    ordered.map((c) => ({ text: c.text, paragraphs: [c.pi] })),
    ordered.map((c) => c.pi),
  );
  return { engine: 'offline', summary: grounded.answer, sentences: grounded.sentences, citations: grounded.citations };
};

async function llmSummary(
  set: DocumentSet,
  subject: string,
  sources: number[],
  llm: LlmProvider,
  options: { trust: TrustLevel; signal?: AbortSignal },
): Promise<{ summary: Summary; usage: QaUsage }> {
  const redactor = new Redactor(options.trust);
  const messages = buildDocumentSummaryMessages({ subject, passages: sources.map((pi) => promptPassageFor(set, pi)) }).map((m) => ({
    ...m,
    content: redactor.redact(m.content),
  }));
  for (const m of messages) assertNoCpr(m.content);
  const request: ChatRequest = {
    messages,
    task: 'summarise',
    temperature: 0.2,
    responseSchema: responseSchemaOf('document_summary', documentSummaryOutputSchema),
    signal: options.signal,
  };
  const res = await llm.complete(request);
  const output = parseStructured(res.content, documentSummaryOutputSchema);
  const draft: DraftSentence[] = output.sentences
    .map((s) => ({ text: redactor.restore(s.text).trim(), paragraphs: s.sources.map((n) => sources[n - 1]).filter((pi): pi is number => pi !== undefined) }))
    .filter((s) => s.text.length > 0);
  const grounded = groundDraft(set, draft, sources);
  return {
    summary: { engine: 'llm', summary: grounded.answer, sentences: grounded.sentences, citations: grounded.citations },
    usage: { model: res.model, ...res.usage, latencyMs: res.latencyMs },
  };
}

const uniqueParagraphs = (chosen: Candidate[], limit: number) => [...new Set(chosen.map((c) => c.pi))].slice(0, limit);

/**
 * Summarises each document and the set as a whole. Offline: the most central sentences (closest
 * to what the document keeps saying, not repeating each other), in document order and cited.
 * With a model: those sentences' paragraphs go to the model as numbered passages, and what it
 * writes is grounding-checked against them. The overall summary draws on every document, at most
 * two sentences from each, so one long report does not drown the rest.
 */
export async function summarizeDocuments(input: SummarizeDocumentsInput, deps: SummarizeDocumentsDeps): Promise<SetSummary> {
  const { set, signal } = input;
  const perDocument = input.sentencesPerDocument ?? 4;
  const overallCount = input.overallSentences ?? 6;
  const readable = set.documents.filter((d) => d.status === 'ok');
  const total = readable.length + 1;
  const usage: QaUsage[] = [];
  let engine: QaEngine = deps.llm ? 'llm' : 'offline';
  let fallbackReason: string | null = null;
  let model: string | null = null;

  const tryLlm = async (subject: string, sources: number[], offline: () => Summary): Promise<Summary> => {
    if (!deps.llm || engine === 'offline') return offline();
    try {
      const r = await llmSummary(set, subject, sources, deps.llm, { trust: deps.trust, signal });
      usage.push(r.usage);
      model = r.usage.model;
      return r.summary;
    } catch (error) {
      if (signal?.aborted) throw error;
      // One failure turns the rest offline too: a summary half by model, half not, reads unevenly.
      engine = 'offline';
      fallbackReason = `llm_failed:${error instanceof LlmError ? error.code : 'engine_error'}`;
      return offline();
    }
  };

  const documents: DocumentSummary[] = [];
  const pooled: Candidate[] = [];
  const centroids: Vector[] = [];
  for (const [i, d] of readable.entries()) {
    signal?.throwIfAborted();
    const candidates = candidatesOf(set, d.document);
    const centroid = centroidOf(candidates.map((c) => c.vector));
    centroids.push(centroid);
    scoreCentrality(set, candidates, centroid);
    const count = Math.max(1, Math.min(perDocument, Math.ceil(d.pages / 8) + 1));
    const chosen = pickDiverse(candidates, count);
    pooled.push(...pickDiverse(candidates, 8));
    const sources = uniqueParagraphs(pickDiverse(candidates, 10), 10);
    const summary = await tryLlm(`${d.title} (${d.document})`, sources, () => extractive(set, chosen));
    documents.push({ document: d.document, title: d.title, pages: d.pages, ...summary });
    input.onProgress?.({ done: i + 1, total, document: d.document });
  }

  signal?.throwIfAborted();
  // Across the set every document weighs the same, whatever its length.
  scoreCentrality(set, pooled, centroidOf(centroids));
  const documentOf = (c: Candidate) => set.paragraphs[c.pi]?.document;
  const perDoc = (c: Candidate, chosen: Candidate[]) => chosen.filter((x) => documentOf(x) === documentOf(c)).length < 2;
  const overallChosen = pickDiverse(pooled, overallCount, perDoc);
  const overall = await tryLlm('hele samlingen af dokumenter', uniqueParagraphs(pickDiverse(pooled, 16, perDoc), 16), () => extractive(set, overallChosen));
  input.onProgress?.({ done: total, total });
  return {
    engine: [...documents, overall].every((s) => s.engine === 'llm') ? 'llm' : 'offline',
    model,
    fallbackReason,
    documents,
    overall,
    usage,
    promptVersion: usage.length ? DOCUMENT_QA_PROMPT_VERSION : null,
  };
}
