import { vocabularyWords } from '../classify/features';
import { splitSentences } from '../grounding/sentences';
import { splitCompound } from '../text/compound';
import { charNgrams } from '../text/ngrams';
import { stemDanish } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { tokenize } from '../text/tokenize';

/** A sparse vector: feature ids ascending, values alongside. */
export interface SparseVector {
  ids: Int32Array;
  values: Float64Array;
}

/** A sentence-like stretch of a response, the unit that themes are recognised in. */
export interface Segment {
  responseIndex: number;
  text: string;
  start: number;
  end: number;
  /** TF-IDF of stems, compound parts and character n-grams, L2-normalised. */
  vector: SparseVector;
  /** TF-IDF of stems and compound parts only (the space topics are discovered in), L2-normalised. */
  wordVector: SparseVector;
  /** Number of content stems (stop words left out). */
  contentWords: number;
}

// Words every response to a consultation uses without saying anything about its themes.
const consultationWords = new Set(['høringssvar', 'forslag', 'forslaget', 'forslagets', 'hermed', 'vedr', 'vedrørende', 'vegne', 'undertegnede']);

// Character n-grams catch inflections and compounds ("skolevej" ~ "vejen til skolen") but are many
// and noisy; together they weigh about as much as the words they come from.
const charWeight = 0.35;
const partWeight = 0.6;

/** Interns feature names as integers and keeps their document frequency over segments. */
class Vocabulary {
  readonly ids = new Map<string, number>();
  df: number[] = [];
  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(name, id);
      this.df.push(0);
    }
    return id;
  }
}

interface RawFeatures {
  all: Map<number, number>;
  words: Map<number, number>;
  contentWords: number;
}

