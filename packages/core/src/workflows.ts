import type { CalendarOptions, IsoDate } from './calendar';
import { addDays, WorkingCalendar } from './calendar';
import { AppError } from './errors';
import type { CaseKind, Role } from './roles';

/** How a deadline is counted from the date of receipt. */
export type DeadlineRule = { type: 'working_days'; days: number } | { type: 'calendar_days'; days: number } | { type: 'none' };

export interface WorkflowState {
  id: string;
  /** A terminal state ends the case; the deadline no longer runs. */
  isTerminal?: boolean;
  /** The answer or decision has gone out: the deadline is met and stops counting. */
  stopsDeadline?: boolean;
}

export interface WorkflowTransition {
  id: string;
  from: readonly string[];
  to: string;
  /** Roles that may take the transition (on cases they can act on). */
  roles: readonly Role[];
}

export interface WorkflowDefinition {
  kind: CaseKind;
  version: number;
  initialState: string;
  states: readonly WorkflowState[];
  transitions: readonly WorkflowTransition[];
  deadline: DeadlineRule;
}

const handlers: Role[] = ['caseworker', 'team_lead', 'secretariat', 'admin'];
const leads: Role[] = ['team_lead', 'admin'];

// The common spine most inquiry-like kinds share; kinds differ in deadline and a few states.
function inquiryWorkflow(kind: CaseKind, deadline: DeadlineRule): WorkflowDefinition {
  return {
    kind,
    version: 1,
    initialState: 'received',
    states: [{ id: 'received' }, { id: 'in_progress' }, { id: 'awaiting_party' }, { id: 'answered', stopsDeadline: true }, { id: 'closed', isTerminal: true }],
    transitions: [
      { id: 'start', from: ['received'], to: 'in_progress', roles: handlers },
      { id: 'await_party', from: ['in_progress'], to: 'awaiting_party', roles: handlers },
      { id: 'resume', from: ['awaiting_party', 'answered'], to: 'in_progress', roles: handlers },
      { id: 'answer', from: ['received', 'in_progress', 'awaiting_party'], to: 'answered', roles: handlers },
      { id: 'close', from: ['received', 'in_progress', 'awaiting_party', 'answered'], to: 'closed', roles: handlers },
      { id: 'reopen', from: ['closed'], to: 'in_progress', roles: leads },
    ],
    deadline,
  };
}

/** The standard workflows, one per kind, version 1. */
export const standardWorkflows: Record<CaseKind, WorkflowDefinition> = {
  citizen_inquiry: inquiryWorkflow('citizen_inquiry', { type: 'working_days', days: 10 }),
  // Offentlighedsloven § 36: a request for access is decided within 7 working days.
  access_request: {
    ...inquiryWorkflow('access_request', { type: 'working_days', days: 7 }),
    states: [{ id: 'received' }, { id: 'in_progress' }, { id: 'awaiting_party' }, { id: 'decided', stopsDeadline: true }, { id: 'closed', isTerminal: true }],
    transitions: [
      { id: 'start', from: ['received'], to: 'in_progress', roles: handlers },
      { id: 'await_party', from: ['in_progress'], to: 'awaiting_party', roles: handlers },
      { id: 'resume', from: ['awaiting_party', 'decided'], to: 'in_progress', roles: handlers },
      { id: 'decide', from: ['received', 'in_progress', 'awaiting_party'], to: 'decided', roles: handlers },
      { id: 'close', from: ['decided'], to: 'closed', roles: handlers },
      { id: 'reopen', from: ['closed'], to: 'in_progress', roles: leads },
    ],
  },
  complaint: inquiryWorkflow('complaint', { type: 'working_days', days: 20 }),
  politician_question: {
    kind: 'politician_question',
    version: 1,
    initialState: 'received',
    states: [
      { id: 'received' },
      { id: 'in_progress' },
      { id: 'awaiting_approval' },
      { id: 'answered', stopsDeadline: true },
      { id: 'closed', isTerminal: true },
    ],
    transitions: [
      { id: 'start', from: ['received'], to: 'in_progress', roles: handlers },
      { id: 'submit_for_approval', from: ['in_progress'], to: 'awaiting_approval', roles: handlers },
      { id: 'send_back', from: ['awaiting_approval'], to: 'in_progress', roles: leads },
      { id: 'answer', from: ['awaiting_approval'], to: 'answered', roles: leads },
      { id: 'close', from: ['answered'], to: 'closed', roles: [...handlers] },
      { id: 'reopen', from: ['closed'], to: 'in_progress', roles: leads },
    ],
    deadline: { type: 'working_days', days: 10 },
  },
  memo: {
    kind: 'memo',
    version: 1,
    initialState: 'received',
    states: [{ id: 'received' }, { id: 'in_progress' }, { id: 'awaiting_approval' }, { id: 'closed', isTerminal: true }],
    transitions: [
      { id: 'start', from: ['received'], to: 'in_progress', roles: handlers },
      { id: 'submit_for_approval', from: ['in_progress'], to: 'awaiting_approval', roles: handlers },
      { id: 'send_back', from: ['awaiting_approval'], to: 'in_progress', roles: leads },
      { id: 'approve', from: ['awaiting_approval'], to: 'closed', roles: leads },
      { id: 'reopen', from: ['closed'], to: 'in_progress', roles: leads },
    ],
    deadline: { type: 'working_days', days: 15 },
  },
  minutes: {
    kind: 'minutes',
    version: 1,
    initialState: 'received',
    states: [{ id: 'received' }, { id: 'in_progress' }, { id: 'awaiting_approval' }, { id: 'closed', isTerminal: true }],
    transitions: [
      { id: 'start', from: ['received'], to: 'in_progress', roles: handlers },
      { id: 'submit_for_approval', from: ['in_progress'], to: 'awaiting_approval', roles: handlers },
      { id: 'send_back', from: ['awaiting_approval'], to: 'in_progress', roles: leads },
      { id: 'approve', from: ['awaiting_approval'], to: 'closed', roles: leads },
      { id: 'reopen', from: ['closed'], to: 'in_progress', roles: leads },
    ],
    deadline: { type: 'working_days', days: 5 },
  },
  consultation: {
    ...inquiryWorkflow('consultation', { type: 'calendar_days', days: 42 }),
  },
};

