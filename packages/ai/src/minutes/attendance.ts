import { splitNames } from './agenda';
import { cleanName, type MeetingPeople } from './people';
import type { Agenda, TranscriptLine } from './types';

const presentLabel = /^(?:til stede|deltagere|fremmødte|mødt|tilstede)\s*:\s*(.+)$/i;
const absentLabel = /^(?:afbud|fraværende|forfald|ikke til stede)\s*(?:fra)?\s*:?\s*(.+)$/i;
const absentPhrase =
  /\b(har meldt afbud|melder afbud|har sendt afbud|er syg|er sygemeldt|kan ikke (?:deltage|komme|være med|nå det)|deltager ikke|er forhindret|er fraværende|er på ferie|er på kursus|er på barsel|er på orlov|er til lægen|er hos lægen|har fri|holder fri|er ikke med i dag|mangler i dag|har forfald)\b/i;
// A comma before "og", "men" or "så" starts a new clause: "afbud fra Peter, og Sofie kommer senere".
const afbudFra = /\bafbud fra\s+(.+?)(?:[.!]|,\s*(?:og|men|så|mens)\b|$)/i;
// Speaker labels that are roles or placeholders, not people.
const notAPerson = /^(?:ordstyrer|mødeleder|referent|sekretær|deltager|speaker|taler|ukendt|unknown|formand|næstformand|gæst|alle|flere)\b/i;

/** Whether a speaker label names a person ("Lise Berg") rather than a role ("Referent", "Speaker 2"). */
export function isPersonLabel(label: string): boolean {
  return !notAPerson.test(label.trim()) && /^\p{Lu}\p{Ll}/u.test(label.trim()) && !/\d/.test(label);
}

/**
 * Who attended and who sent apologies: the agenda's lists, "Til stede:"/"Afbud:" lines, phrases
 * such as "Ali har meldt afbud" or "Mette er syg", and everyone who spoke. Apologies win over the
 * list of members; a speaker is always present.
 */
export function findAttendance(
  agenda: Agenda,
  lines: readonly TranscriptLine[],
  people: MeetingPeople,
): { attendees: string[]; absent: string[]; lines: number[] } {
  const present = new Set<string>();
  const absent = new Set<string>();
  const used: number[] = [];
  const speakers = new Set<string>();
  for (const l of lines) if (l.speaker && isPersonLabel(l.speaker)) speakers.add(people.resolve(l.speaker) ?? cleanName(l.speaker));
  const resolveAll = (names: string[]) =>
    names.map((n) => {
      const resolved = people.resolve(n);
      if (!resolved) people.add(n);
      return resolved ?? cleanName(n);
    });
  for (const n of resolveAll(agenda.absent)) absent.add(n);
  for (const l of lines) {
    const text = l.text.trim();
    const p = presentLabel.exec(text);
    if (p) {
      for (const n of resolveAll(splitNames(p[1] ?? ''))) present.add(n);
      used.push(l.line);
      continue;
    }
    const a = absentLabel.exec(text);
    if (a && /^(?:afbud|fraværende|forfald|ikke til stede)\s*(?:fra)?\s*:/i.test(text)) {
      for (const n of resolveAll(splitNames(a[1] ?? ''))) absent.add(n);
      used.push(l.line);
      continue;
    }
    const fra = afbudFra.exec(text);
    if (fra) {
      const names = resolveAll(splitNames(fra[1] ?? '').filter((n) => people.resolve(n) || n.includes(' ')));
      if (names.length) {
        for (const n of names) absent.add(n);
        used.push(l.line);
        continue;
      }
    }
    // "Vi mangler Ole, han er til lægen": the person named after "vi mangler".
    const missing = /\b[Vv]i mangler\s+((?:[\p{Lu}][\p{Ll}-]+)(?:\s+[\p{Lu}][\p{Ll}-]+)?(?:\s+og\s+[\p{Lu}][\p{Ll}-]+(?:\s+[\p{Lu}][\p{Ll}-]+)?)?)/u.exec(text);
    if (missing) {
      for (const n of resolveAll(splitNames(missing[1] ?? ''))) absent.add(n);
      used.push(l.line);
    }
    // Each phrase names the people just before it: "Mette og Ali har meldt afbud", "…, og Trine er på kursus".
    let from = 0;
    for (const phrase of text.matchAll(new RegExp(absentPhrase.source, 'gi'))) {
      const before = text.slice(from, phrase.index);
      from = phrase.index + phrase[0].length;
      const named = people.mentionedIn(before);
      const last = /((?:[\p{Lu}][\p{Ll}-]+)(?:\s+[\p{Lu}][\p{Ll}-]+)?)\s*$/u.exec(before.replace(/\s+(?:og|samt)\s*$/, ''))?.[1];
      const names = named.length ? named : last && !/^(Han|Hun|De|Vi|Jeg|Det|Der|Den)$/.test(last) ? resolveAll([last]) : [];
      if (names.length) {
        for (const n of names) absent.add(n);
        used.push(l.line);
      }
    }
  }
  for (const s of speakers) absent.delete(s);
  const attendees = [...agenda.invited.map((n) => people.resolve(n) ?? cleanName(n)), ...present, ...speakers].filter((n) => !absent.has(n));
  return { attendees: [...new Set(attendees)], absent: [...absent], lines: [...new Set(used)] };
}
