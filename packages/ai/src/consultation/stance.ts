import { splitSentences } from '../grounding/sentences';
import { normalizeText } from '../text/normalize';
import type { Stance } from './types';

/** The offline stance of one response, with the sentence that shows it most clearly. */
export interface StanceReading {
  stance: Stance;
  confidence: number;
  /** Weighted cues for and against the proposal. */
  support: number;
  oppose: number;
  /** The sentence with the strongest cue, as offsets in the response text; null without cues. */
  evidence: { start: number; end: number; text: string } | null;
  /** Whether any cue was found (false: the stance is neutral for want of evidence). */
  hasCues: boolean;
  /** Whether most sentences are questions. */
  isQuestion: boolean;
  /** Set when the stance was learnt from the other responses rather than read from cues. */
  learnt?: boolean;
}

interface Cue {
  pattern: RegExp;
  weight: number;
  side: 'support' | 'oppose' | 'mixed' | 'neutral';
}

// JavaScript's \b knows only ASCII letters, so "idé" or "mod" after "ø" would never end a word.
const letterBoundary = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';
const re = (pattern: RegExp) => new RegExp(pattern.source.replaceAll('\\b', letterBoundary), 'gu');

// A lexicon of how Danish consultation responses state a position. Explicit positions weigh 2,
// evaluations 1. Negation in the three words before a cue turns it ("kan ikke støtte", "ikke imod").
const cues: Cue[] = [
  // "støtte" is also a noun ("elever, der modtager støtte"): only the verb with a speaker or the proposal counts.
  {
    side: 'support',
    weight: 2,
    pattern: re(
      /\b(?:jeg|vi|rådet|lokalrådet|bestyrelsen|foreningen|udvalget) (?:\p{L}+ )?støtter\b|\bstøtte[rs]? (?:\p{L}+ )?(?:forslaget|sammenlægningen|lukningen|en sammenlægning|planen)\b|\bstøt (?:forslaget|op)\b/gu,
    ),
  },
  { side: 'support', weight: 2, pattern: re(/\bbakker (?:\p{L}+ )?op om (?:forslaget|sammenlægningen|lukningen|planen)/gu) },
  { side: 'support', weight: 2, pattern: re(/\bja til\b|\bgod idé\b|\bgod ide\b|\b(?:fint|godt|glimrende) forslag\b/gu) },
  {
    side: 'support',
    weight: 2,
    pattern: re(/\b(?:er|erklærer os|erklærer mig) (?:for|tilhænger af) (?:forslaget|sammenlægningen|lukningen|en sammenlægning)/gu),
  },
  {
    side: 'support',
    weight: 2,
    pattern: re(/\btilhænger(?:e)?\b|\banbefaler(?:,)? (?:at )?(?:forslaget|byrådet vedtager)|\btilslutter (?:mig|os) forslaget/gu),
  },
  {
    side: 'support',
    weight: 1,
    pattern: re(/\bser positivt på\b|\bpositiv(?:e)? over for\b|\bglæder (?:os|mig) til\b|\bser (?:vi |jeg )?frem til\b|\bhilser\b.{0,40}\bvelkommen\b/gu),
  },
  {
    side: 'support',
    weight: 1,
    pattern: re(/\bgiver (?:\p{L}+ )?(?:god )?mening\b|\bhelt rimeligt\b|\bfuld forståelse\b|\bden (?:bedste|rigtige) beslutning\b/gu),
  },
  { side: 'support', weight: 2, pattern: re(/\bi support\b|\bsupport the proposal\b|\bin favour\b|\bin favor\b/gu) },
  // "tage imod" is to receive, not to oppose.
  {
    side: 'oppose',
    weight: 2,
    pattern: re(
      /(?<!\btage |\btager |\btaget |\btog |\bmodtage )\bimod\b|\bmodstander(?:e)?\b|\bprotest(?:erer)?\b|\bnej (?:tak )?til\b|\bstem(?:me)? nej\b/gu,
    ),
  },
  {
    side: 'oppose',
    weight: 2,
    pattern: re(/\bluk ikke\b|\bstop (?:lukningen|forslaget)\b|\bbevar(?:e|es)?\b|\bforkast(?:er|e|es)?\b|\bdroppe forslaget\b|\badvar(?:e|er) mod\b/gu),
  },
  { side: 'oppose', weight: 2, pattern: re(/\bagainst\b|\boppose\b|\bkeep the school\b/gu) },
  {
    side: 'oppose',
    weight: 1,
    pattern: re(
      /\buacceptab\p{L}*|\burimelig\p{L}*|\bfarce\b|\bskuffe(?:t|de|lse)\b|\bsnydt\b|\bikke gennemtænkt\b|\bholder ikke\b|\bregnet forkert\b|\boverdrevet\b/gu,
    ),
  },
  { side: 'oppose', weight: 1, pattern: re(/\bfrygter\b|\bmareridt\b|\blivsfarlig\p{L}*|\bvil (?:ikke|aldrig)\b/gu) },
  {
    side: 'mixed',
    weight: 3,
    pattern: re(
      /\bpå den ene side\b|\bi tvivl\b|\bhverken for eller imod\b|\bbåde fordele og ulemper\b|\bbåde muligheder og udfordringer\b|\bfor\b.{1,40}\bmen imod\b/gu,
    ),
  },
  { side: 'neutral', weight: 3, pattern: re(/\btager ikke stilling\b|\buden at tage stilling\b/gu) },
  // Information without a position: "oplyser hermed", "gør opmærksom på", "vil gerne bidrage med viden".
  { side: 'neutral', weight: 1, pattern: re(/\b(?:oplyser|orienterer om)\b|\bgøre?r? opmærksom på\b|\bbidrage med\b/gu) },
];

