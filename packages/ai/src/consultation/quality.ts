import { seededRandom } from '@ekspedit/core';
import type { Stance } from './types';

/** Themes (and optionally the stance) one party assigned to a response: the AI, or a person reviewing. */
export interface ThemeAssignment {
  id: string;
  themes: readonly string[];
  stance?: Stance | null;
}

/** F1 of one response's theme sets; two empty sets agree fully. */
export function setF1(predicted: readonly string[], gold: readonly string[]): number {
  const p = new Set(predicted);
  const g = new Set(gold);
  if (p.size === 0 && g.size === 0) return 1;
  let tp = 0;
  for (const x of p) if (g.has(x)) tp++;
  return (2 * tp) / (p.size + g.size);
}

/** Mean of values (0 for none). */
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** A percentile bootstrap interval of the mean of per-item values (seeded, so figures are reproducible). */
export function bootstrapMeanInterval(values: readonly number[], options: { resamples?: number; level?: number; seed?: number } = {}): [number, number] {
  if (values.length === 0) return [0, 0];
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[Math.floor(random() * values.length)] ?? 0;
    means[b] = s / values.length;
  }
  means.sort();
  const lo = means[Math.floor(((1 - level) / 2) * resamples)] ?? 0;
  const hi = means[Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1)] ?? 0;
  return [lo, hi];
}

/** Agreement of AI and human theme assignments on the responses a person has reviewed. */
export interface LiveQuality {
  /** Responses reviewed by a person (and assigned by the AI). */
  reviewed: number;
  /** Sample-averaged F1: the mean over responses of the F1 between the AI's and the person's themes. */
  f1: number;
  /** 95 % bootstrap interval of f1. */
  interval: [number, number];
  /** Share of reviewed responses where the stances agree (null when no stance was reviewed). */
  stanceAgreement: number | null;
  /** F1 ≥ 0.75 on at least 30 reviewed responses: the bar for trusting the counts without reading everything. */
  isTrustworthy: boolean;
}

/** The bar of trust for the AI's theme assignments. */
export const trustBar = { f1: 0.75, reviewed: 30 } as const;

/**
 * Live quality of a consultation analysis: compares the AI's assignments with those a person made
 * (or approved) on the same responses. Responses only one side assigned are left out.
 */
export function liveQuality(
  ai: readonly ThemeAssignment[],
  human: readonly ThemeAssignment[],
  options: { resamples?: number; seed?: number } = {},
): LiveQuality {
  const byId = new Map(ai.map((a) => [a.id, a]));
  const f1s: number[] = [];
  let stanceReviewed = 0;
  let stanceAgreed = 0;
  for (const h of human) {
    const a = byId.get(h.id);
    if (!a) continue;
    f1s.push(setF1(a.themes, h.themes));
    if (h.stance && a.stance) {
      stanceReviewed++;
      if (h.stance === a.stance) stanceAgreed++;
    }
  }
  const f1 = mean(f1s);
  return {
    reviewed: f1s.length,
    f1,
    interval: bootstrapMeanInterval(f1s, options),
    stanceAgreement: stanceReviewed ? stanceAgreed / stanceReviewed : null,
    isTrustworthy: f1s.length >= trustBar.reviewed && f1 >= trustBar.f1,
  };
}

