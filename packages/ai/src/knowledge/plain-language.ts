/**
 * LIX readability (Björnsson): words per sentence plus the share of words longer than six letters
 * in percent. Danish guidance: under 25 easy, 35–44 medium, 45–54 hard, 55+ very hard.
 */
export function lix(text: string): number {
  const wordList = text.match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? [];
  if (wordList.length === 0) return 0;
  const sentences = Math.max(1, (text.match(/[.!?:]+(?=\s|$)|\n\s*\n/g) ?? []).length);
  const long = wordList.filter((w) => w.replace(/[-']/g, '').length > 6).length;
  return Math.round((wordList.length / sentences + (long * 100) / wordList.length) * 10) / 10;
}

/** A plain-language hint on a stretch of text. */
export interface PlainLanguageHint {
  kind: 'long_sentence' | 'passive' | 'officialese';
  start: number;
  end: number;
  /** The words found, e.g. "såfremt". */
  text: string;
  /** A plainer alternative in Danish, when there is one. */
  suggestion?: string;
}

/** Officialese (kancellisprog) and plainer Danish alternatives, after the klarsprog guides of the state and KL. */
export const officialeseWords: Readonly<Record<string, string>> = {
  'jf.': 'se / ifølge',
  jævnfør: 'se / ifølge',
  herunder: 'blandt andet',
  såfremt: 'hvis',
  endvidere: 'desuden / også',
  'i henhold til': 'efter / ifølge',
  hvorvidt: 'om',
  således: 'sådan / derfor',
  desuagtet: 'alligevel',
  eftersom: 'fordi',
  idet: 'fordi',
  pågældende: 'du / den / det',
  nærværende: 'denne / dette',
  ovennævnte: 'den / det',
  førnævnte: 'den / det',
  fremsende: 'sende',
  fremsendes: 'sendes / vi sender',
  foranlediget: 'fordi',
  vedrørende: 'om',
  'det bemærkes': 'vær opmærksom på',
  forinden: 'før',
  tillige: 'også',
  hermed: '(kan ofte udelades)',
  anmodning: 'ønske / spørgsmål',
  'at anmode om': 'at bede om',
  'med henblik på': 'for at',
  'i medfør af': 'efter',
  'under henvisning til': 'fordi / på grund af',
  'i forbindelse med': 'ved / når',
  påhviler: 'er dit/vores ansvar',
  ansøger: 'du',
  'til brug for': 'til',
  'i øvrigt': '(kan ofte udelades)',
  herefter: 'derefter',
  hvorledes: 'hvordan',
  ligeledes: 'også',
  tilstrækkelig: 'nok',
  indeværende: 'dette',
  'bedes venligst': 'vil du',
};

// Genitives and plain words ending in -es that are not passive verbs.
const notPassive = new Set([
  'kommunes',
  'des',
  'hinandens',
  'ingenting',
  'os',
  'andres',
  'ens',
  'hendes',
  'deres',
  'eres',
  'jeres',
  'mes',
  'tres',
  'vores',
  'res',
  'hos',
  'stedes',
  'midlertidiges',
]);
const passivePattern = /\b[\p{L}]{3,}[^aeiouyæøå\s]es\b/giu;

/** Plain-language hints: sentences over 25 words, passive -es verbs, officialese words. */
export function plainLanguageHints(text: string): PlainLanguageHint[] {
  const hints: PlainLanguageHint[] = [];
  for (const m of text.matchAll(/[^.!?\n]+[.!?]?/g)) {
    const words = m[0].trim().split(/\s+/).filter(Boolean);
    if (words.length > 25)
      hints.push({ kind: 'long_sentence', start: m.index, end: m.index + m[0].length, text: `${words.length} ord`, suggestion: 'Del sætningen i to' });
  }
  for (const m of text.matchAll(passivePattern)) {
    if (notPassive.has(m[0].toLowerCase())) continue;
    hints.push({
      kind: 'passive',
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      suggestion: 'Skriv hvem der gør det: "vi sender" frem for "sendes"',
    });
  }
  const lower = text.toLowerCase();
  for (const [word, suggestion] of Object.entries(officialeseWords)) {
    const pattern = new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
    for (const m of lower.matchAll(pattern))
      hints.push({ kind: 'officialese', start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length), suggestion });
  }
  return hints.sort((a, b) => a.start - b.start);
}
