import type { IsoDate } from '../../calendar';
import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { assertMinutesAccess, auditMeeting } from './access';
import type { MeetingRecord, MinutesDeps, MinutesFile } from './ports';

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * Registers a meeting from its agenda (DOCX, PDF, Markdown, text) and its transcript or notes
 * (text, WebVTT, SRT, DOCX). Both are stored as the text the engine reads, so the line numbers the
 * minutes cite stay those of the file; the minutes are drafted next.
 */
export async function createMeeting(
  input: { user: UserRecord; title?: string | null; date?: IsoDate | null; agenda: MinutesFile; transcript: MinutesFile },
  deps: Pick<MinutesDeps, 'minutes' | 'engine' | 'audit'>,
): Promise<MeetingRecord> {
  await assertMinutesAccess({ user: input.user, mode: 'write', action: 'meeting.create' }, deps.audit);
  if (input.date && !isIsoDate(input.date)) throw new AppError('VALIDATION_FAILED', { message: 'Mødedatoen skal være en dato som 2026-03-12' });
  const agenda = await deps.engine.readAgenda(input.agenda);
  if (!agenda) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Dagsordenen skal være DOCX, PDF, Markdown eller tekst' });
  if (agenda.items === 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Dagsordenen har ingen nummererede punkter (fx "1. Godkendelse af dagsorden")',
      details: { field: 'agenda' },
    });
  }
  const transcript = await deps.engine.readTranscript(input.transcript);
  if (!transcript) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Udskriften skal være tekst, WebVTT, SRT eller DOCX' });
  if (transcript.lines === 0) throw new AppError('VALIDATION_FAILED', { message: 'Udskriften er tom', details: { field: 'transcript' } });
  const title = (input.title ?? '').trim().replace(/\s+/g, ' ') || agenda.meeting;
  const created = await deps.minutes.createMeeting({
    title: title.slice(0, 300),
    // The engine takes the agenda's own date first; the given date is for agendas without one.
    meetingDate: agenda.date ?? input.date ?? null,
    agenda: agenda.text,
    transcript: transcript.text,
    unitId: input.user.unitId,
    createdBy: input.user.id,
  });
  await auditMeeting(deps.audit, input.user, 'meeting.create', created.id, {
    agendaFile: input.agenda.filename,
    transcriptFile: input.transcript.filename,
    items: agenda.items,
    lines: transcript.lines,
  });
  return created;
}
