import { findPersonalData, isValidCprDate, type PersonalDataType } from '../pii';

/** How far the model endpoint is trusted: `internal` (the municipality's own platform) or `external`. */
export type TrustLevel = 'internal' | 'external';

/** Which kinds of personal data leave for a model under each trust level. CPR never does. */
export function redactedTypesFor(trust: TrustLevel): ReadonlySet<PersonalDataType> {
  return trust === 'internal' ? new Set(['CPR']) : new Set(['CPR', 'NAME', 'ADDRESS', 'PHONE', 'EMAIL', 'ACCOUNT']);
}

const labels: Record<PersonalDataType, string> = {
  CPR: 'CPR',
  NAME: 'PERSON',
  ADDRESS: 'ADRESSE',
  PHONE: 'TELEFON',
  EMAIL: 'EMAIL',
  ACCOUNT: 'KONTO',
  CVR: 'CVR',
};

// Ten digits that start with a valid date, with or without a separator: the fail-safe net under the
// detector, since a CPR number must never leave even when context words are missing.
const anyCprLike = /(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)/g;

/** Every stretch that looks like a CPR number, even without the checks the detector applies. */
export function findCprLike(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(anyCprLike)) if (isValidCprDate(`${m[1]}${m[2]}`)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** True when no CPR-like number survives in the text: the proof run on every request before it leaves. */
export function hasNoCpr(text: string): boolean {
  return findCprLike(text).length === 0;
}

/** Throws when a CPR-like number is in the text; the error carries no part of the text. */
export function assertNoCpr(text: string): void {
  if (!hasNoCpr(text)) throw new Error('A CPR number would have left for the model endpoint; the request was stopped');
}

/**
 * Replaces personal data by consistent pseudonyms (`[PERSON_1]`, `[CPR_1]`) across all texts
 * given to one instance, so a model sees the same person as the same token in the inquiry, the
 * sources and its own answer; `restore` puts the originals back in the model's output.
 */
export class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly byToken = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly types: ReadonlySet<PersonalDataType>;
  private readonly known: { value: string; type: PersonalDataType }[];

  /** `known` are values from the case record (the party's name, address…) redacted wherever they occur. */
  constructor(trust: TrustLevel, known: { value: string; type: PersonalDataType }[] = []) {
    this.types = redactedTypesFor(trust);
    this.known = known.filter((k) => k.value.trim().length >= 3 && this.types.has(k.type)).sort((a, b) => b.value.length - a.value.length);
  }

  private tokenFor(value: string, type: PersonalDataType): string {
    const key = `${type}:${value.toLowerCase().replace(/\s+/g, ' ').trim()}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const label = labels[type];
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const token = `[${label}_${n}]`;
    this.byValue.set(key, token);
    this.byToken.set(token, value);
    return token;
  }

  /** The text with personal data replaced; CPR-like numbers are always replaced. */
  redact(text: string): string {
    const spans: { start: number; end: number; type: PersonalDataType }[] = [];
    for (const s of findPersonalData(text)) if (this.types.has(s.type)) spans.push(s);
    for (const s of findCprLike(text)) spans.push({ ...s, type: 'CPR' });
    const lower = text.toLowerCase();
    for (const k of this.known) {
      const needle = k.value.toLowerCase();
      for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) spans.push({ start: i, end: i + needle.length, type: k.type });
    }
    // Longest first, then drop overlaps, then replace from the end so offsets stay valid.
    spans.sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept: typeof spans = [];
    for (const s of spans) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
    kept.sort((a, b) => b.start - a.start);
    let out = text;
    for (const s of kept) out = out.slice(0, s.start) + this.tokenFor(text.slice(s.start, s.end), s.type) + out.slice(s.end);
    return out;
  }

  /** Puts the original values back for every pseudonym in a model's output. */
  restore(text: string): string {
    return text.replace(/\[(?:CPR|PERSON|ADRESSE|TELEFON|EMAIL|KONTO|CVR)_\d+\]/g, (token) => this.byToken.get(token) ?? token);
  }

  /** How many distinct values were replaced, per label (for the usage log; no values). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }
}
