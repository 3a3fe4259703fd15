import { kleGroupOf, kleLevel, kleParent } from '../kle/types';
import { charNgrams } from '../text/ngrams';
import { type Analysis, charMax, charMin, type Family, featureCounts, TextAnalyzer, vocabularyWords } from './features';

/** The KLE a model knows: every level, titles and keywords. */
export interface KleNode {
  code: string;
  title: string;
  keywords: string[];
}

/** A labelled example as the model keeps it: stems, not text. */
export interface StoredExample {
  id: string;
  kle: string | null;
  kind: string | null;
  /** Stems in order, space separated. */
  stems: string;
  /** Compound-part stems, space separated. */
  parts: string;
}

/** The numbers that turn similarities into a score per subject; fit on held-out data when trained. */
export interface ScoreParams {
  /** Weight of each feature family inside one cosine. */
  familyWeights: Record<Family, number>;
  /** How much the mean of a subject's labelled examples adds to its KLE description. */
  exampleWeight: number;
  /** Weights of the four parts of the score. */
  subject: number;
  group: number;
  knn: number;
  knnGroup: number;
  /** Neighbours the kNN part looks at. */
  k: number;
  /**
   * Pivoted length normalisation of KLE vectors (1 = plain cosine). Below 1, a subject with many
   * keywords is not punished for them, so one rare word in a tiny subject cannot outweigh a topic.
   */
  lengthPivot?: number;
  /** Softmax temperature of subject confidences, from calibration. */
  temperature: number;
  /** Softmax temperature of group confidences (the sum of a group's subjects), calibrated on its own. */
  groupTemperature?: number;
}

/** Defaults for a model that has only KLE: chosen on the training set used as a development set. */
export const defaultScoreParams: ScoreParams = {
  familyWeights: { w: 1, b: 0.5, c: 0.5 },
  exampleWeight: 2,
  lengthPivot: 0.3,
  subject: 1,
  group: 0.6,
  knn: 0,
  knnGroup: 0,
  k: 10,
  temperature: 0.05,
};

/** The parts of the score of one item, before they are weighted. */
export interface ScoreComponents {
  subject: Float64Array;
  group: Float64Array;
  knn: Float64Array;
  knnGroup: Float64Array;
  neighbours: { index: number; similarity: number }[];
  query: SparseVector;
}

interface SparseVector {
  ids: Int32Array;
  values: Float64Array;
}

interface Postings {
  classes: Int32Array;
  weights: Float32Array;
}

const familyIndex: Record<string, number> = { w: 0, b: 1, c: 2 };

/** Parses a stored example back into an analysis. */
export function exampleAnalysis(example: Pick<StoredExample, 'stems' | 'parts'>): Pick<Analysis, 'stems' | 'parts'> {
  return { stems: example.stems ? example.stems.split(' ') : [], parts: example.parts ? example.parts.split(' ') : [] };
}

/**
 * The searchable form of a model: a tf-idf vector per KLE subject (its title, keywords and group
 * title, plus the mean of its labelled examples), one per group, and one per labelled example, each
 * held as an inverted index so that scoring an item touches only the features it has.
 */
export class ScoringIndex {
  readonly analyzer: TextAnalyzer;
  readonly subjects: string[];
  readonly groups: string[];
  readonly groupOfSubject: Int32Array;
  readonly examples: readonly StoredExample[];
  private readonly vocabulary = new Map<string, number>();
  private readonly featureNames: string[] = [];
  private idf: Float64Array = new Float64Array(0);
  private family: Uint8Array = new Uint8Array(0);
  private subjectPostings: (Postings | undefined)[] = [];
  private groupPostings: (Postings | undefined)[] = [];
  private examplePostings: (Postings | undefined)[] = [];
  private readonly exampleSubject: Int32Array;
  private readonly exampleGroup: Int32Array;

