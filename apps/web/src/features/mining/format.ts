import { useMemo } from 'react';
import { type Translator, useT } from '../../i18n';

const transitionPrefix = 'state.changed:';

/** The display name of an activity id: workflow steps by their transition, others by the timeline's wording. */
export function activityLabel(tr: Translator, activity: string): string {
  if (activity.startsWith(transitionPrefix)) return tr.label('transitions', activity.slice(transitionPrefix.length));
  // The timeline's texts for these carry a name or a flag; the map names the activity alone.
  if (activity === 'case.assigned') return tr.t('mining.activityAssigned');
  if (activity === 'case.flagged') return tr.t('mining.activityFlagged');
  return tr.hasLabel('activities', activity) ? tr.label('activities', activity) : activity;
}

/** A duration in the largest unit that keeps it readable: minutes, hours or (calendar) days. */
export function formatDuration(tr: Translator, seconds: number, style: 'long' | 'short' = 'long'): string {
  const short = style === 'short';
  if (seconds < 3600) return tr.t(short ? 'mining.minutesShort' : 'mining.minutes', { n: tr.formatNumber(Math.round(seconds / 60)) });
  if (seconds < 86_400) return tr.t(short ? 'mining.hoursShort' : 'mining.hours', { n: tr.formatNumber(seconds / 3600) });
  return tr.t(short ? 'mining.daysShort' : 'mining.days', { n: tr.formatNumber(seconds / 86_400) });
}

/** Working days, "1 arbejdsdag" or "2,5 arbejdsdage". */
export function formatWorkingDays(tr: Translator, days: number): string {
  return days === 1 ? tr.t('mining.workingDayOne') : tr.t('mining.workingDays', { n: tr.formatNumber(days) });
}

/** A share 0–1 as a percentage. */
export function formatShare(tr: Translator, share: number): string {
  return tr.t('mining.percent', { n: tr.formatNumber(share * 100) });
}

export interface MiningFormat {
  tr: Translator;
  activity: (activity: string) => string;
  duration: (seconds: number, style?: 'long' | 'short') => string;
  workingDays: (days: number) => string;
  share: (share: number) => string;
}

/** The formatters of the process page, bound to the current language. */
export function useMiningFormat(): MiningFormat {
  const tr = useT();
  return useMemo(
    () => ({
      tr,
      activity: (a: string) => activityLabel(tr, a),
      duration: (s: number, style?: 'long' | 'short') => formatDuration(tr, s, style),
      workingDays: (d: number) => formatWorkingDays(tr, d),
      share: (s: number) => formatShare(tr, s),
    }),
    [tr],
  );
}
