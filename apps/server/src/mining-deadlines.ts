import { copenhagenDate, type IsoDate, type WorkingCalendar } from '@ekspedit/core';

/** One case as the deadline extract gives it. */
export interface DeadlineInput {
  caseNumber: string;
  kind: string;
  receivedAt: Date;
  /** The case's deadline (ISO date), or null when its kind has none. */
  deadline: IsoDate | null;
  /** First reply sent or first answer/decision/close transition; null while unanswered. */
  answeredAt: Date | null;
}

export type DeadlineStatus = 'met' | 'breached' | 'open' | 'open_overdue';

export interface DeadlineCase {
  caseNumber: string;
  kind: string;
  deadline: IsoDate;
  answeredAt: string | null;
  status: DeadlineStatus;
  /** Working days after the deadline the case was answered, or (while open) has been waiting; 0 when on time. */
  workingDaysLate: number;
}

export interface DeadlineCounts {
  /** Cases with a deadline. */
  total: number;
  met: number;
  breached: number;
  /** Unanswered, deadline not yet passed. */
  open: number;
  /** Unanswered and past the deadline. */
  openOverdue: number;
  /** (breached + openOverdue) / (met + breached + openOverdue): the share of cases whose deadline has run out that missed it. */
  breachRate: number;
}

export interface DeadlineReport extends DeadlineCounts {
  /** Cases without a deadline (kinds with none), left out of every figure. */
  withoutDeadline: number;
  byKind: (DeadlineCounts & { kind: string })[];
  /** Every case that missed or is past its deadline, latest first. */
  cases: DeadlineCase[];
}

function counts(list: readonly DeadlineCase[]): DeadlineCounts {
  const c = { total: list.length, met: 0, breached: 0, open: 0, openOverdue: 0 };
  for (const x of list) {
    if (x.status === 'met') c.met++;
    else if (x.status === 'breached') c.breached++;
    else if (x.status === 'open') c.open++;
    else c.openOverdue++;
  }
  const due = c.met + c.breached + c.openOverdue;
  return { ...c, breachRate: due > 0 ? (c.breached + c.openOverdue) / due : 0 };
}

/**
 * Deadline breaches: a case is met when answered on or before its deadline (in Copenhagen dates),
 * breached when answered after it, and open (overdue once `now` is past the deadline) while
 * unanswered. Lateness is counted in working days of the municipality's calendar.
 */
export function computeDeadlineReport(rows: readonly DeadlineInput[], now: Date, calendar: WorkingCalendar): DeadlineReport {
  const today = copenhagenDate(now);
  const all: DeadlineCase[] = [];
  let withoutDeadline = 0;
  for (const r of rows) {
    if (!r.deadline) {
      withoutDeadline++;
      continue;
    }
    const answered = r.answeredAt ? copenhagenDate(r.answeredAt) : null;
    const until = answered ?? today;
    const late = until > r.deadline ? calendar.workingDaysBetween(r.deadline, until) : 0;
    const status: DeadlineStatus = answered ? (answered > r.deadline ? 'breached' : 'met') : today > r.deadline ? 'open_overdue' : 'open';
    all.push({ caseNumber: r.caseNumber, kind: r.kind, deadline: r.deadline, answeredAt: r.answeredAt?.toISOString() ?? null, status, workingDaysLate: late });
  }
  const kinds = [...new Set(all.map((c) => c.kind))].sort();
  return {
    ...counts(all),
    withoutDeadline,
    byKind: kinds.map((kind) => ({ kind, ...counts(all.filter((c) => c.kind === kind)) })),
    cases: all
      .filter((c) => c.status === 'breached' || c.status === 'open_overdue')
      .sort((a, b) => b.workingDaysLate - a.workingDaysLate || a.caseNumber.localeCompare(b.caseNumber)),
  };
}
