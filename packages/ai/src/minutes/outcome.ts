import { splitSentences } from '../grounding';
import { cardinalPattern, parseDanishNumber } from './danish-numbers';
import type { TranscriptLine, Votes } from './types';
import { asSentence, stripFillers } from './words';

export type OutcomeKind = 'decided' | 'rejected' | 'noted' | 'postponed' | 'none';

/** What an agenda point ended in, with the sentence and lines it was read from. */
export interface Outcome {
  kind: OutcomeKind;
  text: string | null;
  lines: number[];
}

const postponedCue =
  /\b(udsæt(?:te|tes|ter|ter vi|er)?|udsat|udskyd(?:e|es|er)|udskudt|genoptages|tages op (?:igen )?(?:på|til) (?:næste|et senere|det kommende)|tager (?:det|punktet|sagen|den) op (?:igen )?(?:på|til)|venter (?:vi )?med (?:at|beslutningen|punktet|det)|sættes på (?:igen )?(?:næste|dagsordenen)|kommer tilbage til (?:det|punktet|sagen)|kan ikke (?:træffe|tage) (?:en |nogen )?beslutning|ingen beslutning)/i;
const rejectedCue =
  /\b(forkast(?:et|es|ede)|nedstemt|blev ikke (?:vedtaget|godkendt)|er ikke (?:vedtaget|godkendt)|(?:forslaget|indstillingen|ændringsforslaget|det)\s+(?:er\s+)?(?:faldet|faldt|bortfalder|bortfaldet)|er (?:forslaget|indstillingen|ændringsforslaget|det) (?:faldet|bortfaldet)|afvist|afvises|afviste|ikke flertal|intet flertal)\b/i;
const decidedCue =
  /\b(besluttet|besluttede|beslutter|beslutningen (?:er|blev)|vedtaget|vedtages|vedtog|godkendt|godkendes|godkender|godkendte|tiltrådt|tiltrådte|tiltræder|tiltrædes|indstillingen (?:er |blev )?(?:fulgt|tiltrådt)|følger indstillingen|bevilget|bevilges|bevilgede|enstemmigt)\b/i;
const notedCue = /\b(til efterretning|til orientering|orienteringen (?:blev )?taget)\b/i;
const agreedCue =
  /\b(enige om|er enige|blev enige|det er aftalt|aftalt|aftaler vi|vi aftaler|konklusionen (?:er|blev)|så gør vi det|det gør vi|så kører vi med|vi går videre med|vi lander på|landede på|(?:den|det|dem|dén)(?:\s+\p{L}+)?\s+(?:tager|gør|vælger|kører)\s+vi)\b/iu;
// Proposals, opinions and references to earlier meetings contain the same verbs but decide nothing.
const notADecision =
  /\b(foreslår|forslår|foreslog|mener|synes|tror|håber|vil gerne|gerne vil|skal vi|kan vi|bør vi|vil vi|skulle vi|sidste (?:møde|år|gang)|i fjor|tidligere|dengang|endnu ikke|ikke endnu|hvis (?:vi|I|udvalget))\b/i;
// "… et udkast, som godkendes på næste møde": a decision still to come.
const futureDecision =
  /\b(?:som|der)\s+(?:skal\s+|kan\s+)?(?:godkendes|vedtages|besluttes|behandles)\b|\b(?:godkendes|vedtages|besluttes)\s+(?:på|til)\s+(?:næste|et senere|det kommende)\s+møde/i;
// "Direktionen har godkendt …": a decision reported from elsewhere, not taken at this meeting.
const reported =
  /\b(direktionen|byrådet|kommunalbestyrelsen|borgerrepræsentationen|ledelsen|regeringen|folketinget|økonomiudvalget|forvaltningen|ministeriet|styrelsen|de|han|hun|chefen)\s+(?:har|havde)\s+(?:nu\s+|allerede\s+|også\s+)?(besluttet|godkendt|vedtaget|tiltrådt|bevilget)\b/i;
const negatedBefore = /\b(ikke|aldrig|intet|ingen)\s+(?:\S+\s+){0,2}$/i;

// A proposal put as a question: "Kunne vi ikke …?", "Skal vi …?", "Hvad med …?".
const proposalQuestion = /\b(?:kunne|kan|skal|bør|burde) vi (?:ikke )?|\bhvad med\b|\bforeslår\b/i;

