import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { caseEvents, cases } from '../schema';
import type { CaseLogFilter } from './mining-repository';

export interface CaseDeadlineFilter extends CaseLogFilter {
  /** States whose entry answers or decides a case (the workflows' `stopsDeadline` and terminal states). */
  stopStates: string[];
}

/** One case with its deadline and when it was first answered (a reply sent, or a stop state entered). */
export interface CaseDeadlineRow {
  caseNumber: string;
  kind: string;
  state: string;
  receivedAt: Date;
  /** The deadline set when the case was received (ISO date), if the kind has one. */
  deadline: string | null;
  answeredAt: Date | null;
}

/** The deadline extract behind deadline-breach mining (one named query; its SQL is snapshot-tested). */
export function createDeadlineQueries(db: Db, caseFilterConditions: (filter: CaseLogFilter) => SQL[]) {
  const query = (filter: CaseDeadlineFilter) => {
    const answers = filter.stopStates.length
      ? or(eq(caseEvents.activity, 'message.sent'), and(eq(caseEvents.activity, 'state.changed'), inArray(sql`${caseEvents.data}->>'to'`, filter.stopStates)))
      : eq(caseEvents.activity, 'message.sent');
    const where = caseFilterConditions(filter);
    return db
      .select({
        caseNumber: cases.number,
        kind: cases.kind,
        state: cases.state,
        receivedAt: cases.receivedAt,
        deadline: cases.deadline,
        answeredAt: sql<Date | null>`min(${caseEvents.occurredAt})`.mapWith(caseEvents.occurredAt),
      })
      .from(cases)
      .leftJoin(caseEvents, and(eq(caseEvents.caseId, cases.id), answers))
      .where(where.length ? and(...where) : undefined)
      .groupBy(cases.id, cases.number, cases.kind, cases.state, cases.receivedAt, cases.deadline)
      .orderBy(asc(cases.number));
  };
  return {
    /** The SQL of the deadline extract, for the snapshot test. */
    caseDeadlinesSql(filter: CaseDeadlineFilter): string {
      return query(filter).toSQL().sql;
    },
    /** Every case of the filter with its deadline and first answer, by case number. */
    async listCaseDeadlines(filter: CaseDeadlineFilter): Promise<CaseDeadlineRow[]> {
      const rows = await query(filter);
      return rows.map((r) => ({
        caseNumber: r.caseNumber,
        kind: r.kind,
        state: r.state,
        receivedAt: r.receivedAt,
        deadline: r.deadline,
        answeredAt: r.answeredAt ?? null,
      }));
    },
  };
}
