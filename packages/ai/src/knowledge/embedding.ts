import { normalizeText } from '../text';

/** Name of the local embedding, recorded with search results so nobody mistakes it for a neural model. */
export const hashedNgramEmbeddingName = 'hashed-char-ngram-256';
const dims = 256;

// FNV-1a: cheap, stable across processes and platforms, good enough spread for feature hashing.
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A local, model-free embedding: character 3–5-grams of each word, feature-hashed into 256 signed
 * dimensions and L2-normalised. It catches inflections and compounds ("affaldssortering" ~
 * "sortering af affald") that full-text search misses; it knows no synonyms. Used for hybrid
 * ranking when no embedding endpoint is configured.
 */
export function hashedNgramEmbedding(text: string): number[] {
  const v = new Array<number>(dims).fill(0);
  const wordList = normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const w of wordList) {
    if (w.length < 3) continue;
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const h = fnv1a(padded.slice(i, i + n));
        v[h % dims] = (v[h % dims] ?? 0) + ((h >>> 16) & 1 ? 1 : -1);
      }
    }
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => Math.round((x / norm) * 1e4) / 1e4);
}

/** Cosine similarity of two vectors of equal length (1 for identical directions). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Reciprocal-rank fusion of ranked id lists (k = 60, the usual constant). */
export function reciprocalRankFusion<T>(lists: readonly (readonly T[])[], k = 60): Map<T, number> {
  const scores = new Map<T, number>();
  for (const list of lists) {
    for (const [rank, id] of list.entries()) scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1));
  }
  return scores;
}
