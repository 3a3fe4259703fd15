import type { InboxSort } from '../../api/types';
import type { InboxFilters } from './api';

const sorts: readonly InboxSort[] = ['deadline', 'received', 'number'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const defaultFilters: InboxFilters = {
  states: [],
  kind: '',
  deadlineBefore: '',
  q: '',
  sort: 'deadline',
  mine: false,
  includeClosed: false,
  offset: 0,
};

/** Reads the inbox filters from the URL query, so a filtered view can be bookmarked and shared. */
export function filtersFromSearch(search: string): InboxFilters {
  const p = new URLSearchParams(search);
  const sort = p.get('sort') as InboxSort | null;
  const deadlineBefore = p.get('deadlineBefore') ?? '';
  const offset = Number.parseInt(p.get('offset') ?? '0', 10);
  return {
    states: (p.get('state') ?? '').split(',').filter(Boolean),
    kind: p.get('kind') ?? '',
    deadlineBefore: isoDate.test(deadlineBefore) ? deadlineBefore : '',
    q: p.get('q') ?? '',
    sort: sort && sorts.includes(sort) ? sort : 'deadline',
    mine: p.get('mine') === 'true',
    includeClosed: p.get('includeClosed') === 'true',
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
  };
}

/** Writes the filters back as a query string; defaults are left out to keep URLs short. */
export function filtersToSearch(f: InboxFilters): string {
  const p = new URLSearchParams();
  if (f.states.length) p.set('state', f.states.join(','));
  if (f.kind) p.set('kind', f.kind);
  if (f.deadlineBefore) p.set('deadlineBefore', f.deadlineBefore);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.sort !== 'deadline') p.set('sort', f.sort);
  if (f.mine) p.set('mine', 'true');
  if (f.includeClosed) p.set('includeClosed', 'true');
  if (f.offset > 0) p.set('offset', String(f.offset));
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}
