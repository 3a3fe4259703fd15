import { createRepositories, seedDemo } from '@ekspedit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

describe(`process mining of the platform's own case log on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemo(handle, { now: new Date('2026-11-27T12:00:00Z'), cases: 80, months: 4 });
    ctx = await buildTestApp(handle);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('builds a process map whose counts agree with the case log', async () => {
    const headers = await loginHeaders(ctx.app, 'admin', 'ekspedit-demo');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/mining/process-map', headers });
    expect(res.statusCode).toBe(200);
    const map = res.json();
    const repos = createRepositories(handle.db);
    const rows = await repos.mining.listCaseLog({});
    expect(map.events).toBe(rows.length);
    expect(map.cases).toBe(new Set(rows.map((r) => r.caseId)).size);
    expect(map.start['case.created']).toBe(map.cases);
    // Every case that was answered went through start → … → answer in the workflow.
    expect(map.activities.map((a: { activity: string }) => a.activity)).toEqual(
      expect.arrayContaining(['case.created', 'state.changed:start', 'message.sent']),
    );
    const edgeSum = map.edges.reduce((s: number, e: { count: number }) => s + e.count, 0);
    expect(edgeSum).toBe(map.events - map.cases);
    // The ranking of waits is by working days, and names real cases.
    const waits = map.waits as { totalWorkingDays: number; cases: { caseNumber: string; workingDays: number }[] }[];
    expect(waits.length).toBeGreaterThan(3);
    for (let i = 1; i < waits.length; i++) expect((waits[i - 1]?.totalWorkingDays ?? 0) >= (waits[i]?.totalWorkingDays ?? 0)).toBe(true);
    expect(waits[0]?.cases[0]?.caseNumber).toMatch(/^\d{4}-\d{6}$/);
    // Some demo cases wait for the citizen and resume: their start/resume steps are rework.
    expect(Array.isArray(map.rework)).toBe(true);
    for (const r of map.rework as { cases: number; repetitions: number }[]) expect(r.repetitions).toBeGreaterThanOrEqual(r.cases);
  });

  it('applies the path slider and the unit scope of a team lead', async () => {
    const admin = await loginHeaders(ctx.app, 'admin', 'ekspedit-demo');
    const all = (await ctx.app.inject({ method: 'GET', url: '/api/mining/process-map', headers: admin })).json();
    const few = (await ctx.app.inject({ method: 'GET', url: '/api/mining/process-map?pathShare=0.5', headers: admin })).json();
    expect(few.edges.length).toBeLessThan(all.edges.length);
    const lead = await loginHeaders(ctx.app, 'teamleder', 'ekspedit-demo');
    const own = (await ctx.app.inject({ method: 'GET', url: '/api/mining/process-map', headers: lead })).json();
    expect(own.cases).toBeLessThan(all.cases);
    const other = await ctx.app.inject({ method: 'GET', url: '/api/mining/process-map?unit=affald', headers: lead });
    expect(other.statusCode).toBe(403);
  });
});

// Outside the per-database block, so one snapshot serves PGlite and PostgreSQL alike.
describe('the SQL of the mining extract', () => {
  it('stays as reviewed', async () => {
    const handle = await createTestDatabase();
    try {
      expect(
        createRepositories(handle.db).mining.caseLogSql({
          kinds: ['citizen_inquiry'],
          unitIds: ['affald'],
          klePrefix: '07',
          receivedFrom: '2026-01-01',
          receivedBefore: '2026-07-01',
        }),
      ).toMatchSnapshot();
    } finally {
      await handle.close();
    }
  });
});
