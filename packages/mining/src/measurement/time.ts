const DAY = 86_400_000;

/**
 * Working time between two instants in working days, where a working day counts as a whole day.
 * The callers that know the municipality's calendar pass core's `workingDaysBetweenInstants`; this
 * default knows only weekends, so the engine also works on a log from elsewhere.
 */
export type WorkingDaysFn = (fromMs: number, toMs: number) => number;

/** Working days between two instants counting Monday–Friday (UTC days) and nothing else. */
export function weekdayWorkingDays(fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  let total = 0;
  let t = fromMs;
  while (t < toMs) {
    const dayStart = Math.floor(t / DAY) * DAY;
    const next = Math.min(dayStart + DAY, toMs);
    const weekday = new Date(dayStart).getUTCDay();
    if (weekday !== 0 && weekday !== 6) total += next - t;
    t = next;
  }
  return total / DAY;
}

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Copenhagen',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Copenhagen calendar date (YYYY-MM-DD) of an instant. */
export function copenhagenDay(ms: number): string {
  return dateFormat.format(new Date(ms));
}

/** The Copenhagen month (YYYY-MM) of an instant. */
export function copenhagenMonth(ms: number): string {
  return copenhagenDay(ms).slice(0, 7);
}

function copenhagenOffsetMs(ms: number): number {
  const parts = partsFormat.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/** The instant a Copenhagen date (YYYY-MM-DD) begins; a report's period is whole Danish days. */
export function startOfCopenhagenDay(isoDate: string): number {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`Not a date: ${isoDate}`);
  // Summer time changes at 01:00 UTC, so the offset at UTC midnight is the offset at local midnight.
  return utcMidnight - copenhagenOffsetMs(utcMidnight);
}

/** The date `days` calendar days after an ISO date. */
export function addIsoDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
