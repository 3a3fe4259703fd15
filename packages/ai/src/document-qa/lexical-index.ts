import { normalizeNumber } from '../grounding/facts';
import { isStopword, normalizeText, splitCompound, stemDanish, tokenize } from '../text';

/**
 * A term of a question: its stem (or number), its weight (less for a part of a split compound),
 * and the index terms that also count for it, each with the share of credit it earns: longer
 * words on the same stem ("parker" → "parkering") and a few synonyms ("koster" → "budget").
 */
export interface QueryTerm {
  term: string;
  weight: number;
  variants: { term: string; factor: number }[];
}

/** What the lexical index is built from: a paragraph's text, its heading path and its document's title. */
export interface IndexableParagraph {
  text: string;
  heading: string;
  title: string;
}

export interface LexicalHit {
  /** Index of the paragraph in the array the index was built from. */
  index: number;
  score: number;
}

/** BM25 parameters; the usual values, which suit paragraphs of a few sentences. */
const k1 = 1.2;
const b = 0.75;
// A heading or title word counts as a fraction of an occurrence in the text: it places, not states.
const headingWeight = 0.5;
const titleWeight = 0.3;
const compoundPartWeight = 0.5;

const numberPattern = /(?<![\p{L}\d])\d+(?:[.,]\d+)*(?![\p{L}\d])/gu;

/** Numbers of a text as terms ("#2025", "#14.2"): years and amounts are often what a question turns on. */
export function numberTerms(text: string): string[] {
  return [...normalizeText(text).matchAll(numberPattern)].map((m) => `#${normalizeNumber(m[0])}`);
}

/** Surface words that carry meaning: no stop words, no single letters. */
const contentWords = (text: string) => tokenize(text).filter((t) => t.text.length > 1 && !isStopword(t.text));

const prefixFactor = 0.7;
const compoundHeadFactor = 0.6;
const synonymFactor = 0.6;
const maxPrefixVariants = 30;

// Words a question uses for what the documents say otherwise: amounts, speed, collection, waiting.
const synonymGroups = [
  ['koster', 'pris', 'budget', 'udgift', 'gebyr', 'takst', 'beløb', 'penge', 'bevilling'],
  ['hurtigt', 'hastighed', 'fart'],
  ['hentes', 'afhentning', 'tømning'],
  ['bevilling', 'bevilget', 'bevilge'],
  ['ventetid', 'vente'],
].map((g) => g.map(stemDanish));

// Words that frame a question ("what do the documents say about …") rather than ask it.
// Relative times ("sidste år") are framing too: a document's "sidste år" is its own year, not the asker's.
const framing = new Set([
  'står',
  'stå',
  'fortælle',
  'fortæl',
  'finde',
  'find',
  'oplysninger',
  'oplysning',
  'dokumenterne',
  'dokumenter',
  'dokumentet',
  'nævnes',
  'nævnt',
  'ifølge',
  'vide',
  'sidste',
  'næste',
  'forrige',
  'kommende',
  'fjor',
  'fjoråret',
]);
const questionWords = (text: string) => contentWords(text).filter((t) => !framing.has(t.text));

/** The terms of a text: Danish Snowball stems of its content words, and its numbers. */
export function analyze(text: string): string[] {
  return [...contentWords(text).map((t) => stemDanish(t.text)), ...numberTerms(text)];
}

/** An in-memory BM25 index over paragraphs, with Danish stems, numbers and compound parts. */
export interface LexicalIndex {
  readonly size: number;
  /** Paragraphs ranked by BM25 against the query, best first. */
  search(query: string, options?: { limit?: number }): LexicalHit[];
  /** The terms a query is searched with (compounds unknown to the set split into known parts). */
  queryTerms(query: string): QueryTerm[];
  /** Inverse document frequency of a term (0 for a term the set does not hold). */
  idf(term: string): number;
  /** The IDF a term would have if one paragraph held it: the weight of a question word the set lacks. */
  readonly unknownIdf: number;
  /** A paragraph's terms with their weighted frequencies. */
  termsOf(index: number): ReadonlyMap<string, number>;
  /** How fully a set of terms holds a query term: 1 for the term itself, a variant's factor, or 0. */
  matchOf(q: QueryTerm, terms: { has(term: string): boolean }): number;
  /** The terms of any text as the index sees them, compound parts included. */
  termSet(text: string): Set<string>;
}

