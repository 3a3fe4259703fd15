import type { IsoDate, WorkingCalendar } from '@ekspedit/core';
import { splitSentences } from '../grounding';
import { resolveDueDate } from './dates';
import type { MeetingPeople } from './people';
import type { ActionPoint, TranscriptLine } from './types';
import { asSentence, contentStems } from './words';

/** An action point with the transcript lines it was read from. */
export interface FoundAction extends ActionPoint {
  lines: number[];
}

export interface ActionContext {
  people: MeetingPeople;
  meetingDate: IsoDate | null;
  nextMeeting?: IsoDate | null;
  calendar?: WorkingCalendar;
}

// Present tense as spoken ("Mette sender …"); the infinitive follows "skal/vil/kan".
const verbs = [
  'sørger for',
  'tager mig af',
  'tager sig af',
  'tager os af',
  'følger op',
  'undersøger',
  'sender',
  'rundsender',
  'udsender',
  'skriver',
  'laver',
  'udarbejder',
  'indkalder',
  'kontakter',
  'booker',
  'bestiller',
  'tjekker',
  'afklarer',
  'opdaterer',
  'inviterer',
  'forbereder',
  'melder tilbage',
  'vender tilbage',
  'ringer',
  'indhenter',
  'beregner',
  'retter',
  'lægger',
  'finder',
  'koordinerer',
  'arrangerer',
  'opretter',
  'reserverer',
  'tager kontakt',
  'præsenterer',
  'fremlægger',
  'deler',
  'indkøber',
  'køber',
  'tager fat i',
  'tager en snak',
  'taler med',
  'snakker med',
  'giver besked',
  'informerer',
  'orienterer',
  'samler',
  'planlægger',
  'skaffer',
  'gennemgår',
  'reviderer',
  'justerer',
  'tilretter',
  'færdiggør',
  'tager',
  'udsender',
  'bringer',
  'hører',
  'spørger',
  'svarer',
  'beder',
  'afholder',
  'sætter',
  'indarbejder',
  'iværksætter',
  'igangsætter',
  'gennemfører',
  'besøger',
];
const irregular: Record<string, string> = { gør: 'gøre', har: 'have', er: 'være', ved: 'vide', færdiggør: 'færdiggøre', går: 'gå', får: 'få', ser: 'se' };

/** "sender" → "sende", "tager mig af" → "tage sig af". */
function infinitive(phrase: string): string {
  const [verb = '', ...rest] = phrase.split(' ');
  const inf = irregular[verb] ?? (verb.endsWith('r') ? verb.slice(0, -1) : verb);
  return [inf, ...rest.map((w) => (w === 'mig' || w === 'os' ? 'sig' : w))].join(' ');
}

const presentVerbs = new Set([...verbs.map((v) => v.split(' ')[0] ?? v), 'kommer', 'giver', 'holder', 'sætter', 'tager', 'går', 'får', 'gør']);
const presentAlt = [...new Set(verbs)].sort((a, b) => b.length - a.length);
const infinitiveAlt = [...new Set(verbs.map(infinitive))].sort((a, b) => b.length - a.length);
const orgSubjects =
  'forvaltningen|administrationen|sekretariatet|hr|økonomi|økonomiafdelingen|ledelsen|formanden|formandskabet|direktionen|borgmesteren|centret|teamet';
// The subject of an action: "jeg", "du", an organisational unit or a capitalised name.
const anyCase = (alternatives: string) =>
  alternatives
    .split('|')
    .map((w) => `[${w.charAt(0).toUpperCase()}${w.charAt(0)}]${w.slice(1)}`)
    .join('|');
