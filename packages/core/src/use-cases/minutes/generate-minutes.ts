import type { UserRecord } from '../../types';
import { auditMeeting, getMeetingFor } from './access';
import { loadMeetingView, type MeetingView } from './get-meeting';
import type { MinutesDeps } from './ports';
import { addMinutesVersion } from './versions';

/**
 * Drafts the minutes of a meeting from its agenda and transcript and stores them as a new version:
 * the first draft is `ai_initial`, a later one `ai_edit` (earlier versions, people's corrections
 * too, are kept). Every engine run is written to the AI usage log.
 */
export async function generateMinutes(input: { meetingId: string; user: UserRecord }, deps: MinutesDeps): Promise<MeetingView> {
  const meeting = await getMeetingFor({ ...input, mode: 'write', action: 'minutes.generate' }, deps);
  const latest = await deps.minutes.findVersion(meeting.id, 'latest');
  const { content, usage } = await deps.engine.draft({ agenda: meeting.agenda, transcript: meeting.transcript, date: meeting.meetingDate });
  for (const entry of usage) await deps.usage.record({ ...entry, startedBy: input.user.id, params: { ...entry.params, meetingId: meeting.id } });
  const version = await addMinutesVersion(
    { meetingId: meeting.id, after: latest?.version ?? 0, origin: latest ? 'ai_edit' : 'ai_initial', content, user: input.user },
    deps,
  );
  await auditMeeting(deps.audit, input.user, 'minutes.generate', meeting.id, {
    version: version.version,
    origin: version.origin,
    engine: content.engine,
    fallbackReason: content.fallbackReason,
    items: content.items.length,
  });
  return loadMeetingView(meeting, input.user, 'latest', deps);
}