/** Builds the index. Compound words are also indexed by their parts when both parts occur alone in the set. */
export function buildLexicalIndex(paragraphs: readonly IndexableParagraph[]): LexicalIndex {
  const words = paragraphs.map((p) => contentWords(p.text).map((t) => t.text));
  const vocabulary = new Set<string>();
  for (const ws of words) for (const w of ws) vocabulary.add(w);
  // A part is known when a word on its stem occurs alone ("beboer" for "beboere" in "beboerlicens").
  const stems = new Set<string>();
  for (const w of vocabulary) stems.add(stemDanish(w));
  const isKnown = (w: string) => w.length >= 3 && !isStopword(w) && (vocabulary.has(w) || stems.has(stemDanish(w)));
  const splits = new Map<string, string[] | null>();
  const partsOf = (w: string): string[] | null => {
    if (w.length < 7) return null;
    let parts = splits.get(w);
    if (parts === undefined) {
      const split = splitCompound(w, isKnown);
      parts = split ? split.map(stemDanish) : null;
      splits.set(w, parts);
    }
    return parts;
  };

  const termMaps: Map<string, number>[] = [];
  const lengths = new Float64Array(paragraphs.length);
  const df = new Map<string, number>();
  const titleTerms = new Map<string, string[]>();
  for (const [i, p] of paragraphs.entries()) {
    const tf = new Map<string, number>();
    const add = (term: string, w: number) => tf.set(term, (tf.get(term) ?? 0) + w);
    for (const w of words[i] ?? []) {
      add(stemDanish(w), 1);
      for (const part of partsOf(w) ?? []) add(part, compoundPartWeight);
    }
    for (const n of numberTerms(p.text)) add(n, 1);
    lengths[i] = (words[i]?.length ?? 0) + 1;
    for (const t of new Set(analyze(p.heading))) add(t, headingWeight);
    let titled = titleTerms.get(p.title);
    if (!titled) {
      titled = [...new Set(analyze(p.title))];
      titleTerms.set(p.title, titled);
    }
    for (const t of titled) add(t, titleWeight);
    termMaps.push(tf);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = paragraphs.length;
  const avgLength = n ? lengths.reduce((a, x) => a + x, 0) / n : 1;
  const idfOf = new Map<string, number>();
  for (const [t, d] of df) idfOf.set(t, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  for (const [i, tf] of termMaps.entries())
    for (const [t, f] of tf) {
      let p = postings.get(t);
      if (!p) {
        p = { docs: [], tfs: [] };
        postings.set(t, p);
      }
      p.docs.push(i);
      p.tfs.push(f);
    }

  const sortedTerms = [...df.keys()].filter((t) => !t.startsWith('#')).sort();
  const longerForms = (stem: string): string[] => {
    if (stem.length < 4) return [];
    let lo = 0;
    let hi = sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sortedTerms[mid] as string) < stem) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sortedTerms.length && out.length < maxPrefixVariants; i++) {
      const t = sortedTerms[i] as string;
      if (!t.startsWith(stem)) break;
      if (t !== stem) out.push(t);
    }
    return out;
  };

  // Danish compounds are right-headed: "anlægsbevilling" is a "bevilling". Terms by their reversed spelling find them.
  const reversedTerms = sortedTerms.map((t) => [...t].reverse().join('')).sort();
  const compoundsEndingIn = (stem: string): string[] => {
    if (stem.length < 5) return [];
    const r = [...stem].reverse().join('');
    let lo = 0;
    let hi = reversedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((reversedTerms[mid] as string) < r) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < reversedTerms.length && out.length < maxPrefixVariants; i++) {
      const t = reversedTerms[i] as string;
      if (!t.startsWith(r)) break;
      if (t.length >= r.length + 3) out.push([...t].reverse().join(''));
    }
    return out;
  };

  const queryTerms = (query: string): QueryTerm[] => {
    const out = new Map<string, QueryTerm>();
    const put = (term: string, weight: number) => {
      const existing = out.get(term);
      if (existing) {
        existing.weight = Math.max(existing.weight, weight);
        return;
      }
      const variants = new Map<string, number>();
      const add = (t: string, factor: number) => {
        if (t !== term && df.has(t)) variants.set(t, Math.max(variants.get(t) ?? 0, factor));
      };
      for (const t of longerForms(term)) add(t, prefixFactor);
      for (const t of compoundsEndingIn(term)) add(t, compoundHeadFactor);
      for (const group of synonymGroups)
        if (group.includes(term))
          for (const syn of group) {
            if (syn === term) continue;
            // Snowball cuts some words short ("budget" → "budg", "budgettet" → "budget"): longer forms count too.
            for (const t of [syn, ...longerForms(syn), ...compoundsEndingIn(syn)]) add(t, synonymFactor);
          }
      out.set(term, { term, weight, variants: [...variants].map(([t, factor]) => ({ term: t, factor })) });
    };
    for (const t of questionWords(query)) {
      const stem = stemDanish(t.text);
      put(stem, 1);
      // A compound the set does not hold ("plejeboligventetid") is searched by its parts.
      if (!df.has(stem)) for (const part of partsOf(t.text) ?? []) put(part, 0.7);
    }
    for (const num of numberTerms(query)) put(num, 1);
    return [...out.values()];
  };

  return {
    size: n,
    queryTerms,
    idf: (term) => idfOf.get(term) ?? 0,
    unknownIdf: Math.log(1 + (n - 1 + 0.5) / 1.5),
    termsOf: (i) => termMaps[i] ?? new Map(),
    matchOf(q, terms) {
      if (terms.has(q.term)) return 1;
      let best = 0;
      for (const v of q.variants) if (v.factor > best && terms.has(v.term)) best = v.factor;
      return best;
    },
    termSet(text) {
      const out = new Set<string>(numberTerms(text));
      for (const t of contentWords(text)) {
        out.add(stemDanish(t.text));
        for (const part of partsOf(t.text) ?? []) out.add(part);
      }
      return out;
    },
    search(query, options = {}) {
      const limit = options.limit ?? 10;
      const scores = new Float64Array(n);
      const touched: number[] = [];
      for (const q of queryTerms(query)) {
        // A paragraph earns a query term once: from the word itself or its best variant.
        const best = new Map<number, number>();
        for (const { term, factor } of [{ term: q.term, factor: 1 }, ...q.variants]) {
          const p = postings.get(term);
          if (!p) continue;
          const idf = (idfOf.get(term) ?? 0) * q.weight * factor;
          for (let k = 0; k < p.docs.length; k++) {
            const d = p.docs[k] as number;
            const f = p.tfs[k] as number;
            const s = (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * (lengths[d] ?? 1)) / avgLength));
            if (s > (best.get(d) ?? 0)) best.set(d, s);
          }
        }
        for (const [d, s] of best) {
          if (scores[d] === 0) touched.push(d);
          scores[d] = (scores[d] ?? 0) + s;
        }
      }
      return touched
        .map((index) => ({ index, score: scores[index] ?? 0 }))
        .sort((x, y) => y.score - x.score || x.index - y.index)
        .slice(0, limit);
    },
  };
}
