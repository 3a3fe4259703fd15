/**
 * Danish working-day calendar. Dates are ISO strings (YYYY-MM-DD) and all arithmetic is done on
 * UTC midnights, so a deadline never shifts with the server's time zone or daylight saving.
 */

export type IsoDate = string;

export interface CalendarOptions {
  /** Days closed every year in addition to public holidays, as MM-DD (default: 06-05, 12-24, 12-31). */
  closedDays?: readonly string[];
  /** Extra one-off closed dates (e.g. a bridge day the municipality gives off). */
  extraClosedDates?: readonly IsoDate[];
}

/** Grundlovsdag, juleaftensdag and nytårsaftensdag: not public holidays by law, but closed days in most municipalities. */
export const defaultClosedDays = ['06-05', '12-24', '12-31'] as const;

const DAY = 86_400_000;

function toUtc(date: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  const t = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a valid date: ${date}`);
  return t;
}

function fromUtc(t: number): IsoDate {
  return new Date(t).toISOString().slice(0, 10);
}

/** Adds calendar days to an ISO date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY);
}

/** Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Holiday {
  date: IsoDate;
  /** Stable identifier; the UI translates it. */
  id: string;
  /** Danish name. */
  name: string;
}

/** The Danish public holidays of a year (helligdage), with Store Bededag only until 2023. */
export function publicHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const rel = (offset: number) => addDays(easter, offset);
  const list: Holiday[] = [
    { date: `${year}-01-01`, id: 'new_years_day', name: 'Nytårsdag' },
    { date: rel(-3), id: 'maundy_thursday', name: 'Skærtorsdag' },
    { date: rel(-2), id: 'good_friday', name: 'Langfredag' },
    { date: easter, id: 'easter_sunday', name: 'Påskedag' },
    { date: rel(1), id: 'easter_monday', name: '2. påskedag' },
    { date: rel(39), id: 'ascension_day', name: 'Kristi himmelfartsdag' },
    { date: rel(49), id: 'whit_sunday', name: 'Pinsedag' },
    { date: rel(50), id: 'whit_monday', name: '2. pinsedag' },
    { date: `${year}-12-25`, id: 'christmas_day', name: 'Juledag' },
    { date: `${year}-12-26`, id: 'boxing_day', name: '2. juledag' },
  ];
  // Store Bededag was abolished as a public holiday by law from 2024.
  if (year <= 2023) list.push({ date: rel(26), id: 'great_prayer_day', name: 'Store bededag' });
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/** A working-day calendar with the municipality's closed days. */
export class WorkingCalendar {
  private readonly closedDays: ReadonlySet<string>;
  private readonly extra: ReadonlySet<string>;
  private readonly holidayCache = new Map<number, Set<string>>();

  constructor(options: CalendarOptions = {}) {
    this.closedDays = new Set(options.closedDays ?? defaultClosedDays);
    this.extra = new Set(options.extraClosedDates ?? []);
  }

  private holidays(year: number): Set<string> {
    let set = this.holidayCache.get(year);
    if (!set) {
      set = new Set(publicHolidays(year).map((h) => h.date));
      this.holidayCache.set(year, set);
    }
    return set;
  }

  /** True on Monday–Friday that is neither a public holiday nor a closed day. */
  isWorkingDay(date: IsoDate): boolean {
    const t = toUtc(date);
    const weekday = new Date(t).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    if (this.holidays(Number(date.slice(0, 4))).has(date)) return false;
    if (this.closedDays.has(date.slice(5))) return false;
    return !this.extra.has(date);
  }

  /** The date `days` working days after `date` (the day of receipt itself never counts). */
  addWorkingDays(date: IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
    let current = date;
    let counted = 0;
    while (counted < days) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) counted++;
    }
    return current;
  }

  /**
   * Working days from `from` (exclusive) to `to` (inclusive); negative when `to` lies before `from`,
   * so "working days left" reads -2 when a deadline passed two working days ago.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    if (from === to) return 0;
    const forward = from < to;
    let current = from;
    let count = 0;
    while (current !== to) {
      current = addDays(current, forward ? 1 : -1);
      const counts = forward ? this.isWorkingDay(current) : this.isWorkingDay(addDays(current, 1));
      if (counts) count++;
    }
    return forward ? count : -count;
  }
}

/**
 * Working time between two instants, in working days of 24 hours: the time that falls on working
 * days, so a wait from Friday afternoon to Monday morning weighs hours, not a whole weekend.
 * Days are taken in UTC; the one-to-two-hour offset from Copenhagen is immaterial for waits.
 */
export function workingDaysBetweenInstants(calendar: WorkingCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  let total = 0;
  let t = fromMs;
  while (t < toMs) {
    const dayStart = Math.floor(t / DAY) * DAY;
    const next = Math.min(dayStart + DAY, toMs);
    if (calendar.isWorkingDay(new Date(dayStart).toISOString().slice(0, 10))) total += next - t;
    t = next;
  }
  return total / DAY;
}

/** The local (Europe/Copenhagen) calendar date of an instant. */
export function copenhagenDate(instant: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts;
}

const danishMonths = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "2026-04-15" → "15. april 2026", as Danish letters write dates. */
export function formatDanishDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}. ${danishMonths[(m ?? 1) - 1]} ${y}`;
}
