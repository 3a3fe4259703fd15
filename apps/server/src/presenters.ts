import { type CaseRecord, type CaseSummary, copenhagenDate, isTerminalState, type MessageRecord, stopsDeadline } from '@ekspedit/core';
import type { CaseDto, MessageDto } from '@ekspedit/core/api';
import type { AppDeps } from './deps';

/** A case as the API shows it, with working days left computed against today's Copenhagen date. */
export function presentCase(c: CaseRecord | CaseSummary, deps: Pick<AppDeps, 'workflows' | 'calendar' | 'clock'>): CaseDto {
  const workflow = deps.workflows.get(c.kind, c.workflowVersion);
  const terminal = isTerminalState(workflow, c.state);
  const today = copenhagenDate(deps.clock.now());
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    title: c.title,
    kleCode: c.kleCode,
    unitId: c.unitId,
    unitName: 'unitName' in c ? c.unitName : undefined,
    assigneeId: c.assigneeId,
    assigneeName: 'assigneeName' in c ? c.assigneeName : undefined,
    state: c.state,
    isTerminal: terminal,
    workflowVersion: c.workflowVersion,
    priority: c.priority,
    deadline: c.deadline,
    workingDaysLeft: c.deadline && !stopsDeadline(workflow, c.state) ? deps.calendar.workingDaysBetween(today, c.deadline) : null,
    receivedAt: c.receivedAt.toISOString(),
    language: c.language,
    channel: c.channel,
    flags: c.flags,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    details: c.details,
  };
}

/** A message as the API shows it. */
export function presentMessage(m: MessageRecord): MessageDto {
  return {
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    fromAddress: m.fromAddress,
    toAddresses: m.toAddresses,
    subject: m.subject,
    bodyText: m.bodyText,
    status: m.status,
    hasRaw: m.rawHash !== null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveryRef: m.deliveryRef,
  };
}
