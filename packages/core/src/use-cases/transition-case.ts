import { canActOnCase } from '../access';
import { AppError } from '../errors';
import type { AuditLog, CaseRepository, Clock } from '../ports';
import type { CaseRecord, UserRecord } from '../types';
import { isTerminalState, type WorkflowRegistry } from '../workflows';

export interface TransitionCaseDeps {
  cases: CaseRepository;
  workflows: WorkflowRegistry;
  audit: AuditLog;
  clock: Clock;
}

/** Moves a case along its workflow when the transition is allowed from its state for the user's roles. */
export async function transitionCase(
  input: { caseId: string; transitionId: string; user: UserRecord; comment?: string },
  deps: TransitionCaseDeps,
): Promise<CaseRecord> {
  const current = await deps.cases.findCaseById(input.caseId);
  if (!current) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
  await assertCanAct(current, input.user, deps.audit, `transition.${input.transitionId}`);
  const workflow = deps.workflows.get(current.kind, current.workflowVersion);
  const transition = workflow.transitions.find((t) => t.id === input.transitionId);
  if (!transition?.from.includes(current.state)) {
    throw new AppError('INVALID_TRANSITION', {
      message: `Overgangen "${input.transitionId}" er ikke mulig fra tilstanden "${current.state}"`,
      details: { transition: input.transitionId, state: current.state },
    });
  }
  if (!transition.roles.some((r) => input.user.roles.includes(r))) {
    await deps.audit.record({
      actorKind: 'person',
      actorId: input.user.id,
      action: `transition.${transition.id}`,
      outcome: 'denied',
      targetType: 'case',
      targetId: current.id,
      data: { reason: 'role' },
    });
    throw new AppError('FORBIDDEN', { message: 'Din rolle må ikke foretage denne overgang' });
  }
  const now = deps.clock.now();
  const terminal = isTerminalState(workflow, transition.to);
  const updated = await deps.cases.updateCase(current.id, current.state, { state: transition.to, closedAt: terminal ? now : null }, [
    {
      activity: 'state.changed',
      actorKind: 'person',
      actorId: input.user.id,
      occurredAt: now,
      data: { transition: transition.id, from: current.state, to: transition.to, ...(input.comment ? { comment: input.comment.slice(0, 2000) } : {}) },
    },
  ]);
  if (!updated) throw new AppError('CONFLICT', { message: 'Sagen er ændret af en anden i mellemtiden; genindlæs og prøv igen' });
  return updated;
}

/** Throws FORBIDDEN (and audits the refusal) when the user may not act on the case. */
export async function assertCanAct(c: CaseRecord, user: UserRecord, audit: AuditLog, action: string): Promise<void> {
  if (canActOnCase(user, c)) return;
  await audit.record({ actorKind: 'person', actorId: user.id, action, outcome: 'denied', targetType: 'case', targetId: c.id, data: { reason: 'other_unit' } });
  throw new AppError('FORBIDDEN', { message: 'Du har ikke adgang til denne sag' });
}
