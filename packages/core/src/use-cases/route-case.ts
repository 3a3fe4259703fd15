import { copenhagenDate, type WorkingCalendar } from '../calendar';
import type { ClassificationStore } from '../classification';
import { AppError } from '../errors';
import type { AuditLog, CaseRepository, Clock, DirectoryRepository } from '../ports';
import { type CaseKind, isCaseKind } from '../roles';
import type { CaseRecord, UserRecord } from '../types';
import { computeDeadline, type WorkflowRegistry } from '../workflows';

export interface RouteCaseDeps {
  cases: CaseRepository;
  directory: DirectoryRepository;
  audit: AuditLog;
  clock: Clock;
  workflows: WorkflowRegistry;
  calendar: WorkingCalendar;
  classifications: ClassificationStore;
}

/**
 * The mail reception's decision in the triage queue: accept the model's suggestion or correct it.
 * The case goes to the unit that handles the KLE code (or the one named), and the decision
 * becomes a training example so the next similar item is sorted right.
 */
export async function routeCase(
  input: { caseId: string; kleCode: string; kind?: string; unitId?: string | null; user: UserRecord },
  deps: RouteCaseDeps,
): Promise<CaseRecord> {
  const r = input.user.roles;
  if (!r.includes('mail_reception') && !r.includes('admin') && !r.includes('team_lead')) {
    await deps.audit.record({
      actorKind: 'person',
      actorId: input.user.id,
      action: 'case.route',
      outcome: 'denied',
      targetType: 'case',
      targetId: input.caseId,
      data: { reason: 'role' },
    });
    throw new AppError('FORBIDDEN', { message: 'Kun postmodtagelsen kan fordele sager' });
  }
  const c = await deps.cases.findCaseById(input.caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
  if (!/^\d{2}(\.\d{2}){0,2}$/.test(input.kleCode)) throw new AppError('VALIDATION_FAILED', { message: 'KLE-nummeret skal have formen 07.18.00' });
  const unit = input.unitId ? await deps.directory.findUnit(input.unitId) : await deps.directory.findUnitForKle(input.kleCode);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { message: 'Ingen enhed behandler dette KLE-emne; vælg en enhed' });
  let kind: CaseKind = c.kind;
  if (input.kind && input.kind !== c.kind) {
    if (!isCaseKind(input.kind)) throw new AppError('UNKNOWN_KIND', { message: 'Ukendt sagstype' });
    const workflow = deps.workflows.get(c.kind, c.workflowVersion);
    // The kind picks the workflow; it may change only before work on the case has begun.
    if (c.state !== workflow.initialState) throw new AppError('INVALID_TRANSITION', { message: 'Sagstypen kan kun ændres, før sagen er påbegyndt' });
    kind = input.kind;
  }
  const latest = (await deps.classifications.latestFor([c.id])).get(c.id);
  const suggested = latest?.result.kleCode ?? null;
  const isCorrection = suggested !== input.kleCode || (latest !== undefined && latest.result.caseKind !== kind);
  const newWorkflow = deps.workflows.current(kind);
  const deadline = kind !== c.kind ? (computeDeadline(newWorkflow.deadline, copenhagenDate(c.receivedAt), deps.calendar)?.deadline ?? null) : c.deadline;
  const updated = await deps.cases.updateCase(
    c.id,
    c.state,
    { unitId: unit.id, kleCode: input.kleCode, deadline, ...(kind !== c.kind ? { kind, workflowVersion: newWorkflow.version } : {}) },
    [
      {
        activity: isCorrection ? 'classification.corrected' : 'classification.accepted',
        actorKind: 'person',
        actorId: input.user.id,
        occurredAt: deps.clock.now(),
        data: {
          fromUnitId: c.unitId,
          toUnitId: unit.id,
          kleCode: input.kleCode,
          suggestedKleCode: suggested,
          kind,
          suggestedKind: latest?.result.caseKind ?? null,
        },
      },
    ],
  );
  if (!updated) throw new AppError('CONFLICT', { message: 'Sagen er ændret af en anden i mellemtiden; genindlæs og prøv igen' });
  await deps.classifications.addTrainingExample({
    caseId: c.id,
    kleCode: input.kleCode,
    kind,
    source: isCorrection ? 'correction' : 'confirmation',
    createdBy: input.user.id,
  });
  await deps.audit.record({
    actorKind: 'person',
    actorId: input.user.id,
    action: 'case.route',
    outcome: 'allowed',
    targetType: 'case',
    targetId: c.id,
    data: { unitId: unit.id },
  });
  return updated;
}
