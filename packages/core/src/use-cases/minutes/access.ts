import { AppError } from '../../errors';
import type { AuditLog } from '../../ports';
import type { Role } from '../../roles';
import type { UserRecord } from '../../types';
import type { MeetingRecord, MinutesRepository } from './ports';

const readers: readonly Role[] = ['caseworker', 'team_lead', 'secretariat', 'admin', 'director', 'analyst'];
const writers: readonly Role[] = ['caseworker', 'team_lead', 'secretariat', 'admin'];
// The secretariat, directors and analysts work across units; caseworkers and team leads see their own unit's meetings.
const wideReaders: readonly Role[] = ['secretariat', 'admin', 'director', 'analyst'];
const wideWriters: readonly Role[] = ['secretariat', 'admin'];

const has = (user: UserRecord, roles: readonly Role[]) => user.roles.some((r) => roles.includes(r));
const isOwn = (user: UserRecord, meeting: Pick<MeetingRecord, 'unitId' | 'createdBy'>) =>
  meeting.createdBy === user.id || (meeting.unitId !== null && meeting.unitId === user.unitId);

/** May the user see minutes at all? */
export function canReadMinutes(user: UserRecord): boolean {
  return has(user, readers);
}

/** May the user create meetings and draft or correct minutes? Directors and analysts only read. */
export function canWriteMinutes(user: UserRecord): boolean {
  return has(user, writers);
}

/** May the user see this meeting? */
export function canReadMeeting(user: UserRecord, meeting: Pick<MeetingRecord, 'unitId' | 'createdBy'>): boolean {
  return canReadMinutes(user) && (has(user, wideReaders) || isOwn(user, meeting));
}

/** May the user draft or correct this meeting's minutes? */
export function canWriteMeeting(user: UserRecord, meeting: Pick<MeetingRecord, 'unitId' | 'createdBy'>): boolean {
  return canWriteMinutes(user) && (has(user, wideWriters) || isOwn(user, meeting));
}

/** The units whose meetings the user's list shows; null: every unit. */
export function meetingUnitScope(user: UserRecord): string[] | null {
  if (has(user, wideReaders)) return null;
  return user.unitId ? [user.unitId] : [];
}

/** Audits a refusal and throws FORBIDDEN. */
async function refuse(audit: AuditLog, user: UserRecord, action: string, meetingId: string | null, reason: string): Promise<never> {
  await audit.record({
    actorKind: 'person',
    actorId: user.id,
    action,
    outcome: 'denied',
    targetType: 'meeting',
    targetId: meetingId,
    data: { reason, roles: user.roles },
  });
  throw new AppError('FORBIDDEN', { message: reason === 'role' ? 'Din rolle giver ikke adgang til referater' : 'Du har ikke adgang til dette møde' });
}

/** Throws FORBIDDEN, with the refusal in the audit log, unless the user's role may read (or write) minutes. */
export async function assertMinutesAccess(input: { user: UserRecord; mode: 'read' | 'write'; action: string }, audit: AuditLog): Promise<void> {
  const isAllowed = input.mode === 'read' ? canReadMinutes(input.user) : canWriteMinutes(input.user);
  if (!isAllowed) await refuse(audit, input.user, input.action, null, 'role');
}

/** Loads a meeting the user may read (or write), or throws NOT_FOUND / FORBIDDEN (audited). */
export async function getMeetingFor(
  input: { meetingId: string; user: UserRecord; mode: 'read' | 'write'; action: string },
  deps: { minutes: MinutesRepository; audit: AuditLog },
): Promise<MeetingRecord> {
  await assertMinutesAccess(input, deps.audit);
  const found = /^[0-9a-f-]{36}$/i.test(input.meetingId) ? await deps.minutes.findMeeting(input.meetingId) : null;
  if (!found) throw new AppError('NOT_FOUND', { message: 'Mødet findes ikke' });
  const isAllowed = input.mode === 'read' ? canReadMeeting(input.user, found) : canWriteMeeting(input.user, found);
  if (!isAllowed) await refuse(deps.audit, input.user, input.action, found.id, 'other_unit');
  return found;
}

/** Records an allowed act on a meeting in the audit log. */
export function auditMeeting(audit: AuditLog, user: UserRecord, action: string, meetingId: string, data: Record<string, unknown> = {}): Promise<void> {
  return audit.record({ actorKind: 'person', actorId: user.id, action, outcome: 'allowed', targetType: 'meeting', targetId: meetingId, data });
}
