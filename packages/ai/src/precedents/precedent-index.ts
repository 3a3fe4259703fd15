import { cosine, hashedNgramEmbedding, reciprocalRankFusion } from '../knowledge';
import { isStopword, splitCompound, stemDanish, tokenize } from '../text';
import type { Embedder, PrecedentHit, PrecedentRecord } from './types';

// Words every politician's question uses ("hvor mange", "kommunen", "oplyse"): they find nothing.
const questionWords = new Set([
  'hvor',
  'mange',
  'meget',
  'hvad',
  'hvorfor',
  'hvornår',
  'hvordan',
  'hvilke',
  'hvilken',
  'kommunen',
  'kommune',
  'kommunens',
  'forvaltningen',
  'oplyse',
  'kan',
  'vil',
  'gøre',
  'gør',
  'stor',
  'lang',
  'tid',
  'antal',
]);

interface Term {
  stem: string;
  /** The word it came from, for `matchedTerms`. */
  surface: string;
  /** 1 for a word, 0.5 for a part of a split compound. */
  weight: number;
}

/** Terms of a text: Danish stems of content words, and of the parts of compounds the vocabulary knows. */
function termsOf(text: string, isKnown: (w: string) => boolean): Term[] {
  const out: Term[] = [];
  for (const t of tokenize(text)) {
    if (t.text.length < 2 || isStopword(t.text) || questionWords.has(t.text)) continue;
    out.push({ stem: stemDanish(t.text), surface: t.text, weight: t.isPart ? 0.5 : 1 });
    if (t.text.length >= 7) {
      const parts = splitCompound(t.text, isKnown);
      if (parts) for (const p of parts) if (!isStopword(p)) out.push({ stem: stemDanish(p), surface: t.text, weight: 0.5 });
    }
  }
  return out;
}

interface Doc {
  record: PrecedentRecord;
  /** Term frequencies per field. */
  question: Map<string, number>;
  answer: Map<string, number>;
  length: number;
  vector: number[];
}

export interface PrecedentIndexOptions {
  /** Vectors from an embedding endpoint; without one, the local hashed character n-gram embedding. */
  embed?: Embedder;
  /** Name of the embedding, reported with results. */
  embeddingName?: string;
}

export interface PrecedentSearchOptions {
  limit?: number;
  /** `lexical`: full text only; `hybrid` (default): full text and vectors fused by rank. */
  mode?: 'lexical' | 'hybrid';
}

/** A searchable register of earlier questions and answers, built once from records. */
export interface PrecedentIndex {
  readonly size: number;
  readonly embedding: string;
  search(question: string, options?: PrecedentSearchOptions): Promise<PrecedentHit[]>;
}

const k1 = 1.2;
const b = 0.75;
// The question is what is asked again; the answer adds the facts and names around it.
const fieldWeight = { question: 2, answer: 0.6 };

/** Similarity above which an earlier question is taken as the same question asked again. */
export const STRONG_PRECEDENT = 0.5;
/** Similarity above which an earlier question is shown as related. */
export const POSSIBLE_PRECEDENT = 0.3;

/**
 * Builds the precedent index: BM25 over Danish stems (question weighted over answer; compound
 * parts known to the register count half), and vectors for hybrid ranking — from `embed` when an
 * embedding endpoint exists, otherwise the local hashed n-gram embedding. Pure: records in, index
 * out; the CLI feeds it a JSONL file, the server can feed it the database register.
 */
