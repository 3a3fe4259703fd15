import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditMeeting, getMeetingFor } from './access';
import type { MinutesDeps } from './ports';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** The minutes (newest version, or the one asked for) as DOCX in the municipal format; the download is audited. */
export async function exportMinutesDocx(
  input: { meetingId: string; user: UserRecord; version?: number | null },
  deps: Pick<MinutesDeps, 'minutes' | 'engine' | 'audit'>,
): Promise<{ filename: string; content: Uint8Array; version: number }> {
  const meeting = await getMeetingFor({ ...input, mode: 'read', action: 'minutes.docx' }, deps);
  const version = await deps.minutes.findVersion(meeting.id, input.version ?? 'latest');
  if (!version) throw new AppError('NOT_FOUND', { message: input.version ? `Referatet har ingen version ${input.version}` : 'Mødet har endnu intet referat' });
  const content = await deps.engine.docx(version.content);
  await auditMeeting(deps.audit, input.user, 'minutes.docx', meeting.id, { version: version.version, origin: version.origin });
  const name = [slug(meeting.title) || 'moede', meeting.meetingDate].filter(Boolean).join('-');
  return { filename: `referat-${name}.docx`, content, version: version.version };
}
