import { normalizeText } from '../text/normalize';
import type { ConsultationCampaign } from './types';

export interface CampaignOptions {
  /** Jaccard similarity of word 3-shingles from which two responses count as copies of one text. */
  threshold?: number;
  /** Copies from which a group counts as a campaign. */
  minSize?: number;
}

// FNV-1a over a shingle: stable across runs, so campaign ids and members are reproducible.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** The sorted, distinct hashes of a text's word 3-shingles (stop words kept: templates share them). */
export function shingles(text: string): Int32Array {
  const words = normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<number>();
  if (words.length < 3) set.add(hash(words.join(' ')));
  for (let i = 0; i + 3 <= words.length; i++) set.add(hash(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  return Int32Array.from(set).sort();
}

/** Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/**
 * Finds campaigns: groups of responses that are copies of one text with small edits (names,
 * "jeg/vi", a sentence added or left out, typos). Responses are linked when the Jaccard similarity of
 * their word 3-shingles reaches the threshold, and groups are the connected components; a group of
 * at least `minSize` is a campaign. The representative is the copy most similar to the others.
 */
export function detectCampaigns(responses: readonly { id: string; text: string }[], options: CampaignOptions = {}): ConsultationCampaign[] {
  const threshold = options.threshold ?? 0.5;
  const minSize = options.minSize ?? 3;
  const sets = responses.map((r) => shingles(r.text));
  const parent = responses.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[i] !== r) {
      const next = parent[i] ?? r;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  // Sorting by size lets the inner loop stop once the size ratio alone rules out the threshold.
  const order = sets.map((s, i) => ({ i, n: s.length })).sort((a, b) => a.n - b.n);
  for (let x = 0; x < order.length; x++) {
    const a = order[x];
    if (!a) continue;
    const sa = sets[a.i] ?? new Int32Array();
    for (let y = x + 1; y < order.length; y++) {
      const b = order[y];
      if (!b) continue;
      if (a.n < threshold * b.n) break;
      if (find(a.i) === find(b.i)) continue;
      if (jaccard(sa, sets[b.i] ?? new Int32Array()) >= threshold) parent[find(a.i)] = find(b.i);
    }
  }
  const groups = new Map<number, number[]>();
  responses.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const campaigns: ConsultationCampaign[] = [];
  for (const members of groups.values()) {
    if (members.length < minSize) continue;
    // The medoid: the copy with the highest mean similarity to the other copies.
    let best = members[0] ?? 0;
    let bestMean = -1;
    const sample = members.length > 60 ? members.filter((_, k) => k % Math.ceil(members.length / 60) === 0) : members;
    for (const m of members) {
      let sum = 0;
      for (const o of sample) if (o !== m) sum += jaccard(sets[m] ?? new Int32Array(), sets[o] ?? new Int32Array());
      const mean = sum / Math.max(1, sample.length - (sample.includes(m) ? 1 : 0));
      if (mean > bestMean) [best, bestMean] = [m, mean];
    }
    const ordered = [best, ...members.filter((m) => m !== best)];
    const similarity = ordered.slice(1).reduce((s, m) => s + jaccard(sets[best] ?? new Int32Array(), sets[m] ?? new Int32Array()), 0) / (ordered.length - 1);
    campaigns.push({
      id: '',
      ids: ordered.map((m) => responses[m]?.id ?? ''),
      size: ordered.length,
      representativeId: responses[best]?.id ?? '',
      similarity: Math.round(similarity * 1000) / 1000,
    });
  }
  campaigns.sort((a, b) => b.size - a.size || a.representativeId.localeCompare(b.representativeId));
  campaigns.forEach((c, i) => {
    c.id = `K${i + 1}`;
  });
  return campaigns;
}
