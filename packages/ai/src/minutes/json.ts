import type { Minutes } from './types';
import { lineRanges } from './words';

/** The minutes as the CLI and API print them: citations as line numbers and ranges ("12", "14-16"). */
export function minutesToJson(minutes: Minutes) {
  return {
    meeting: minutes.meeting,
    date: minutes.date,
    attendees: minutes.attendees,
    absent: minutes.absent,
    attendanceCitations: lineRanges(minutes.attendanceLines),
    items: minutes.items.map((item) => ({
      number: item.number,
      title: item.title,
      summary: item.summary,
      decision: item.decision,
      decided: item.decided,
      postponed: item.postponed,
      votes: item.votes,
      actions: item.actions.map((a) => ({ what: a.what, who: a.who, due: a.due })),
      citations: lineRanges(item.statements.filter((s) => s.supported).flatMap((s) => s.lines)),
      statements: item.statements.map((s) => ({ kind: s.kind, text: s.text, citations: lineRanges(s.lines), supported: s.supported })),
    })),
    engine: minutes.engine,
    fallbackReason: minutes.fallbackReason,
  };
}

export type MinutesJson = ReturnType<typeof minutesToJson>;
