import type { TranscriptLine } from './types';

export type TranscriptFormat = 'vtt' | 'srt' | 'text';

/** Guesses the format of a transcript from its file name and first lines. */
export function detectTranscriptFormat(text: string, filename = ''): TranscriptFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.vtt')) return 'vtt';
  if (lower.endsWith('.srt')) return 'srt';
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (head.startsWith('WEBVTT')) return 'vtt';
  if (/^\d+\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->/.test(head)) return 'srt';
  return 'text';
}

const cueTiming = /^(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}/;

// "Lise Berg:", "Lise Berg (formand):", "[00:01:12] Lise Berg:", "LISE:" — a short name before a colon.
const speakerPrefix =
  /^(?:\[?\(?(\d{1,2}:\d{2}(?::\d{2})?)\)?\]?\s*[-–]?\s*)?((?:[\p{Lu}][\p{L}'.-]*|af|de|van|von)(?:\s+(?:[\p{Lu}][\p{L}'.-]*|af|de|van|von)){0,3})(?:\s*\(([^)]{1,40})\))?\s*:\s+(.*)$/u;
const notSpeakers = new Set([
  'Beslutning',
  'Handling',
  'Opfølgning',
  'Aftale',
  'Note',
  'Bemærk',
  'Punkt',
  'Pkt',
  'Ad',
  'Referat',
  'Dagsorden',
  'Til stede',
  'Deltagere',
  'Afbud',
  'Fraværende',
  'Indstilling',
  'Forslag',
  'Husk',
  'Tid',
  'Sted',
  'Dato',
  'Emne',
  'Resultat',
  'Konklusion',
]);

/** Splits "Lise Berg: Velkommen" into speaker and text; leaves other lines whole. */
export function splitSpeaker(raw: string): { speaker: string | null; text: string; time: string | null } {
  const m = speakerPrefix.exec(raw.trim());
  if (!m) {
    const timed = /^\[?(\d{1,2}:\d{2}(?::\d{2})?)\]?\s+(.*)$/.exec(raw.trim());
    return timed ? { speaker: null, text: timed[2] ?? '', time: timed[1] ?? null } : { speaker: null, text: raw.trim(), time: null };
  }
  const name = (m[2] ?? '').trim();
  const firstWord = name.split(/\s+/)[0] ?? '';
  if (notSpeakers.has(name) || notSpeakers.has(firstWord) || /^\d/.test(name)) return { speaker: null, text: raw.trim(), time: m[1] ?? null };
  return { speaker: name, text: (m[4] ?? '').trim(), time: m[1] ?? null };
}

/** Strips WebVTT inline tags (<i>, <c.x>, timestamps) but keeps the voice tag's name. */
function vttText(raw: string): { speaker: string | null; text: string } {
  const voice = /<v(?:\.[^\s>]+)?\s+([^>]+)>/.exec(raw);
  const text = raw
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .trim();
  return { speaker: voice?.[1]?.trim() ?? null, text };
}

/**
 * Parses a WebVTT file: each text line of a cue becomes one transcript line numbered as in the
 * file; the voice tag (`<v Lise Berg>`) or a "Name:" prefix gives the speaker, and the lines of
 * a cue without either keep the speaker of the cue's first line.
 */
export function parseWebVtt(source: string): TranscriptLine[] {
  const lines = source.replace(/^\ufeff/, '').split(/\r?\n/);
  const out: TranscriptLine[] = [];
  let inCue = false;
  let skipBlock = false;
  let cueSpeaker: string | null = null;
  let cueTime: string | null = null;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (i === 0 && line.startsWith('WEBVTT')) {
      skipBlock = true;
      continue;
    }
    if (!line) {
      inCue = false;
      skipBlock = false;
      continue;
    }
    if (skipBlock) continue;
    if (!inCue) {
      if (/^(NOTE|STYLE|REGION)\b/.test(line)) {
        skipBlock = true;
        continue;
      }
      if (cueTiming.test(line)) {
        inCue = true;
        cueSpeaker = null;
        cueTime = line.split(/\s*-->/)[0] ?? null;
      }
      // Anything else before the timing line is a cue identifier.
      continue;
    }
    const { speaker: voice, text } = vttText(line);
    const split = voice ? { speaker: voice, text } : splitSpeaker(text);
    const speaker: string | null = split.speaker ?? cueSpeaker;
    cueSpeaker = speaker;
    const body = split.text.replace(/^[-–]\s+/, '');
    if (body) out.push({ line: i + 1, speaker, text: body, time: cueTime });
  }
  return out;
}

