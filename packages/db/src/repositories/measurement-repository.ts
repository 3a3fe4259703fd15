import { and, arrayOverlaps, asc, eq, gte, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { aiUsage, caseEvents, cases, messages, users } from '../schema';

/** Which cases measurement reads: by kind, unit, KLE prefix, channel and when they were received. */
export interface MeasurementQueryFilter {
  kinds?: string[];
  unitIds?: string[];
  /** KLE prefix, e.g. 07 or 07.18. */
  klePrefix?: string;
  channels?: string[];
  /** Received at or after this instant. */
  receivedFrom?: Date;
  /** Received before this instant. */
  receivedBefore?: Date;
}

/** The events measurement reads; the rest of the log (assignments, drafts saved, approvals…) it does not need. */
export const measuredActivities = [
  'message.sent',
  'message.queued',
  'state.changed',
  'case.classified',
  'classification.corrected',
  'classification.accepted',
  'draft.created',
  'pilot.assigned',
] as const;

/** Roles whose holders handle cases: the staff the allocation key of the FTE estimate applies to. */
export const handlingRoles = ['caseworker', 'secretariat', 'team_lead'] as const;

// A Danish address ends "…, 2200 København N": the postal code is four digits followed by the town.
const POSTAL_CODE = '(?:^|\\D)(\\d{4})\\s+[^\\d\\s,]';
const SENDER_POSTAL_CODE = sql`select substring(p.address from ${POSTAL_CODE}) from case_parties cp inner join parties p on p.id = cp.party_id where cp.case_id = "cases"."id" and cp.role = 'sender' order by p.created_at limit 1`;

function caseConditions(filter: MeasurementQueryFilter): SQL | undefined {
  const where: SQL[] = [];
  if (filter.kinds?.length) where.push(inArray(cases.kind, filter.kinds));
  if (filter.unitIds?.length) where.push(inArray(cases.unitId, filter.unitIds));
  if (filter.klePrefix) where.push(sql`(${cases.kleCode} = ${filter.klePrefix} or ${cases.kleCode} like ${`${filter.klePrefix}.%`})`);
  if (filter.channels?.length) where.push(inArray(cases.channel, filter.channels));
  if (filter.receivedFrom) where.push(gte(cases.receivedAt, filter.receivedFrom));
  if (filter.receivedBefore) where.push(lt(cases.receivedAt, filter.receivedBefore));
  return where.length ? and(...where) : undefined;
}

/**
 * The extracts behind efficiency, AI-quality and bias measurement (packages/mining's measurement
 * engine): one named query each, every one snapshot-tested, all restricted by the same case filter.
 */
export function createMeasurementRepository(db: Db) {
  const casesQuery = (filter: MeasurementQueryFilter) =>
    db
      .select({
        caseId: cases.id,
        caseNumber: cases.number,
        kind: cases.kind,
        unitId: cases.unitId,
        kleCode: cases.kleCode,
        channel: cases.channel,
        language: cases.language,
        deadline: cases.deadline,
        receivedAt: cases.receivedAt,
        closedAt: cases.closedAt,
        state: cases.state,
        flags: cases.flags,
        // Only the postal code leaves the database, never the address.
        // Written with aliases: Drizzle leaves columns unqualified in a one-table select, where "id" would be ambiguous.
        postalCode: sql<string | null>`(${SENDER_POSTAL_CODE})`,
      })
      .from(cases)
      .where(caseConditions(filter))
      .orderBy(asc(cases.receivedAt), asc(cases.number));

  const eventsQuery = (filter: MeasurementQueryFilter) =>
    db
      .select({
        caseId: caseEvents.caseId,
        activity: caseEvents.activity,
        actorKind: caseEvents.actorKind,
        actorId: caseEvents.actorId,
        occurredAt: caseEvents.occurredAt,
        fromState: sql<string | null>`${caseEvents.data}->>'from'`,
        toState: sql<string | null>`${caseEvents.data}->>'to'`,
        transition: sql<string | null>`${caseEvents.data}->>'transition'`,
        decision: sql<string | null>`${caseEvents.data}->>'decision'`,
        kleCode: sql<string | null>`${caseEvents.data}->>'kleCode'`,
        suggestedKleCode: sql<string | null>`${caseEvents.data}->>'suggestedKleCode'`,
        confidence: sql<number | null>`(${caseEvents.data}->>'confidence')::float8`,
        flagged: sql<number | null>`(${caseEvents.data}->>'flagged')::int`,
        arm: sql<string | null>`${caseEvents.data}->>'arm'`,
      })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(and(inArray(caseEvents.activity, [...measuredActivities]), caseConditions(filter)))
      .orderBy(asc(caseEvents.caseId), asc(caseEvents.occurredAt), asc(caseEvents.id));

  const usageQuery = (filter: MeasurementQueryFilter) =>
    db
      .select({
        caseId: aiUsage.caseId,
        purpose: aiUsage.purpose,
        engine: aiUsage.engine,
        model: aiUsage.model,
        promptId: aiUsage.promptId,
        promptHash: aiUsage.promptHash,
        reviewDecision: aiUsage.reviewDecision,
        editDistance: aiUsage.editDistance,
        reviewSeconds: aiUsage.reviewSeconds,
        createdAt: aiUsage.createdAt,
      })
      .from(aiUsage)
      .innerJoin(cases, eq(cases.id, aiUsage.caseId))
      .where(caseConditions(filter))
      .orderBy(asc(aiUsage.createdAt), asc(aiUsage.id));

  const repliesQuery = (filter: MeasurementQueryFilter) =>
    db
      .select({
        caseId: messages.caseId,
        sentAt: messages.sentAt,
        bodyText: messages.bodyText,
        isAiSent: sql<boolean>`${messages.aiPolicyVersion} is not null`,
      })
      .from(messages)
      .innerJoin(cases, eq(cases.id, messages.caseId))
      .where(and(eq(messages.direction, 'out'), isNotNull(messages.sentAt), caseConditions(filter)))
      .orderBy(asc(messages.caseId), asc(messages.sentAt));

  const staffQuery = (unitIds: string[] | undefined) =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(
        and(
          eq(users.isActive, true),
          arrayOverlaps(users.roles, [...handlingRoles]),
          unitIds?.length ? inArray(users.unitId, unitIds) : isNotNull(users.unitId),
        ),
      );

  return {
    /** The SQL of every extract, for the snapshot test. */
    measurementSql(filter: MeasurementQueryFilter): Record<'cases' | 'events' | 'usage' | 'replies' | 'staff', string> {
      return {
        cases: casesQuery(filter).toSQL().sql,
        events: eventsQuery(filter).toSQL().sql,
        usage: usageQuery(filter).toSQL().sql,
        replies: repliesQuery(filter).toSQL().sql,
        staff: staffQuery(filter.unitIds).toSQL().sql,
      };
    },
    /** The cases of the filter with the attributes reports group by, oldest first. */
    async listMeasuredCases(filter: MeasurementQueryFilter) {
      return casesQuery(filter);
    },
    /** The events measurement reads, with the few data fields it uses, per case in time order. */
    async listMeasuredEvents(filter: MeasurementQueryFilter) {
      return eventsQuery(filter);
    },
    /** The AI usage log of the filter's cases: engine, model, prompt and what people did with the output. */
    async listMeasuredUsage(filter: MeasurementQueryFilter) {
      return usageQuery(filter);
    },
    /** Sent outgoing messages of the filter's cases (their text for length and tone), flagged when AI sent them. */
    async listMeasuredReplies(filter: MeasurementQueryFilter) {
      const rows = await repliesQuery(filter);
      return rows.map((r) => ({ ...r, sentAt: r.sentAt as Date }));
    },
    /** Active people with a handling role in the units (or in any unit): the staff of the FTE estimate. */
    async countHandlingStaff(unitIds?: string[]): Promise<number> {
      const [row] = await staffQuery(unitIds);
      return Number(row?.n ?? 0);
    },
    /** Everything the measurement engine reads for a filter, in one call. */
    async loadMeasurementData(filter: MeasurementQueryFilter) {
      const casesRows = await casesQuery(filter);
      const events = await eventsQuery(filter);
      const usage = await usageQuery(filter);
      const replies = await this.listMeasuredReplies(filter);
      return { cases: casesRows, events, usage, replies };
    },
  };
}

export type MeasurementRepository = ReturnType<typeof createMeasurementRepository>;