interface Candidate {
  kind: OutcomeKind;
  score: number;
  sentence: string;
  line: TranscriptLine;
  order: number;
}

function classify(sentence: string): { kind: OutcomeKind; score: number } | null {
  if (sentence.trim().endsWith('?')) return null;
  // The chair's formula "hvis ingen har bemærkninger, så er det godkendt" is a decision.
  const conditionalClosing = /\bhvis (?:der ikke er|ingen har|ingen er)\b.*\b(så|betragter)\b/i.test(sentence);
  if (!conditionalClosing && (notADecision.test(sentence) || reported.test(sentence) || futureDecision.test(sentence))) return null;
  if (postponedCue.test(sentence)) return { kind: 'postponed', score: 3 };
  if (rejectedCue.test(sentence)) return { kind: 'rejected', score: 3 };
  const decided = decidedCue.exec(sentence);
  if (decided && !negatedBefore.test(sentence.slice(0, decided.index))) return { kind: 'decided', score: 3 };
  if (notedCue.test(sentence)) return { kind: 'noted', score: 2.5 };
  const agreed = agreedCue.exec(sentence);
  if (agreed && !negatedBefore.test(sentence.slice(0, agreed.index))) return { kind: 'decided', score: 2 };
  return null;
}

const reasonClause =
  /(?:,\s*|\s+)\b(fordi|da|idet|eftersom|indtil|på grund af|pga\.?|så (?:vi|forvaltningen|administrationen|de|I) kan|til (?:vi|de|han|hun|forvaltningen|administrationen|økonomi|foreningen|ansøgeren) har|når)\s+(.+)$/i;
const reasonHint =
  /\b(mangler|afventer|har ikke (?:fået|modtaget|set)|er ikke klar|ikke færdig|venter på|har brug for|skal (?:først|lige) have|er ikke på plads|kender ikke)\b/i;
const whenPattern =
  /\btil\s+(næste møde|et senere møde|mødet (?:den|d\.)\s+\d{1,2}\.\s*\p{L}+|næste (?:udvalgs|team|personale)?møde|efter (?:sommerferien|jul|nytår|påske|vinterferien|budgetforhandlingerne))/iu;

function postponementText(sentence: string, neighbours: readonly TranscriptLine[]): { text: string; lines: number[] } {
  const when = whenPattern.exec(sentence)?.[1] ?? null;
  const own = reasonClause.exec(sentence);
  let reason: string | null = own ? `${own[1]} ${own[2]}` : null;
  const lines: number[] = [];
  if (!reason) {
    for (const l of neighbours) {
      const hint = splitSentences(l.text).find((s) => reasonHint.test(s.text) && !s.text.trim().endsWith('?'));
      if (hint) {
        // Only the clause that gives the reason: "Det er en god idé, men vi har ikke set regnskabet" → "vi har ikke set regnskabet".
        const part = hint.text.split(/,\s*(?:men|og|så)\s+/).find((c) => reasonHint.test(c)) ?? hint.text;
        const clause = reasonClause.exec(part);
        reason = clause ? `${clause[1]} ${clause[2]}` : `fordi ${stripFillers(part).replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase())}`;
        lines.push(l.line);
        break;
      }
    }
  }
  const cleanReason = reason?.replace(/[.!]+$/, '').trim();
  return { text: `Udsat${when ? ` til ${when}` : ''}${cleanReason ? `, ${cleanReason}` : ''}.`, lines };
}

/** The decision sentence as minutes write it: fillers off, "så er det godkendt" → "Godkendt.". */
function decisionText(kind: OutcomeKind, sentence: string): string {
  let s = stripFillers(sentence.replace(/^(?:(?:okay|ok|godt|fint|jamen|ja)[,.!]?\s+)*så\s+(er|blev)\s+(\p{L}+)\s+/iu, '$2 $1 '))
    .replace(/[,\s]*(?:tak|super|fint|godt|perfekt)[.!]*$/i, '')
    .replace(/^(?:så\s+)?(?:gør vi det|bliver det|er det)\s+(?:sådan|således)\s*[:,]\s*/i, '')
    .trim();
  const generic =
    /^(?:(?:så\s+)?(?:det|den|punktet|sagen)\s+(?:er|blev)\s+|(?:det\s+)?betragter jeg (?:det\s+)?som\s+)?(godkendt|vedtaget|tiltrådt|besluttet)\b[.!]?$/i.exec(
      s,
    );
  if (generic) return asSentence(generic[1] ?? s);
  if (kind === 'noted' && s.split(/\s+/).length <= 8) return /orientering/i.test(s) ? 'Taget til orientering.' : 'Taget til efterretning.';
  s = s.replace(/^hvis (?:der ikke er|ingen har|ingen er)[^,]*,\s*(?:så\s+)?/i, '');
  // "Kvalitetsstandarden er godkendt" → "Kvalitetsstandarden blev godkendt.": minutes speak of the meeting in the past.
  const closing = /^(\p{L}+)\s+(?:er|blev)\s+(godkendt|vedtaget|tiltrådt)\b[.!]?$/iu.exec(s);
  if (closing && !/^(?:det|den)$/i.test(closing[1] ?? '')) return asSentence(`${closing[1]} blev ${closing[2]}`);
  return asSentence(s);
}

