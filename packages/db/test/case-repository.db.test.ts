import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/open';
import { createRepositories } from '../src/repositories';
import { buildDeps, buildInquiry, buildUnit } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

describe(`case repository on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('numbers cases per year without gaps', async () => {
    const a = await buildInquiry(handle, { receivedAt: new Date('2025-12-31T10:00:00Z') });
    const b = await buildInquiry(handle, { receivedAt: new Date('2025-12-31T12:00:00Z') });
    const c = await buildInquiry(handle, { receivedAt: new Date('2026-01-02T09:00:00Z') });
    expect(a.number).toBe('2025-000001');
    expect(b.number).toBe('2025-000002');
    expect(c.number).toMatch(/^2026-\d{6}$/);
  });

  it('routes by the most specific KLE code and sets the deadline from the workflow', async () => {
    const waste = await buildUnit(handle, { kleCodes: ['07'] });
    const bulky = await buildUnit(handle, { kleCodes: ['07.18'] });
    const c = await buildInquiry(handle, { kind: 'access_request', kleCode: '07.18.00', receivedAt: new Date('2026-04-01T09:00:00Z') });
    expect(c.unitId).toBe(bulky.id);
    expect(c.deadline).toBe('2026-04-15');
    const d = await buildInquiry(handle, { kleCode: '07.01.00' });
    expect(d.unitId).toBe(waste.id);
  });

  it('stores the case with its party, message, raw source and opening events', async () => {
    const raw = { hash: 'a'.repeat(64), content: new TextEncoder().encode('raw'), mediaType: 'text/plain' };
    const c = await buildInquiry(handle, { raw });
    const repos = createRepositories(handle.db);
    const [messages, parties, events, blob] = await Promise.all([
      repos.cases.listMessages(c.id),
      repos.cases.listParties(c.id),
      repos.cases.listEvents(c.id),
      repos.blobs.findBlob(raw.hash),
    ]);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.rawHash).toBe(raw.hash);
    expect(parties[0]).toMatchObject({ kind: 'citizen', email: 'anne@borger.example', role: 'sender' });
    expect(events.map((e) => e.activity)).toEqual(['case.created', 'message.received']);
    expect(new TextDecoder().decode(blob?.content)).toBe('raw');
    // The same raw source a second time is stored once.
    await buildInquiry(handle, { raw });
    const result = (await handle.db.execute(sql`select count(*)::int as n from blobs where hash = ${raw.hash}`)) as unknown as { rows: { n: number }[] };
    expect(result.rows[0]?.n).toBe(1);
  });

  it('finds cases by Danish full-text search with stemming', async () => {
    const unit = await buildUnit(handle);
    await buildInquiry(handle, { unitId: unit.id, title: 'Parkeringsafgift', body: 'Jeg har fået en afgift for parkering ved skolen.' });
    await buildInquiry(handle, { unitId: unit.id, title: 'Hjemmehjælp', body: 'Min mor har brug for hjælp.' });
    const repos = createRepositories(handle.db);
    const found = await repos.cases.listCases({ scope: { all: false, unitIds: [unit.id], kinds: [] }, text: 'afgifterne', limit: 10, offset: 0 });
    expect(found.items.map((c) => c.title)).toEqual(['Parkeringsafgift']);
  });

  it('restricts listings to the scope', async () => {
    const a = await buildUnit(handle);
    const b = await buildUnit(handle);
    await buildInquiry(handle, { unitId: a.id });
    await buildInquiry(handle, { unitId: b.id });
    const repos = createRepositories(handle.db);
    const onlyA = await repos.cases.listCases({ scope: { all: false, unitIds: [a.id], kinds: [] }, limit: 50, offset: 0 });
    expect(onlyA.total).toBe(1);
    expect(onlyA.items.every((c) => c.unitId === a.id)).toBe(true);
    const nothing = await repos.cases.listCases({ scope: { all: false, unitIds: [], kinds: [] }, limit: 50, offset: 0 });
    expect(nothing.total).toBe(0);
  });

  it('refuses an update when the state has moved on (optimistic concurrency)', async () => {
    const c = await buildInquiry(handle);
    const repos = createRepositories(handle.db);
    const event = { activity: 'state.changed', actorKind: 'system' as const, actorId: 't', occurredAt: new Date(), data: {} };
    expect(await repos.cases.updateCase(c.id, 'received', { state: 'in_progress' }, [event])).not.toBeNull();
    expect(await repos.cases.updateCase(c.id, 'received', { state: 'answered' }, [event])).toBeNull();
    expect((await repos.cases.findCaseById(c.id))?.state).toBe('in_progress');
    expect((await repos.cases.listEvents(c.id)).filter((e) => e.activity === 'state.changed')).toHaveLength(1);
  });

  // Drizzle wraps the driver's error; the trigger's message is in the cause.
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      return `${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message ?? ''}`;
    }
    return 'no error';
  };

  it('keeps the case log and the audit log append-only', async () => {
    const c = await buildInquiry(handle);
    expect(await failure(handle.db.execute(sql`update case_events set activity = 'x' where case_id = ${c.id}`))).toMatch(/append-only/);
    expect(await failure(handle.db.execute(sql`delete from case_events where case_id = ${c.id}`))).toMatch(/append-only/);
    await createRepositories(handle.db).audit.record({
      actorKind: 'system',
      actorId: 't',
      action: 'test',
      outcome: 'allowed',
      targetType: null,
      targetId: null,
    });
    expect(await failure(handle.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await createRepositories(handle.db).cases.listEvents(c.id)).toHaveLength(2);
  });

  it('gives tests control of time through the clock', async () => {
    const deps = buildDeps(handle);
    deps.clock.t = new Date('2026-05-13T10:00:00Z');
    const c = await buildInquiry(handle, {}, deps);
    expect(c.receivedAt.toISOString()).toBe('2026-05-13T10:00:00.000Z');
    // 10 working days from 13 May 2026 skip Ascension (14 May) and Whit Monday (25 May).
    expect(c.deadline).toBe('2026-05-29');
  });
});