const negations = new Set(['ikke', 'ingen', 'aldrig', 'hverken', 'not']);

/** True when one of the three words before `index` negates what follows. */
function isNegated(sentence: string, index: number): boolean {
  const before = sentence.slice(Math.max(0, index - 30), index).match(/\p{L}+/gu) ?? [];
  return before.slice(-3).some((w) => negations.has(w));
}

/**
 * Reads the stance of a response from explicit cues: "støtter", "imod", "nej til", "luk ikke",
 * negation, hedges ("på den ene side", "i tvivl") and declared neutrality ("tager ikke stilling").
 * Both sides clearly present make `mixed`; no cue at all makes `neutral` (questions, information).
 */
export function readStance(text: string): StanceReading {
  let support = 0;
  let oppose = 0;
  let mixed = 0;
  let neutral = 0;
  let best: { weight: number; start: number; end: number; text: string } | null = null;
  let concession = false;
  let questions = 0;
  const sentences = splitSentences(text);
  for (const s of sentences) {
    const sentence = normalizeText(s.text);
    // "… ser positivt på det. Men …": a yes followed by a but.
    if (support > 0 && /^(?:men|desværre)\b/.test(sentence)) concession = true;
    if (sentence.endsWith('?')) questions++;
    let here = 0;
    for (const cue of cues) {
      for (const m of sentence.matchAll(cue.pattern)) {
        const negated = cue.side !== 'mixed' && cue.side !== 'neutral' && isNegated(sentence, m.index) && !/\bikke\b/.test(m[0]);
        let side = cue.side;
        let weight = cue.weight;
        if (negated) {
          // "kan ikke støtte" is a position against; "ikke imod" is a reluctant yes, worth less.
          side = cue.side === 'support' ? 'oppose' : 'support';
          weight = cue.side === 'support' ? cue.weight : cue.weight * 0.5;
        }
        if (side === 'support') support += weight;
        else if (side === 'oppose') oppose += weight;
        else if (side === 'mixed') mixed += weight;
        else neutral += weight;
        here += weight;
      }
    }
    if (here > 0 && (!best || here > best.weight)) best = { weight: here, start: s.start, end: s.end, text: s.text };
  }
  const evidence = best ? { start: best.start, end: best.end, text: best.text } : null;
  const total = support + oppose;
  let stance: Stance;
  if (mixed > 0 && mixed >= Math.max(support, oppose) / 2) stance = 'mixed';
  else if (neutral > 0 && total <= neutral) stance = 'neutral';
  else if (total === 0) stance = 'neutral';
  else if (support > 0 && oppose > 0 && Math.max(support, oppose) < 2 * Math.min(support, oppose)) stance = 'mixed';
  else if (concession && oppose === 0) stance = 'mixed';
  else stance = support > oppose ? 'support' : 'oppose';
  const confidence =
    stance === 'neutral' ? (neutral > 0 ? 0.7 : 0.4) : stance === 'mixed' ? 0.5 : Math.min(0.95, 0.5 + Math.abs(support - oppose) / (2 * (total + 1)));
  return {
    stance,
    confidence: Math.round(confidence * 100) / 100,
    support,
    oppose,
    evidence,
    hasCues: total + mixed + neutral > 0,
    isQuestion: sentences.length > 0 && questions / sentences.length >= 0.5,
  };
}

/**
 * Many responses argue without saying "imod" or "støtter" ("Skolen er hjertet i byen"). Their stance
 * is learnt from the responses of the same consultation that do say it: a naive Bayes model of
 * stems, trained on the responses with explicit cues for or against (a campaign counted once),
 * reads the responses without any cue that are not questions. Only a clear posterior changes them.
 */
export function inferImplicitStances(
  texts: readonly string[],
  readings: readonly StanceReading[],
  weights: readonly number[],
  stemsOf: (text: string) => string[],
  options: { minPosterior?: number } = {},
): StanceReading[] {
  const minPosterior = options.minPosterior ?? 0.6;
  const counts = { support: new Map<string, number>(), oppose: new Map<string, number>() };
  const totals = { support: 0, oppose: 0 };
  const docs = { support: 0, oppose: 0 };
  const vocabulary = new Set<string>();
  readings.forEach((r, i) => {
    if ((r.stance !== 'support' && r.stance !== 'oppose') || (weights[i] ?? 1) === 0) return;
    docs[r.stance]++;
    for (const stem of new Set(stemsOf(texts[i] ?? ''))) {
      counts[r.stance].set(stem, (counts[r.stance].get(stem) ?? 0) + 1);
      totals[r.stance]++;
      vocabulary.add(stem);
    }
  });
  // Too few explicit responses on either side to learn from: leave the rest neutral.
  if (docs.support + docs.oppose < 10) return [...readings];
  const v = vocabulary.size;
  return readings.map((r, i) => {
    if (r.hasCues || r.isQuestion) return r;
    let logS = Math.log((docs.support + 1) / (docs.support + docs.oppose + 2));
    let logO = Math.log((docs.oppose + 1) / (docs.support + docs.oppose + 2));
    const stems = [...new Set(stemsOf(texts[i] ?? ''))].filter((x) => vocabulary.has(x));
    if (stems.length === 0) return r;
    for (const stem of stems) {
      logS += Math.log(((counts.support.get(stem) ?? 0) + 1) / (totals.support + v));
      logO += Math.log(((counts.oppose.get(stem) ?? 0) + 1) / (totals.oppose + v));
    }
    const pSupport = 1 / (1 + Math.exp(logO - logS));
    const posterior = Math.max(pSupport, 1 - pSupport);
    if (posterior < minPosterior) return r;
    return { ...r, stance: pSupport > 0.5 ? 'support' : 'oppose', confidence: Math.round(0.3 * posterior * 100) / 100 + 0.2, learnt: true };
  });
}