/**
 * The outcome of an agenda point from its lines: decided, rejected, taken note of, postponed (with
 * why, when the transcript says so), or none. The strongest conclusion wins; of equals, the later,
 * since the chair concludes after the discussion.
 */
export function findOutcome(lines: readonly TranscriptLine[], votes: Votes | null, options: { chair?: string | null } = {}): Outcome {
  const candidates: Candidate[] = [];
  let order = 0;
  for (const [i, line] of lines.entries()) {
    for (const s of splitSentences(line.text)) {
      order++;
      const c = classify(s.text);
      if (c) candidates.push({ ...c, sentence: s.text, line, order });
    }
    // The chair says yes to a proposal put as a question ("Kunne vi ikke …?" — "Jo. Nina får højst 40 sager …").
    const previous = lines[i - 1];
    const yes = /^(?:jo|ja|okay|ok|fint|godt|lad os det)[.,!]\s+(.{15,})$/i.exec(line.text.trim());
    if (options.chair && line.speaker === options.chair && previous && previous.speaker !== line.speaker && yes && proposalQuestion.test(previous.text)) {
      order++;
      candidates.push({ kind: 'decided', score: 2, sentence: yes[1] ?? line.text, line, order });
    }
  }
  const best = candidates.sort((a, b) => b.score - a.score || b.order - a.order)[0];
  if (!best) {
    if (votes) return { kind: votes.for > votes.against ? 'decided' : 'rejected', text: votes.for > votes.against ? 'Vedtaget.' : 'Forkastet.', lines: [] };
    return { kind: 'none', text: null, lines: [] };
  }
  if (best.kind === 'postponed') {
    const at = lines.indexOf(best.line);
    const neighbours = [...lines.slice(Math.max(0, at - 4), at).reverse(), ...lines.slice(at + 1, at + 3)];
    const p = postponementText(best.sentence, neighbours);
    return { kind: 'postponed', text: p.text, lines: [best.line.line, ...p.lines] };
  }
  // "Den dato tager vi." points back to the proposal it accepts: the proposal is the decision.
  if (/^(?:\S+\s+){0,2}(?:den|det|dem|dén)(?:\s+\p{L}+)?\s+(?:tager|gør|vælger|kører)\s+vi\b/iu.test(best.sentence)) {
    const at = lines.indexOf(best.line);
    for (const prev of lines.slice(Math.max(0, at - 3), at).reverse()) {
      const proposal = /\b(?:jeg |vi )?(?:foreslår|forslår|foreslog)[,]?\s+(?:at\s+)?(.+?)[.!]?$/i.exec(prev.text);
      if (proposal) return { kind: 'decided', text: asSentence(`Forslaget blev vedtaget: ${proposal[1]}`), lines: [best.line.line, prev.line] };
    }
  }
  return { kind: best.kind, text: decisionText(best.kind, best.sentence), lines: [best.line.line] };
}

