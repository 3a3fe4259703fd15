import { addDays, type IsoDate, WorkingCalendar } from '@ekspedit/core';
import { months } from '../grounding';

const monthNames = Object.keys(months)
  .sort((a, b) => b.length - a.length)
  .join('|');
const weekdayNames = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): IsoDate | null => {
  const t = Date.UTC(y, m - 1, d);
  const date = new Date(t);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
};
/** 0 = Monday … 6 = Sunday. */
const weekdayOf = (date: IsoDate) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

const absolutePatterns: { re: RegExp; parts: (m: RegExpExecArray) => [number | null, number, number] }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    re: new RegExp(`\\b(\\d{1,2})\\.?\\s*(${monthNames})\\.?(?:\\s+(\\d{4}))?(?![\\p{L}])`, 'iu'),
    parts: (m) => [m[3] ? Number(m[3]) : null, months[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1])],
  },
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  { re: /\b(\d{1,2})\/(\d{1,2})(?:[-/ ](\d{4}))?\b/, parts: (m) => [m[3] ? Number(m[3]) : null, Number(m[2]), Number(m[1])] },
];

/**
 * The first date written in full or in part in a text ("12. marts 2026", "12.03.2026",
 * "2026-03-12", "1/4"); a date without a year takes the reference year, or the next year when it
 * would fall before the reference date.
 */
export function findDanishDate(text: string, reference?: IsoDate | null): { date: IsoDate; index: number; length: number } | null {
  let best: { date: IsoDate; index: number; length: number } | null = null;
  for (const { re, parts } of absolutePatterns) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, month, day] = parts(m);
    let year = y ?? (reference ? Number(reference.slice(0, 4)) : null);
    if (year === null) continue;
    let date = iso(year, month, day);
    if (date && y === null && reference && date < reference) {
      year += 1;
      date = iso(year, month, day);
    }
    if (date && (!best || m.index < best.index)) best = { date, index: m.index, length: m[0].length };
  }
  return best;
}

