/**
 * Danish writes compounds as one word ("skraldespandsafhentning"). When such a word is unknown but
 * its head and tail are known, its parts carry its meaning; the linking "s" or "e" (fuge) is allowed.
 */

const minPart = 3;

/**
 * Splits an unknown compound into two known parts, or returns null. `isKnown` tells whether a word
 * (lower case, unstemmed) is in the vocabulary. The longest known tail wins: Danish compounds are
 * right-headed, so the tail says what the thing is.
 */
export function splitCompound(word: string, isKnown: (w: string) => boolean): [string, string] | null {
  if (word.length < minPart * 2 + 1) return null;
  for (let i = minPart; i <= word.length - minPart; i++) {
    const tail = word.slice(i);
    if (!isKnown(tail)) continue;
    const head = word.slice(0, i);
    if (isKnown(head)) return [head, tail];
    const last = head.at(-1);
    if ((last === 's' || last === 'e') && head.length - 1 >= minPart && isKnown(head.slice(0, -1))) return [head.slice(0, -1), tail];
  }
  return null;
}
