import { cardinalPattern, ordinalPattern, parseDanishNumber, parseDanishOrdinal } from './danish-numbers';
import type { AgendaItem, TranscriptLine } from './types';
import { contentStems, stemsMatch } from './words';

/** Where the transcript moves to another agenda point, and why the engine thinks so. */
export interface Boundary {
  line: number;
  item: number;
  reason: 'number' | 'title' | 'next';
}

export interface Segmentation {
  /** Lines per agenda point, in transcript order (a point taken up twice has both stretches). */
  byItem: Map<number, TranscriptLine[]>;
  /** Lines before the first point: welcome, attendance. */
  preamble: TranscriptLine[];
  boundaries: Boundary[];
}

const refPattern = new RegExp(
  `(\\S+\\s+)?(\\S+\\s+)?\\b(?:(?:punkt|dagsordenspunkt)\\s+|pkt\\.?\\s*)(?:nr\\.?\\s*|nummer\\s+)?(\\d{1,2}|${cardinalPattern})(?![\\p{L}\\d])|\\b(${ordinalPattern})\\s+(?:dagsorden)?punkt`,
  'giu',
);
// A reference after these words points back or ahead ("som nævnt under punkt 2", "før punkt 3"), not to where we are now.
const notHere = /^(?:under|jf\.?|i|fra|som|før|inden|efter|end|af|om|med|på)$/;
const transitionCue =
  /\b(går (?:vi )?(?:nu |så |lige |hurtigt )?(?:videre |over |tilbage )?til|gå (?:videre |over |tilbage )?til|videre til|over til|springer (?:vi )?(?:lige )?(?:over )?til|tilbage til|vender tilbage til|så tager vi|tager vi (?:nu |så |lige |først )?(?:fat (?:på|i) )?|lad os (?:lige )?(?:tage|gå til|se på)|starter (?:vi )?med|begynder (?:vi )?med|lægger ud med|så er (?:vi ved|det|vi nået til|vi kommet til|vi fremme ved)|er (?:vi )?(?:nået|kommet|fremme) til|kommer vi (?:så |nu )?til|næste punkt|nu til|så til|først|sidste punkt)/i;
const nextPoint = /\b(næste punkt|det næste (?:punkt|på dagsordenen)|videre på dagsordenen|videre i dagsordenen)\b/i;
const lastPoint = /\b(sidste punkt|det sidste (?:punkt|på dagsordenen))\b/i;

interface ItemModel {
  number: number;
  stems: { stem: string; weight: number }[];
  total: number;
  /** The title's first word when no other title has it: what people call the point ("budget", "sommerferieplan"). */
  head: string | null;
}

function buildModels(items: readonly AgendaItem[]): ItemModel[] {
  const stemsPer = items.map((it) => [...new Set(contentStems(it.title))]);
  const df = new Map<string, number>();
  for (const stems of stemsPer) for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
  return items.map((it, i) => {
    const stems = (stemsPer[i] ?? []).map((stem) => ({ stem, weight: Math.log(1 + items.length / (df.get(stem) ?? 1)) }));
    const first = stemsPer[i]?.[0] ?? null;
    const head = first && first.length >= 4 && df.get(first) === 1 ? first : null;
    return { number: it.number, stems, total: stems.reduce((s, x) => s + x.weight, 0), head };
  });
}

/** Weighted share of an agenda point's title words found in a line, 0–1. */
function titleScore(model: ItemModel, lineStems: readonly string[]): number {
  if (model.total === 0) return 0;
  let hit = 0;
  for (const { stem, weight } of model.stems) if (lineStems.some((s) => stemsMatch(s, stem))) hit += weight;
  return hit / model.total;
}

/** The agenda points a line names by number ("punkt 3", "tredje punkt"), without back and forward references. */
function numberedTargets(text: string, numbers: ReadonlySet<number>): { targets: number[]; atStart: boolean } {
  const targets: number[] = [];
  let atStart = false;
  for (const m of text.matchAll(refPattern)) {
    const word = (m[2] ?? m[1] ?? '').trim().toLowerCase().replace(/[,.]$/, '');
    const n = m[3] !== undefined ? parseDanishNumber(m[3]) : parseDanishOrdinal(m[4] ?? '');
    if (n === null || !numbers.has(n)) continue;
    if (m[3] !== undefined && notHere.test(word)) continue;
    targets.push(n);
    const before = text.slice(0, (m.index ?? 0) + (m[1]?.length ?? 0) + (m[2]?.length ?? 0));
    if (/^\W*(?:(?:okay|ok|godt|fint|så|ja|og|nu|videre|nå|jamen)\W+){0,3}$/i.test(before)) atStart = true;
  }
  return { targets, atStart };
}