const subject = `(${anyCase(`jeg|du|${orgSubjects}`)}|HR|I|[A-ZÆØÅ][\\p{L}-]+(?:\\s+[A-ZÆØÅ][\\p{L}-]+){0,2}(?:\\s+og\\s+[A-ZÆØÅ][\\p{L}-]+(?:\\s+[A-ZÆØÅ][\\p{L}-]+){0,2})?)`;
const aux = '(?:(skal|vil|kan|må|tager og|går i gang med at)\\s+(?:lige\\s+|gerne\\s+|så\\s+|også\\s+|nok\\s+|godt\\s+)?)?';
const actionPattern = new RegExp(
  `(?:^|[,;:]\\s+|\\bat\\s+|\\bog\\s+|\\bså\\s+)${subject}\\s+(?:(?:lige|så|også|gerne|nok)\\s+)?${aux}(${presentAlt.join('|')}|${infinitiveAlt.join('|')})(?![\\p{L}])(.*)$`,
  'u',
);
const habitual = /\b(i øjeblikket|allerede|plejer|hver (?:uge|måned|dag|gang)|normalt|typisk|altid|løbende|for tiden|sidste (?:uge|måned|år|møde))\b/i;
const notSubjects = new Set([
  'Det',
  'Der',
  'Den',
  'De',
  'Vi',
  'Man',
  'Hvis',
  'Når',
  'Så',
  'Og',
  'Men',
  'Hvem',
  'Hvad',
  'Her',
  'Nu',
  'Okay',
  'Ja',
  'Nej',
  'Godt',
  'Fint',
  'Punkt',
  'Kan',
  'Vil',
  'Skal',
]);
const acceptance =
  /^(?:ja|jep|jo|yes|klart|selvfølgelig|gerne|det kan jeg|det gør jeg|det tager jeg|den tager jeg|jeg tager den|jeg tager det|det skal jeg nok|det vil jeg gerne|fint|helt fint|det er fint|ok|okay|aftale|det klarer jeg|den klarer jeg)\b/i;
const requestPattern = new RegExp(
  `\\b(?:(kan|vil|gider|må jeg bede)\\s+(du|I|[A-ZÆØÅ][\\p{L}-]+)\\s+(?:ikke\\s+)?(?:lige\\s+|godt\\s+|også\\s+|så\\s+)?|hvem\\s+(?:kan|vil|tager)\\s+(?:lige\\s+)?|er der nogen,?\\s+der\\s+(?:kan|vil)\\s+(?:lige\\s+)?|der skal nogen\\s+|nogen skal\\s+)(${infinitiveAlt.join('|')})(?![\\p{L}])(.*)$`,
  'iu',
);

/** The words of the task after the verb: deadline, fillers and tag questions off. */
function taskText(verb: string, rest: string, dueText: string | null): string {
  let r = rest;
  if (dueText) {
    const at = r.toLowerCase().indexOf(dueText.toLowerCase());
    if (at >= 0) r = `${r.slice(0, at)} ${r.slice(at + dueText.length)}`;
  }
  r = r
    .replace(/,?\s*(?:ikke også|ikke|okay|ok|ja|tak|så|altså)\s*[?.!]*\s*$/i, '')
    .replace(/\s*[?.!]+\s*$/, '')
    .replace(/\s+,/g, ',')
    .replace(/\s{2,}/g, ' ')
    .replace(/[,\s]+$/, '')
    .trim();
  // A second verb joined by "og" takes the infinitive too: "undersøge …, og komme med et oplæg".
  r = r.replace(/\bog (\p{Ll}+)\b/gu, (m, w: string) => (presentVerbs.has(w) ? `og ${infinitive(w)}` : m));
  const inf = infinitive(verb);
  // "sørger for at sende referatet" is the task "sende referatet".
  const forAt = /^(?:sørge for|tage sig af)$/.test(inf) ? /^,?\s*at\s+(?!der\b|vi\b|de\b|den\b|det\b|alle\b|nogen\b|man\b)(.+)$/i.exec(r) : null;
  return asSentence(forAt ? (forAt[1] ?? r) : `${inf}${r ? `${r.startsWith(',') ? '' : ' '}${r}` : ''}`).replace(/\.$/, '');
}

/**
 * "Kan vi få en liste over de ti største indsatser?" answered "Den kan jeg lave til næste møde":
 * the one who answers takes the task, and the verb comes from the answer.
 */
function askedFor(sentence: string, next: readonly TranscriptLine[], line: TranscriptLine, ctx: ActionContext): FoundAction | null {
  const asked = /\b(?:kan|kunne|må) (?:vi|jeg|udvalget|I) (?:ikke )?(?:godt )?få\s+(.+?)\s*\?$/i.exec(sentence);
  if (!asked) return null;
  for (const answer of next) {
    if (answer.speaker === line.speaker) continue;
    const m = /^(?:ja[,.!]?\s+)?(?:den|det|dem)\s+(?:kan|skal|vil)\s+jeg\s+(?:godt\s+|nok\s+|gerne\s+)?(\p{Ll}+)(.*)$/iu.exec(answer.text.trim());
    if (!m) continue;
    const d = due(`${m[2] ?? ''}`, ctx);
    const what = asSentence(`${m[1]} ${asked[1]}`).replace(/\.$/, '');
    const who = answer.speaker ? (ctx.people.resolve(answer.speaker) ?? answer.speaker) : null;
    return { what, who, due: d.date, dueText: d.text, lines: [line.line, answer.line] };
  }
  return null;
}

