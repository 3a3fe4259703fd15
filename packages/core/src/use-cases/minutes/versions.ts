import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import type { MinutesContent, MinutesDeps, MinutesOrigin, MinutesVersionRecord } from './ports';

/** Adds the version after `after`; a version written meanwhile by someone else is a CONFLICT, never overwritten. */
export async function addMinutesVersion(
  input: { meetingId: string; after: number; origin: MinutesOrigin; content: MinutesContent; user: UserRecord },
  deps: Pick<MinutesDeps, 'minutes' | 'clock'>,
): Promise<MinutesVersionRecord> {
  const added = await deps.minutes.addVersion({
    meetingId: input.meetingId,
    version: input.after + 1,
    origin: input.origin,
    content: input.content,
    createdBy: input.user.id,
    at: deps.clock.now(),
  });
  if (!added) throw new AppError('CONFLICT', { message: 'Referatet er ændret af en anden imens; indlæs siden igen' });
  return added;
}
