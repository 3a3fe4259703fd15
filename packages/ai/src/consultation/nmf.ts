import { seededRandom } from '@ekspedit/core';
import type { SparseVector } from './vectors';

/** The factors of V ≈ W·H: W rows × k (how much each row is about each topic), H k × columns (topic terms). */
export interface Factorisation {
  w: Float64Array[];
  h: Float64Array[];
}

/**
 * Non-negative matrix factorisation of sparse rows (Lee & Seung's multiplicative updates for the
 * Frobenius norm). Rows are sentences, columns are terms, topics are the k rows of H. Initialised by
 * spreading k seed rows apart (farthest point on cosine), so runs are deterministic and topics start distinct.
 */
export function nmf(rows: readonly SparseVector[], columns: number, k: number, options: { iterations?: number; seed?: number } = {}): Factorisation {
  const iterations = options.iterations ?? 120;
  const random = seededRandom(options.seed ?? 7);
  const n = rows.length;
  const eps = 1e-9;
  const h = Array.from({ length: k }, () => new Float64Array(columns));
  // Farthest-point seeds: the first is the row most similar to all others, then each next the row least like those chosen.
  const seeds: number[] = [];
  const centroid = new Float64Array(columns);
  for (const r of rows) for (let i = 0; i < r.ids.length; i++) centroid[r.ids[i] ?? 0] = (centroid[r.ids[i] ?? 0] ?? 0) + (r.values[i] ?? 0);
  const dotDense = (r: SparseVector, d: Float64Array) => {
    let s = 0;
    for (let i = 0; i < r.ids.length; i++) s += (r.values[i] ?? 0) * (d[r.ids[i] ?? 0] ?? 0);
    return s;
  };
  let first = 0;
  let firstScore = -1;
  rows.forEach((r, i) => {
    const s = dotDense(r, centroid);
    if (s > firstScore) [first, firstScore] = [i, s];
  });
  seeds.push(first);
  const closest = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const seedDense = new Float64Array(columns);
  while (seeds.length < Math.min(k, n)) {
    const last = rows[seeds[seeds.length - 1] ?? 0];
    seedDense.fill(0);
    if (last) for (let i = 0; i < last.ids.length; i++) seedDense[last.ids[i] ?? 0] = last.values[i] ?? 0;
    let next = -1;
    let nextScore = Number.POSITIVE_INFINITY;
    rows.forEach((r, i) => {
      closest[i] = Math.max(closest[i] ?? 0, dotDense(r, seedDense));
      // Prefer rows with substance: a two-word sentence is far from everything without being a topic.
      const score = (closest[i] ?? 0) - 0.02 * Math.min(r.ids.length, 20);
      if (!seeds.includes(i) && score < nextScore) [next, nextScore] = [i, score];
    });
    if (next < 0) break;
    seeds.push(next);
  }
  seeds.forEach((s, t) => {
    const r = rows[s];
    const ht = h[t];
    if (!r || !ht) return;
    for (let i = 0; i < r.ids.length; i++) ht[r.ids[i] ?? 0] = (r.values[i] ?? 0) + 0.01;
  });
  for (const ht of h) for (let j = 0; j < columns; j++) ht[j] = (ht[j] ?? 0) + 0.001 * random();
  const w = rows.map((r) => {
    const wi = new Float64Array(k);
    for (let t = 0; t < k; t++) wi[t] = dotDense(r, h[t] ?? new Float64Array(columns)) + 0.01 * random();
    return wi;
  });

  const wtv = Array.from({ length: k }, () => new Float64Array(columns));
  const vht = Array.from({ length: n }, () => new Float64Array(k));
  const wtw = Array.from({ length: k }, () => new Float64Array(k));
  const hht = Array.from({ length: k }, () => new Float64Array(k));
  const old = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    // H ← H ∘ (WᵀV) / (WᵀW·H)
    for (const row of wtv) row.fill(0);
    for (const row of wtw) row.fill(0);
    rows.forEach((r, i) => {
      const wi = w[i] ?? new Float64Array(k);
      for (let a = 0; a < k; a++) {
        const wa = wi[a] ?? 0;
        if (wa === 0) continue;
        const target = wtv[a] ?? new Float64Array(columns);
        for (let x = 0; x < r.ids.length; x++) target[r.ids[x] ?? 0] = (target[r.ids[x] ?? 0] ?? 0) + wa * (r.values[x] ?? 0);
        const ww = wtw[a] ?? new Float64Array(k);
        for (let b = 0; b < k; b++) ww[b] = (ww[b] ?? 0) + wa * (wi[b] ?? 0);
      }
    });
    for (let a = 0; a < k; a++) {
      const ha = h[a] ?? new Float64Array(columns);
      const num = wtv[a] ?? new Float64Array(columns);
      const ww = wtw[a] ?? new Float64Array(k);
      for (let j = 0; j < columns; j++) {
        const cur = ha[j] ?? 0;
        if (cur === 0) continue;
        let den = 0;
        for (let b = 0; b < k; b++) den += (ww[b] ?? 0) * (h[b]?.[j] ?? 0);
        ha[j] = (cur * (num[j] ?? 0)) / (den + eps);
      }
    }
    // W ← W ∘ (V·Hᵀ) / (W·H·Hᵀ)
    for (let a = 0; a < k; a++) {
      const ha = h[a] ?? new Float64Array(columns);
      const row = hht[a] ?? new Float64Array(k);
      for (let b = a; b < k; b++) {
        const hb = h[b] ?? new Float64Array(columns);
        let s = 0;
        for (let j = 0; j < columns; j++) s += (ha[j] ?? 0) * (hb[j] ?? 0);
        row[b] = s;
        const mirror = hht[b];
        if (mirror) mirror[a] = s;
      }
    }
    rows.forEach((r, i) => {
      const out = vht[i] ?? new Float64Array(k);
      out.fill(0);
      for (let a = 0; a < k; a++) {
        const ha = h[a] ?? new Float64Array(columns);
        let s = 0;
        for (let x = 0; x < r.ids.length; x++) s += (r.values[x] ?? 0) * (ha[r.ids[x] ?? 0] ?? 0);
        out[a] = s;
      }
      const wi = w[i] ?? new Float64Array(k);
      old.set(wi);
      for (let a = 0; a < k; a++) {
        let den = 0;
        for (let b = 0; b < k; b++) den += (old[b] ?? 0) * (hht[b]?.[a] ?? 0);
        wi[a] = ((old[a] ?? 0) * (out[a] ?? 0)) / (den + eps);
      }
    });
  }
  return { w, h };
}
