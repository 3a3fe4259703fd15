import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInquiry, buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

function draftOf(body: string): { engine: string; sentences: { text: string; citations: { sourceId: string; title: string }[] }[] } {
  const block = body.split('\n\n').find((b) => b.startsWith('event: draft'));
  return JSON.parse(/^data: (.+)$/m.exec(block ?? '')?.[1] ?? 'null');
}

// A local web server on 127.0.0.1 stands in for the municipality's website; nothing external is contacted.
let version = 1;
let server: Server;
let base = '';

describe(`knowledge sources from web pages and approved replies on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let headers: Record<string, string>;
  let unit: { id: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/parkering') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<html><body><h1>Beboerlicens</h1><p>En beboerlicens til parkering koster ${version === 1 ? '900' : '1200'} kroner om året.</p><p>Licensen søges på kommunens hjemmeside.</p></body></html>`,
        );
      } else if (req.url === '/ud') {
        res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/parkering` });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle, { EKSPEDIT_KB_ALLOWED_DOMAINS: '127.0.0.1' });
    unit = await buildUnit(handle, { name: 'Affald', kleCodes: ['07'] });
    await buildUser(handle, { username: 'cw', roles: ['caseworker'], unitId: unit.id });
    headers = await loginHeaders(ctx.app, 'cw', 'hemmelig-kode');
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('imports a page by URL as a web_page, and a second import of the URL replaces the first', async () => {
    const first = await ctx.app.inject({ method: 'POST', url: '/api/kb/urls', headers, payload: { url: `${base}/parkering`, kle: '05.13' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().source).toMatchObject({ title: 'Beboerlicens', url: `${base}/parkering` });
    version = 2;
    const second = await ctx.app.inject({ method: 'POST', url: '/api/kb/urls', headers, payload: { url: `${base}/parkering` } });
    expect(second.statusCode, second.body).toBe(201);

    const sources = (await ctx.app.inject({ method: 'GET', url: '/api/kb/sources', headers })).json().items as { id: string; kind: string; origin: string }[];
    const pages = sources.filter((s) => s.origin === `${base}/parkering`);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ id: second.json().source.id, kind: 'web_page' });
    const hits = (await ctx.app.inject({ method: 'GET', url: '/api/kb/search?q=beboerlicens%20kroner', headers })).json().items as { text: string }[];
    expect(hits.map((h) => h.text).join(' ')).toContain('1200');
    expect(hits.map((h) => h.text).join(' ')).not.toContain('900');
  });

  it('refuses a redirect out of the allowed domains and an address outside them', async () => {
    const out = await ctx.app.inject({ method: 'POST', url: '/api/kb/urls', headers, payload: { url: `${base}/ud` } });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.message).toContain('ikke tilladt');
    const other = await ctx.app.inject({ method: 'POST', url: '/api/kb/urls', headers, payload: { url: 'https://eksempel.invalid/side' } });
    expect(other.statusCode).toBe(400);
  });

  it('stores an approved reply without the citizen’s data, and a later similar inquiry’s draft cites it', async () => {
    const a = await buildInquiry(handle, {
      unitId: unit.id,
      title: 'Haveaffald',
      body: 'Hvor ofte henter I haveaffald? Mit CPR-nummer er 010190-1234.',
      sender: { kind: 'citizen', name: 'Anne Jensen', email: 'anne@borger.example', phone: '22 33 44 55', cpr: '0101901234' },
    });
    const text = [
      'Kære Anne Jensen',
      '',
      'Tak for din henvendelse. Haveaffald hentes hver anden fredag fra april til november. Haveaffaldscontaineren skal stå ved skel senest klokken seks om morgenen på tømmedagen.',
      '',
      'Vi har noteret dit CPR-nummer 010190-1234. Vi ringer til dig på 22 33 44 55 eller skriver til anne@borger.example, hvis der er spørgsmål.',
      '',
      'Med venlig hilsen',
      'Karin Holm',
    ].join('\n');
    const sent = await ctx.app.inject({ method: 'POST', url: `/api/cases/${a.id}/replies`, headers, payload: { text, approveForReuse: true } });
    expect(sent.statusCode, sent.body).toBe(201);
    const sourceId = sent.json().approvedSource?.sourceId as string;
    expect(sourceId).toBeTruthy();

    // The stored source: kind, link to the case, owner, and none of the citizen's data.
    const result = (await handle.db.execute(
      sql`select s.kind, s.title, s.body, s.case_id, s.unit_id, s.owner_id, (select string_agg(c.text, ' ') from knowledge_chunks c where c.source_id = s.id) as chunks from knowledge_sources s where s.id = ${sourceId}`,
    )) as unknown as { rows: unknown[] };
    const stored = result.rows[0] as { kind: string; title: string; body: string; case_id: string; unit_id: string; owner_id: string; chunks: string };
    expect(stored).toMatchObject({ kind: 'approved_reply', title: 'Haveaffald', case_id: a.id, unit_id: unit.id });
    expect(stored.owner_id).toBeTruthy();
    expect(stored.body).toContain('Kære {{navn}}');
    for (const secret of ['010190-1234', '0101901234', '22 33 44 55', 'anne@borger.example', 'Anne', 'Jensen', 'Karin Holm']) {
      expect(stored.body).not.toContain(secret);
      expect(stored.chunks).not.toContain(secret);
    }
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/cases/${a.id}`, headers })).json();
    const event = detail.events.find((e: { activity: string }) => e.activity === 'reply.approved_for_reuse');
    expect(event?.data).toMatchObject({ sourceId });

    // Without approval nothing is stored.
    const c = await buildInquiry(handle, { unitId: unit.id, title: 'Andet' });
    const plain = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/replies`, headers, payload: { text: 'Tak for din henvendelse.' } });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().approvedSource).toBeUndefined();

    // Case B asks the same question; its draft cites the approved reply.
    const b = await buildInquiry(handle, {
      unitId: unit.id,
      title: 'Afhentning af haveaffald',
      body: 'Hvornår henter I haveaffald, og hvor skal containeren stå?',
      sender: { kind: 'citizen', name: 'Bo Nielsen', email: 'bo@borger.example' },
    });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/cases/${b.id}/draft`, headers });
    expect(res.statusCode).toBe(200);
    const draft = draftOf(res.body);
    const cited = draft.sentences.flatMap((s) => s.citations).map((x) => x.sourceId);
    expect(cited).toContain(sourceId);
    expect(JSON.stringify(draft)).not.toContain('Anne');
  }, 60_000);

  it('refuses an unknown field in the reply body', async () => {
    const c = await buildInquiry(handle, { unitId: unit.id });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/replies`, headers, payload: { text: 'Hej', approveForReuse: 'ja' } });
    expect(res.statusCode).toBe(400);
  });
});
