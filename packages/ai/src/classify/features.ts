import { splitCompound } from '../text/compound';
import { charNgrams } from '../text/ngrams';
import { normalizeText } from '../text/normalize';
import { stemDanish } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { tokenize } from '../text/tokenize';

/** A text reduced to what the classifier reads: stems in order, compound parts, and a surface form per stem. */
export interface Analysis {
  stems: string[];
  /** Stems of the parts of compounds (hyphenated or split against the vocabulary). */
  parts: string[];
  /** The first word in the text that gave each stem, to show people words rather than stems. */
  surface: Map<string, string>;
}

/** Feature families: whole stems, stem bigrams, character n-grams of stems. */
export const families = ['w', 'b', 'c'] as const;
export type Family = (typeof families)[number];

/**
 * Turns text into stems. Knows the words of KLE so that an unknown compound
 * ("skraldespandstømning") can be split into known parts ("skraldespand" + "tømning").
 */
export class TextAnalyzer {
  constructor(private readonly knownWords: ReadonlySet<string> = new Set()) {}

  /** Analyses one text: tokens without stop words, stemmed, with compound parts. */
  analyze(text: string): Analysis {
    const stems: string[] = [];
    const parts: string[] = [];
    const surface = new Map<string, string>();
    for (const token of tokenize(text)) {
      const word = token.text;
      if (word.length < 2 || isStopword(word)) continue;
      const stem = stemDanish(word);
      if (!surface.has(stem)) surface.set(stem, word);
      if (token.isPart) {
        parts.push(stem);
        continue;
      }
      stems.push(stem);
      if (word.length >= 8 && this.knownWords.size > 0 && !this.knownWords.has(word)) {
        const split = splitCompound(word, (w) => this.knownWords.has(w));
        if (split) for (const p of split) parts.push(stemDanish(p));
      }
    }
    return { stems, parts, surface };
  }
}

/** The words of a text, for the vocabulary that compound splitting checks against. */
export function vocabularyWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.text)
    .filter((w) => w.length >= 3 && !isStopword(w));
}

/** Shortest and longest character n-gram taken from a stem. */
export const charMin = 4;
export const charMax = 5;

/** Counts features of an analysed text: `w:stem`, `b:stem stem`, `c:<ngram`. */
export function featureCounts(analysis: Pick<Analysis, 'stems' | 'parts'>, into = new Map<string, number>(), scale = 1): Map<string, number> {
  const add = (key: string, n = 1) => into.set(key, (into.get(key) ?? 0) + n * scale);
  const { stems, parts } = analysis;
  for (const s of stems) add(`w:${s}`);
  // Parts count less than the words they come from: they are a guess at the meaning.
  for (const p of parts) add(`w:${p}`, 0.5);
  for (let i = 0; i + 1 < stems.length; i++) add(`b:${stems[i]} ${stems[i + 1]}`);
  const seen = new Set<string>();
  for (const s of [...stems, ...parts]) {
    if (s.length < 3 || seen.has(s)) continue;
    seen.add(s);
    for (const g of charNgrams(s, charMin, charMax)) add(`c:${g}`);
  }
  return into;
}

/** Normalised full text for cue patterns, which need stop words ("ikke tømt") and punctuation. */
export function cueText(subject: string, body: string): string {
  return normalizeText(`${subject}\n${body}`);
}
