import type { UserRecord } from '../../types';
import { auditMeeting, getMeetingFor } from './access';
import type { MinutesDeps, MinutesTranscriptLine } from './ports';

/** The numbered transcript lines of a meeting, which the statements of its minutes cite; the read is audited. */
export async function getMeetingTranscript(
  input: { meetingId: string; user: UserRecord },
  deps: Pick<MinutesDeps, 'minutes' | 'engine' | 'audit'>,
): Promise<MinutesTranscriptLine[]> {
  const meeting = await getMeetingFor({ ...input, mode: 'read', action: 'meeting.transcript' }, deps);
  const lines = deps.engine.transcriptLines(meeting.transcript);
  await auditMeeting(deps.audit, input.user, 'meeting.transcript', meeting.id, { lines: lines.length });
  return lines;
}
