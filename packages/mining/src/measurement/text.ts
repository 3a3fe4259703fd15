import type { Estimate } from './statistics';

/** The two languages every report's conclusions are written in. */
export type ReportLanguage = 'da' | 'en';

const kindNames: Record<string, [string, string]> = {
  citizen_inquiry: ['borgerhenvendelser', 'citizen inquiries'],
  access_request: ['anmodninger om aktindsigt', 'requests for access to documents'],
  complaint: ['klager', 'complaints'],
  politician_question: ['politikerspørgsmål', "politicians' questions"],
  memo: ['notater', 'memos'],
  minutes: ['referater', 'minutes'],
  consultation: ['høringer', 'consultations'],
  '*': ['alle sager', 'all cases'],
};

/** A case kind in words ("borgerhenvendelser"). */
export function kindName(kind: string, lang: ReportLanguage): string {
  const names = kindNames[kind];
  return names ? names[lang === 'da' ? 0 : 1] : kind;
}

/** A number in the language's notation: 1.234,5 in Danish, 1,234.5 in English. */
export function formatNumber(value: number, lang: ReportLanguage, decimals = 1): string {
  return value.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A share as a percentage ("42 %" / "42%"). */
export function formatPercent(value: number, lang: ReportLanguage, decimals = 0): string {
  const n = formatNumber(value * 100, lang, decimals);
  return lang === 'da' ? `${n} %` : `${n}%`;
}

/** "95 % KI 0,6–2,2" / "95% CI 0.6–2.2" for an estimate, with the number format given. */
export function formatInterval(e: Estimate, lang: ReportLanguage, format: (v: number) => string, confidence = 0.95): string {
  if (e.low === null || e.high === null) return lang === 'da' ? 'intet interval' : 'no interval';
  const level = formatPercent(confidence, lang);
  return `${level} ${lang === 'da' ? 'KI' : 'CI'} ${format(e.low)} – ${format(e.high)}`;
}

/** A p-value as people read it: "p < 0,001" or "p = 0,03". */
export function formatP(p: number, lang: ReportLanguage): string {
  if (p < 0.001) return `p < ${formatNumber(0.001, lang, 3)}`;
  return `p = ${formatNumber(p, lang, p < 0.01 ? 3 : 2)}`;
}

const monthNames: Record<ReportLanguage, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2026-09-01" → "1. september 2026" / "1 September 2026". */
export function formatDate(isoDate: string, lang: ReportLanguage): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const month = monthNames[lang][(m ?? 1) - 1];
  return lang === 'da' ? `${d}. ${month} ${y}` : `${d} ${month} ${y}`;
}
