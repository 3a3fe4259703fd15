import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepositories } from '@ekspedit/db';
import { parseEml } from '@ekspedit/mail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInquiry, buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;

describe(`HTTP API on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Ctx;
  let unitA: { id: string };
  let unitB: { id: string };
  let anne: Awaited<ReturnType<typeof buildUser>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle);
    unitA = await buildUnit(handle, { name: 'Affald', kleCodes: ['07'] });
    unitB = await buildUnit(handle, { name: 'Byggeri', kleCodes: ['02'] });
    anne = await buildUser(handle, { username: 'anne', roles: ['caseworker'], unitId: unitA.id });
    headers = await loginHeaders(ctx.app, 'anne', anne.password);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('refuses a wrong password with a stable code and audits it', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'ekspedit' },
      payload: { username: 'anne', password: 'forkert' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    const denied = await createRepositories(handle.db).audit.list({ action: 'auth.login', outcome: 'denied', limit: 5 });
    expect(denied.length).toBeGreaterThan(0);
  });

  it('requires a session for the inbox', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/cases' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('shows a caseworker only the cases of their own unit', async () => {
    const own = await buildInquiry(handle, { unitId: unitA.id, title: 'Affaldsspørgsmål' });
    await buildInquiry(handle, { unitId: unitB.id, title: 'Byggespørgsmål' });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/cases?limit=200', headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((c: { number: string }) => c.number)).toContain(own.number);
    expect(body.items.every((c: { unitId: string }) => c.unitId === unitA.id)).toBe(true);
  });

  it('refuses a caseworker on a case of another unit, and logs the refusal', async () => {
    const foreign = await buildInquiry(handle, { unitId: unitB.id });
    for (const url of [`/api/cases/${foreign.id}`, `/api/cases/${foreign.number}`]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const act = await ctx.app.inject({ method: 'POST', url: `/api/cases/${foreign.id}/transitions`, headers, payload: { transition: 'start' } });
    expect(act.statusCode).toBe(403);
    const reply = await ctx.app.inject({ method: 'POST', url: `/api/cases/${foreign.id}/replies`, headers, payload: { text: 'Hej' } });
    expect(reply.statusCode).toBe(403);
    const log = await createRepositories(handle.db).audit.list({ targetId: foreign.id, outcome: 'denied', limit: 10 });
    expect(log.map((e) => e.action).sort()).toEqual(['case.read', 'case.read', 'message.send', 'transition.start']);
    expect(log.every((e) => e.actorId === anne.user.id)).toBe(true);
    // The refused acts changed nothing.
    expect((await createRepositories(handle.db).cases.findCaseById(foreign.id))?.state).toBe('received');
  });

  it('moves a case through its workflow and refuses invalid transitions', async () => {
    const c = await buildInquiry(handle, { unitId: unitA.id });
    const bad = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/transitions`, headers, payload: { transition: 'close_everything' } });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('INVALID_TRANSITION');
    const reopen = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/transitions`, headers, payload: { transition: 'resume' } });
    expect(reopen.json().error.code).toBe('INVALID_TRANSITION');
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/transitions`, headers, payload: { transition: 'start' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().case.state).toBe('in_progress');
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/cases/${c.number}`, headers })).json();
    expect(detail.events.map((e: { activity: string }) => e.activity)).toEqual(['case.created', 'message.received', 'state.changed']);
    expect(detail.events[2].data).toMatchObject({ from: 'received', to: 'in_progress', transition: 'start' });
    expect(detail.events[2].actorName).toBe('Test Bruger');
    expect(detail.transitions.map((t: { id: string }) => t.id)).toContain('answer');
  });

  it('sends a reply into the outbox as an .eml file and records it', async () => {
    const c = await buildInquiry(handle, { unitId: unitA.id });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      headers,
      payload: { text: 'Kære Anne\n\nStorskrald hentes mandag.\n\nVenlig hilsen', thenTransition: 'answer' },
    });
    expect(res.statusCode).toBe(201);
    const message = res.json().message;
    expect(message).toMatchObject({ direction: 'out', status: 'sent', toAddresses: ['anne@borger.example'] });
    const file = readdirSync(ctx.outboxDir).find((f) => f === message.deliveryRef);
    expect(file).toBeDefined();
    const eml = await parseEml(new Uint8Array(readFileSync(join(ctx.outboxDir, file as string))));
    expect(eml.to).toEqual(['anne@borger.example']);
    expect(eml.subject).toBe(`Sv: Spørgsmål om storskrald [${c.number}]`);
    expect(eml.text).toContain('Storskrald hentes mandag.');
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers })).json();
    expect(detail.case.state).toBe('answered');
    expect(detail.case.workingDaysLeft).toBeNull();
    expect(detail.events.map((e: { activity: string }) => e.activity)).toEqual([
      'case.created',
      'message.received',
      'reply.drafted',
      'reply.approved',
      'message.queued',
      'message.sent',
      'state.changed',
    ]);
  });

  it('answers bad input with 4xx and stable codes', async () => {
    const c = await buildInquiry(handle, { unitId: unitA.id });
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"transition":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    const unknownField = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/transitions`, headers, payload: { transition: 'start', sudo: true } });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('VALIDATION_FAILED');
    const huge = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/replies`, headers, payload: { text: 'x'.repeat(1_100_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const noCsrf = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions`,
      headers: { cookie: headers.cookie as string },
      payload: { transition: 'start' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_FAILED');
    const missing = await ctx.app.inject({ method: 'GET', url: '/api/cases/2026-999999', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CASE_NOT_FOUND');
    const badQuery = await ctx.app.inject({ method: 'GET', url: '/api/cases?kind=pizza', headers });
    expect(badQuery.statusCode).toBe(400);
    const emptyReply = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/replies`, headers, payload: { text: '   ' } });
    expect(emptyReply.statusCode).toBe(400);
    // None of it touched the case.
    expect((await createRepositories(handle.db).cases.listEvents(c.id)).map((e) => e.activity)).toEqual(['case.created', 'message.received']);
  });

  it('takes a citizen inquiry from the public form', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/inquiries',
      payload: { name: 'Bo Hansen', email: 'Bo@Borger.example', subject: 'Hul i vejen', body: 'Der er et stort hul i vejen ud for nr. 12.' },
    });
    expect(res.statusCode).toBe(201);
    const { caseNumber, deadline } = res.json();
    expect(caseNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const invalid = await ctx.app.inject({ method: 'POST', url: '/api/inquiries', payload: { name: '', email: 'ikke-en-mail', subject: 'x', body: 'y' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.fields.length).toBeGreaterThanOrEqual(2);
  });

  it('imports an EML, and keeps an unparseable one raw on a flagged case', async () => {
    const eml = 'From: Kim <kim@borger.example>\r\nSubject: Affald\r\nDate: Mon, 02 Nov 2026 10:00:00 +0100\r\n\r\nHvornår tømmes containeren?\r\n';
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/import/eml?filename=a.eml',
      headers: { ...headers, 'content-type': 'message/rfc822' },
      payload: eml,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().case.title).toBe('Affald');

    const garbage = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x50, 0x4b]);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/import/eml?filename=b.eml',
      headers: { ...headers, 'content-type': 'message/rfc822' },
      payload: garbage,
    });
    expect(bad.statusCode).toBe(422);
    const error = bad.json().error;
    expect(error.code).toBe('EML_UNPARSEABLE');
    const repos = createRepositories(handle.db);
    const kept = await repos.cases.findCaseByNumber(error.details.caseNumber);
    expect(kept?.flags).toContain('unparsed_source');
    const [message] = await repos.cases.listMessages(kept?.id as string);
    const blob = await repos.blobs.findBlob(message?.rawHash as string);
    expect(Buffer.from(blob?.content ?? []).equals(garbage)).toBe(true);

    const wrongType = await ctx.app.inject({ method: 'POST', url: '/api/import/eml', headers: { ...headers, 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('serves OpenAPI at /api/docs', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/cases/{id}/transitions');
  });
});
