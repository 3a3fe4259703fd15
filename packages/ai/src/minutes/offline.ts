import { type IsoDate, WorkingCalendar } from '@ekspedit/core';
import { findActions } from './actions';
import { findAttendance, isPersonLabel } from './attendance';
import { findDanishDate } from './dates';
import { findOutcome, findVotes } from './outcome';
import { MeetingPeople } from './people';
import { segmentTranscript } from './segment';
import { lineIdf, summariseOffline } from './summary';
import type { Agenda, Minutes, MinutesItem, MinutesStatement, TranscriptLine } from './types';

export const OFFLINE_MINUTES_VERSION = 'minutes-offline@2026-05-01.1';

export interface MinutesInput {
  agenda: Agenda;
  transcript: readonly TranscriptLine[];
  /** The meeting date when the agenda does not give one. */
  date?: IsoDate | null;
  /** The municipality's working-day calendar (closed days) for deadlines. */
  calendar?: WorkingCalendar;
}

/** The date of the next meeting when the transcript names it ("næste møde er den 14. april"). */
function findNextMeeting(lines: readonly TranscriptLine[], date: IsoDate | null): IsoDate | null {
  for (const l of lines) {
    const m = /\b(?:næste (?:udvalgs|team|personale)?møde|vi ses (?:igen|næste gang)|næste gang vi mødes)\b(.*)$/i.exec(l.text);
    if (!m) continue;
    const d = findDanishDate(m[1] ?? '', date);
    if (d && (!date || d.date > date)) return d.date;
  }
  return null;
}

/** Who chairs: the speaker who moves the meeting from point to point (or, failing that, speaks most). */
function findChair(lines: readonly TranscriptLine[], boundaryLines: ReadonlySet<number>): string | null {
  const count = (filter: (l: TranscriptLine) => boolean) => {
    const n = new Map<string, number>();
    for (const l of lines) if (l.speaker && filter(l)) n.set(l.speaker, (n.get(l.speaker) ?? 0) + 1);
    return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  };
  return count((l) => boundaryLines.has(l.line)) ?? count(() => true);
}

const fmtVotes = (v: { for: number; against: number; abstained: number }) => `For: ${v.for}, imod: ${v.against}, undlod: ${v.abstained}.`;

/**
 * Draft minutes without a model: attendance, the transcript cut into agenda points (in any order),
 * and per point an extractive account, the decision or postponement, votes and action points with
 * deadlines resolved on the Danish calendar — every statement citing its transcript lines.
 */
export function composeOfflineMinutes(input: MinutesInput): Minutes {
  const { agenda, transcript } = input;
  const date = agenda.date ?? input.date ?? null;
  const calendar = input.calendar ?? new WorkingCalendar();
  const people = new MeetingPeople([...agenda.invited, ...agenda.absent]);
  for (const l of transcript) if (l.speaker && isPersonLabel(l.speaker)) people.add(l.speaker);
  const attendance = findAttendance(agenda, transcript, people);
  const nextMeeting = findNextMeeting(transcript, date);
  const segmentation = segmentTranscript(agenda.items, transcript);
  const idf = lineIdf(transcript);
  const chair = findChair(transcript, new Set(segmentation.boundaries.map((b) => b.line)));

  const items: MinutesItem[] = agenda.items.map((item) => {
    const lines = segmentation.byItem.get(item.number) ?? [];
    const votes = findVotes(lines);
    const outcome = findOutcome(lines, votes?.votes ?? null, { chair });
    const actions = findActions(lines, { people, meetingDate: date, nextMeeting, calendar });
    const statements: MinutesStatement[] = [];
    if (outcome.text)
      statements.push({ kind: 'decision', text: outcome.text, lines: outcome.lines.length ? outcome.lines : (votes?.lines ?? []), supported: true });
    if (votes) statements.push({ kind: 'votes', text: fmtVotes(votes.votes), lines: votes.lines, supported: true });
    for (const a of actions)
      statements.push({ kind: 'action', text: `${a.who ? `${a.who}: ` : ''}${a.what}${a.due ? ` (frist ${a.due})` : ''}.`, lines: a.lines, supported: true });
    const exclude = new Set(statements.flatMap((s) => s.lines));
    const summary = summariseOffline(item, lines, exclude, idf);
    return {
      number: item.number,
      title: item.title,
      summary: summary.map((s) => s.text).join(' '),
      decision: outcome.text,
      decided: outcome.kind === 'decided' || outcome.kind === 'rejected' || outcome.kind === 'noted',
      postponed: outcome.kind === 'postponed',
      votes: votes?.votes ?? null,
      actions: actions.map(({ what, who, due, dueText }) => ({ what, who, due, dueText })),
      statements: [...summary, ...statements],
      discussed: lines.map((l) => l.line),
    };
  });
  return {
    meeting: agenda.meeting,
    date,
    attendees: attendance.attendees,
    absent: attendance.absent,
    attendanceLines: attendance.lines,
    items,
    engine: 'offline',
    fallbackReason: null,
  };
}
