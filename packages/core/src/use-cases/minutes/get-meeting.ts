import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditMeeting, canWriteMeeting, getMeetingFor } from './access';
import type { MeetingRecord, MinutesDeps, MinutesVersionInfo, MinutesVersionRecord } from './ports';

/** A meeting with one version of its minutes (the newest unless asked) and the list of all versions. */
export interface MeetingView {
  meeting: Omit<MeetingRecord, 'agenda' | 'transcript'>;
  /** The version shown; null before the first draft. */
  version: MinutesVersionRecord | null;
  versions: MinutesVersionInfo[];
  /** The newest version's number; edits are made on it. */
  latestVersion: number | null;
  canEdit: boolean;
}

/** Builds the view of a meeting the caller has already loaded and checked. */
export async function loadMeetingView(
  meeting: MeetingRecord,
  user: UserRecord,
  version: number | 'latest',
  deps: Pick<MinutesDeps, 'minutes'>,
): Promise<MeetingView> {
  const [shown, versions] = await Promise.all([deps.minutes.findVersion(meeting.id, version), deps.minutes.listVersions(meeting.id)]);
  if (!shown && version !== 'latest') throw new AppError('NOT_FOUND', { message: `Referatet har ingen version ${version}` });
  const { agenda: _agenda, transcript: _transcript, ...rest } = meeting;
  return { meeting: rest, version: shown, versions, latestVersion: versions.at(-1)?.version ?? null, canEdit: canWriteMeeting(user, meeting) };
}

/** A meeting and its minutes (the newest version, or the one asked for) with the version history; the read is audited. */
export async function getMeeting(
  input: { meetingId: string; user: UserRecord; version?: number | null },
  deps: Pick<MinutesDeps, 'minutes' | 'audit'>,
): Promise<MeetingView> {
  const meeting = await getMeetingFor({ ...input, mode: 'read', action: 'meeting.read' }, deps);
  const view = await loadMeetingView(meeting, input.user, input.version ?? 'latest', deps);
  await auditMeeting(deps.audit, input.user, 'meeting.read', meeting.id, { version: view.version?.version ?? null });
  return view;
}
