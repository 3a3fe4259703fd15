import type { MeasurementFilters } from './api';

export const sections = ['efficiency', 'quality', 'bias', 'voice'] as const;
export type Section = (typeof sections)[number];

/** What the measurement page shows, as kept in the URL (a view can be bookmarked and shared). */
export interface MeasurementQuery {
  section: Section;
  filters: MeasurementFilters;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;
const copenhagenDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A Copenhagen calendar date (YYYY-MM-DD) some days from now. */
export function copenhagenDay(offsetDays = 0, now = Date.now()): string {
  return copenhagenDate.format(new Date(now + offsetDays * DAY));
}

/** The default period: the last 90 days up to today (the server's default too). */
export function defaultPeriod(now = Date.now()): { from: string; to: string } {
  return { from: copenhagenDay(-89, now), to: copenhagenDay(0, now) };
}

/** The latest month whose cases have all had their 30-day follow-up (YYYY-MM). */
export function latestCompleteMonth(now = Date.now()): string {
  const [y, m] = copenhagenDay(-30, now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const date = (p: URLSearchParams, key: string) => {
  const v = p.get(key) ?? '';
  return isoDate.test(v) ? v : '';
};
const id = (p: URLSearchParams, key: string) => {
  const v = p.get(key) ?? '';
  return /^[\w-]{1,64}$/.test(v) ? v : '';
};

/** Reads the page's state from the URL query; a missing period is the last 90 days. */
export function queryFromSearch(search: string, now = Date.now()): MeasurementQuery {
  const p = new URLSearchParams(search);
  const section = (sections as readonly string[]).includes(p.get('section') ?? '') ? (p.get('section') as Section) : 'efficiency';
  const period = defaultPeriod(now);
  return {
    section,
    filters: {
      from: date(p, 'from') || period.from,
      to: date(p, 'to') || period.to,
      unit: id(p, 'unit'),
      kind: id(p, 'kind'),
      channel: id(p, 'channel'),
      baselineFrom: date(p, 'baselineFrom'),
      baselineTo: date(p, 'baselineTo'),
    },
  };
}

/** Writes the page's state as a query string ("" when everything is default). */
export function queryToSearch(q: MeasurementQuery, now = Date.now()): string {
  const p = new URLSearchParams();
  if (q.section !== 'efficiency') p.set('section', q.section);
  const period = defaultPeriod(now);
  const f = q.filters;
  if (f.from && f.from !== period.from) p.set('from', f.from);
  if (f.to && f.to !== period.to) p.set('to', f.to);
  for (const key of ['unit', 'kind', 'channel', 'baselineFrom', 'baselineTo'] as const) if (f[key]) p.set(key, f[key]);
  const s = p.toString();
  return s ? `?${s}` : '';
}
