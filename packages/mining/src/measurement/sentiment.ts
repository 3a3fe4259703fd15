/**
 * A small Danish tone lexicon for replies from a municipality, written for Ekspedit. It does not
 * judge whether a reply is right, only how it sounds to the reader: thanks, help offered and
 * solutions weigh up; refusals, faults, sanctions and "unfortunately" weigh down. An apology
 * ("beklager") counts as courteous, because towards the reader it is. The scale is −3…+3 per word,
 * like AFINN's; an entry ending in * matches every word that begins with it (Danish inflects:
 * afvis* covers afvise, afviser, afvist). The list is short on purpose, so anyone can read all of it
 * in docs/measurement.md and argue with a weight; it measures differences between groups of
 * replies, never the tone of one letter.
 */
export const danishToneLexicon: Readonly<Record<string, number>> = {
  // Courtesy, help and solutions.
  tak: 2,
  takke: 2,
  'takker*': 2,
  'glad*': 2,
  'glæde*': 2,
  velkommen: 2,
  velkomne: 2,
  gerne: 1,
  hjælp: 1,
  hjælpe: 1,
  hjælper: 1,
  'hjælpsom*': 1,
  'venlig*': 1,
  'beklag*': 1,
  god: 2,
  godt: 2,
  gode: 2,
  fint: 1,
  fin: 1,
  flot: 2,
  'dejlig*': 2,
  'positiv*': 2,
  'løsning*': 1,
  'imødekom*': 2,
  'hurtig*': 1,
  muligt: 1,
  'mulighed*': 1,
  'forståelse*': 1,
  'godkend*': 1,
  'bevilg*': 2,
  'tilfreds*': 2,
  heldigvis: 2,
  'rimelig*': 1,
  'tryg*': 1,
  'anbefal*': 1,
  'vejled*': 1,
  // Refusals, faults, sanctions and worry.
  desværre: -1,
  beklageligvis: -1,
  afslag: -2,
  'afslå*': -2,
  'afvis*': -2,
  'nægt*': -2,
  'ulovlig*': -2,
  'overtræd*': -2,
  'påbud*': -2,
  'sanktion*': -2,
  'straf*': -2,
  'advar*': -1,
  'fejl*': -1,
  'problem*': -1,
  manglende: -1,
  mangel: -1,
  mangler: -1,
  'kritik*': -1,
  'utilfreds*': -2,
  'dårlig*': -2,
  'skuffe*': -2,
  'umulig*': -2,
  'forsink*': -1,
  'uberettiget*': -2,
  'uacceptabel*': -3,
  'urimelig*': -2,
  'vred*': -2,
  'frustr*': -1,
  'bekymr*': -1,
  'utryg*': -2,
  'farlig*': -2,
};

/** Words that turn the next sentiment word within three words around (and halve it: "ikke god" is milder than "dårlig"). */
const negators = new Set(['ikke', 'ingen', 'intet', 'aldrig', 'hverken', 'ej']);
/** Closing formulas every letter carries; they say nothing about this letter's tone. */
const formulas = [/med venlig hilsen/g, /venlig hilsen/g, /mvh/g];

const exact = new Map<string, number>();
const prefixes: [string, number][] = [];
for (const [word, weight] of Object.entries(danishToneLexicon)) {
  if (word.endsWith('*')) prefixes.push([word.slice(0, -1), weight]);
  else exact.set(word, weight);
}
prefixes.sort((a, b) => b[0].length - a[0].length);

function weightOf(token: string): number {
  const w = exact.get(token);
  if (w !== undefined) return w;
  for (const [prefix, weight] of prefixes) if (token.startsWith(prefix)) return weight;
  return 0;
}

export interface ToneScore {
  /** From −1 (negative) to +1 (positive): the summed weights squashed as VADER does, s / √(s² + 15). */
  compound: number;
  /** The summed weights after negation. */
  sum: number;
  /** Words that carried a weight. */
  hits: number;
  words: number;
}

/** The tone of a Danish text by the lexicon above. */
export function scoreTone(text: string): ToneScore {
  let lower = text.toLowerCase();
  for (const f of formulas) lower = lower.replace(f, ' ');
  const tokens = lower.split(/[^a-zæøåéü]+/).filter(Boolean);
  let sum = 0;
  let hits = 0;
  let negatedUntil = -1;
  tokens.forEach((token, i) => {
    if (negators.has(token)) {
      negatedUntil = i + 3;
      return;
    }
    const w = weightOf(token);
    if (w === 0) return;
    hits++;
    sum += i <= negatedUntil ? -0.5 * w : w;
    negatedUntil = -1;
  });
  return { compound: sum / Math.sqrt(sum * sum + 15), sum, hits, words: tokens.length };
}

/** Words in a text (letters and digits), for reply length. */
export function countWords(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}
