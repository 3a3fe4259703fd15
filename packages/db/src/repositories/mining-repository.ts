import { and, asc, eq, gte, inArray, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { caseEvents, cases } from '../schema';
import { createDeadlineQueries } from './mining-deadlines';

export interface CaseLogFilter {
  kinds?: string[];
  unitIds?: string[];
  /** KLE prefix, e.g. 07 or 07.18. */
  klePrefix?: string;
  /** Cases received from (inclusive) / before (exclusive), ISO dates. */
  receivedFrom?: string;
  receivedBefore?: string;
}

export interface CaseLogRow {
  caseId: string;
  caseNumber: string;
  activity: string;
  timestamp: number;
  resource: string | undefined;
  caseAttributes: { kind: string; unit: string | null; kle: string | null };
}

// Bookkeeping events that would only clutter a process map: a reply is queued and sent in the same instant.
const NOT_ACTIVITIES = ['message.queued', 'case.flagged'];

/** The platform's own case log as event rows for process mining (one named query; its SQL is snapshot-tested). */
/** The conditions on cases that a mining filter sets (shared by the case log and the deadline extract). */
export function caseFilterConditions(filter: CaseLogFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.kinds?.length) where.push(inArray(cases.kind, filter.kinds));
  if (filter.unitIds?.length) where.push(inArray(cases.unitId, filter.unitIds));
  if (filter.klePrefix) where.push(sql`(${cases.kleCode} = ${filter.klePrefix} or ${cases.kleCode} like ${`${filter.klePrefix}.%`})`);
  if (filter.receivedFrom) where.push(gte(cases.receivedAt, new Date(`${filter.receivedFrom}T00:00:00Z`)));
  if (filter.receivedBefore) where.push(lt(cases.receivedAt, new Date(`${filter.receivedBefore}T00:00:00Z`)));
  return where;
}

export function createMiningRepository(db: Db) {
  const query = (filter: CaseLogFilter) => {
    const where: SQL[] = [notInArray(caseEvents.activity, NOT_ACTIVITIES), ...caseFilterConditions(filter)];
    return db
      .select({
        caseId: cases.id,
        caseNumber: cases.number,
        kind: cases.kind,
        unitId: cases.unitId,
        kleCode: cases.kleCode,
        // A state change is named by the workflow transition taken, so the map shows "start", "answer"…
        activity: sql<string>`case when ${caseEvents.activity} = 'state.changed' then 'state.changed:' || coalesce(${caseEvents.data}->>'transition', ${caseEvents.data}->>'to') else ${caseEvents.activity} end`,
        occurredAt: caseEvents.occurredAt,
        actorKind: caseEvents.actorKind,
        actorId: caseEvents.actorId,
      })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(and(...where))
      .orderBy(asc(cases.number), asc(caseEvents.occurredAt), asc(caseEvents.id));
  };
  return {
    ...createDeadlineQueries(db, caseFilterConditions),
    /** The SQL of the extract, for the snapshot test. */
    caseLogSql(filter: CaseLogFilter): string {
      return query(filter).toSQL().sql;
    },
    /** Event rows grouped by case (ordered by case number, then time). */
    async listCaseLog(filter: CaseLogFilter): Promise<CaseLogRow[]> {
      const rows = await query(filter);
      return rows.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        activity: r.activity,
        timestamp: r.occurredAt.getTime(),
        resource: r.actorKind === 'person' ? (r.actorId ?? undefined) : r.actorKind,
        caseAttributes: { kind: r.kind, unit: r.unitId, kle: r.kleCode },
      }));
    },
  };
}
