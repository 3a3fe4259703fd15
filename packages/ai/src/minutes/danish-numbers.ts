/** Danish cardinal words a speaker uses instead of digits ("tre stemte for"). */
const cardinals: Readonly<Record<string, number>> = {
  nul: 0,
  ingen: 0,
  en: 1,
  én: 1,
  et: 1,
  ét: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
  tretten: 13,
  fjorten: 14,
  femten: 15,
  seksten: 16,
  sytten: 17,
  atten: 18,
  nitten: 19,
  tyve: 20,
  enogtyve: 21,
  toogtyve: 22,
  treogtyve: 23,
  fireogtyve: 24,
  femogtyve: 25,
};

const ordinals: Readonly<Record<string, number>> = {
  første: 1,
  anden: 2,
  andet: 2,
  tredje: 3,
  fjerde: 4,
  femte: 5,
  sjette: 6,
  syvende: 7,
  ottende: 8,
  niende: 9,
  tiende: 10,
  ellevte: 11,
  tolvte: 12,
};

/** The cardinal words as a regex alternation, longest first. */
export const cardinalPattern = Object.keys(cardinals)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** The ordinal words as a regex alternation. */
export const ordinalPattern = Object.keys(ordinals).join('|');

/** A number written as digits or as a Danish word, or null. */
export function parseDanishNumber(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number(s);
  return cardinals[s] ?? null;
}

/** A Danish ordinal word ("tredje") as a number, or null. */
export function parseDanishOrdinal(raw: string): number | null {
  return ordinals[raw.trim().toLowerCase()] ?? null;
}
