import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../src/calendar';
import { AppError } from '../src/errors';
import { caseKinds } from '../src/roles';
import { availableTransitions, computeDeadline, standardWorkflows, stopsDeadline, validateWorkflow, WorkflowRegistry } from '../src/workflows';

describe('standard workflows', () => {
  it('exist for every kind and refer only to their own states', () => {
    for (const kind of caseKinds) {
      const w = standardWorkflows[kind];
      expect(w.kind).toBe(kind);
      expect(() => validateWorkflow(w)).not.toThrow();
    }
  });

  it('gives access requests a 7-working-day deadline', () => {
    expect(computeDeadline(standardWorkflows.access_request.deadline, '2026-04-01')).toEqual({ deadline: '2026-04-15', workingDays: 7 });
  });

  it('moves a calendar-day deadline off a closed day', () => {
    // 42 calendar days from 2026-11-12 is Thursday 24 December (closed) → Monday 28 December.
    const d = computeDeadline({ type: 'calendar_days', days: 42 }, '2026-11-12', new WorkingCalendar());
    expect(d?.deadline).toBe('2026-12-28');
  });

  it('offers transitions by state and role', () => {
    const w = standardWorkflows.politician_question;
    expect(availableTransitions(w, 'awaiting_approval', ['caseworker']).map((t) => t.id)).toEqual([]);
    expect(
      availableTransitions(w, 'awaiting_approval', ['team_lead'])
        .map((t) => t.id)
        .sort(),
    ).toEqual(['answer', 'send_back']);
    expect(availableTransitions(standardWorkflows.citizen_inquiry, 'closed', ['caseworker'])).toEqual([]);
    expect(availableTransitions(standardWorkflows.citizen_inquiry, 'closed', ['team_lead']).map((t) => t.id)).toEqual(['reopen']);
  });

  it('stops the deadline once the answer has gone out', () => {
    expect(stopsDeadline(standardWorkflows.citizen_inquiry, 'answered')).toBe(true);
    expect(stopsDeadline(standardWorkflows.citizen_inquiry, 'in_progress')).toBe(false);
  });
});

describe('WorkflowRegistry', () => {
  it('keeps old versions for cases that started under them', () => {
    const registry = new WorkflowRegistry();
    const v2 = { ...standardWorkflows.complaint, version: 2, deadline: { type: 'working_days', days: 15 } as const };
    registry.register(v2);
    expect(registry.current('complaint').version).toBe(2);
    expect(registry.get('complaint', 1).deadline).toEqual({ type: 'working_days', days: 20 });
  });

  it('refuses a version that is not newer, and broken definitions', () => {
    const registry = new WorkflowRegistry();
    expect(() => registry.register(standardWorkflows.memo)).toThrow(AppError);
    const broken = { ...standardWorkflows.memo, version: 9, transitions: [{ id: 'x', from: ['nowhere'], to: 'closed', roles: [] }] };
    expect(() => registry.register(broken)).toThrow(/nowhere/);
  });
});
