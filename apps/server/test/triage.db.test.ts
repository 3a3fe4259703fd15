import type { CaseClassifier, ClassificationResult } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

// A rule-based stand-in for the sorting model, so these tests pin routing, not the model's quality.
function keywordClassifier(): CaseClassifier & { calls: number } {
  const c = {
    calls: 0,
    async classify(item: { subject: string; body: string }): Promise<ClassificationResult> {
      c.calls++;
      const text = `${item.subject} ${item.body}`.toLowerCase();
      const sure = text.includes('skraldespand');
      return {
        modelVersion: 'test-1',
        kleCode: sure ? '07.18.00' : '05.09.00',
        kleGroup: sure ? '07.18' : '05.09',
        caseKind: 'citizen_inquiry',
        itemKind: 'question',
        priority: 'normal',
        language: 'da',
        confidence: sure ? 0.97 : 0.41,
        alternatives: [{ kle: '07.18.00', confidence: 0.3 }],
        explanation: [{ word: sure ? 'skraldespand' : 'parkering', weight: 1 }],
      };
    },
  };
  return c;
}

describe(`sorting and the triage queue on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let waste: { id: string };
  let roads: { id: string };
  let retrains = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const classifier = keywordClassifier();
    ctx = await buildTestApp(handle, {}, { classifier: { current: async () => classifier, retrainSoon: () => void retrains++, version: () => 'test-1' } });
    waste = await buildUnit(handle, { name: 'Affald', kleCodes: ['07'] });
    roads = await buildUnit(handle, { name: 'Veje', kleCodes: ['05'] });
    await buildUser(handle, { username: 'post1', roles: ['mail_reception'], unitId: null });
    await buildUser(handle, { username: 'cw1', roles: ['caseworker'], unitId: waste.id });
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  const submit = (subject: string, body: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/inquiries', payload: { name: 'Bo', email: 'bo@borger.example', subject, body } });

  it('routes a confident classification straight to its unit and logs it as an AI event', async () => {
    const res = await submit('Skraldespanden er ikke tømt', 'Vores skraldespand på Nørregade er ikke tømt.');
    const c = await createRepositories(handle.db).cases.findCaseByNumber(res.json().caseNumber);
    expect(c).toMatchObject({ unitId: waste.id, kleCode: '07.18.00' });
    const events = await createRepositories(handle.db).cases.listEvents(c?.id as string);
    const classified = events.find((e) => e.activity === 'case.classified');
    expect(classified).toMatchObject({ actorKind: 'ai', actorId: 'test-1', data: { decision: 'auto_routed', kleCode: '07.18.00' } });
  });

  it('sends an unsure classification to the triage queue, where the mail reception corrects it', async () => {
    const res = await submit('Spørgsmål', 'Hvem skal jeg kontakte om huller i cykelstien?');
    const number = res.json().caseNumber;
    const headers = await loginHeaders(ctx.app, 'post1', 'hemmelig-kode');
    const queue = (await ctx.app.inject({ method: 'GET', url: '/api/triage', headers })).json();
    const item = queue.items.find((i: { case: { number: string } }) => i.case.number === number);
    expect(item.case.unitId).toBeNull();
    expect(item.classification).toMatchObject({ kleCode: '05.09.00', decision: 'triage', confidence: 0.41 });

    const routed = await ctx.app.inject({ method: 'POST', url: `/api/cases/${item.case.id}/route`, headers, payload: { kleCode: '05.04.00' } });
    expect(routed.statusCode).toBe(200);
    expect(routed.json().case).toMatchObject({ unitId: roads.id, kleCode: '05.04.00' });
    expect(retrains).toBe(1);

    const repos = createRepositories(handle.db);
    const events = await repos.cases.listEvents(item.case.id);
    expect(events.at(-1)).toMatchObject({
      activity: 'classification.corrected',
      actorKind: 'person',
      data: { suggestedKleCode: '05.09.00', kleCode: '05.04.00', toUnitId: roads.id },
    });
    const examples = (await handle.db.execute(sql`select kle_code, source from training_examples where case_id = ${item.case.id}`)) as unknown as {
      rows: { kle_code: string; source: string }[];
    };
    expect(examples.rows).toEqual([{ kle_code: '05.04.00', source: 'correction' }]);
    const after = (await ctx.app.inject({ method: 'GET', url: '/api/triage', headers })).json();
    expect(after.items.some((i: { case: { number: string } }) => i.case.number === number)).toBe(false);
  });

  it('applies the most specific routing threshold', async () => {
    const repos = createRepositories(handle.db);
    await repos.routing.set({ kind: null, kleGroup: '07', threshold: 0.99, updatedBy: 'test' });
    const res = await submit('Skraldespanden igen', 'Skraldespand ikke tømt.');
    const c = await repos.cases.findCaseByNumber(res.json().caseNumber);
    expect(c?.unitId).toBeNull();
    await repos.routing.set({ kind: 'citizen_inquiry', kleGroup: '07.18', threshold: 0.9, updatedBy: 'test' });
    expect(await repos.routing.thresholdFor('citizen_inquiry', '07.18.00')).toBe(0.9);
    expect(await repos.routing.thresholdFor('complaint', '07.18.00')).toBe(0.99);
    expect(await repos.routing.thresholdFor('complaint', '05.01.00')).toBe(0.85);
  });

  it('refuses routing to anyone but the mail reception, and refuses unknown KLE formats', async () => {
    const res = await submit('Spørgsmål igen', 'Noget helt andet.');
    const c = await createRepositories(handle.db).cases.findCaseByNumber(res.json().caseNumber);
    const cw = await loginHeaders(ctx.app, 'cw1', 'hemmelig-kode');
    const denied = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c?.id}/route`, headers: cw, payload: { kleCode: '07.18.00' } });
    expect(denied.statusCode).toBe(403);
    const post = await loginHeaders(ctx.app, 'post1', 'hemmelig-kode');
    const bad = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c?.id}/route`, headers: post, payload: { kleCode: 'affald' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
