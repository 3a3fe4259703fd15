import type { MeetingRecord, MinutesContent, MinutesOrigin, MinutesRepository, MinutesVersionRecord } from '@ekspedit/core';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { meetings, minutesVersions } from '../schema';

type MeetingRow = typeof meetings.$inferSelect;
type VersionRow = typeof minutesVersions.$inferSelect;

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  title: r.title,
  meetingDate: r.meetingDate,
  agenda: r.agenda,
  transcript: r.transcript,
  unitId: r.unitId,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

const toVersion = (r: VersionRow): MinutesVersionRecord => ({
  meetingId: r.meetingId,
  version: r.version,
  origin: r.origin as MinutesOrigin,
  content: r.content as unknown as MinutesContent,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

const asDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

/** Meetings and the versions of their minutes; a version is only ever inserted, never updated or deleted. */
export function createMinutesRepository(db: Db): MinutesRepository {
  return {
    async createMeeting(input) {
      const [row] = await db.insert(meetings).values(input).returning();
      if (!row) throw new Error('insert into meetings returned nothing');
      return toMeeting(row);
    },

    async listMeetings(filter) {
      const latest = (column: string) =>
        sql.raw(`(select v.${column} from minutes_versions v where v.meeting_id = meetings.id order by v.version desc limit 1)`);
      const scope =
        filter.unitIds === null
          ? undefined
          : filter.unitIds.length > 0
            ? or(inArray(meetings.unitId, filter.unitIds), eq(meetings.createdBy, filter.createdBy))
            : eq(meetings.createdBy, filter.createdBy);
      const rows = await db
        .select({
          id: meetings.id,
          title: meetings.title,
          meetingDate: meetings.meetingDate,
          unitId: meetings.unitId,
          createdBy: meetings.createdBy,
          createdAt: meetings.createdAt,
          latestVersion: sql<number | null>`${latest('version')}`,
          latestOrigin: sql<string | null>`${latest('origin')}`,
          latestAt: sql<Date | string | null>`${latest('created_at')}`,
        })
        .from(meetings)
        .where(scope)
        .orderBy(desc(meetings.createdAt), asc(meetings.title));
      return rows.map((r) => ({
        ...r,
        latestVersion: r.latestVersion === null ? null : Number(r.latestVersion),
        latestOrigin: r.latestOrigin as MinutesOrigin | null,
        latestAt: asDate(r.latestAt),
      }));
    },

    async findMeeting(id) {
      const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
      return row ? toMeeting(row) : null;
    },

    async listVersions(meetingId) {
      const rows = await db
        .select({
          meetingId: minutesVersions.meetingId,
          version: minutesVersions.version,
          origin: minutesVersions.origin,
          createdBy: minutesVersions.createdBy,
          createdAt: minutesVersions.createdAt,
        })
        .from(minutesVersions)
        .where(eq(minutesVersions.meetingId, meetingId))
        .orderBy(asc(minutesVersions.version));
      return rows.map((r) => ({ ...r, origin: r.origin as MinutesOrigin }));
    },

    async findVersion(meetingId, version) {
      const [row] =
        version === 'latest'
          ? await db.select().from(minutesVersions).where(eq(minutesVersions.meetingId, meetingId)).orderBy(desc(minutesVersions.version)).limit(1)
          : await db
              .select()
              .from(minutesVersions)
              .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version)));
      return row ? toVersion(row) : null;
    },

    async addVersion(input) {
      // The unique (meeting_id, version) index decides a race: the loser inserts nothing and gets null.
      const [row] = await db
        .insert(minutesVersions)
        .values({
          meetingId: input.meetingId,
          version: input.version,
          origin: input.origin,
          content: input.content as unknown as Record<string, unknown>,
          createdBy: input.createdBy,
          createdAt: input.at,
        })
        .onConflictDoNothing({ target: [minutesVersions.meetingId, minutesVersions.version] })
        .returning();
      return row ? toVersion(row) : null;
    },
  };
}