const N = `(\\d{1,2}|${cardinalPattern})`;
const forPatterns = [
  new RegExp(`\\b${N}\\s+(?:medlemmer\\s+|stemmer\\s+|personer\\s+|af os\\s+)?(?:stemte|stemmer|var|er|har stemt)\\s+for\\b`, 'iu'),
  new RegExp(`\\bfor\\s+(?:stemte|stemmer)\\s+${N}\\b`, 'iu'),
  new RegExp(`\\bfor\\s*:\\s*${N}\\b`, 'iu'),
  new RegExp(`\\b${N}\\s+(?:stemmer\\s+)?for\\b(?!\\s+at)`, 'iu'),
  new RegExp(`\\bmed\\s+${N}\\s+stemmer?\\b`, 'iu'),
];
const againstPatterns = [
  new RegExp(`\\b${N}\\s+(?:medlemmer\\s+|stemmer\\s+|personer\\s+)?(?:stemte|stemmer|var|er|har stemt)?\\s*imod\\b`, 'iu'),
  new RegExp(`\\bimod\\s+(?:stemte|stemmer)\\s+${N}\\b`, 'iu'),
  new RegExp(`\\bimod\\s*:\\s*${N}\\b`, 'iu'),
  new RegExp(`\\b${N}\\s+mod\\s+${N}\\b`, 'iu'),
];
const abstainPatterns = [
  new RegExp(`\\b${N}\\s+(?:medlemmer\\s+|personer\\s+)?(?:undlod|undlader|stemte blankt|stemte hverken|hverken for eller imod|blanke)\\b`, 'iu'),
  new RegExp(`\\bundl(?:od|ader)(?:\\s+at\\s+stemme)?\\s*:?\\s+${N}\\b`, 'iu'),
];
const askFor = /\bhvem (?:stemmer|er|vil stemme|kan stemme) for\b|\bstemmer for\?|^for\?$/i;
const askAgainst = /\bhvem (?:stemmer|er|vil stemme) imod\b|\bimod\?$/i;
const askAbstain = /\bhvem undlader\b|\bundlader nogen\b|\bhverken for eller imod\?/i;

const firstNumber = (text: string): number | null => {
  const m = new RegExp(`(?<![\\p{L}\\d])${N}(?![\\p{L}\\d])`, 'iu').exec(text);
  return m ? parseDanishNumber(m[1] ?? '') : null;
};

/**
 * Vote counts in an agenda point's lines: "3 stemte for, 2 imod", "for stemte 5", "6 mod 3",
 * "1 undlod", or the chair's tally ("Hvem stemmer for? — Fire."). Null when nobody counted votes.
 */
export function findVotes(lines: readonly TranscriptLine[]): { votes: Votes; lines: number[] } | null {
  let pro: number | null = null;
  let contra: number | null = null;
  let abstained: number | null = null;
  const used = new Set<number>();
  const take = (patterns: RegExp[], text: string): number | null => {
    for (const p of patterns) {
      const m = p.exec(text);
      if (m) return parseDanishNumber(m[1] ?? '');
    }
    return null;
  };
  for (const [i, line] of lines.entries()) {
    const text = line.text;
    const mod = againstPatterns[3]?.exec(text);
    if (mod && /stem|mod\s+\S+\s*(?:stemmer)?[.,]?$|faldt|vedtaget|flertal/i.test(text)) {
      pro = parseDanishNumber(mod[1] ?? '');
      contra = parseDanishNumber(mod[2] ?? '');
      used.add(line.line);
    }
    // A bare "5 for" counts only beside other vote words ("5 for, 2 imod").
    const voteContext = /\b(imod|undl|stem|afstemning|hænder)/i.test(text);
    const f =
      take(forPatterns.slice(0, voteContext ? 4 : 3), text) ??
      (/\bstemmer?\b.*\b(vedtaget|flertal)|\b(vedtaget|flertal)\b.*\bstemmer?\b/i.test(text) ? take(forPatterns.slice(4), text) : null);
    const a = take(againstPatterns.slice(0, 3), text);
    const u = take(abstainPatterns, text);
    if (f !== null) pro = f;
    if (a !== null) contra = a;
    if (u !== null) abstained = u;
    if (f !== null || a !== null || u !== null) used.add(line.line);
    // The chair's tally: the question, then a short answer with a count.
    const asked = askFor.test(text) ? 'for' : askAgainst.test(text) ? 'against' : askAbstain.test(text) ? 'abstain' : null;
    if (asked && f === null && a === null && u === null) {
      for (const next of lines.slice(i + 1, i + 3)) {
        if (next.text.split(/\s+/).length > 8) continue;
        const n = firstNumber(next.text);
        if (n === null) continue;
        if (asked === 'for') pro = n;
        else if (asked === 'against') contra = n;
        else abstained = n;
        used.add(line.line);
        used.add(next.line);
        break;
      }
    }
  }
  if (pro === null && contra === null) return null;
  return { votes: { for: pro ?? 0, against: contra ?? 0, abstained: abstained ?? 0 }, lines: [...used] };
}
