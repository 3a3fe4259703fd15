import { AppError } from '../../errors';
import type { AuditLog } from '../../ports';
import type { Role } from '../../roles';
import type { UserRecord } from '../../types';
import type { ConsultationRecord, ConsultationRepository } from './ports';

const readers: readonly Role[] = ['caseworker', 'team_lead', 'secretariat', 'admin', 'analyst'];
const actors: readonly Role[] = ['caseworker', 'team_lead', 'secretariat', 'admin'];

/** May the user see consultations? Analysts read; they do not change themes or assignments. */
export function canReadConsultations(user: UserRecord): boolean {
  return user.roles.some((r) => readers.includes(r));
}

/** May the user import, review and correct consultations? */
export function canActOnConsultations(user: UserRecord): boolean {
  return user.roles.some((r) => actors.includes(r));
}

/** Throws FORBIDDEN, with the refusal in the audit log, unless the user may read (or act). */
export async function assertConsultationAccess(
  input: { user: UserRecord; mode: 'read' | 'act'; action: string; consultationId: string | null },
  audit: AuditLog,
): Promise<void> {
  const isAllowed = input.mode === 'read' ? canReadConsultations(input.user) : canActOnConsultations(input.user);
  if (isAllowed) return;
  await audit.record({
    actorKind: 'person',
    actorId: input.user.id,
    action: input.action,
    outcome: 'denied',
    targetType: 'consultation',
    targetId: input.consultationId,
    data: { reason: 'role', roles: input.user.roles },
  });
  throw new AppError('FORBIDDEN', { message: input.mode === 'read' ? 'Din rolle kan ikke se høringer' : 'Din rolle kan ikke ændre høringer' });
}

/** Loads a consultation the user may read (or act on), or throws NOT_FOUND / FORBIDDEN. */
export async function getConsultationFor(
  input: { consultationId: string; user: UserRecord; mode: 'read' | 'act'; action: string },
  deps: { consultations: ConsultationRepository; audit: AuditLog },
): Promise<ConsultationRecord> {
  await assertConsultationAccess(input, deps.audit);
  const found = /^[0-9a-f-]{36}$/i.test(input.consultationId) ? await deps.consultations.find(input.consultationId) : null;
  if (!found) throw new AppError('NOT_FOUND', { message: 'Høringen findes ikke' });
  return found;
}

/** Records an allowed act on a consultation in the audit log. */
export function auditConsultation(
  audit: AuditLog,
  user: UserRecord,
  action: string,
  consultationId: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  return audit.record({ actorKind: 'person', actorId: user.id, action, outcome: 'allowed', targetType: 'consultation', targetId: consultationId, data });
}
