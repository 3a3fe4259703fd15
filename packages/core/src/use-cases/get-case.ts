import { canReadCase } from '../access';
import { AppError } from '../errors';
import type { AuditLog, CaseRepository } from '../ports';
import type { CaseRecord, UserRecord } from '../types';

export interface GetCaseDeps {
  cases: CaseRepository;
  audit: AuditLog;
}

/** Loads a case by id or number for a user; refusals are audited, and so is every allowed read. */
export async function getCaseForUser(input: { caseRef: string; user: UserRecord }, deps: GetCaseDeps): Promise<CaseRecord> {
  const found = /^\d{4}-\d{6}$/.test(input.caseRef) ? await deps.cases.findCaseByNumber(input.caseRef) : await deps.cases.findCaseById(input.caseRef);
  if (!found) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
  await assertCanRead(found, input.user, deps.audit);
  await deps.audit.record({ actorKind: 'person', actorId: input.user.id, action: 'case.read', outcome: 'allowed', targetType: 'case', targetId: found.id });
  return found;
}

/** Throws FORBIDDEN (and audits the refusal) when the user may not read the case. */
export async function assertCanRead(c: CaseRecord, user: UserRecord, audit: AuditLog): Promise<void> {
  if (canReadCase(user, c)) return;
  await audit.record({
    actorKind: 'person',
    actorId: user.id,
    action: 'case.read',
    outcome: 'denied',
    targetType: 'case',
    targetId: c.id,
    data: { reason: 'other_unit', caseUnitId: c.unitId, userUnitId: user.unitId },
  });
  throw new AppError('FORBIDDEN', { message: 'Du har ikke adgang til denne sag' });
}
