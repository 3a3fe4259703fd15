import { nmf } from './nmf';
import type { ConsultationQuote, ThemeInput } from './types';
import { addInto, type ConsultationCorpus, dotDense, normalizeDense } from './vectors';

/** Version of the offline method; recorded with every analysis it makes. */
export const OFFLINE_CONSULTATION_VERSION = 'consultation-offline@2026-06.1';

/** A theme as the offline engine holds it: a prototype vector in the corpus space. */
export interface ThemePrototype extends ThemeInput {
  origin: 'given' | 'discovered';
  prototype: Float64Array;
}

/** Settings of offline mapping; the defaults are what the eval suite measures. */
export interface OfflineMappingOptions {
  /** Rounds of prototype refinement from the responses (pseudo-relevance feedback). */
  rounds?: number;
  /** Weight of the theme's own description against what was learnt from the responses. */
  descriptionWeight?: number;
  /** Score from which a theme is assigned. */
  minScore?: number;
  /** A theme is also assigned when it scores at least this share of the response's best theme. */
  relativeScore?: number;
  /** Weight of the other themes' learnt words subtracted from a theme (Rocchio's negative feedback). */
  contrast?: number;
  /** Share of a response's second-best sentence added to its best for a theme. */
  secondSentence?: number;
}

/** Per response: the score of every theme and the segment that gave it. */
export interface OfflineMapping {
  scores: Float64Array[];
  bestSegment: Int32Array[];
  prototypes: Float64Array[];
}

/** The scores of every segment against every prototype. */
function segmentScores(corpus: ConsultationCorpus, prototypes: readonly Float64Array[]): Float64Array[] {
  return corpus.segments.map((s) => Float64Array.from(prototypes, (p) => Math.max(0, dotDense(s.vector, p))));
}

/**
 * Maps responses to themes without a model. Each sentence is compared with each theme's prototype
 * (first its name and description, in stems, compound parts and character n-grams); then each
 * prototype is refined from the sentences that match it best and no other theme better
 * (Rocchio-style feedback), so a theme learns the words the responses actually use ("bus",
 * "cykelsti") from the words its description uses ("transport"). A response's score for a theme is
 * its best sentence's score. `weights` down-weights campaign copies so one letter sent 100 times
 * does not define a theme.
 */
export function mapOffline(
  corpus: ConsultationCorpus,
  initial: readonly Float64Array[],
  weights: readonly number[],
  options: OfflineMappingOptions = {},
): OfflineMapping {
  const rounds = options.rounds ?? 1;
  const beta = options.descriptionWeight ?? 0.5;
  const gamma = options.contrast ?? 0.5;
  let prototypes = initial.map((p) => normalizeDense(Float64Array.from(p)));
  let scores = segmentScores(corpus, prototypes);
  for (let round = 0; round < rounds; round++) {
    const learntAll = prototypes.map((_, k) => {
      // Seeds: sentences whose best theme is k, from the top of k's ranking.
      const candidates: { j: number; score: number }[] = [];
      scores.forEach((row, j) => {
        const seg = corpus.segments[j];
        if (!seg || seg.contentWords < 3) return;
        let best = 0;
        for (let t = 1; t < row.length; t++) if ((row[t] ?? 0) > (row[best] ?? 0)) best = t;
        if (best === k && (row[k] ?? 0) > 0.05) candidates.push({ j, score: row[k] ?? 0 });
      });
      candidates.sort((a, b) => b.score - a.score);
      const take = candidates.slice(0, Math.max(3, Math.ceil(candidates.length * 0.5)));
      const learnt = new Float64Array(corpus.dimensions);
      for (const c of take) {
        const seg = corpus.segments[c.j];
        if (seg) addInto(learnt, seg.vector, c.score * (weights[seg.responseIndex] ?? 1));
      }
      return normalizeDense(learnt);
    });
    const others = new Float64Array(corpus.dimensions);
    for (const l of learntAll) for (let i = 0; i < others.length; i++) others[i] = (others[i] ?? 0) + (l[i] ?? 0);
    prototypes = learntAll.map((learnt, k) => {
      const combined = new Float64Array(corpus.dimensions);
      const own = initial[k] ?? combined;
      const otherScale = learntAll.length > 1 ? gamma / (learntAll.length - 1) : 0;
      for (let i = 0; i < combined.length; i++) {
        const v = beta * (own[i] ?? 0) + (1 - beta) * (learnt[i] ?? 0) - otherScale * ((others[i] ?? 0) - (learnt[i] ?? 0));
        combined[i] = Math.max(v, 0);
      }
      return normalizeDense(combined);
    });
    scores = segmentScores(corpus, prototypes);
  }
  const k = prototypes.length;
  const responseScores = corpus.segmentsOf.map(() => new Float64Array(k));
  const second = corpus.segmentsOf.map(() => new Float64Array(k));
  const bestSegment = corpus.segmentsOf.map(() => new Int32Array(k).fill(-1));
  scores.forEach((row, j) => {
    const seg = corpus.segments[j];
    if (!seg) return;
    const out = responseScores[seg.responseIndex];
    const runner = second[seg.responseIndex];
    const best = bestSegment[seg.responseIndex];
    if (!out || !best || !runner) return;
    for (let t = 0; t < k; t++) {
      const v = row[t] ?? 0;
      if (v > (out[t] ?? 0)) {
        runner[t] = out[t] ?? 0;
        out[t] = v;
        best[t] = j;
      } else if (v > (runner[t] ?? 0)) runner[t] = v;
    }
  });
  // A second sentence on the same theme is more evidence, worth a fraction of the first.
  const lambda = options.secondSentence ?? 0.3;
  if (lambda > 0) {
    responseScores.forEach((out, i) => {
      for (let t = 0; t < k; t++) out[t] = Math.min(1, (out[t] ?? 0) + lambda * (second[i]?.[t] ?? 0));
    });
  }
  return { scores: responseScores, bestSegment, prototypes };
}

