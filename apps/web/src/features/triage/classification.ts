import type { Translator } from '../../i18n';

export type ConfidenceBand = 'high' | 'medium' | 'low';

/** Plain-language band for a 0–1 confidence: high from 85 %, medium from 60 %, else low. */
export function confidenceBand(confidence: number): ConfidenceBand {
  if (confidence >= 0.85) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

/** A 0–1 value as a whole percentage in the user's language ("97 %" / "97%"). */
export function formatPercent(tr: Pick<Translator, 't'>, value: number): string {
  const n = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return tr.t('triage.percent', { n });
}

/** "97 % – høj". */
export function describeConfidence(tr: Pick<Translator, 't'>, confidence: number): string {
  const band = confidenceBand(confidence);
  const bandText = band === 'high' ? tr.t('triage.bandHigh') : band === 'medium' ? tr.t('triage.bandMedium') : tr.t('triage.bandLow');
  return tr.t('triage.confidenceValue', { percent: formatPercent(tr, confidence), band: bandText });
}

const kleFormat = /^\d{2}(\.\d{2}){0,2}$/;

/** True for a KLE code the server accepts: 07, 07.18 or 07.18.00. */
export function isKleCode(value: string): boolean {
  return kleFormat.test(value.trim());
}

export interface ExplanationWord {
  text: string;
  weight: number | null;
}

export interface ExplanationCase {
  /** Case number when given, else the id. */
  ref: string;
  kle: string | null;
  similarity: number | null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Splits the model's explanation into decisive words and similar earlier cases. The format is open
 * (`{type:'word', text, weight}`, `{type:'case', caseId, kle, similarity}`, plain strings …), so
 * anything unrecognised is left out rather than shown as raw data.
 */
export function readExplanation(explanation: unknown): { words: ExplanationWord[]; cases: ExplanationCase[] } {
  const words: ExplanationWord[] = [];
  const cases: ExplanationCase[] = [];
  if (!Array.isArray(explanation)) return { words, cases };
  for (const entry of explanation) {
    if (typeof entry === 'string') {
      if (entry.trim()) words.push({ text: entry.trim(), weight: null });
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const type = str(e.type);
    const caseRef = str(e.caseNumber) ?? str(e.number) ?? str(e.caseId) ?? (type === 'case' ? str(e.id) : null);
    if (type === 'case' || (type === null && caseRef)) {
      if (caseRef) cases.push({ ref: caseRef, kle: str(e.kle) ?? str(e.kleCode), similarity: num(e.similarity) ?? num(e.score) });
      continue;
    }
    const text = str(e.text) ?? str(e.word) ?? str(e.term) ?? str(e.token);
    if (text && (type === null || type === 'word' || type === 'term' || type === 'keyword')) words.push({ text, weight: num(e.weight) ?? num(e.score) });
  }
  // The strongest words first; duplicates (stem and word) once.
  const seen = new Set<string>();
  const uniqueWords = words
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))
    .filter((w) => {
      const key = w.text.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { words: uniqueWords, cases };
}

/** The top alternatives other than the suggestion itself, at most `max`. */
export function topAlternatives(alternatives: unknown, suggested: string | null, max = 3): { kle: string; confidence: number }[] {
  if (!Array.isArray(alternatives)) return [];
  const out: { kle: string; confidence: number }[] = [];
  for (const a of alternatives) {
    if (!a || typeof a !== 'object') continue;
    const kle = str((a as Record<string, unknown>).kle) ?? str((a as Record<string, unknown>).kleCode);
    const confidence = num((a as Record<string, unknown>).confidence) ?? 0;
    if (!kle || kle === suggested || out.some((o) => o.kle === kle)) continue;
    out.push({ kle, confidence });
    if (out.length >= max) break;
  }
  return out;
}
