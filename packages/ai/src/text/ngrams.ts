/** Word n-grams joined by a space: ["a","b","c"], 2 → ["a b","b c"]. */
export function wordNgrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/**
 * Character n-grams of one word with boundary marks ("<affald>"), from `min` to `max` long. They
 * match misspellings and the parts of compounds that whole words miss.
 */
export function charNgrams(word: string, min: number, max: number): string[] {
  const padded = `<${word}>`;
  const out: string[] = [];
  for (let n = min; n <= max; n++) {
    if (padded.length < n) break;
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}