/** The themes a response is assigned from its scores: the best one and any close to it, above the floor. */
export function decideThemes(scores: Float64Array, options: OfflineMappingOptions = {}): number[] {
  const minScore = options.minScore ?? 0.1;
  const relative = options.relativeScore ?? 0.4;
  let top = 0;
  for (const s of scores) top = Math.max(top, s);
  if (top < minScore) return [];
  return [...scores.keys()].filter((t) => (scores[t] ?? 0) >= Math.max(minScore, relative * top)).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
}

/** The words that characterise a prototype (its heaviest stems), in their commonest surface form. */
export function keyphrasesOf(corpus: ConsultationCorpus, prototype: Float64Array, count = 6): string[] {
  const top: { id: number; w: number }[] = [];
  prototype.forEach((w, id) => {
    if (w <= 0) return;
    if (top.length < count * 4 || w > (top[top.length - 1]?.w ?? 0)) {
      top.push({ id, w });
      top.sort((a, b) => b.w - a.w);
      if (top.length > count * 4) top.pop();
    }
  });
  const out: string[] = [];
  for (const { id } of top) {
    const stem = corpus.stemOf(id);
    if (!stem) continue;
    const word = corpus.surface.get(stem) ?? stem;
    if (word.length < 3 || out.includes(word)) continue;
    out.push(word);
    if (out.length >= count) break;
  }
  return out;
}

/** Prototypes of themes given by a person: their name (twice, as the strongest hint) and description. */
export function givenPrototypes(corpus: ConsultationCorpus, themes: readonly ThemeInput[]): ThemePrototype[] {
  return themes.map((t) => ({
    ...t,
    origin: 'given',
    prototype: corpus.dense(corpus.embed(`${t.name}. ${t.name}. ${t.description}`).vector),
  }));
}