/** Sparse vector from a map, with sublinear term frequency times IDF, L2-normalised. */
function toVector(counts: Map<number, number>, idf: Float64Array): SparseVector {
  const ids = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float64Array(ids.length);
  let norm = 0;
  ids.forEach((id, i) => {
    const v = (1 + Math.log(counts.get(id) ?? 1)) * (idf[id] ?? 0);
    values[i] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  return { ids, values };
}

/** Dot product of a sparse vector with a dense one. */
export function dotDense(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += (v.values[i] ?? 0) * (dense[v.ids[i] ?? 0] ?? 0);
  return s;
}

/** Adds `scale × v` into a dense vector. */
export function addInto(dense: Float64Array, v: SparseVector, scale = 1): void {
  for (let i = 0; i < v.ids.length; i++) {
    const id = v.ids[i] ?? 0;
    dense[id] = (dense[id] ?? 0) + scale * (v.values[i] ?? 0);
  }
}

/** Scales a dense vector to unit length (in place) and returns it. */
export function normalizeDense(dense: Float64Array): Float64Array {
  let n = 0;
  for (const x of dense) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < dense.length; i++) dense[i] = (dense[i] ?? 0) / n;
  return dense;
}

/**
 * The responses of one consultation as vectors: sentences as segments, in a TF-IDF space of
 * Danish stems (Snowball), compound parts split against the consultation's own vocabulary, and
 * character n-grams. Theme descriptions are embedded in the same space.
 */
export class ConsultationCorpus {
  readonly segments: Segment[] = [];
  /** Segment indices of each response. */
  readonly segmentsOf: number[][];
  /** The surface word most often seen for each stem, to name things in words rather than stems. */
  readonly surface = new Map<string, string>();
  private readonly vocabulary = new Vocabulary();
  private readonly known: ReadonlySet<string>;
  private readonly splits = new Map<string, string[]>();
  private idf = new Float64Array(0);
  private readonly surfaceCounts = new Map<string, Map<string, number>>();

  constructor(texts: readonly string[], extraTexts: readonly string[] = []) {
    const known = new Set<string>();
    for (const t of [...texts, ...extraTexts]) for (const w of vocabularyWords(t)) known.add(w);
    this.known = known;
    const raw: { responseIndex: number; text: string; start: number; end: number; f: RawFeatures }[] = [];
    this.segmentsOf = texts.map(() => []);
    texts.forEach((text, responseIndex) => {
      for (const s of splitSentences(text)) {
        const f = this.features(s.text, true);
        if (f.all.size === 0) continue;
        for (const id of f.all.keys()) this.vocabulary.df[id] = (this.vocabulary.df[id] ?? 0) + 1;
        raw.push({ responseIndex, text: s.text, start: s.start, end: s.end, f });
      }
    });
    const n = raw.length;
    this.idf = Float64Array.from(this.vocabulary.df, (df) => Math.log((n + 1) / (df + 1)) + 1);
    for (const r of raw) {
      this.segmentsOf[r.responseIndex]?.push(this.segments.length);
      this.segments.push({
        responseIndex: r.responseIndex,
        text: r.text,
        start: r.start,
        end: r.end,
        vector: toVector(r.f.all, this.idf),
        wordVector: toVector(r.f.words, this.idf),
        contentWords: r.f.contentWords,
      });
    }
    for (const [stem, forms] of this.surfaceCounts) {
      let best = '';
      let bestCount = -1;
      for (const [form, c] of forms) if (c > bestCount || (c === bestCount && form.length < best.length)) [best, bestCount] = [form, c];
      this.surface.set(stem, best);
    }
  }

  /** Number of features known to the corpus. */
  get dimensions(): number {
    return this.vocabulary.ids.size;
  }

  /** The feature name of an id (`w:stem`, `c:gram`). */
  featureName(id: number): string {
    if (!this.names) this.names = [...this.vocabulary.ids.keys()];
    return this.names[id] ?? '';
  }
  private names: string[] | null = null;

  /**
   * Stems, compound parts and the surface form of each stem. Unlike the classifier, which splits
   * only words it does not know, every long word is split against the consultation's own words:
   * "skolebussen" must share "bus" with "bussen" for a theme to learn from both.
   */
  private analyze(text: string): { stems: string[]; parts: string[]; surface: Map<string, string> } {
    const stems: string[] = [];
    const parts: string[] = [];
    const surface = new Map<string, string>();
    for (const token of tokenize(text)) {
      const word = token.text;
      if (word.length < 2 || isStopword(word)) continue;
      const stem = stemDanish(word);
      if (!surface.has(stem)) surface.set(stem, word);
      if (token.isPart) {
        parts.push(stem);
        continue;
      }
      stems.push(stem);
      if (word.length < 7) continue;
      let split = this.splits.get(word);
      if (!split) {
        const pair = splitCompound(word, (w) => w !== word && this.known.has(w) && !isStopword(w));
        split = pair ? pair.map((p) => stemDanish(p)) : [];
        this.splits.set(word, split);
      }
      parts.push(...split);
    }
    return { stems, parts, surface };
  }

  private features(text: string, learn: boolean): RawFeatures {
    const a = this.analyze(text);
    const all = new Map<number, number>();
    const wordsOnly = new Map<number, number>();
    const add = (map: Map<number, number>, name: string, w: number) => {
      const id = learn ? this.vocabulary.idOf(name) : this.vocabulary.ids.get(name);
      if (id === undefined) return;
      map.set(id, (map.get(id) ?? 0) + w);
    };
    const stems = a.stems.filter((s) => !consultationWords.has(a.surface.get(s) ?? s) && s.length > 1);
    if (learn) {
      for (const s of stems) {
        const form = a.surface.get(s) ?? s;
        const forms = this.surfaceCounts.get(s) ?? new Map<string, number>();
        forms.set(form, (forms.get(form) ?? 0) + 1);
        this.surfaceCounts.set(s, forms);
      }
    }
    for (const s of stems) {
      add(all, `w:${s}`, 1);
      add(wordsOnly, `w:${s}`, 1);
    }
    for (const p of a.parts) {
      add(all, `w:${p}`, partWeight);
      add(wordsOnly, `w:${p}`, partWeight);
    }
    const seen = new Set<string>();
    for (const s of [...stems, ...a.parts]) {
      if (s.length < 4 || seen.has(s)) continue;
      seen.add(s);
      const grams = charNgrams(s, 4, 5);
      for (const g of grams) add(all, `c:${g}`, charWeight);
    }
    return { all, words: wordsOnly, contentWords: stems.length };
  }

  /** Embeds a text (a theme's name and description) in the corpus space; unknown words are ignored. */
  embed(text: string): { vector: SparseVector; wordVector: SparseVector } {
    const f = this.features(text, false);
    return { vector: toVector(f.all, this.idf), wordVector: toVector(f.words, this.idf) };
  }

  /** The content stems of a text (stop words and consultation boilerplate left out). */
  stemsOf(text: string): string[] {
    const a = this.analyze(text);
    return a.stems.filter((s) => !consultationWords.has(a.surface.get(s) ?? s));
  }

  /** A dense copy of a sparse vector. */
  dense(v: SparseVector): Float64Array {
    const d = new Float64Array(this.dimensions);
    addInto(d, v);
    return d;
  }

  /** The stem of a `w:` feature, or null for other features. */
  stemOf(id: number): string | null {
    const name = this.featureName(id);
    return name.startsWith('w:') ? name.slice(2) : null;
  }
}
