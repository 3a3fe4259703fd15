/**
 * ISO 8601 timestamps as XES, CSV and OCEL write them. Parsed by hand because `Date.parse` reads a
 * time without an offset as local time (pm4py reads it as UTC) and keeps only milliseconds; this
 * also runs several times faster on the half-million timestamps of a large log.
 */

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * How a UTC offset in a timestamp is treated. `ignore` reads the wall-clock time as if it were UTC,
 * which is what pm4py 2.7 does (it replaces the parsed time zone instead of converting): durations
 * across a daylight-saving change then differ by an hour from the true ones, but every figure matches
 * pm4py's. `apply` converts to the true instant.
 */
export type OffsetMode = 'ignore' | 'apply';

/**
 * Parses `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH[:]MM]` (or a bare date) to epoch milliseconds,
 * fractions of a millisecond kept; a missing offset means UTC. Returns NaN when unreadable.
 */
export function parseTimestamp(text: string, offsets: OffsetMode = 'ignore'): number {
  const s = text.trim();
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return fallback(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (s.length === 10) return utc(year, month, day, 0, 0, 0);
  const sep = s[10];
  if (sep !== 'T' && sep !== ' ' && sep !== 't') return fallback(s);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  let i = 16;
  let second = 0;
  let fraction = 0;
  if (s[i] === ':') {
    second = digits(s, 17, 2);
    i = 19;
    if (s[i] === '.' || s[i] === ',') {
      i++;
      let scale = 100;
      while (i < s.length) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        fraction += d * scale;
        scale /= 10;
        i++;
      }
    }
  }
  let offsetMinutes = 0;
  if (i < s.length) {
    const sign = s[i];
    if (sign === 'Z' || sign === 'z') i++;
    else if (sign === '+' || sign === '-') {
      const oh = digits(s, i + 1, 2);
      const om = s[i + 3] === ':' ? digits(s, i + 4, 2) : s.length >= i + 5 ? digits(s, i + 3, 2) : 0;
      offsetMinutes = (oh * 60 + om) * (sign === '-' ? -1 : 1);
    } else return fallback(s);
  }
  const shift = offsets === 'apply' ? offsetMinutes * 60_000 : 0;
  const value = utc(year, month, day, hour, minute, second) + fraction - shift;
  return Number.isNaN(value) ? fallback(s) : value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), no Date object needed. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return Number.NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

function fallback(text: string): number {
  const value = Date.parse(text);
  return Number.isNaN(value) ? Number.NaN : value;
}

/** Formats epoch milliseconds as ISO 8601 in UTC with milliseconds (what XES writers emit). */
export function formatTimestamp(epochMs: number): string {
  return new Date(Math.round(epochMs)).toISOString().replace('Z', '+00:00');
}
