import type { UserRecord } from '../../types';
import { assertMinutesAccess, meetingUnitScope } from './access';
import type { MeetingSummary, MinutesDeps } from './ports';

/** The meetings the user may see, newest first, each with its newest version of minutes. */
export async function listMeetings(input: { user: UserRecord }, deps: Pick<MinutesDeps, 'minutes' | 'audit'>): Promise<MeetingSummary[]> {
  await assertMinutesAccess({ user: input.user, mode: 'read', action: 'meeting.list' }, deps.audit);
  return deps.minutes.listMeetings({ unitIds: meetingUnitScope(input.user), createdBy: input.user.id });
}