export interface DiscoveryOptions {
  /** Most themes to propose; default from the number of distinct responses. */
  maxThemes?: number;
  /** Fewest distinct responses a proposed theme must have. */
  minResponses?: number;
  /** Words in more than this share of the distinct responses are left out of discovery. */
  maxShare?: number;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

/**
 * Proposes themes without a model: sentences of the distinct responses (a campaign counts once)
 * are factorised into topics (NMF over stem TF-IDF); each topic becomes a theme whose prototype is
 * the mean of its most typical sentences, named by its heaviest words. Topics that too few
 * responses touch are dropped, and near-identical topics merged.
 */
export function discoverOffline(corpus: ConsultationCorpus, weights: readonly number[], options: DiscoveryOptions = {}): ThemePrototype[] {
  const distinct = weights.reduce((s, w) => s + w, 0);
  const rows: number[] = [];
  corpus.segments.forEach((s, j) => {
    if (s.contentWords >= 3 && (weights[s.responseIndex] ?? 1) >= 1) rows.push(j);
  });
  if (rows.length === 0) return [];
  // Words nearly every response uses (the school, the town, "imod") say nothing about which theme a
  // sentence is on, and words only one response uses cannot make a theme: topics are found in the rest.
  const responseDf = new Map<number, Set<number>>();
  for (const j of rows) {
    const seg = corpus.segments[j];
    if (!seg) continue;
    for (const id of seg.wordVector.ids) responseDf.set(id, (responseDf.get(id) ?? new Set()).add(seg.responseIndex));
  }
  const maxDf = Math.max(3, (options.maxShare ?? 0.15) * distinct);
  const isTopical = (id: number) => {
    const df = responseDf.get(id)?.size ?? 0;
    return df >= 2 && df <= maxDf;
  };
  const topicalRows = rows.map((j) => {
    const v = corpus.segments[j]?.wordVector ?? { ids: new Int32Array(), values: new Float64Array() };
    const keep = [...v.ids.keys()].filter((x) => isTopical(v.ids[x] ?? 0));
    const values = Float64Array.from(keep, (x) => v.values[x] ?? 0);
    const norm = Math.sqrt(values.reduce((s, x) => s + x * x, 0)) || 1;
    return { ids: Int32Array.from(keep, (x) => v.ids[x] ?? 0), values: values.map((x) => x / norm) };
  });
  const usable = topicalRows.map((r, x) => ({ r, j: rows[x] ?? 0 })).filter((x) => x.r.ids.length >= 2);
  if (usable.length === 0) return [];
  const k = Math.max(2, Math.min(options.maxThemes ?? 12, Math.round(Math.sqrt(distinct)), usable.length));
  const { w } = nmf(
    usable.map((x) => x.r),
    corpus.dimensions,
    k,
    { seed: 11 },
  );
  const minResponses = options.minResponses ?? Math.max(2, Math.ceil(distinct * 0.03));
  const themes: { prototype: Float64Array; responses: Set<number>; rows: Set<number> }[] = [];
  for (let t = 0; t < k; t++) {
    // The sentences that are mostly about topic t, strongest first.
    const members = usable
      .map((x, r) => {
        const wr = w[r] ?? new Float64Array(k);
        let sum = 0;
        for (const v of wr) sum += v;
        return { x, weight: wr[t] ?? 0, share: sum > 0 ? (wr[t] ?? 0) / sum : 0 };
      })
      .filter((m) => m.share >= 0.5 && m.weight > 0)
      .sort((a, b) => b.weight - a.weight);
    const responses = new Set(members.map((m) => corpus.segments[m.x.j]?.responseIndex ?? -1));
    if (responses.size < minResponses) continue;
    // The prototype lives in the topical words: mapping then learns the rest from the responses.
    const prototype = new Float64Array(corpus.dimensions);
    for (const m of members.slice(0, Math.max(5, Math.ceil(members.length * 0.6)))) addInto(prototype, m.x.r, m.weight);
    normalizeDense(prototype);
    themes.push({ prototype, responses, rows: new Set(members.map((m) => usable.indexOf(m.x))) });
  }
  // Merge topics that are the same theme seen twice.
  const merged: typeof themes = [];
  for (const t of themes.sort((a, b) => b.responses.size - a.responses.size)) {
    const twin = merged.find((m) => {
      let dot = 0;
      for (let i = 0; i < m.prototype.length; i++) dot += (m.prototype[i] ?? 0) * (t.prototype[i] ?? 0);
      return dot > 0.6;
    });
    if (twin) {
      for (let i = 0; i < twin.prototype.length; i++) twin.prototype[i] = (twin.prototype[i] ?? 0) + (t.prototype[i] ?? 0);
      normalizeDense(twin.prototype);
      for (const r of t.responses) twin.responses.add(r);
      for (const r of t.rows) twin.rows.add(r);
    } else merged.push(t);
  }
  // Names from the words most distinctive of a theme's sentences (frequent in them, rare elsewhere),
  // which name a subject better than the heaviest words, often generic verbs and adjectives.
  const rowCount = new Map<number, number>();
  for (const x of usable) for (const id of x.r.ids) rowCount.set(id, (rowCount.get(id) ?? 0) + 1);
  const distinctive = (rowsOf: Set<number>): string[] => {
    const inTheme = new Map<number, number>();
    for (const r of rowsOf) for (const id of usable[r]?.r.ids ?? []) inTheme.set(id, (inTheme.get(id) ?? 0) + 1);
    const scored = [...inTheme]
      .filter(([, c]) => c >= 2)
      .map(([id, c]) => ({ id, score: c * Math.log(c / rowsOf.size / ((rowCount.get(id) ?? c) / usable.length)) }))
      .sort((a, b) => b.score - a.score);
    const out: string[] = [];
    for (const { id } of scored) {
      const stem = corpus.stemOf(id);
      const word = stem ? (corpus.surface.get(stem) ?? stem) : null;
      if (!word || word.length < 3 || out.includes(word)) continue;
      out.push(word);
      if (out.length >= 6) break;
    }
    return out;
  };
  return merged.map((t, i) => {
    const named = distinctive(t.rows);
    const words = named.length >= 2 ? named : keyphrasesOf(corpus, t.prototype, 6);
    const [a, b, c] = words;
    const name = a ? capitalise(b ? `${a}, ${b}${c ? ` og ${c}` : ''}` : a) : `Tema ${i + 1}`;
    return {
      id: `tema-${i + 1}`,
      name,
      description: `Foreslået tema (uden model): svar om ${words.join(', ')}.`,
      origin: 'discovered' as const,
      prototype: t.prototype,
    };
  });
}

/** A quote of a whole segment, as offsets into its response. */
export function segmentQuote(corpus: ConsultationCorpus, j: number, responseId: string, themeId: string | null): ConsultationQuote | null {
  const seg = corpus.segments[j];
  if (!seg) return null;
  return { responseId, text: seg.text, start: seg.start, end: seg.end, themeId };
}
