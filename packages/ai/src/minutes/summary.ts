import { splitSentences } from '../grounding';
import type { AgendaItem, MinutesStatement, TranscriptLine } from './types';
import { asSentence, contentStems, stemsMatch, stripFillers } from './words';

/** Inverse document frequency of stems over a meeting's lines: what is particular to a line. */
export function lineIdf(lines: readonly TranscriptLine[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const l of lines) for (const s of new Set(contentStems(l.text))) df.set(s, (df.get(s) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [s, d] of df) idf.set(s, Math.log(1 + lines.length / d));
  return idf;
}

// Sentences that run the meeting rather than report it: greetings, hand-overs, transitions, thanks.
const procedural =
  /^(?:tak|velkommen|godt|okay|ok|ja|nej|jo|fint|super|perfekt|dejligt)\b.{0,40}$|\b(?:punkt (?:\d+|en|to|tre|fire|fem|seks|syv|otte|ni|ti)\b|værsgo|går (?:vi )?videre til|næste punkt|så tager vi|lad os tage|tak for (?:i dag|i aften|nu|det)|vi ses|er der (?:flere )?(?:bemærkninger|spørgsmål|kommentarer)|nogen (?:bemærkninger|kommentarer)|ordet er (?:frit|dit))/i;

/**
 * The offline account of an agenda point: the two or three most informative statements of its
 * discussion (particular words, the point's subject), each attributed to its speaker and cited.
 * Questions and the sentences that run the meeting are left out, and so are the lines that carry
 * the decision, votes or action points, since those have their own places.
 */
export function summariseOffline(
  item: AgendaItem,
  lines: readonly TranscriptLine[],
  exclude: ReadonlySet<number>,
  idf: ReadonlyMap<string, number>,
): MinutesStatement[] {
  const titleStems = contentStems(`${item.title} ${item.description}`);
  const scored = lines
    .filter((l) => !exclude.has(l.line))
    .map((l, i) => {
      const kept = splitSentences(l.text)
        .map((s) => s.text)
        .filter((t) => !t.trim().endsWith('?') && !procedural.test(t.trim()));
      let text = '';
      for (const t of kept) {
        if (text && text.length + t.length > 240) break;
        text = text ? `${text} ${t}` : t;
      }
      const stems = [...new Set(contentStems(text))];
      if (stems.length < 2) return { l, text, score: 0 };
      const particular = stems.slice(0, 25).reduce((sum, st) => sum + (idf.get(st) ?? 0), 0);
      const onTopic = stems.filter((st) => titleStems.some((t) => stemsMatch(t, st))).length;
      // The opening presentation usually says what the point is about.
      return { l, text, score: particular + 2 * onTopic + (i < 2 ? 2 : 0) };
    })
    .filter((x) => x.score > 0);
  const k = lines.length > 12 ? 3 : 2;
  const picked = scored
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .sort((a, b) => a.l.line - b.l.line);
  return picked.map(({ l, text }) => {
    const body = asSentence(stripFillers(text));
    return { kind: 'summary' as const, text: l.speaker ? `${l.speaker}: ${body}` : body, lines: [l.line], supported: true };
  });
}
