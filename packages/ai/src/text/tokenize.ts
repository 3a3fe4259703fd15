import { normalizeText } from './normalize';

const url = /\b(?:https?:\/\/|www\.)\S+/giu;
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/giu;
// A word is letters and digits, possibly joined by hyphens or an apostrophe (pvc-affald, 14-dages, it's).
const word = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const digitsOnly = /^\p{N}+$/u;

/** One token: the normalised surface form, and whether it came from a hyphenated compound. */
export interface Token {
  text: string;
  /** Set on the parts of a hyphenated word ("pvc" and "affald" of "pvc-affald"). */
  isPart?: boolean;
}

/**
 * Splits text into lower-case word tokens, keeping æ, ø, å and other letters whole. A hyphenated
 * compound yields the joined word and its parts, since KLE keywords write both "pvc-affald" and
 * "pvcaffald". Pure numbers (phone, CPR, amounts) are dropped: they name no topic and may be personal.
 */
export function tokenize(text: string): Token[] {
  const clean = normalizeText(text).replace(url, ' ').replace(email, ' ');
  const tokens: Token[] = [];
  for (const match of clean.matchAll(word)) {
    const raw = match[0];
    if (digitsOnly.test(raw)) continue;
    if (raw.includes('-')) {
      const parts = raw.split('-').filter((p) => p.length > 0 && !digitsOnly.test(p));
      const joined = parts.join('');
      if (joined.length > 0) tokens.push({ text: joined });
      if (parts.length > 1) for (const p of parts) tokens.push({ text: p, isPart: true });
      continue;
    }
    tokens.push({ text: raw.replace(/'/g, '') });
  }
  return tokens;
}

/** The token texts only: a convenience for callers that need plain words. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}
