/** A sentence with its offsets in the text it came from. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

// Abbreviations whose period does not end a sentence (lower-cased, without the final period).
const abbreviations = new Set(
  [
    'f.eks',
    'fx',
    'jf',
    'bl.a',
    'kr',
    'nr',
    'stk',
    'pkt',
    'ca',
    'evt',
    'inkl',
    'ekskl',
    'mht',
    'dvs',
    'mv',
    'm.v',
    'm.m',
    'osv',
    'tlf',
    'hhv',
    'iht',
    'vedr',
    'kl',
    'pga',
    'p.g.a',
    'ift',
    'bl.a',
    'adm',
    'afd',
    'alm',
    'ang',
    'att',
    'gl',
    'hr',
    'fr',
    'mr',
    'mrs',
    'dr',
    'prof',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'okt',
    'nov',
    'dec',
    'man',
    'tirs',
    'ons',
    'tors',
    'fre',
    'lør',
    'søn',
    'e.g',
    'i.e',
    'etc',
    'vs',
    'no',
    'st',
    'th',
    'tv',
    'mf',
    'md',
    'årg',
    'udg',
    'lov',
    'bek',
    'cirk',
    'vejl',
    'lbk',
    'nb',
    'obs',
    'ff',
    'el',
    'mdr',
    'min',
    'sek',
    'mio',
    'mia',
    't.o.m',
    'f.o.m',
    'o.l',
    'o.lign',
    'ds',
    'p',
  ].map((a) => a.toLowerCase()),
);

/**
 * Splits text into sentences, Danish-aware: periods in abbreviations ("f.eks.", "jf.", "bl.a.",
 * "kr.", "nr."), ordinals ("den 1. april", "hver 14. dag"), decimals, "§ 12, stk. 2" and links do
 * not end a sentence; blank lines, list items and heading-like lines do.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0 && /[\p{L}\p{N}]/u.test(trimmed)) out.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      const rest = text.slice(i + 1);
      const prevLine = text.slice(text.lastIndexOf('\n', i - 1) + 1, i).trim();
      // Blank line, a list item, or a line that closed without punctuation (a heading, a greeting).
      if (
        /^\s*\n/.test(rest) ||
        /^\s*(?:[-*•]|\d+[.)])\s/.test(rest) ||
        (prevLine && !/[,;(\-–]$/.test(prevLine) && !/[.!?:]$/.test(prevLine)) ||
        /[.!?:]$/.test(prevLine)
      ) {
        push(i);
      }
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    const next = text.slice(i + 1, i + 4);
    // Only whitespace followed by something that can start a sentence ends one.
    if (!/^(\s+|$)/.test(next) && !/^["')\]]/.test(next)) continue;
    const after = text.slice(i + 1).replace(/^["')\]]*/, '');
    const upcoming = after.trimStart();
    if (upcoming.length && !/^[\p{Lu}\d§"'([]/u.test(upcoming)) continue;
    if (ch === '.') {
      const wordBefore = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? '';
      if (wordBefore && abbreviations.has(wordBefore.replace(/^\./, ''))) {
        // "kr." or "nr." at the very end of a sentence is still an end when a capitalised word follows
        // that is not a number; but numbers and § follow these abbreviations inside sentences.
        if (
          !/^[\p{Lu}]/u.test(upcoming) ||
          ['f.eks', 'jf', 'bl.a', 'nr', 'stk', 'pkt', 'kl', 'tlf', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'].includes(
            wordBefore,
          )
        )
          continue;
      }
      // A single capital letter with a period is an initial ("Anne K. Jensen").
      if (/(?:^|\s)\p{Lu}$/u.test(text.slice(Math.max(0, i - 2), i))) continue;
      // "den 1. April" does not occur in Danish (months are lower-case), but "§ 3. Stk. 2" does.
      if (/\d$/.test(text.slice(0, i)) && /^Stk\./.test(upcoming)) continue;
    }
    let end = i + 1;
    while (end < text.length && /["')\]]/.test(text[end] ?? '')) end++;
    push(end);
    i = end - 1;
  }
  push(text.length);
  return out;
}