/** The last day of a month. */
function lastDayOfMonth(year: number, month: number): IsoDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The latest working day on or before a date: a deadline on a holiday or weekend means the day before. */
function onOrBeforeWorkingDay(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  let d = date;
  for (let i = 0; i < 10 && !calendar.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

export interface DueDate {
  date: IsoDate;
  /** The words it was read from. */
  text: string;
  index: number;
}

const lead = '(?:inden|senest|til|før|på|by|om|ved|i løbet af|indenfor|inden for)';
const numberWord = '(\\d+|en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|fjorten)';
const numberValue: Record<string, number> = { en: 1, et: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10, fjorten: 14 };
const num = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : (numberValue[s ?? ''] ?? 0));

/**
 * Resolves a deadline spoken in Danish ("senest fredag", "inden udgangen af måneden", "om to
 * uger", "i næste uge", "inden den 15. april", "inden næste møde") against the meeting date, with
 * the Danish working-day calendar: a relative deadline that lands on a weekend or public holiday
 * moves back to the working day before. Returns null when the text names no deadline.
 */
export function resolveDueDate(text: string, meetingDate: IsoDate, options: { calendar?: WorkingCalendar; nextMeeting?: IsoDate | null } = {}): DueDate | null {
  const calendar = options.calendar ?? new WorkingCalendar();
  const lower = text.toLowerCase();
  const found: DueDate[] = [];
  const add = (m: RegExpExecArray | null, date: IsoDate | null, relative = true) => {
    if (m && date) found.push({ date: relative ? onOrBeforeWorkingDay(calendar, date) : date, text: m[0].trim(), index: m.index });
  };
  const year = Number(meetingDate.slice(0, 4));
  const month = Number(meetingDate.slice(5, 7));
  const today = weekdayOf(meetingDate);

  // Absolute dates: "senest den 15. april", "inden 1/5".
  for (const m of lower.matchAll(new RegExp(`\\b${lead}\\s+(?:d\\.|den)?\\s*`, 'giu'))) {
    const rest = lower.slice(m.index + m[0].length);
    const d = findDanishDate(rest, meetingDate);
    if (d && d.index === 0) found.push({ date: d.date, text: `${m[0]}${rest.slice(0, d.length)}`.trim(), index: m.index });
  }
  // Weekdays: "senest fredag", "på torsdag", "fredag i næste uge", "næste fredag".
  const weekday = new RegExp(
    `(?:${lead}\\s+)?(?:(næste|kommende|denne)\\s+)?(${weekdayNames.join('|')})(?![\\p{L}])(\\s+i\\s+(?:næste|den kommende)\\s+uge|\\s+(?:om|i)\\s+(?:otte|8)\\s+dage)?`,
    'giu',
  );
  for (const m of lower.matchAll(weekday)) {
    if (!m[0].match(new RegExp(`^${lead}\\s`)) && !m[1] && !m[3]) continue;
    const target = weekdayNames.indexOf(m[2] ?? '');
    let delta = (target - today + 7) % 7 || 7;
    if (m[3] || m[1] === 'næste') delta = 7 - today + target;
    add(m, addDays(meetingDate, delta));
  }
  add(/\bi (?:over)?morgen\b/.exec(lower), addDays(meetingDate, /overmorgen/.test(lower) ? 2 : 1));
  add(/\bi dag\b|\bi løbet af dagen\b/.exec(lower), meetingDate);
  // "om to uger", "inden for 10 dage", "om 5 arbejdsdage".
  for (const m of lower.matchAll(
    new RegExp(`\\b(?:om|inden for|indenfor|inden|senest om|i løbet af)\\s+${numberWord}\\s+(arbejdsdage|hverdage|dage|uger|måneder)\\b`, 'giu'),
  )) {
    const n = num(m[1]);
    const unit = m[2] ?? '';
    if (unit === 'arbejdsdage' || unit === 'hverdage') found.push({ date: calendar.addWorkingDays(meetingDate, n), text: m[0], index: m.index });
    else if (unit === 'dage') add(m, addDays(meetingDate, n));
    else if (unit === 'uger') add(m, addDays(meetingDate, 7 * n));
    else {
      const d = new Date(Date.UTC(year, month - 1 + n, Number(meetingDate.slice(8, 10))));
      add(m, d.toISOString().slice(0, 10));
    }
  }
  // "i næste uge", "i denne uge", "inden weekenden": the week's last working day.
  const weekEnd = (offsetWeeks: number) => addDays(meetingDate, 4 - today + 7 * offsetWeeks);
  add(/\b(?:i|inden|i løbet af|senest i|til)\s+(?:næste|den kommende)\s+uge\b(?!\s+(?:mandag|tirsdag|onsdag|torsdag|fredag))/.exec(lower), weekEnd(1));
  add(/\b(?:i (?:løbet af )?denne uge|inden weekenden|inden ugen er omme)\b/.exec(lower), weekEnd(0));
  // "inden udgangen af måneden / marts / året", "ultimo april", "medio maj".
  const monthEnd = new RegExp(
    `\\b(?:inden|senest|ved|til|før)\\s+(?:udgangen|slutningen|enden)\\s+af\\s+(måneden|næste måned|året|${monthNames})\\b|\\bultimo\\s+(${monthNames})\\b`,
    'iu',
  ).exec(lower);
  if (monthEnd) {
    const word = monthEnd[1] ?? monthEnd[2] ?? '';
    let y = year;
    let mo = month;
    if (word === 'næste måned') mo += 1;
    else if (word === 'året') mo = 12;
    else if (word !== 'måneden') {
      mo = months[word] ?? month;
      if (mo < month) y += 1;
    }
    if (mo > 12) {
      mo -= 12;
      y += 1;
    }
    add(monthEnd, lastDayOfMonth(y, mo));
  }
  const medio = new RegExp(`\\bmedio\\s+(${monthNames})\\b`, 'iu').exec(lower);
  if (medio) {
    const mo = months[medio[1] ?? ''] ?? month;
    add(medio, `${mo < month ? year + 1 : year}-${pad(mo)}-15`);
  }
  if (options.nextMeeting)
    add(/\b(?:inden|før|til|senest (?:på|til)|på)\s+(?:det\s+)?næste\s+(?:udvalgs|team|personale|bestyrelses)?møde\b/.exec(lower), options.nextMeeting);
  if (!found.length) return null;
  // The earliest mention in the text is the one the speaker attached to the task.
  found.sort((a, b) => a.index - b.index);
  return found[0] ?? null;
}