/** Normalised mutual information of two labelings of the same items (arithmetic-mean normalisation). */
export function normalizedMutualInformation(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  const count = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (let i = 0; i < n; i++) m.set(xs[i] ?? '', (m.get(xs[i] ?? '') ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) joint.set(`${a[i]}\u0000${b[i]}`, (joint.get(`${a[i]}\u0000${b[i]}`) ?? 0) + 1);
  const entropy = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s - (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split('\u0000');
    mi += (c / n) * Math.log((c * n) / ((ca.get(x ?? '') ?? 1) * (cb.get(y ?? '') ?? 1)));
  }
  const ha = entropy(ca);
  const hb = entropy(cb);
  return ha + hb === 0 ? 1 : (2 * mi) / (ha + hb);
}

/** How well discovered themes match known ones, on the same responses (multi-label). */
export interface DiscoveryQuality {
  discovered: number;
  known: number;
  /** Mean over known themes of the best Jaccard overlap (of response sets) with any discovered theme. */
  knownBestMatch: number;
  /** Mean over discovered themes of the best Jaccard overlap with any known theme. */
  discoveredBestMatch: number;
  /** Share of responses whose primary discovered theme's majority known theme is among their own known themes. */
  purity: number;
  /** NMI of primary discovered theme vs first (most prominent) known theme, over responses with both. */
  nmi: number;
  /** Sample-averaged F1 after renaming each discovered theme to its best-matching known theme. */
  relabelledF1: number;
  /** Each discovered theme's best-matching known theme and their Jaccard overlap. */
  matches: { discovered: string; known: string; jaccard: number }[];
}

/** Compares discovered themes with known themes on the same responses. */
export function discoveryQuality(discovered: readonly ThemeAssignment[], known: readonly ThemeAssignment[]): DiscoveryQuality {
  const knownById = new Map(known.map((k) => [k.id, k]));
  const pairs = discovered.filter((d) => knownById.has(d.id)).map((d) => ({ d, k: knownById.get(d.id) as ThemeAssignment }));
  const sets = (side: 'd' | 'k') => {
    const m = new Map<string, Set<string>>();
    for (const p of pairs) for (const t of p[side].themes) m.set(t, (m.get(t) ?? new Set()).add(p.d.id));
    return m;
  };
  const ds = sets('d');
  const ks = sets('k');
  const jac = (a: Set<string>, b: Set<string>) => {
    let i = 0;
    for (const x of a) if (b.has(x)) i++;
    return i / (a.size + b.size - i || 1);
  };
  const bestOf = (set: Set<string>, others: Map<string, Set<string>>) => {
    let best = { name: '', j: 0 };
    for (const [name, o] of others) {
      const j = jac(set, o);
      if (j > best.j) best = { name, j };
    }
    return best;
  };
  const matches = [...ds].map(([name, set]) => {
    const b = bestOf(set, ks);
    return { discovered: name, known: b.name, jaccard: b.j };
  });
  const rename = new Map(matches.map((m) => [m.discovered, m.known]));
  // Purity on each response's primary discovered theme: the majority known theme of that cluster.
  const clusters = new Map<string, ThemeAssignment[]>();
  for (const p of pairs) {
    const primary = p.d.themes[0];
    if (primary) clusters.set(primary, [...(clusters.get(primary) ?? []), p.k]);
  }
  let pure = 0;
  let clustered = 0;
  for (const members of clusters.values()) {
    const votes = new Map<string, number>();
    for (const m of members) for (const t of m.themes) votes.set(t, (votes.get(t) ?? 0) + 1);
    const majority = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    clustered += members.length;
    pure += members.filter((m) => majority !== undefined && m.themes.includes(majority)).length;
  }
  const both = pairs.filter((p) => p.d.themes[0] && p.k.themes[0]);
  return {
    discovered: ds.size,
    known: ks.size,
    knownBestMatch: mean([...ks.values()].map((set) => bestOf(set, ds).j)),
    discoveredBestMatch: mean(matches.map((m) => m.jaccard)),
    purity: clustered ? pure / clustered : 0,
    nmi: normalizedMutualInformation(
      both.map((p) => p.d.themes[0] ?? ''),
      both.map((p) => p.k.themes[0] ?? ''),
    ),
    relabelledF1: mean(pairs.map((p) => setF1([...new Set(p.d.themes.map((t) => rename.get(t) ?? t))], p.k.themes))),
    matches,
  };
}

/** Pairwise precision and recall of campaign detection: pairs of responses put in the same campaign. */
export function campaignPairScores(
  predicted: readonly (readonly string[])[],
  gold: readonly (readonly string[])[],
): { precision: number; recall: number; predictedPairs: number; goldPairs: number } {
  const pairsOf = (groups: readonly (readonly string[])[]) => {
    const out = new Set<string>();
    for (const g of groups) {
      const ids = [...g].sort();
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add(`${ids[i]}\u0000${ids[j]}`);
    }
    return out;
  };
  const p = pairsOf(predicted);
  const g = pairsOf(gold);
  let both = 0;
  for (const x of p) if (g.has(x)) both++;
  return { precision: p.size ? both / p.size : 1, recall: g.size ? both / g.size : 1, predictedPairs: p.size, goldPairs: g.size };
}
