import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/open';
import { createRepositories } from '../src/repositories';
import { handlingRoles, measuredActivities } from '../src/repositories/measurement-repository';
import { seedDemo } from '../src/seed/demo';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

const DAY = 86_400_000;

describe(`measurement extracts on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle;
  const now = new Date('2026-11-27T12:00:00Z');
  // Four months: the older two without AI, the newer two with it.
  const aiFrom = new Date(now.getTime() - 2 * 30 * DAY);
  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemo(handle, { now, cases: 90, months: 4 });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads every case with its sender’s postal code, and only the events measurement needs', async () => {
    const repos = createRepositories(handle.db);
    const data = await repos.measurement.loadMeasurementData({});
    const { total } = await repos.cases.listCases({ scope: { all: true }, includeClosed: true, limit: 1, offset: 0 });
    expect(data.cases).toHaveLength(total);
    const ids = new Set(data.cases.map((c) => c.caseId));
    expect(data.events.every((e) => ids.has(e.caseId) && (measuredActivities as readonly string[]).includes(e.activity))).toBe(true);
    const citizens = data.cases.filter((c) => c.kind !== 'politician_question');
    expect(citizens.filter((c) => c.postalCode !== null).length).toBeGreaterThan(citizens.length * 0.9);
    expect(citizens.every((c) => c.postalCode === null || /^\d{4}$/.test(c.postalCode))).toBe(true);
    const changes = data.events.filter((e) => e.activity === 'state.changed');
    expect(changes.length).toBeGreaterThan(data.cases.length);
    expect(changes.every((e) => e.toState !== null && e.transition !== null)).toBe(true);
    expect(data.replies.length).toBeGreaterThan(20);
    expect(data.replies.every((r) => r.sentAt instanceof Date && r.bodyText.length > 0 && r.isAiSent === false)).toBe(true);
  });

  it('finds AI only in the newer half of the demo: sorting, drafts and reviewed usage with edit distances and review times', async () => {
    const data = await createRepositories(handle.db).measurement.loadMeasurementData({});
    const received = new Map(data.cases.map((c) => [c.caseId, c.receivedAt.getTime()]));
    const classified = data.events.filter((e) => e.activity === 'case.classified');
    const drafted = data.events.filter((e) => e.activity === 'draft.created');
    expect(classified.length).toBeGreaterThan(10);
    expect(drafted.length).toBeGreaterThan(10);
    for (const e of [...classified, ...drafted]) expect(received.get(e.caseId)).toBeGreaterThanOrEqual(aiFrom.getTime());
    expect(classified.every((e) => e.actorKind === 'ai' && (e.decision === 'auto_routed' || e.decision === 'triage') && e.kleCode)).toBe(true);
    expect(drafted.every((e) => e.actorKind === 'ai' && typeof e.flagged === 'number')).toBe(true);
    // The mail reception's verdicts on the sorting: what measures its accuracy.
    const verdicts = data.events.filter((e) => e.activity === 'classification.accepted' || e.activity === 'classification.corrected');
    expect(verdicts.length).toBeGreaterThan(3);
    expect(verdicts.every((e) => e.kleCode && e.suggestedKleCode)).toBe(true);
    const reviewed = data.usage.filter((u) => u.purpose === 'draft' && u.reviewDecision !== null);
    expect(new Set(reviewed.map((u) => u.reviewDecision))).toEqual(new Set(['approved', 'edited', 'rejected']));
    for (const u of reviewed) {
      expect(u.createdAt.getTime()).toBeGreaterThanOrEqual(aiFrom.getTime());
      expect(u.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(u.reviewSeconds).toBeGreaterThan(0);
      expect(u.reviewSeconds).toBeLessThan(20 * 60);
      if (u.reviewDecision === 'approved') expect(u.editDistance).toBe(0);
      if (u.reviewDecision === 'edited') expect(u.editDistance).toBeGreaterThan(0);
    }
    expect(new Set(reviewed.map((u) => u.promptHash)).size).toBe(2);
  });

  it('filters by unit, kind, channel and period, and counts the staff who handle cases', async () => {
    const repos = createRepositories(handle.db);
    const all = await repos.measurement.listMeasuredCases({});
    const affald = await repos.measurement.listMeasuredCases({ unitIds: ['affald'], kinds: ['citizen_inquiry'], channels: ['email'], klePrefix: '07' });
    expect(affald.length).toBeGreaterThan(0);
    expect(affald.length).toBeLessThan(all.length);
    expect(affald.every((c) => c.unitId === 'affald' && c.kind === 'citizen_inquiry' && c.channel === 'email' && c.kleCode?.startsWith('07'))).toBe(true);
    const recent = await repos.measurement.listMeasuredCases({ receivedFrom: aiFrom, receivedBefore: now });
    expect(recent.every((c) => c.receivedAt >= aiFrom && c.receivedAt < now)).toBe(true);
    const events = await repos.measurement.listMeasuredEvents({ unitIds: ['affald'] });
    const affaldIds = new Set((await repos.measurement.listMeasuredCases({ unitIds: ['affald'] })).map((c) => c.caseId));
    expect(events.every((e) => affaldIds.has(e.caseId))).toBe(true);
    const handlers = (await repos.directory.listUsers()).filter((u) => u.unitId && u.roles.some((r) => (handlingRoles as readonly string[]).includes(r)));
    expect(await repos.measurement.countHandlingStaff()).toBe(handlers.length);
    expect(await repos.measurement.countHandlingStaff(['affald'])).toBe(handlers.filter((u) => u.unitId === 'affald').length);
  });
});

// Outside the per-database block, so one snapshot serves PGlite and PostgreSQL alike.
describe('the SQL of the measurement extracts', () => {
  it('stays as reviewed', async () => {
    const handle = await createTestDatabase();
    try {
      expect(
        createRepositories(handle.db).measurement.measurementSql({
          kinds: ['citizen_inquiry'],
          unitIds: ['affald'],
          klePrefix: '07',
          channels: ['email'],
          receivedFrom: new Date('2026-01-01T00:00:00Z'),
          receivedBefore: new Date('2026-07-01T00:00:00Z'),
        }),
      ).toMatchSnapshot();
    } finally {
      await handle.close();
    }
  });
});
