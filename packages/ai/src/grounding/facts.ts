import { findPersonalData } from '../pii';

/** Checkable facts in a sentence: what must be found in a source for the sentence to hold. */
export interface SentenceFacts {
  numbers: string[];
  dates: string[];
  references: string[];
  links: string[];
  phones: string[];
  emails: string[];
  cprs: string[];
  names: string[];
  accounts: string[];
  hasNegation: boolean;
}

export const months: Readonly<Record<string, number>> = {
  januar: 1,
  februar: 2,
  marts: 3,
  april: 4,
  maj: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  may: 5,
  june: 6,
  july: 7,
  october: 10,
};
const weekdays = [
  'mandag',
  'tirsdag',
  'onsdag',
  'torsdag',
  'fredag',
  'lørdag',
  'søndag',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
const weekdayKey: Record<string, string> = Object.fromEntries(weekdays.map((d, i) => [d, `weekday:${i % 7}`]));

// Number words a paraphrase may use instead of digits ("to uger" for "2 uger", "hver fjerde uge").
const numberWords: Readonly<Record<string, number>> = {
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
  fjorten: 14,
  femten: 15,
  tyve: 20,
  tredive: 30,
  fyrre: 40,
  halvtreds: 50,
  hundrede: 100,
  tusind: 1000,
  tredje: 3,
  fjerde: 4,
  femte: 5,
  sjette: 6,
  syvende: 7,
  ottende: 8,
  niende: 9,
  tiende: 10,
  halvdelen: 50,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  twenty: 20,
  thirty: 30,
};

const linkPattern =
  /\b(?:https?:\/\/[^\s<>"')\]]+|www\.[^\s<>"')\]]+|(?<![@\p{L}\p{N}.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:dk|com|net|org|io|eu|info|xyz|ru|biz|co|me|ly|app|site|online|top|de|se|no|uk)\b(?:\/[^\s<>"')\]]*)?)/giu;
const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const referencePattern =
  /(?:§§?\s*|paragraf(?:fen|ferne)?\s+|section\s+)(\d+\s?[a-z]?)(?:\s*(?:,|og|-|–)\s*(\d+\s?[a-z]?)(?![\d.]))?(?:,?\s*stk\.\s*(\d+))?/giu;
const datePatterns: RegExp[] = [
  // 1. april 2026 / 1. apr. / den 1 april
  /\b(\d{1,2})\.?\s+(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|october)\.?(?:\s+(\d{4}))?/giu,
  // 01.04.2026, 1/4-2026, 1-4-2026
  /\b(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2,4}))?\b(?![.,]\d)/gu,
  // 2026-04-01
  /\b(\d{4})-(\d{2})-(\d{2})\b/gu,
];

/** Normalises a link for comparison: no scheme, no "www.", no trailing slash or punctuation. */
export function normalizeLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,;:!?]+$/, '')
    .replace(/\/+$/, '');
}
const digitsOf = (s: string) => s.replace(/\D/g, '');

/** A number as a canonical string: "1.250" → "1250", "2,5" → "2.5", "07" → "7". */
export function normalizeNumber(raw: string): string {
  let s = raw.trim();
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? String(n) : s;
}

