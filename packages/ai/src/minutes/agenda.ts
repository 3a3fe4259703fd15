import { months } from '../grounding';
import { findDanishDate } from './dates';
import type { Agenda, AgendaItem } from './types';

const monthWords = new Set(Object.keys(months));
const itemLine = /^(?:(?:punkt|pkt\.?|ad)\s*)?(\d{1,2})\s*[.):]\s*(?:[-–]\s*)?(\S.*)$|^(?:punkt|pkt\.?)\s*(\d{1,2})\s*[-–]\s*(\S.*)$/i;
const listLabel = /^(deltagere|medlemmer|til stede|inviterede|mødedeltagere|deltagende|afbud|fraværende|forfald)\s*(?:fra)?\s*:\s*(.*)$/i;

/** Markdown and list decoration off a line: "## **3. Budget**" → "3. Budget". */
function plainLine(raw: string): string {
  return raw
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/^\s*[-*•]\s+/, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])/g, '$1')
    .trim();
}

/** "Lise Berg (formand), Jens Holm og Ali Hassan" → ["Lise Berg", "Jens Holm", "Ali Hassan"]. */
export function splitNames(list: string): string[] {
  return (
    list
      .replace(/\([^)]*\)/g, '')
      .split(/\s*(?:,|;|\bog\b|&|\n)\s*/)
      // Only the name itself: "Sofie Lund kommer senere" is Sofie Lund.
      .map((n) => /^\p{Lu}[\p{L}'-]*(?:\s+(?:\p{Lu}[\p{L}'-]*|af|de|van|von)){0,3}/u.exec(n.trim())?.[0] ?? '')
      .filter((n) => n.length > 1 && !/^ingen$/i.test(n))
  );
}

/** The meeting's name from the agenda's first line: "Dagsorden for Teknik- og Miljøudvalget" → "Teknik- og Miljøudvalget". */
function meetingName(line: string): string {
  const name = line
    .replace(/^(?:dagsorden|indkaldelse|mødeindkaldelse)\s*(?:til|for|:|[-–])?\s*(?:møde\s+i\s+)?/i, '')
    .replace(/^møde\s+i\s+/i, '')
    .replace(/\s*[–-]\s*(?:dagsorden|mødeindkaldelse)$/i, '')
    .replace(/\s*(?:[,–-]\s*)?(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+)?(?:den\s+)?\d{1,2}\.\s*\p{L}+\s+\d{4}.*$/iu, '')
    .trim();
  return name.charAt(0).toLocaleUpperCase('da') + name.slice(1);
}

/**
 * Reads an agenda from its text (any format reduced to lines): the meeting's name from the first
 * line, the date from the header (or anywhere), members and apologies from "Deltagere:" and
 * "Afbud:" lines, and the numbered points with the text under each. Numbers that restart (Word
 * lists read as separate lists) are renumbered in order.
 */
export function parseAgenda(text: string): Agenda {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(plainLine);
  const items: (AgendaItem & { descriptionLines: string[] })[] = [];
  const invited: string[] = [];
  const absent: string[] = [];
  const header: string[] = [];
  let meeting = '';
  for (const line of lines) {
    if (!line) continue;
    const label = listLabel.exec(line);
    if (label) {
      const names = splitNames(label[2] ?? '');
      if (/afbud|fraværende|forfald/i.test(label[1] ?? '')) absent.push(...names);
      else invited.push(...names);
      continue;
    }
    const m = itemLine.exec(line);
    const number = Number(m?.[1] ?? m?.[3]);
    const title = (m?.[2] ?? m?.[4] ?? '').trim();
    const firstWord = title.split(/\s+/)[0]?.toLowerCase().replace(/\.$/, '') ?? '';
    const previous = items.at(-1);
    // Numbered lines inside a point's text ("1) Forvaltningen indstiller …") are not new points;
    // a list where every point reads "1." is (Word lists, each point its own list).
    const isNext = !previous || number === previous.number + 1 || (number === 1 && items.every((it) => it.number === 1) && title.split(/\s+/).length <= 12);
    if (m && number > 0 && isNext && !monthWords.has(firstWord) && !/^\d/.test(title) && /\p{L}/u.test(title)) {
      items.push({ number, title: title.replace(/[.:]$/, ''), description: '', descriptionLines: [] });
      continue;
    }
    const last = items.at(-1);
    if (last) last.descriptionLines.push(line);
    else {
      if (!meeting && !/^dagsorden$/i.test(line)) meeting = meetingName(line);
      header.push(line);
    }
  }
  const increasing = items.every((it, i) => i === 0 || it.number > (items[i - 1]?.number ?? 0));
  const date = findDanishDate(header.join('\n'))?.date ?? findDanishDate(lines.join('\n'))?.date ?? null;
  return {
    meeting: meeting || 'Møde',
    date,
    items: items.map((it, i) => ({ number: increasing ? it.number : i + 1, title: it.title, description: it.descriptionLines.join('\n') })),
    invited: [...new Set(invited)],
    absent: [...new Set(absent)],
  };
}