export async function buildPrecedentIndex(records: readonly PrecedentRecord[], options: PrecedentIndexOptions = {}): Promise<PrecedentIndex> {
  // Compound parts are looked up by stem, so "solcelle" in "solcelleanlæg" finds "solceller".
  const vocabulary = new Set<string>();
  for (const r of records)
    for (const t of tokenize(`${r.question} ${r.answer}`)) if (t.text.length >= 3 && !isStopword(t.text)) vocabulary.add(stemDanish(t.text));
  const isKnown = (w: string) => w.length >= 3 && vocabulary.has(stemDanish(w));
  const embed: Embedder = options.embed ?? ((texts) => texts.map((t) => hashedNgramEmbedding(t)));
  const vectors = await embed(records.map((r) => `${r.question}\n${r.answer}`));
  const docs: Doc[] = records.map((record, i) => {
    const count = (text: string) => {
      const m = new Map<string, number>();
      for (const t of termsOf(text, isKnown)) m.set(t.stem, (m.get(t.stem) ?? 0) + t.weight);
      return m;
    };
    const question = count(record.question);
    const answer = count(record.answer);
    const length =
      [...question.values()].reduce((s, x) => s + x * fieldWeight.question, 0) + [...answer.values()].reduce((s, x) => s + x * fieldWeight.answer, 0);
    return { record, question, answer, length, vector: vectors[i] ?? [] };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const s of new Set([...d.question.keys(), ...d.answer.keys()])) df.set(s, (df.get(s) ?? 0) + 1);
  const n = Math.max(docs.length, 1);
  const idf = (s: string) => Math.log(1 + (n - (df.get(s) ?? 0) + 0.5) / ((df.get(s) ?? 0) + 0.5));
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / n || 1;
  // The same question asked again later has the answer that holds now: a small nudge towards newer records.
  const years = docs.map((d) => Number(d.record.date.slice(0, 4)));
  const firstYear = Math.min(...years);
  const recency = (d: Doc) => 1 + 0.03 * Math.min(5, Number(d.record.date.slice(0, 4)) - firstYear);

  return {
    size: docs.length,
    embedding: options.embed ? (options.embeddingName ?? 'endpoint') : 'hashed-char-ngram-256',
    async search(text, searchOptions = {}) {
      const limit = searchOptions.limit ?? 5;
      const mode = searchOptions.mode ?? 'hybrid';
      const terms = termsOf(text, isKnown);
      const queryStems = new Map<string, Term>();
      for (const t of terms) if (!queryStems.has(t.stem) || (queryStems.get(t.stem)?.weight ?? 0) < t.weight) queryStems.set(t.stem, t);
      const totalIdf = [...queryStems.values()].reduce((s, t) => s + idf(t.stem) * t.weight, 0) || 1;
      const [queryVector] = await embed([text]);

      const scored = docs.map((d, i) => {
        let bm25 = 0;
        let covered = 0;
        const matched: string[] = [];
        for (const t of queryStems.values()) {
          const tf = (d.question.get(t.stem) ?? 0) * fieldWeight.question + (d.answer.get(t.stem) ?? 0) * fieldWeight.answer;
          if (tf === 0) continue;
          bm25 += t.weight * idf(t.stem) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / avgLength)));
          // Coverage counts what the earlier question itself asked, not words its answer happens to use.
          if (d.question.has(t.stem)) covered += idf(t.stem) * t.weight;
          else covered += 0.5 * idf(t.stem) * t.weight;
          matched.push(t.surface);
        }
        bm25 *= recency(d);
        const vectorSimilarity = queryVector && d.vector.length ? cosine(queryVector, d.vector) : 0;
        return { i, bm25, coverage: covered / totalIdf, vectorSimilarity, matched };
      });
      const lexical = scored
        .filter((s) => s.bm25 > 0)
        .sort((x, y) => y.bm25 - x.bm25)
        .map((s) => s.i);
      const vectorRanked = [...scored].sort((x, y) => y.vectorSimilarity - x.vectorSimilarity).map((s) => s.i);
      const fused = mode === 'hybrid' ? reciprocalRankFusion([lexical, lexical, vectorRanked]) : reciprocalRankFusion([lexical]);
      const ranked = [...fused.entries()].sort((x, y) => y[1] - x[1] || (docs[y[0]]?.record.date ?? '').localeCompare(docs[x[0]]?.record.date ?? ''));
      return ranked.slice(0, limit).flatMap(([i, score]) => {
        const d = docs[i];
        const s = scored[i];
        if (!d || !s) return [];
        const similarity = Math.round(Math.min(1, 0.75 * s.coverage + 0.25 * Math.max(0, s.vectorSimilarity)) * 1000) / 1000;
        const match: PrecedentHit['match'] = similarity >= STRONG_PRECEDENT ? 'strong' : similarity >= POSSIBLE_PRECEDENT ? 'possible' : 'weak';
        return [{ ...d.record, score: Math.round(score * 10_000) / 10_000, similarity, match, matchedTerms: [...new Set(s.matched)] }];
      });
    },
  };
}
