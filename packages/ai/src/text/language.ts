import { franc } from 'franc';

// The languages a Danish municipality's mail actually arrives in. Restricting franc to them makes
// short texts reliable: with all 160+ languages, a two-line Danish mail is often "Norwegian Nynorsk".
const candidates: Record<string, string> = {
  dan: 'da',
  eng: 'en',
  swe: 'sv',
  nob: 'nb',
  deu: 'de',
  pol: 'pl',
  arb: 'ar',
  tur: 'tr',
  ukr: 'uk',
  rus: 'ru',
  fra: 'fr',
  spa: 'es',
  nld: 'nl',
  ron: 'ro',
  lit: 'lt',
  som: 'so',
  urd: 'ur',
  pes: 'fa',
};

const only = Object.keys(candidates);

/** The ISO 639-1 language of a text among those a municipality receives; Danish when too short to tell. */
export function detectLanguage(text: string, fallback = 'da'): string {
  const code = franc(text.slice(0, 2000), { only, minLength: 10 });
  return candidates[code] ?? fallback;
}

/** ISO 639-1 codes the detector can return. */
export const detectableLanguages: readonly string[] = Object.values(candidates);