/** Clauses of a sentence, split where a new subject takes a new task ("Mette sender X, og Jens booker Y"). */
function clauses(sentence: string): string[] {
  const parts = sentence.split(/,?\s+og\s+(?=(?:jeg|du|[A-ZÆØÅ][\p{L}-]+)\s+(?:skal\s+|vil\s+)?\p{Ll}+er\b)/u);
  // "Sara og Jakob afholder …" is one clause with two people, not two clauses.
  const out: string[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last !== undefined && /^[A-ZÆØÅ][\p{L}-]+(?:\s+[A-ZÆØÅ][\p{L}-]+)?$/u.test(last.trim())) out[out.length - 1] = `${last} og ${p}`;
    else out.push(p);
  }
  return out;
}

function whoOf(raw: string, line: TranscriptLine, sentence: string, ctx: ActionContext): string | null {
  const lower = raw.toLowerCase();
  if (lower === 'jeg') return line.speaker ? (ctx.people.resolve(line.speaker) ?? line.speaker) : null;
  // "I" (you, plural) gives the task to everyone at the meeting.
  if (raw === 'I') return 'Alle';
  if (lower === 'du') {
    const vocative = /^([A-ZÆØÅ][\p{L}-]+)\s*,/u.exec(sentence.trim())?.[1];
    return vocative ? (ctx.people.resolve(vocative) ?? vocative) : null;
  }
  if (new RegExp(`^(?:${orgSubjects})$`, 'i').test(raw)) return raw.charAt(0).toUpperCase() + raw.slice(1).toLowerCase();
  // "Sara og Jakob afholder …": both get the task.
  return raw
    .split(/\s+og\s+/)
    .map((n) => ctx.people.resolve(n) ?? n)
    .join(' og ');
}

function due(text: string, ctx: ActionContext): { date: IsoDate | null; text: string | null } {
  if (!ctx.meetingDate) return { date: null, text: null };
  const d = resolveDueDate(text, ctx.meetingDate, { calendar: ctx.calendar, nextMeeting: ctx.nextMeeting });
  return d ? { date: d.date, text: d.text } : { date: null, text: null };
}

/**
 * Action points in an agenda point's lines: "Mette sender referatet ud inden fredag", "Jeg sørger
 * for at booke lokalet", "Forvaltningen udarbejder et notat til næste møde", a request accepted on
 * the next line ("Kan du tjekke prisen, Jens?" — "Ja, det gør jeg"), and "Handling:" lines in notes.
 * Who is resolved to a participant's full name; the deadline against the meeting date.
 */
