import { isStopword, stemDanish, tokenize } from '../text';

// Words that carry no topic in a meeting: they must not tie a line to an agenda point.
const meetingWords = new Set(['punkt', 'punkter', 'møde', 'mødet', 'sag', 'sagen', 'ok', 'okay', 'godt', 'fint', 'tak', 'ja', 'nej', 'lige', 'altså', 'bare']);

/** Content stems of a text: Danish Snowball stems of the words that are not stop words. */
export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.text.length > 2 && !isStopword(t.text) && !meetingWords.has(t.text))
    .map((t) => stemDanish(t.text));
}

/**
 * Whether two stems name the same thing, allowing for Danish compounds: equal, one the start of
 * the other ("skol" ~ "skolevej"), or one the head of the other ("parkering" ~ "cykelparkering").
 */
export function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return true;
  return short.length >= 5 && long.endsWith(short);
}

/** Upper-cases the first letter and ends the text with a full stop. */
export function asSentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return t;
  const first = t.charAt(0).toLocaleUpperCase('da');
  return `${first}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** "Okay, så er det godkendt" → "så er det godkendt": spoken fillers off the start of a sentence. */
export function stripFillers(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 4; i++) {
    const next = t.replace(/^(?:okay|ok|godt|fint|super|perfekt|fedt|dejligt|jamen|jo|nå|nåh|ja|jep|nej|altså|øhm?|hmm|så|men|og|well)\b[,.!]?\s+/iu, '');
    if (next === t) break;
    t = next;
  }
  return t;
}

/** Line numbers as citations: [3, 4, 5, 9] → ["3-5", "9"]. */
export function lineRanges(lines: readonly number[]): string[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  let start: number | null = null;
  let prev: number | null = null;
  for (const n of sorted) {
    if (start !== null && prev !== null && n === prev + 1) {
      prev = n;
      continue;
    }
    if (start !== null && prev !== null) out.push(start === prev ? String(start) : `${start}-${prev}`);
    start = n;
    prev = n;
  }
  if (start !== null && prev !== null) out.push(start === prev ? String(start) : `${start}-${prev}`);
  return out;
}

/** The line numbers a citation list covers: ["3-5", "9"] → [3, 4, 5, 9]. */
export function expandRanges(citations: readonly (string | number)[]): number[] {
  const out: number[] = [];
  for (const c of citations) {
    const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(String(c).trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let n = from; n <= to && n - from < 10_000; n++) out.push(n);
  }
  return out;
}