/** "Sommerferieplanen. I skal sende …": a short first sentence that is the point's title. */
function namesTopicFirst(text: string, models: readonly ItemModel[], item: number): boolean {
  const first = /^[^.!?]{1,60}[.!?:]/.exec(text.trim())?.[0] ?? '';
  if (!first || first.split(/\s+/).length > 5) return false;
  const model = models.find((m) => m.number === item);
  return model !== undefined && titleScore(model, contentStems(first)) >= 0.75;
}

/**
 * Cuts a transcript into the stretches that belong to each agenda point. A point starts where the
 * chair names it: by number ("punkt 3", "vi tager punkt 4 før punkt 3", "ad 2."), as "næste punkt",
 * or by its title together with a transition ("så går vi videre til trafikplanen"). Points may be
 * taken in any order and returned to; lines before the first point are the preamble.
 */
export function segmentTranscript(items: readonly AgendaItem[], lines: readonly TranscriptLine[]): Segmentation {
  const models = buildModels(items);
  const numbers = new Set(items.map((i) => i.number));
  const order = items.map((i) => i.number);
  const byItem = new Map<number, TranscriptLine[]>(items.map((i) => [i.number, []]));
  const preamble: TranscriptLine[] = [];
  const boundaries: Boundary[] = [];
  const visited = new Set<number>();
  let current: number | null = null;

  const move = (line: TranscriptLine, item: number, reason: Boundary['reason']) => {
    if (item === current) return;
    current = item;
    visited.add(item);
    boundaries.push({ line: line.line, item, reason });
  };

  for (const line of lines) {
    const text = line.text;
    const words = text.split(/\s+/).length;
    const { targets, atStart } = numberedTargets(text, numbers);
    const cue = transitionCue.exec(text);
    const hasCue = cue !== null;
    // A title counts as a transition only when it follows the cue closely ("så går vi til trafikplanen").
    const afterCue = cue ? text.slice(cue.index).split(/\s+/).slice(0, 10).join(' ') : '';
    const cueStems = cue ? contentStems(afterCue) : [];
    const cueBest = models
      .map((m) => ({ number: m.number, score: Math.max(titleScore(m, cueStems), m.head && cueStems.some((s) => stemsMatch(s, m.head ?? '')) ? 0.5 : 0) }))
      .reduce((b, s) => (s.score > b.score ? s : b), { number: -1, score: 0 });
    // "2. Budgetopfølgning" or "Ad 2 – …" at the start of a line in notes.
    const heading = /^(?:ad\s+)?(\d{1,2})\s*[.)–-]\s+\p{L}/iu.exec(text);
    const headingNumber = heading ? Number(heading[1]) : null;
    const stems = contentStems(text);
    const scores = models.map((m) => ({ number: m.number, score: titleScore(m, stems) }));
    const best = scores.reduce((b, s) => (s.score > b.score ? s : b), { number: -1, score: 0 });

    // "Skal vi tage punkt 5 nu?" moves only with a cue or the number first; "Punkt 5, vintertjenesten. Henrik?" does.
    const isQuestion = text.trim().endsWith('?') && !/[.!]\s/.test(text);
    if (targets.length && (hasCue || atStart || (words <= 12 && !isQuestion))) {
      move(line, targets[0] ?? 0, 'number');
    } else if (headingNumber !== null && numbers.has(headingNumber) && (words <= 10 || (scores.find((s) => s.number === headingNumber)?.score ?? 0) >= 0.3)) {
      move(line, headingNumber, 'number');
    } else if (hasCue && cueBest.score >= 0.5 && cueBest.number !== current && (!visited.has(cueBest.number) || /tilbage/i.test(text))) {
      move(line, cueBest.number, 'title');
    } else if (nextPoint.test(text) && !text.trim().endsWith('?')) {
      const from = current === null ? -1 : order.indexOf(current);
      const next = order.slice(from + 1).find((n) => !visited.has(n)) ?? order.find((n) => !visited.has(n));
      if (next !== undefined) move(line, next, 'next');
    } else if (lastPoint.test(text) && hasCue) {
      const last = order.at(-1);
      if (last !== undefined) move(line, last, 'next');
    } else if (
      best.number !== current &&
      !visited.has(best.number) &&
      (current === null ? best.score >= 0.5 : best.score >= 0.75 && (words <= 8 || namesTopicFirst(text, models, best.number)))
    ) {
      // In the preamble a line about a point's subject starts it ("Er der bemærkninger til dagsordenen?");
      // in notes a short heading-like line does.
      move(line, best.number, 'title');
    }
    if (current === null) preamble.push(line);
    else byItem.get(current)?.push(line);
  }
  return { byItem, preamble, boundaries };
}