  constructor(
    kle: readonly KleNode[],
    examples: readonly StoredExample[],
    readonly params: ScoreParams,
  ) {
    const titles = new Map(kle.map((n) => [n.code, n.title]));
    const known = new Set<string>();
    for (const node of kle) for (const w of vocabularyWords(`${node.title} ${node.keywords.join(' ')}`)) known.add(w);
    this.analyzer = new TextAnalyzer(known);

    this.subjects = kle
      .filter((n) => kleLevel(n.code) === 3)
      .map((n) => n.code)
      .sort();
    const subjectIndex = new Map(this.subjects.map((c, i) => [c, i]));
    this.groups = [...new Set(this.subjects.map(kleGroupOf))].sort();
    const groupIndex = new Map(this.groups.map((g, i) => [g, i]));
    this.groupOfSubject = Int32Array.from(this.subjects.map((s) => groupIndex.get(kleGroupOf(s)) ?? 0));

    // Examples labelled with a subject the KLE does not list (an older edition) count for their group only.
    this.examples = examples;
    this.exampleSubject = Int32Array.from(examples.map((e) => (e.kle ? (subjectIndex.get(e.kle) ?? -1) : -1)));
    this.exampleGroup = Int32Array.from(examples.map((e) => (e.kle ? (groupIndex.get(kleGroupOf(e.kle)) ?? -1) : -1)));

    const analyse = (text: string) => featureCounts(this.analyzer.analyze(text));
    const nodes = new Map(kle.map((n) => [n.code, n]));
    const subjectCounts = this.subjects.map((code) => {
      const node = nodes.get(code);
      const counts = new Map<string, number>();
      featureCounts(this.analyzer.analyze(node?.title ?? ''), counts, 2);
      for (const keyword of node?.keywords ?? []) featureCounts(this.analyzer.analyze(keyword), counts);
      // Hierarchical smoothing: a subject also speaks of its group, so that "affald" reaches every 07.18 subject.
      const parent = kleParent(code);
      if (parent) featureCounts(this.analyzer.analyze(titles.get(parent) ?? ''), counts);
      return counts;
    });
    const exampleCounts = examples.map((e) => featureCounts(exampleAnalysis(e)));
    const groupCounts = this.groups.map((g) => {
      const counts = analyse(titles.get(g) ?? '');
      for (const [k, v] of counts) counts.set(k, v * 2);
      const main = kleParent(g);
      if (main) featureCounts(this.analyzer.analyze(titles.get(main) ?? ''), counts);
      return counts;
    });
    for (let s = 0; s < this.subjects.length; s++) {
      const target = groupCounts[this.groupOfSubject[s] ?? 0];
      const source = subjectCounts[s];
      if (target && source) for (const [k, v] of source) target.set(k, (target.get(k) ?? 0) + v);
    }

    // Document frequencies over KLE subjects and examples: words in every subject weigh nothing.
    const df = new Map<string, number>();
    for (const counts of [...subjectCounts, ...exampleCounts]) for (const k of counts.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    const docs = subjectCounts.length + exampleCounts.length;
    this.idf = new Float64Array(df.size);
    this.family = new Uint8Array(df.size);
    for (const [k, n] of df) {
      const id = this.featureNames.length;
      this.vocabulary.set(k, id);
      this.featureNames.push(k);
      this.idf[id] = Math.log((docs + 1) / (n + 1)) + 1;
      this.family[id] = familyIndex[k[0] ?? 'w'] ?? 0;
    }

    const exampleVectors = exampleCounts.map((c) => this.vectorize(c));
    const subjectVectors = subjectCounts.map((c) => this.rawWeights(c));
    const groupVectors = groupCounts.map((c) => this.rawWeights(c));
    // Labelled examples move their subject's and group's vector towards how people actually write.
    const sums = (n: number, indexOf: Int32Array) => {
      const acc = Array.from({ length: n }, () => ({ vector: new Map<number, number>(), count: 0 }));
      exampleVectors.forEach((v, i) => {
        const target = acc[indexOf[i] ?? -1];
        if (!target) return;
        target.count++;
        for (let j = 0; j < v.ids.length; j++) target.vector.set(v.ids[j] ?? 0, (target.vector.get(v.ids[j] ?? 0) ?? 0) + (v.values[j] ?? 0));
      });
      return acc;
    };
    const power = params.lengthPivot ?? 1;
    const weights = [params.familyWeights.w, params.familyWeights.b, params.familyWeights.c];
    const blend = (raw: Map<number, number>[], acc: { vector: Map<number, number>; count: number }[]) => {
      // The pivot is the mean length per family over the documents of this level.
      const mean = [0, 1, 2].map((f) => {
        const lengths = raw.map((v) => this.familyNorms(v)[f] ?? 0).filter((n) => n > 0);
        return lengths.length > 0 ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 1;
      });
      return raw.map((vector, i) => {
        const base = this.normalize(vector, power === 1 ? undefined : { power, mean });
        const extra = acc[i];
        if (!extra || extra.count === 0) return base;
        const merged = new Map(base);
        for (const [id, v] of extra.vector) merged.set(id, (merged.get(id) ?? 0) + (params.exampleWeight * v) / extra.count);
        // Keep each family's length as the KLE text had it, so subjects with and without examples compare fairly.
        const before = this.familyNorms(base);
        const after = this.familyNorms(merged);
        const scale = after.map((n, f) => (n > 0 ? ((before[f] ?? 0) > 0 ? (before[f] ?? 0) : Math.sqrt(weights[f] ?? 0)) / n : 0));
        for (const [id, v] of merged) merged.set(id, v * (scale[this.family[id] ?? 0] ?? 0));
        return merged;
      });
    };
    this.subjectPostings = this.invert(blend(subjectVectors, sums(this.subjects.length, this.exampleSubject)));
    this.groupPostings = this.invert(blend(groupVectors, sums(this.groups.length, this.exampleGroup)));
    this.examplePostings = this.invert(exampleVectors.map((v) => this.toMap(v)));
  }

  /** Number of features the index knows. */
  get featureCount(): number {
    return this.featureNames.length;
  }

  /** A feature's name (`w:stem`, `b:stem stem`, `c:gram`). */
  featureName(id: number): string {
    return this.featureNames[id] ?? '';
  }

  private toMap(v: SparseVector): Map<number, number> {
    const m = new Map<number, number>();
    for (let i = 0; i < v.ids.length; i++) m.set(v.ids[i] ?? 0, v.values[i] ?? 0);
    return m;
  }

  /** Scales each feature family to unit length, times the square root of its weight, so one dot product is the weighted sum of cosines. */
  private familyNorms(vector: Map<number, number>): number[] {
    const norms = [0, 0, 0];
    for (const [id, v] of vector) norms[this.family[id] ?? 0] = (norms[this.family[id] ?? 0] ?? 0) + v * v;
    return norms.map(Math.sqrt);
  }

  private normalize(vector: Map<number, number>, pivot?: { power: number; mean: number[] }): Map<number, number> {
    const norms = this.familyNorms(vector);
    const weights = [this.params.familyWeights.w, this.params.familyWeights.b, this.params.familyWeights.c];
    const scale = norms.map((n, f) => {
      if (n <= 0) return 0;
      const length = pivot ? n ** pivot.power * (pivot.mean[f] ?? n) ** (1 - pivot.power) : n;
      return Math.sqrt(weights[f] ?? 0) / length;
    });
    const out = new Map<number, number>();
    for (const [id, v] of vector) out.set(id, v * (scale[this.family[id] ?? 0] ?? 0));
    return out;
  }

  // Per stem, the ids of its word feature and character n-grams: mail repeats its words, so an item
  // is turned into a vector with a few map look-ups instead of building hundreds of n-gram strings.
  private readonly stemCache = new Map<string, { word: number; grams: Int32Array }>();

  /** True when the model has seen this stem as a whole word. */
  knowsStem(stem: string): boolean {
    return this.stemInfo(stem).word >= 0;
  }

  private stemInfo(stem: string): { word: number; grams: Int32Array } {
    const hit = this.stemCache.get(stem);
    if (hit) return hit;
    const grams: number[] = [];
    if (stem.length >= 3) {
      for (const g of charNgrams(stem, charMin, charMax)) {
        const id = this.vocabulary.get(`c:${g}`);
        if (id !== undefined) grams.push(id);
      }
    }
    const info = { word: this.vocabulary.get(`w:${stem}`) ?? -1, grams: Int32Array.from(grams) };
    if (this.stemCache.size > 200_000) this.stemCache.clear();
    this.stemCache.set(stem, info);
    return info;
  }

  /** The query vector of an analysed text: the same features as `featureCounts`, by id. */
  queryVector(analysis: Pick<Analysis, 'stems' | 'parts'>): SparseVector {
    const counts = new Map<number, number>();
    const add = (id: number, n: number) => {
      if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + n);
    };
    const { stems, parts } = analysis;
    for (const s of stems) add(this.stemInfo(s).word, 1);
    for (const p of parts) add(this.stemInfo(p).word, 0.5);
    for (let i = 0; i + 1 < stems.length; i++) add(this.vocabulary.get(`b:${stems[i]} ${stems[i + 1]}`) ?? -1, 1);
    const seen = new Set<string>();
    for (const s of stems.length + parts.length > 0 ? [...stems, ...parts] : []) {
      if (s.length < 3 || seen.has(s)) continue;
      seen.add(s);
      for (const id of this.stemInfo(s).grams) add(id, 1);
    }
    return this.weigh(counts);
  }