export function findActions(lines: readonly TranscriptLine[], ctx: ActionContext): FoundAction[] {
  const out: FoundAction[] = [];
  for (const [i, line] of lines.entries()) {
    const labelled = /^(?:handling|opfølgning|aftale|action|to ?do|aktion)\s*:\s*(.+)$/i.exec(line.text);
    const body = labelled?.[1] ?? line.text;
    for (const s of splitSentences(body)) {
      const sentence = s.text;
      if (sentence.trim().endsWith('?')) {
        const request = requestPattern.exec(sentence);
        if (!request) {
          const offer = askedFor(sentence, lines.slice(i + 1, i + 3), line, ctx);
          if (offer) out.push(offer);
          continue;
        }
        const answer = lines.slice(i + 1, i + 3).find((l) => l.speaker !== line.speaker && acceptance.test(l.text.trim()));
        if (!answer) continue;
        const addressee = request[2] && request[2] !== 'du' && request[2] !== 'I' ? request[2] : null;
        const who = answer.speaker ? (ctx.people.resolve(answer.speaker) ?? answer.speaker) : addressee ? ctx.people.resolve(addressee) : null;
        const d = due(`${request[4] ?? ''} ${answer.text}`, ctx);
        // "Kan du tjekke prisen, Jens?": the name at the end is whom the request is for, not part of the task.
        const rest = (request[4] ?? '').replace(/,\s*([A-ZÆØÅ][\p{L}-]+)\s*[?.!]*\s*$/u, (m, name: string) => (ctx.people.resolve(name) ? '' : m));
        out.push({ what: taskText(request[3] ?? '', rest, d.text), who, due: d.date, dueText: d.text, lines: [line.line, answer.line] });
        continue;
      }
      if (habitual.test(sentence)) continue;
      for (const clause of clauses(sentence)) {
        const m = actionPattern.exec(clause);
        if (!m) continue;
        const [, subj = '', auxWord, verb = '', rest = ''] = m;
        if (/^[A-ZÆØÅ]/.test(subj) && (notSubjects.has(subj.split(' ')[0] ?? '') || !/^[A-ZÆØÅ]/.test(subj))) continue;
        const isInfinitive = !presentAlt.includes(verb);
        if (isInfinitive && !auxWord) continue;
        if (auxWord === 'kan' && !/\b(jeg|du)\b/i.test(subj)) continue;
        if (/^\s*ikke\b/i.test(rest) || /\bikke\s*$/.test(clause.slice(0, m.index + (m[0].indexOf(verb) ?? 0)))) continue;
        // A bare "tager" is a task only with an object that reads like one ("tager kontakt", "tager referat").
        if (verb === 'tager' && !/^\s*(?:kontakt|referat|fat|en snak|ansvaret|den|det|opgaven|mødet)\b/i.test(rest)) continue;
        const capitalName = /^[A-ZÆØÅ]/.test(subj) && !new RegExp(`^(?:jeg|du|I|${orgSubjects})$`, 'i').test(subj);
        if (capitalName && subj.split(/\s+og\s+/).some((n) => !ctx.people.resolve(n) && n.split(' ').length < 2)) continue;
        const who = whoOf(subj, line, sentence, ctx);
        const tail = `${rest} ${line.text.slice(line.text.indexOf(sentence) + sentence.length)}`;
        const d = due(rest, ctx).date ? due(rest, ctx) : due(tail, ctx);
        let what = taskText(verb, rest, d.text);
        if (contentStems(what).length === 0) continue;
        // "Jeg tager det med til driftsafdelingen" after a question: say what "det" is.
        const previous = lines[i - 1];
        if (/^\s*(?:det|den|dem)\b/i.test(rest) && previous && previous.speaker !== line.speaker && previous.text.trim().endsWith('?')) {
          const question = splitSentences(previous.text).at(-1)?.text ?? previous.text;
          what = `${what} (vedr. ${question.replace(/^(?:kan|kunne|må) (?:vi|jeg|I) (?:ikke )?(?:få\s+)?/i, '').replace(/\?$/, '')})`;
        }
        out.push({ what, who, due: d.date, dueText: d.text, lines: [line.line] });
      }
    }
    // "Det tager jeg" after "Der skal nogen …" without a question mark.
    if (i > 0 && /^(?:det|den)\s+(?:tager|klarer|gør)\s+jeg\b/i.test(line.text.trim())) {
      const prev = lines[i - 1];
      const req = prev ? requestPattern.exec(prev.text.replace(/\?$/, '')) : null;
      if (prev && req && !out.some((a) => a.lines.includes(line.line))) {
        const d = due(`${req[4] ?? ''} ${line.text}`, ctx);
        out.push({
          what: taskText(req[3] ?? '', req[4] ?? '', d.text),
          who: line.speaker ? (ctx.people.resolve(line.speaker) ?? line.speaker) : null,
          due: d.date,
          dueText: d.text,
          lines: [prev.line, line.line],
        });
      }
    }
  }
  // The same task said twice (proposed, then confirmed) is one action point.
  const kept: FoundAction[] = [];
  for (const a of out) {
    const stems = new Set(contentStems(a.what));
    const twin = kept.find((k) => k.who === a.who && overlap(stems, new Set(contentStems(k.what))) >= 0.6);
    if (twin) {
      twin.lines = [...new Set([...twin.lines, ...a.lines])];
      if (!twin.due && a.due) {
        twin.due = a.due;
        twin.dueText = a.dueText;
      }
    } else kept.push(a);
  }
  return kept;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / Math.min(a.size, b.size);
}
