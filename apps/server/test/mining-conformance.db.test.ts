import { createRepositories, seedDemo } from '@ekspedit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

const now = new Date('2026-11-27T12:00:00Z');

describe(`conformance, deadlines and rules on the demo's case log on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemo(handle, { now, cases: 80 });
    ctx = await buildTestApp(handle, {}, { clock: { now: () => now } });
    headers = await loginHeaders(ctx.app, 'admin', 'ekspedit-demo');
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('measures how citizen inquiries followed their workflow', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/mining/conformance?kind=citizen_inquiry', headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'citizen_inquiry', workflowVersion: 1 });
    expect(body.cases).toBeGreaterThan(0);
    // The demo's cases are moved only through the workflow's own transitions.
    expect(body.logFitness).toBeGreaterThan(0.99);
    expect(body.averageTraceFitness).toBeGreaterThan(0.99);
    expect(body.deviations.length).toBeLessThanOrEqual(50);
    expect(body.perActivity.map((a: { activity: string }) => a.activity)).toEqual(expect.arrayContaining(['state.changed:start', 'state.changed:answer']));
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/mining/conformance?kind=nonsense', headers });
    expect(unknown.statusCode).toBe(400);
  });

  it('finds deadline breaches among the unanswered demo cases', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/mining/deadlines', headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.met + body.breached + body.open + body.openOverdue).toBe(body.total);
    expect(body.openOverdue).toBeGreaterThan(0);
    expect(body.breachRate).toBeGreaterThan(0);
    expect(body.cases[0]).toMatchObject({ caseNumber: expect.stringMatching(/^\d{4}-\d{6}$/), workingDaysLate: expect.any(Number) });
    for (let i = 1; i < body.cases.length; i++) expect(body.cases[i - 1].workingDaysLate).toBeGreaterThanOrEqual(body.cases[i].workingDaysLate);
    const one = (await ctx.app.inject({ method: 'GET', url: '/api/mining/deadlines?kind=access_request', headers })).json();
    expect(one.byKind.map((k: { kind: string }) => k.kind)).toEqual(['access_request']);
  });

  it('checks rules a process owner writes', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/mining/rules',
      headers,
      payload: {
        kind: 'citizen_inquiry',
        rules: [
          { type: 'must_happen', a: 'case.created' },
          { type: 'must_precede', a: 'state.changed:start', b: 'state.changed:close' },
          { type: 'at_most_once', a: 'case.created' },
          { type: 'must_happen', a: 'message.sent' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results.map((r: { violations: number }) => r.violations).slice(0, 3)).toEqual([0, expect.any(Number), 0]);
    expect(body.results[3].violations).toBeGreaterThan(0);
    expect(body.results[3].casesChecked).toBe(body.cases);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/mining/rules', headers, payload: { rules: [{ type: 'never_both', a: 'x' }] } });
    expect(bad.statusCode).toBe(400);
  });
});

// Outside the per-database block, so one snapshot serves PGlite and PostgreSQL alike.
describe('the SQL of the deadline extract', () => {
  it('stays as reviewed', async () => {
    const handle = await createTestDatabase();
    try {
      expect(
        createRepositories(handle.db).mining.caseDeadlinesSql({
          kinds: ['citizen_inquiry'],
          unitIds: ['affald'],
          receivedFrom: '2026-01-01',
          receivedBefore: '2026-07-01',
          stopStates: ['answered', 'closed'],
        }),
      ).toMatchSnapshot();
    } finally {
      await handle.close();
    }
  });
});
