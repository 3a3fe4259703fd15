import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInquiry, buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

const kbDir = fileURLToPath(new URL('../../../eval/datasets/knowledge-base/', import.meta.url));

function parseEvents(body: string): { event: string; data: Record<string, unknown> }[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? '';
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null');
      return { event, data };
    });
}

describe(`drafting over HTTP on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let headers: Record<string, string>;
  let unit: { id: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle);
    unit = await buildUnit(handle, { name: 'Affald', kleCodes: ['07'] });
    await buildUser(handle, { username: 'cw', roles: ['caseworker'], unitId: unit.id });
    await buildUser(handle, { username: 'other', roles: ['caseworker'], unitId: (await buildUnit(handle)).id });
    headers = await loginHeaders(ctx.app, 'cw', 'hemmelig-kode');
    // The municipal knowledge base the evals use, uploaded through the API.
    const waste = readdirSync(kbDir)
      .filter((f) => /affald|storskrald|genbrug/i.test(f))
      .slice(0, 4);
    expect(waste.length).toBeGreaterThan(0);
    for (const file of waste) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/kb/sources?filename=${encodeURIComponent(file)}`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: readFileSync(join(kbDir, file)),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('searches the knowledge base', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/kb/search?q=storskrald', headers });
    expect(res.statusCode).toBe(200);
    const hits = res.json().items;
    expect(hits.length).toBeGreaterThan(0);
    const chunk = await ctx.app.inject({ method: 'GET', url: `/api/kb/chunks/${hits[0].chunkId}`, headers });
    expect(chunk.json().chunk.text.length).toBeGreaterThan(0);
  });

  it('streams an offline draft with citations, stores it, and logs the AI run', async () => {
    const c = await buildInquiry(handle, {
      unitId: unit.id,
      title: 'Storskrald',
      body: 'Hvordan bestiller jeg afhentning af storskrald, og hvad må der være i?',
    });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/draft`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = parseEvents(res.body);
    const final = events.find((e) => e.event === 'draft')?.data as {
      id: string;
      engine: string;
      text: string;
      sentences: { citations: unknown[]; supported: boolean }[];
    };
    expect(events.filter((e) => e.event === 'delta').length).toBeGreaterThan(0);
    expect(final.engine).toBe('offline');
    expect(final.sentences.some((s) => s.citations.length > 0)).toBe(true);
    const latest = await ctx.app.inject({ method: 'GET', url: `/api/cases/${c.id}/drafts/latest`, headers });
    expect(latest.json().draft.id).toBe(final.id);
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers })).json();
    expect(detail.events.map((e: { activity: string }) => e.activity)).toContain('draft.created');
  });

  it('refuses a draft on another unit\u2019s case before anything is streamed', async () => {
    const c = await buildInquiry(handle, { unitId: unit.id });
    const other = await loginHeaders(ctx.app, 'other', 'hemmelig-kode');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/draft`, headers: other });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