/**
 * Parses SubRip (SRT): a counter, a timing line, then text lines until a blank line. Speakers come
 * from a "Name:" prefix or "[Name]"; a cue's later lines keep its speaker.
 */
export function parseSrt(source: string): TranscriptLine[] {
  const lines = source.replace(/^\ufeff/, '').split(/\r?\n/);
  const out: TranscriptLine[] = [];
  let state: 'between' | 'counter' | 'text' = 'between';
  let cueSpeaker: string | null = null;
  let cueTime: string | null = null;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) {
      state = 'between';
      continue;
    }
    if (state === 'between' && /^\d+$/.test(line)) {
      state = 'counter';
      continue;
    }
    if ((state === 'between' || state === 'counter') && cueTiming.test(line)) {
      state = 'text';
      cueSpeaker = null;
      cueTime = line.split(/\s*-->/)[0]?.replace(',', '.') ?? null;
      continue;
    }
    if (state !== 'text') continue;
    const clean = line.replace(/<\/?[a-z][^>]*>/gi, '').replace(/\{\\[^}]*\}/g, '');
    const bracket = /^\[([^\]]{2,40})\]\s*(.*)$/.exec(clean);
    const split = bracket && !/^\d/.test(bracket[1] ?? '') ? { speaker: bracket[1]?.trim() ?? null, text: bracket[2] ?? '' } : splitSpeaker(clean);
    const speaker: string | null = split.speaker ?? cueSpeaker;
    cueSpeaker = speaker;
    const body = split.text.replace(/^[-–]\s+/, '').trim();
    if (body) out.push({ line: i + 1, speaker, text: body, time: cueTime });
  }
  return out;
}

// "Lise Berg   0:03" or "Lise Berg 00:01:12" alone on a line: a Teams-style speaker line.
const speakerHeader = /^([\p{Lu}][\p{L}'-]+(?:\s+(?:[\p{Lu}][\p{L}'-]+|af|de|van|von)){0,3})\s+(?:\d{1,2}:)?\d{1,2}:\d{2}$/u;

/**
 * Parses a plain-text transcript or meeting notes: one line per statement, "Name: text" gives the
 * speaker; a line without a prefix directly under a speaker's line continues that speaker, while
 * a blank line ends the turn. Bullets are dropped.
 */
export function parsePlainTranscript(source: string): TranscriptLine[] {
  const lines = source.replace(/^\ufeff/, '').split(/\r?\n/);
  const out: TranscriptLine[] = [];
  let current: string | null = null;
  let heldHeader = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) {
      // Teams-style exports put a blank line between the speaker line and the speech.
      if (!heldHeader) current = null;
      continue;
    }
    const header = speakerHeader.exec(line);
    if (header) {
      current = header[1] ?? null;
      heldHeader = true;
      continue;
    }
    heldHeader = false;
    const split = splitSpeaker(line.replace(/^[-*•]\s+/, ''));
    if (split.speaker) current = split.speaker;
    const text = split.text.replace(/^[-*•]\s+/, '').trim();
    if (text) out.push({ line: i + 1, speaker: split.speaker ?? current, text, time: split.time });
  }
  return out;
}

/** Parses a transcript in any of the supported text formats. */
export function parseTranscript(source: string, format: TranscriptFormat = detectTranscriptFormat(source)): TranscriptLine[] {
  if (format === 'vtt') return parseWebVtt(source);
  if (format === 'srt') return parseSrt(source);
  return parsePlainTranscript(source);
}