/** A registry of workflow versions; cases keep the version they started under. */
export class WorkflowRegistry {
  private readonly byKind = new Map<CaseKind, WorkflowDefinition[]>();

  constructor(definitions: readonly WorkflowDefinition[] = Object.values(standardWorkflows)) {
    for (const d of definitions) this.register(d);
  }

  /** Adds a version; versions of one kind must increase. */
  register(definition: WorkflowDefinition): void {
    const list = this.byKind.get(definition.kind) ?? [];
    if (list.some((d) => d.version >= definition.version)) {
      throw new AppError('CONFLICT', { message: `Workflow ${definition.kind} v${definition.version} is not newer than the existing versions` });
    }
    validateWorkflow(definition);
    list.push(definition);
    this.byKind.set(definition.kind, list);
  }

  /** The newest version for a kind. */
  current(kind: CaseKind): WorkflowDefinition {
    const list = this.byKind.get(kind);
    const last = list?.[list.length - 1];
    if (!last) throw new AppError('UNKNOWN_KIND', { message: `No workflow for kind ${kind}` });
    return last;
  }

  /** A given version, or the newest when that version is unknown. */
  get(kind: CaseKind, version: number): WorkflowDefinition {
    return this.byKind.get(kind)?.find((d) => d.version === version) ?? this.current(kind);
  }

  /** Every current definition. */
  all(): WorkflowDefinition[] {
    return [...this.byKind.keys()].map((k) => this.current(k));
  }
}

/** Throws when a definition refers to unknown states. */
export function validateWorkflow(definition: WorkflowDefinition): void {
  const ids = new Set(definition.states.map((s) => s.id));
  const problems: string[] = [];
  if (!ids.has(definition.initialState)) problems.push(`initial state ${definition.initialState}`);
  for (const t of definition.transitions) {
    for (const f of t.from) if (!ids.has(f)) problems.push(`${t.id}.from ${f}`);
    if (!ids.has(t.to)) problems.push(`${t.id}.to ${t.to}`);
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', { message: `Workflow ${definition.kind} refers to unknown states: ${problems.join(', ')}` });
  }
}

/** Transitions that may be taken from a state by someone holding the given roles. */
export function availableTransitions(definition: WorkflowDefinition, state: string, userRoles: readonly Role[]): WorkflowTransition[] {
  return definition.transitions.filter((t) => t.from.includes(state) && t.roles.some((r) => userRoles.includes(r)));
}

/** True when the deadline no longer runs in this state (answered, decided or closed). */
export function stopsDeadline(definition: WorkflowDefinition, state: string): boolean {
  const s = definition.states.find((x) => x.id === state);
  return s?.isTerminal === true || s?.stopsDeadline === true;
}

/** True when the state ends the case. */
export function isTerminalState(definition: WorkflowDefinition, state: string): boolean {
  return definition.states.find((s) => s.id === state)?.isTerminal === true;
}

/** The deadline for an item received on `received`, with the number of working days it allows. */
export function computeDeadline(
  rule: DeadlineRule,
  received: IsoDate,
  calendar: WorkingCalendar | CalendarOptions = new WorkingCalendar(),
): { deadline: IsoDate; workingDays: number } | null {
  const cal = calendar instanceof WorkingCalendar ? calendar : new WorkingCalendar(calendar);
  switch (rule.type) {
    case 'none':
      return null;
    case 'working_days':
      return { deadline: cal.addWorkingDays(received, rule.days), workingDays: rule.days };
    case 'calendar_days': {
      // A calendar-day deadline that falls on a closed day moves to the next working day.
      let deadline = addDays(received, rule.days);
      while (!cal.isWorkingDay(deadline)) deadline = addDays(deadline, 1);
      return { deadline, workingDays: cal.workingDaysBetween(received, deadline) };
    }
  }
}
