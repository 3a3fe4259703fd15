import { WorkingCalendar } from '@ekspedit/core';
import { describe, expect, it } from 'vitest';
import { computeDeadlineReport, type DeadlineInput } from '../src/mining-deadlines';

const calendar = new WorkingCalendar();
const row = (caseNumber: string, deadline: string | null, answeredAt: string | null, kind = 'citizen_inquiry'): DeadlineInput => ({
  caseNumber,
  kind,
  receivedAt: new Date('2026-11-02T09:00:00Z'),
  deadline,
  answeredAt: answeredAt ? new Date(answeredAt) : null,
});

describe('deadline breaches', () => {
  // Thursday 26 November 2026, noon in Copenhagen.
  const now = new Date('2026-11-26T11:00:00Z');
  const report = computeDeadlineReport(
    [
      row('2026-000001', '2026-11-16', '2026-11-16T15:00:00Z'), // met on the day
      row('2026-000002', '2026-11-16', '2026-11-20T10:00:00Z'), // Friday: 4 working days late
      row('2026-000003', '2026-11-20', null), // unanswered since Friday: 4 working days overdue (Mon–Thu)
      row('2026-000004', '2026-12-01', null), // unanswered, still within its deadline
      row('2026-000005', null, null, 'memo'), // no deadline
      row('2026-000006', '2026-11-13', '2026-11-16T23:30:00Z', 'access_request'), // 00:30 on the 17th in Copenhagen
    ],
    now,
    calendar,
  );

  it('counts met, breached, open and overdue cases and the breach rate', () => {
    expect(report).toMatchObject({ total: 5, met: 1, breached: 2, open: 1, openOverdue: 1, withoutDeadline: 1 });
    expect(report.breachRate).toBeCloseTo(3 / 4);
  });

  it('measures lateness in working days of the calendar, in Copenhagen dates, latest first', () => {
    expect(report.cases.map((c) => [c.caseNumber, c.status, c.workingDaysLate])).toEqual([
      ['2026-000002', 'breached', 4],
      ['2026-000003', 'open_overdue', 4],
      ['2026-000006', 'breached', 2],
    ]);
    expect(report.cases[0]?.answeredAt).toBe('2026-11-20T10:00:00.000Z');
    expect(report.cases[1]?.answeredAt).toBeNull();
  });

  it('splits the figures by kind', () => {
    expect(report.byKind).toEqual([
      { kind: 'access_request', total: 1, met: 0, breached: 1, open: 0, openOverdue: 0, breachRate: 1 },
      { kind: 'citizen_inquiry', total: 4, met: 1, breached: 1, open: 1, openOverdue: 1, breachRate: 2 / 3 },
    ]);
  });
});