/** Extracts the facts of a text (a sentence or a whole passage). */
export function extractFacts(text: string): SentenceFacts {
  let rest = text;
  const blank = (s: string) => ' '.repeat(s.length);
  const take = (pattern: RegExp, fn: (m: [string, ...(string | undefined)[]]) => string | null, into: string[]) => {
    rest = rest.replace(pattern, (whole: string, ...args: unknown[]) => {
      // replace() passes the captures, then the offset and the whole string (no named groups here).
      const value = fn([whole, ...(args.slice(0, -2) as (string | undefined)[])]);
      if (value === null) return whole;
      into.push(value);
      return blank(whole);
    });
  };
  const facts: SentenceFacts = {
    numbers: [],
    dates: [],
    references: [],
    links: [],
    phones: [],
    emails: [],
    cprs: [],
    names: [],
    accounts: [],
    hasNegation: false,
  };

  take(emailPattern, (m) => m[0].toLowerCase(), facts.emails);
  take(linkPattern, (m) => normalizeLink(m[0]), facts.links);
  for (const span of findPersonalData(rest)) {
    const value = rest.slice(span.start, span.end);
    if (span.type === 'CPR') facts.cprs.push(digitsOf(value));
    else if (span.type === 'PHONE') facts.phones.push(digitsOf(value).slice(-8));
    else if (span.type === 'ACCOUNT') facts.accounts.push(digitsOf(value));
    else if (span.type === 'NAME') facts.names.push(value.toLowerCase());
    else if (span.type === 'EMAIL') facts.emails.push(value.toLowerCase());
    else continue;
    if (span.type !== 'NAME') rest = rest.slice(0, span.start) + blank(value) + rest.slice(span.end);
  }
  // Anything that still looks like a CPR number or a phone number counts as one: better flagged than missed.
  take(/(?<![\d])(\d{6})[- ]?(\d{4})(?!\d)/g, (m) => `${m[1]}${m[2]}`, facts.cprs);
  take(/(?<![\d.,])(?:\+45[ -]?)?(\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2})(?![\d]|[.,]\d)/g, (m) => digitsOf(m[1] ?? '').slice(-8), facts.phones);
  take(
    referencePattern,
    (m) => {
      const refs = [m[1], m[2]].filter((x): x is string => !!x).map((x) => `§${x.replace(/\s/g, '').toLowerCase()}`);
      facts.references.push(...refs.slice(1));
      // "§ 12, stk. 2": the subsection is a fact of its own, so "stk. 3" for "stk. 2" is caught.
      if (refs[0] && m[3]) facts.references.push(`${refs[0]}.stk${m[3]}`);
      return refs[0] ?? null;
    },
    facts.references,
  );
  take(datePatterns[0] as RegExp, (m) => `${Number(m[1])}-${months[(m[2] ?? '').toLowerCase()]}${m[3] ? `-${m[3]}` : ''}`, facts.dates);
  take(datePatterns[2] as RegExp, (m) => `${Number(m[3])}-${Number(m[2])}-${m[1]}`, facts.dates);
  take(
    datePatterns[1] as RegExp,
    (m) => {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      if (d < 1 || d > 31 || mo < 1 || mo > 12) return null;
      // "8.00" and "10.30" are times of day, not dates.
      if (!m[3] && /\./.test(m[0]) && Number(m[2]) % 5 === 0 && m[2]?.length === 2) return null;
      const y = m[3] ? (m[3].length === 2 ? `20${m[3]}` : m[3]) : '';
      return `${d}-${mo}${y ? `-${y}` : ''}`;
    },
    facts.dates,
  );
  const lower = rest.toLowerCase();
  for (const [word, key] of Object.entries(weekdayKey)) if (new RegExp(`(?<!\\p{L})${word}(?:e|en|ene)?(?!\\p{L})`, 'u').test(lower)) facts.dates.push(key);
  for (const m of rest.matchAll(/(?<![\p{L}\d])\d+(?:[.,]\d+)*(?![\p{L}\d])/gu)) facts.numbers.push(normalizeNumber(m[0].replace(/[.,]$/, '')));
  for (const m of lower.matchAll(/(?<!\p{L})(\p{L}+)(?!\p{L})/gu)) {
    const w = m[1] ?? '';
    if (numberWords[w] !== undefined) facts.numbers.push(String(numberWords[w]));
    if (/^(ikke|aldrig|ingen|intet|hverken|not|never|no|cannot|can't)$/.test(w)) facts.hasNegation = true;
  }
  return facts;
}

/** Facts of a source, as sets for lookup. */
export interface FactIndex {
  numbers: Set<string>;
  dates: Set<string>;
  references: Set<string>;
  links: Set<string>;
  phones: Set<string>;
  emails: Set<string>;
  cprs: Set<string>;
  names: Set<string>;
  accounts: Set<string>;
}

/** Indexes the facts of texts for set lookups; a full date also registers its day-month form. */
export function indexFacts(facts: readonly SentenceFacts[]): FactIndex {
  const idx: FactIndex = {
    numbers: new Set(),
    dates: new Set(),
    references: new Set(),
    links: new Set(),
    phones: new Set(),
    emails: new Set(),
    cprs: new Set(),
    names: new Set(),
    accounts: new Set(),
  };
  for (const f of facts) {
    for (const key of ['numbers', 'references', 'links', 'phones', 'emails', 'cprs', 'names', 'accounts'] as const) for (const v of f[key]) idx[key].add(v);
    for (const d of f.dates) {
      idx.dates.add(d);
      const [day, month] = d.split('-');
      if (!d.startsWith('weekday') && day && month) idx.dates.add(`${day}-${month}`);
    }
  }
  return idx;
}

/** Is this date of a sentence in the index? A day-month without year matches any year. */
export function hasDate(idx: FactIndex, date: string): boolean {
  if (idx.dates.has(date)) return true;
  const [day, month, year] = date.split('-');
  if (!year || date.startsWith('weekday')) return false;
  // A source that names the day and month without a year supports any year, unless it names another year.
  if (!idx.dates.has(`${day}-${month}`)) return false;
  for (const d of idx.dates) if (d.startsWith(`${day}-${month}-`)) return false;
  return true;
}

/** Is this link covered by the index: the same link, or a deeper page of a linked site? */
export function hasLink(idx: FactIndex, link: string): boolean {
  if (idx.links.has(link)) return true;
  for (const known of idx.links) if (link.startsWith(`${known}/`) || known.startsWith(`${link}/`)) return true;
  return false;
}
