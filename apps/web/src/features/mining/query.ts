import type { MiningFilters, MiningShares } from './api';

export type Metric = 'frequency' | 'time';

/** Everything the process page shows, as kept in the URL (so a view can be bookmarked, and Back restores it). */
export interface MiningQuery {
  a: MiningFilters;
  /** The second side of a comparison, or null when not comparing. */
  b: MiningFilters | null;
  shares: MiningShares;
  metric: Metric;
}

export const emptyFilters: MiningFilters = { kind: '', unit: '', kle: '', from: '', to: '' };
export const defaultShares: MiningShares = { activity: 100, path: 100 };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** A KLE prefix as the server accepts it: 07, 07.18 or 07.18.00. */
export const klePattern = /^\d{2}(\.\d{2}){0,2}$/;
const filterKeys = ['kind', 'unit', 'kle', 'from', 'to'] as const;

function readFilters(p: URLSearchParams, prefix: string): MiningFilters {
  const from = p.get(`${prefix}from`) ?? '';
  const to = p.get(`${prefix}to`) ?? '';
  const kle = p.get(`${prefix}kle`) ?? '';
  return {
    kind: p.get(`${prefix}kind`) ?? '',
    unit: p.get(`${prefix}unit`) ?? '',
    kle: klePattern.test(kle) ? kle : '',
    from: isoDate.test(from) ? from : '',
    to: isoDate.test(to) ? to : '',
  };
}

function readShare(value: string | null): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 5 && n <= 100 ? n : 100;
}

/** Reads the page's state from the URL query. */
export function queryFromSearch(search: string): MiningQuery {
  const p = new URLSearchParams(search);
  return {
    a: readFilters(p, ''),
    b: p.get('compare') === '1' ? readFilters(p, 'b_') : null,
    shares: { activity: readShare(p.get('activities')), path: readShare(p.get('paths')) },
    metric: p.get('metric') === 'time' ? 'time' : 'frequency',
  };
}

/** Writes the state back as a query string; defaults are left out. */
export function queryToSearch(q: MiningQuery): string {
  const p = new URLSearchParams();
  for (const key of filterKeys) if (q.a[key]) p.set(key, q.a[key]);
  if (q.b) {
    p.set('compare', '1');
    for (const key of filterKeys) if (q.b[key]) p.set(`b_${key}`, q.b[key]);
  }
  if (q.shares.activity !== 100) p.set('activities', String(q.shares.activity));
  if (q.shares.path !== 100) p.set('paths', String(q.shares.path));
  if (q.metric === 'time') p.set('metric', 'time');
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}