  /** Tf-idf weights (sublinear tf) of known features, not normalised. */
  private rawWeights(counts: Map<string, number>): Map<number, number> {
    const out = new Map<number, number>();
    for (const [k, n] of counts) {
      const id = this.vocabulary.get(k);
      if (id !== undefined && n > 0) out.set(id, (1 + Math.log(n)) * (this.idf[id] ?? 0));
    }
    return out;
  }

  /** Tf-idf (sublinear tf) of known features, normalised per family. */
  vectorize(counts: Map<string, number>): SparseVector {
    const byId = new Map<number, number>();
    for (const [k, n] of counts) {
      const id = this.vocabulary.get(k);
      if (id !== undefined) byId.set(id, n);
    }
    return this.weigh(byId);
  }

  private weigh(counts: Map<number, number>): SparseVector {
    // Plain arrays and one pass: this runs once per classified item and must not churn the heap.
    const ids: number[] = [];
    const values: number[] = [];
    const norms = [0, 0, 0];
    for (const [id, n] of counts) {
      if (n <= 0) continue;
      const v = (1 + Math.log(n)) * (this.idf[id] ?? 0);
      const f = this.family[id] ?? 0;
      ids.push(id);
      values.push(v);
      norms[f] = (norms[f] ?? 0) + v * v;
    }
    const weights = [this.params.familyWeights.w, this.params.familyWeights.b, this.params.familyWeights.c];
    const scale = norms.map((n, f) => (n > 0 ? Math.sqrt(weights[f] ?? 0) / Math.sqrt(n) : 0));
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) * (scale[this.family[ids[i] ?? 0] ?? 0] ?? 0);
    return { ids: Int32Array.from(ids), values: out };
  }

  private invert(vectors: Map<number, number>[]): (Postings | undefined)[] {
    const lists: { c: number[]; w: number[] }[] = [];
    vectors.forEach((vector, c) => {
      for (const [id, w] of vector) {
        if (w === 0) continue;
        let list = lists[id];
        if (!list) {
          list = { c: [], w: [] };
          lists[id] = list;
        }
        list.c.push(c);
        list.w.push(w);
      }
    });
    const out: (Postings | undefined)[] = new Array(this.featureNames.length);
    for (let id = 0; id < lists.length; id++) {
      const list = lists[id];
      if (list) out[id] = { classes: Int32Array.from(list.c), weights: Float32Array.from(list.w) };
    }
    return out;
  }

  private dot(query: SparseVector, postings: (Postings | undefined)[], scores: Float64Array): Float64Array {
    scores.fill(0);
    for (let i = 0; i < query.ids.length; i++) {
      const list = postings[query.ids[i] ?? -1];
      if (!list) continue;
      const q = query.values[i] ?? 0;
      const { classes, weights } = list;
      for (let j = 0; j < classes.length; j++) {
        const c = classes[j] ?? 0;
        scores[c] = (scores[c] ?? 0) + q * (weights[j] ?? 0);
      }
    }
    return scores;
  }

  /** The weight of feature `id` in the vector of class `c` (binary search in its postings). */
  weightOf(id: number, c: number, level: 'subject' | 'group'): number {
    const list = (level === 'subject' ? this.subjectPostings : this.groupPostings)[id];
    if (!list) return 0;
    let lo = 0;
    let hi = list.classes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = list.classes[mid] ?? 0;
      if (v === c) return list.weights[mid] ?? 0;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  // Buffers reused by `components(…, true)`: classification is synchronous, so one set per index is
  // safe, and it spares the garbage collector four arrays per item.
  private scratch: {
    subject: Float64Array;
    group: Float64Array;
    knn: Float64Array;
    knnGroup: Float64Array;
    examples: Float64Array;
    scores: Float64Array;
  } | null = null;

  /**
   * Similarities of an analysed text to every subject, group and labelled example. With `reuse`, the
   * arrays are shared buffers that the next call overwrites (the classify path); without, they are new.
   */
  components(analysis: Pick<Analysis, 'stems' | 'parts'>, reuse = false): ScoreComponents {
    const query = this.queryVector(analysis);
    const nS = this.subjects.length;
    const nG = this.groups.length;
    const nE = this.examples.length;
    if (!this.scratch) {
      this.scratch = {
        subject: new Float64Array(nS),
        group: new Float64Array(nG),
        knn: new Float64Array(nS),
        knnGroup: new Float64Array(nG),
        examples: new Float64Array(nE),
        scores: new Float64Array(nS),
      };
    }
    const buffers = reuse
      ? this.scratch
      : {
          subject: new Float64Array(nS),
          group: new Float64Array(nG),
          knn: new Float64Array(nS),
          knnGroup: new Float64Array(nG),
          examples: this.scratch.examples,
        };
    const subject = this.dot(query, this.subjectPostings, buffers.subject);
    const group = this.dot(query, this.groupPostings, buffers.group);
    const { knn, knnGroup } = buffers;
    let neighbours: { index: number; similarity: number }[] = [];
    if (nE > 0) {
      knn.fill(0);
      knnGroup.fill(0);
      const sims = this.dot(query, this.examplePostings, buffers.examples);
      let floor = 0;
      for (let i = 0; i < sims.length; i++) {
        const similarity = sims[i] ?? 0;
        if (similarity <= floor) continue;
        neighbours.push({ index: i, similarity });
        if (neighbours.length > this.params.k) {
          neighbours.sort((a, b) => b.similarity - a.similarity);
          neighbours.length = this.params.k;
          floor = neighbours.at(-1)?.similarity ?? 0;
        }
      }
      neighbours = neighbours.sort((a, b) => b.similarity - a.similarity);
      for (const n of neighbours) {
        const s = this.exampleSubject[n.index] ?? -1;
        const g = this.exampleGroup[n.index] ?? -1;
        if (s >= 0) knn[s] = (knn[s] ?? 0) + n.similarity;
        if (g >= 0) knnGroup[g] = (knnGroup[g] ?? 0) + n.similarity;
      }
    } else if (!reuse) {
      // Fresh arrays are already zero.
    } else {
      knn.fill(0);
      knnGroup.fill(0);
    }
    return { subject, group, knn, knnGroup, neighbours, query };
  }

  /** The weighted score of every subject (not yet divided by the temperature); `into` is reused when given. */
  combine(
    c: Pick<ScoreComponents, 'subject' | 'group' | 'knn' | 'knnGroup'>,
    p: Pick<ScoreParams, 'subject' | 'group' | 'knn' | 'knnGroup'> = this.params,
    into?: Float64Array,
  ): Float64Array {
    const out = into ?? new Float64Array(this.subjects.length);
    const useKnn = p.knn !== 0 || p.knnGroup !== 0;
    for (let s = 0; s < out.length; s++) {
      const g = this.groupOfSubject[s] ?? 0;
      let v = p.subject * (c.subject[s] ?? 0) + p.group * (c.group[g] ?? 0);
      if (useKnn) v += p.knn * (c.knn[s] ?? 0) + p.knnGroup * (c.knnGroup[g] ?? 0);
      out[s] = v;
    }
    return out;
  }

  /** A buffer for scores, reused by the classify path. */
  scoreBuffer(): Float64Array {
    return this.scratch?.scores ?? new Float64Array(this.subjects.length);
  }
}

/** Softmax of scores divided by the temperature, into `out` (a new array unless given; may be `scores`). */
export function softmax(scores: Float64Array, temperature: number, out: Float64Array = new Float64Array(scores.length)): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) > max) max = scores[i] ?? 0;
  let sum = 0;
  // Scores far below the best contribute nothing a float can hold; skipping exp() for them is most of the speed.
  const cutoff = max - 40 * temperature;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i] ?? 0;
    const e = v < cutoff ? 0 : Math.exp((v - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** Indices of the n largest values, largest first. */
export function topIndices(values: ArrayLike<number>, n: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (top.length < n) {
      top.push(i);
      top.sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0));
    } else if (v > (values[top[top.length - 1] ?? 0] ?? 0)) {
      top[top.length - 1] = i;
      top.sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0));
    }
  }
  return top;
}
