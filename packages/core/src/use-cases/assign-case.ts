import { AppError } from '../errors';
import type { AuditLog, CaseRepository, Clock, DirectoryRepository } from '../ports';
import type { CaseRecord, UserRecord } from '../types';
import { assertCanAct } from './transition-case';

/** Assigns a case to a person in its unit (or clears the assignment with null). */
export async function assignCase(
  input: { caseId: string; assigneeId: string | null; user: UserRecord },
  deps: { cases: CaseRepository; directory: DirectoryRepository; audit: AuditLog; clock: Clock },
): Promise<CaseRecord> {
  const c = await deps.cases.findCaseById(input.caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
  await assertCanAct(c, input.user, deps.audit, 'case.assign');
  if (input.assigneeId) {
    const assignee = await deps.directory.findUser(input.assigneeId);
    if (!assignee) throw new AppError('USER_NOT_FOUND', { message: 'Medarbejderen findes ikke' });
    if (assignee.unitId !== c.unitId) throw new AppError('VALIDATION_FAILED', { message: 'Medarbejderen hører ikke til sagens enhed' });
  }
  const updated = await deps.cases.updateCase(c.id, c.state, { assigneeId: input.assigneeId }, [
    {
      activity: 'case.assigned',
      actorKind: 'person',
      actorId: input.user.id,
      occurredAt: deps.clock.now(),
      data: { from: c.assigneeId, to: input.assigneeId },
    },
  ]);
  if (!updated) throw new AppError('CONFLICT', { message: 'Sagen er ændret af en anden i mellemtiden; genindlæs og prøv igen' });
  return updated;
}
