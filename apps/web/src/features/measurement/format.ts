import { useMemo } from 'react';
import { type MessageKey, type Translator, useT } from '../../i18n';
import type { Estimate } from './api';

/** How a figure is shown: decimals, a scale (100 for shares in percent) and its unit word. */
export interface FigureStyle {
  decimals?: number;
  scale?: number;
  /** A share: shown in percent with the language's percent sign. */
  isPercent?: boolean;
  /** Appended to the number ("arbejdsdage"). */
  unit?: string;
}

export interface MeasurementFormat {
  tr: Translator;
  /** A number in the language's notation with fixed decimals. */
  num: (v: number, decimals?: number) => string;
  /** The value alone ("1,9" / "73 %"), or "–". */
  value: (e: Estimate, style?: FigureStyle) => string;
  /** The interval and n ("95 % KI 1,7–2,1 · n = 110"), or "n = 3" without an interval. */
  interval: (e: Estimate, style?: FigureStyle) => string;
  /** Value, interval and n in one string; "for få data (n = 12)" under minN, "ingen data" with n = 0. */
  estimate: (e: Estimate, minN: number, style?: FigureStyle) => string;
  /** True when there is too little to show a value. */
  isThin: (e: Estimate, minN: number) => boolean;
  /** A metric id as words. */
  metric: (id: string) => string;
  verdict: (id: string | null) => string;
  kind: (id: string) => string;
  channel: (id: string) => string;
  /** "2026-09" → "sep. 2026". */
  month: (ym: string) => string;
  /** The style of a figure by its unit. */
  styleOf: (unit: string) => FigureStyle;
  /** The style of a difference by its unit: shares differ in percentage points. */
  differenceStyleOf: (unit: string) => FigureStyle;
}

const metricKeys: Record<string, MessageKey> = {
  cases: 'measurement.metricCases',
  measured: 'measurement.metricMeasured',
  firstResponseDays: 'measurement.metricFirstResponse',
  firstResponseMedianDays: 'measurement.metricFirstResponseMedian',
  handlingDays: 'measurement.metricHandling',
  handlingMedianDays: 'measurement.metricHandlingMedian',
  queueDays: 'measurement.metricQueue',
  activeDays: 'measurement.metricActive',
  waitingDays: 'measurement.metricWaiting',
  answeredInWindow: 'measurement.metricAnsweredInWindow',
  deadlineMet: 'measurement.metricDeadlineMet',
  reopened: 'measurement.metricReopened',
  aiClassified: 'measurement.metricAiClassified',
  aiAutoRouted: 'measurement.metricAiAutoRouted',
  aiDrafted: 'measurement.metricAiDrafted',
  aiSent: 'measurement.metricAiSent',
  draftsApprovedUnedited: 'measurement.metricUnedited',
  editDistanceWords: 'measurement.metricEditWords',
  reviewMinutes: 'measurement.metricReviewMinutes',
  closeDays: 'measurement.metricCloseDays',
  classificationCorrect: 'measurement.metricAccuracy',
  draftAccepted: 'measurement.metricUnedited',
  replyWords: 'measurement.metricReplyWords',
  replyTone: 'measurement.metricReplyTone',
  accuracy: 'measurement.metricAccuracy',
  approvedUnedited: 'measurement.metricUnedited',
};

const verdictKeys: Record<string, MessageKey> = {
  too_thin: 'measurement.verdictTooThin',
  no_measurable_difference: 'measurement.verdictNone',
  lower: 'measurement.verdictLower',
  higher: 'measurement.verdictHigher',
  small_difference: 'measurement.verdictSmall',
  alert: 'measurement.verdictAlert',
  better: 'measurement.verdictBetter',
  worse: 'measurement.verdictWorse',
};

/** Number, interval and label formatting for the measurement dashboards, in the current language. */
export function useMeasurementFormat(): MeasurementFormat {
  const tr = useT();
  return useMemo(() => {
    const { t, lang, label, hasLabel } = tr;
    const locale = lang === 'da' ? 'da-DK' : 'en-GB';
    const num = (v: number, decimals = 1) => v.toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    const fmt = (v: number, s: FigureStyle = {}) => {
      const text = num(v * (s.isPercent ? 100 : (s.scale ?? 1)), s.decimals ?? (s.isPercent ? 0 : 1));
      return s.isPercent ? (lang === 'da' ? `${text} %` : `${text}%`) : text;
    };
    const withUnit = (text: string, s: FigureStyle = {}) => (s.unit ? `${text} ${s.unit}` : text);
    const value = (e: Estimate, s: FigureStyle = {}) => (e.value === null ? '–' : withUnit(fmt(e.value, s), s));
    // The bounds without the unit: "94 % (95 % KI 87 – 97 · n = 97)".
    const bound = (v: number, s: FigureStyle) => num(v * (s.isPercent ? 100 : (s.scale ?? 1)), s.decimals ?? (s.isPercent ? 0 : 1));
    const interval = (e: Estimate, s: FigureStyle = {}) =>
      e.low === null || e.high === null
        ? t('measurement.onlyN', { n: e.n })
        : t('measurement.interval', { low: bound(e.low, s), high: bound(e.high, s), n: e.n });
    const isThin = (e: Estimate, minN: number) => e.value === null || e.n === 0 || e.n < minN;
    const estimate = (e: Estimate, minN: number, s: FigureStyle = {}) => {
      if (e.value === null || e.n === 0) return t('measurement.noData');
      if (e.n < minN) return t('measurement.tooThin', { n: e.n });
      return `${value(e, s)} (${interval(e, s)})`;
    };
    const styleOfUnit = (unit: string): FigureStyle =>
      unit === 'share'
        ? { isPercent: true }
        : unit === 'count'
          ? { decimals: 0 }
          : unit === 'tone'
            ? { decimals: 2 }
            : unit === 'working_days'
              ? { decimals: 1, unit: t('measurement.unitDays') }
              : unit === 'minutes'
                ? { decimals: 1, unit: t('measurement.unitMinutes') }
                : unit === 'words'
                  ? { decimals: 1, unit: t('measurement.unitWords') }
                  : {};
    const monthFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
    return {
      tr,
      num,
      value,
      interval,
      estimate,
      isThin,
      metric: (id) => (metricKeys[id] ? t(metricKeys[id]) : id),
      verdict: (id) => (id === null ? '' : verdictKeys[id] ? t(verdictKeys[id]) : id),
      kind: (id) => (id === '*' ? t('measurement.allKinds') : label('kinds', id)),
      channel: (id) => (hasLabel('channels', id) ? label('channels', id) : id),
      month: (ym) => {
        const d = new Date(`${ym}-01T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? ym : monthFormat.format(d);
      },
      differenceStyleOf: (unit) => (unit === 'share' ? { scale: 100, decimals: 0, unit: t('measurement.unitPoints') } : styleOfUnit(unit)),
      styleOf: styleOfUnit,
    } satisfies MeasurementFormat;
  }, [tr]);
}
