import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRepositories } from '@ekspedit/db';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiTestDouble, type RecordedRequest, startOpenAiTestDouble } from '../../../packages/ai/test/support/openai-test-double';
import { buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

const dataset = fileURLToPath(new URL('../../../eval/datasets/consultation/', import.meta.url));
const responsesJsonl = readFileSync(`${dataset}responses.jsonl`);
const proposal = readFileSync(`${dataset}proposal.md`, 'utf8');

type View = {
  consultation: { id: string; status: string };
  run: { engine: string; model: string | null } | null;
  themes: { id: string; name: string; status: string; origin: string; count: number; responseCount: number; mergedIntoId: string | null }[];
  responses: { id: string; externalId: string; ai: { themeIds: string[]; stance: string | null }; human: { themeIds: string[]; stance: string } | null }[];
  campaigns: { label: string; size: number; responseIds: string[] }[];
  breakdown: { total: number; byRespondentType: Record<string, number> };
  quality: { reviewed: number; f1: number; interval: [number, number]; isTrustworthy: boolean };
};

describe(`consultations API on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  const h: Record<string, Record<string, string>> = {};
  let id = '';
  let view: View;

  const call = async (user: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
    const res = await ctx.app.inject({ method, url, headers: h[user], ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null, res };
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle);
    for (const [username, roles] of [
      ['mette', ['caseworker']],
      ['ana', ['analyst']],
      ['mads', ['mail_reception']],
    ] as const) {
      const u = await buildUser(handle, { username, roles: [...roles] });
      h[username] = await loginHeaders(ctx.app, username, u.password);
    }
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('imports a JSONL file and proposes themes; campaigns are counted once with their size', async () => {
    const created = await call('mette', 'POST', '/api/consultations', { title: 'Lukning af Nørremark Skole', proposal });
    expect(created.status).toBe(201);
    id = created.json.consultation.id;
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/consultations/${id}/responses?filename=responses.jsonl`,
      headers: { ...h.mette, 'content-type': 'application/octet-stream' },
      payload: responsesJsonl,
    });
    expect(res.statusCode).toBe(200);
    view = res.json();
    expect(view.consultation.status).toBe('analysed');
    expect(view.run).toMatchObject({ engine: 'offline' });
    expect(view.responses).toHaveLength(105);
    expect(view.responses[0]?.externalId).toBe('H001');
    expect(view.breakdown.byRespondentType).toMatchObject({ citizen: 81, association: 7, business: 5, local_council: 3, staff: 9 });
    expect(view.campaigns.map((c) => c.size)).toEqual([14, 5]);
    expect(view.themes.length).toBeGreaterThan(3);
    expect(view.themes.every((t) => t.status === 'proposed' && t.origin === 'ai')).toBe(true);
    expect(view.quality).toMatchObject({ reviewed: 0, isTrustworthy: false });
    // A second import into the same consultation is refused.
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/consultations/${id}/responses?filename=responses.jsonl`,
      headers: { ...h.mette, 'content-type': 'application/octet-stream' },
      payload: responsesJsonl,
    });
    expect(again.json().error.code).toBe('CONFLICT');
    const usage = await handle.db.query.aiUsage.findMany();
    expect(usage.filter((u) => u.purpose === 'consultation')).toEqual([
      expect.objectContaining({
        engine: 'offline',
        promptId: 'consultation-offline',
        params: expect.objectContaining({ consultationId: id, mode: 'discover', responses: 105 }),
      }),
    ]);
  });

  it('reports unreadable rows and unknown file kinds, and imports nothing', async () => {
    const { json } = await call('mette', 'POST', '/api/consultations', { title: 'Dårlig fil' });
    const upload = (filename: string, body: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/consultations/${json.consultation.id}/responses?filename=${filename}`,
        headers: { ...h.mette, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(body),
      });
    const bad = await upload('svar.csv', 'id;text;respondent_type\n1;Godt forslag;borger\n;Mangler id;borger\n3;Hm;marsmand\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect((await upload('svar.pdf', 'x')).json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const list = await call('ana', 'GET', '/api/consultations');
    expect(list.json.items.find((c: { id: string }) => c.id === json.consultation.id)).toMatchObject({ responses: 0, status: 'open' });
  });

  it('lets analysts read but not act; other roles are refused, and the refusal is audited', async () => {
    expect((await call('ana', 'GET', `/api/consultations/${id}`)).status).toBe(200);
    const themeId = view.themes[0]?.id;
    expect((await call('ana', 'POST', `/api/consultations/${id}/themes/${themeId}/approve`)).json.error.code).toBe('FORBIDDEN');
    expect((await call('mads', 'GET', `/api/consultations/${id}`)).status).toBe(403);
    expect((await call('mads', 'GET', '/api/consultations')).status).toBe(403);
    const audit = await createRepositories(handle.db).audit.list({ action: 'consultation.theme.approve', outcome: 'denied', limit: 10 });
    expect(audit.length).toBeGreaterThan(0);
  });

  it('renames, approves, rejects, merges and adds themes; every act is in the audit log', async () => {
    const [first, second, third, fourth, ...rest] = view.themes;
    if (!first || !second || !third || !fourth) throw new Error('too few themes');
    view = (
      await call('mette', 'PATCH', `/api/consultations/${id}/themes/${first.id}`, { name: 'Faglighed og klassestørrelser', description: 'Undervisningen.' })
    ).json;
    expect(view.themes.find((t) => t.id === first.id)?.name).toBe('Faglighed og klassestørrelser');
    for (const t of [first, second, ...rest]) view = (await call('mette', 'POST', `/api/consultations/${id}/themes/${t.id}/approve`)).json;
    view = (await call('mette', 'POST', `/api/consultations/${id}/themes/${third.id}/reject`)).json;
    const before = view.themes.find((t) => t.id === second.id)?.responseCount ?? 0;
    const merged = (await call('mette', 'POST', `/api/consultations/${id}/themes/${fourth.id}/merge`, { intoId: second.id })).json as View;
    view = merged;
    expect(view.themes.find((t) => t.id === fourth.id)).toMatchObject({ status: 'merged', mergedIntoId: second.id });
    // The merged theme's responses now count for the theme it went into.
    expect(view.themes.find((t) => t.id === second.id)?.responseCount).toBeGreaterThanOrEqual(before);
    // A rejected theme is gone from the AI's assignments as shown.
    expect(view.responses.some((r) => r.ai.themeIds.includes(third.id))).toBe(false);
    const added = await call('mette', 'POST', `/api/consultations/${id}/themes`, { name: 'Børnenes trivsel', description: 'Tryghed og trivsel.' });
    expect(added.status).toBe(201);
    view = added.json;
    expect(view.themes.at(-1)).toMatchObject({ name: 'Børnenes trivsel', origin: 'human', status: 'approved' });
    expect((await call('mette', 'POST', `/api/consultations/${id}/themes/${fourth.id}/approve`)).json.error.code).toBe('CONFLICT');
    expect((await call('mette', 'PATCH', `/api/consultations/${id}/themes/${first.id}`, {})).status).toBe(400);

    const audit = createRepositories(handle.db).audit;
    for (const action of [
      'consultation.create',
      'consultation.import',
      'consultation.theme.update',
      'consultation.theme.approve',
      'consultation.theme.reject',
      'consultation.theme.merge',
      'consultation.theme.add',
    ]) {
      expect((await audit.list({ action, outcome: 'allowed', limit: 5 })).length, action).toBeGreaterThan(0);
    }
  });

  it('keeps a person’s corrections beside the AI’s; the live F1 follows them', async () => {
    const approved = view.themes.filter((t) => t.status === 'approved').map((t) => t.id);
    const rejected = view.themes.find((t) => t.status === 'rejected')?.id;
    const [a, b] = view.responses.filter((r) => r.ai.themeIds.length > 0);
    if (!a || !b) throw new Error('no responses with themes');
    expect((await call('mette', 'PUT', `/api/consultations/${id}/responses/${a.id}/assignment`, { themeIds: [rejected], stance: 'oppose' })).status).toBe(400);
    expect((await call('mette', 'PUT', `/api/consultations/${id}/responses/${a.id}/assignment`, { themeIds: [], stance: 'oppose' })).status).toBe(400);
    // Agreeing with the AI: F1 1.
    view = (await call('mette', 'PUT', `/api/consultations/${id}/responses/${a.id}/assignment`, { themeIds: a.ai.themeIds, stance: a.ai.stance ?? 'neutral' }))
      .json;
    expect(view.quality).toMatchObject({ reviewed: 1, f1: 1 });
    // Disagreeing entirely: F1 0 on that one, mean 0.5.
    const other = approved.filter((t) => !b.ai.themeIds.includes(t)).slice(0, 1);
    view = (await call('mette', 'PUT', `/api/consultations/${id}/responses/${b.id}/assignment`, { themeIds: other, stance: 'support' })).json;
    expect(view.quality.reviewed).toBe(2);
    expect(view.quality.f1).toBeCloseTo(0.5, 5);
    expect(view.quality.interval[0]).toBeLessThanOrEqual(0.5);
    const rb = view.responses.find((r) => r.id === b.id);
    expect(rb?.human).toMatchObject({ themeIds: other, stance: 'support' });
    expect(rb?.ai.themeIds).toEqual(b.ai.themeIds);
    const rows = await createRepositories(handle.db).consultations.listAssignments(id);
    expect(rows.filter((r) => r.source === 'human').map((r) => r.responseId)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('maps the responses again to the approved themes only; corrections stay', async () => {
    const res = await call('mette', 'POST', `/api/consultations/${id}/map`);
    expect(res.status).toBe(200);
    view = res.json;
    const approved = new Set(view.themes.filter((t) => t.status === 'approved').map((t) => t.id));
    expect(view.responses.every((r) => r.ai.themeIds.every((t) => approved.has(t)))).toBe(true);
    // The person's added theme now has responses from the AI too.
    expect(view.themes.find((t) => t.name === 'Børnenes trivsel')?.responseCount).toBeGreaterThan(0);
    expect(view.quality.reviewed).toBe(2);
    const usage = (await handle.db.query.aiUsage.findMany()).filter(
      (u) => u.purpose === 'consultation' && (u.params as { consultationId?: string }).consultationId === id,
    );
    expect(usage.map((u) => (u.params as { mode: string }).mode).sort()).toEqual(['discover', 'map']);
  });

  it('writes the memo as DOCX with counts, quotes and their response ids; analysts may download it', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/consultations/${id}/memo.docx`, headers: h.ana });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('hoeringsnotat-lukning-af-noerremark-skole.docx');
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    const theme = [...view.themes].filter((t) => t.status === 'approved').sort((x, y) => y.count - x.count)[0];
    expect(text).toContain(`${theme?.name}: ${theme?.count} svar`);
    expect(text).toMatch(/»[^«]+« \(svar H\d{3}\)/);
    expect(text).toContain('Kampagne K1: 14 enslydende svar');
    expect(text).toContain('på 2 svar, som en medarbejder har gennemgået');
    expect(text).not.toContain(view.themes.find((t) => t.status === 'rejected')?.name ?? '(none)');
  });
});

/** A scripted model for the consultation prompts: themes by keywords, quotes verbatim. */
function consultationModel(request: RecordedRequest): string {
  const schema = (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;
  const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const fenced = [...user.matchAll(/<<<SVAR (\S+)>>>\n([\s\S]*?)\n<<<SLUT>>>/g)].map((m) => ({ id: m[1] ?? '', text: m[2] ?? '' }));
  if (schema === 'consultation_themes' || schema === 'consultation_merge') {
    return JSON.stringify({
      themes: [
        { id: 'vej', name: 'Skolevej', description: 'Bus og vej.', responseIds: fenced.filter((r) => /bus|vej/i.test(r.text)).map((r) => r.id) },
        { id: 'by', name: 'Landsbyen', description: 'Livet i byen.', responseIds: fenced.filter((r) => /landsby/i.test(r.text)).map((r) => r.id) },
      ],
    });
  }
  const themeIds = [...user.matchAll(/^- ([\w-]+): /gm)].map((m) => m[1] ?? '');
  return JSON.stringify({
    responses: fenced.map((r) => ({
      id: r.id,
      themes: [/bus|vej/i.test(r.text) ? themeIds[0] : null, /landsby/i.test(r.text) ? themeIds[1] : null].filter((x): x is string => !!x),
      stance: /imod/i.test(r.text) ? 'oppose' : 'neutral',
      quotes: [{ text: /^[^.!?]+[.!?]/.exec(r.text)?.[0] ?? r.text, theme: '' }],
    })),
  });
}

describe(`consultations with a model endpoint on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let double: OpenAiTestDouble;
  let headers: Record<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    double = await startOpenAiTestDouble({ respond: consultationModel });
    ctx = await buildTestApp(
      handle,
      {},
      {
        llm: {
          baseUrl: double.baseUrl,
          apiKey: 'test',
          model: 'test-double',
          taskModels: {},
          trust: 'external',
          timeoutMs: 10_000,
          maxRetries: 0,
          caseTokenBudget: 1e9,
        },
      },
    );
    const u = await buildUser(handle, { username: 'mette', roles: ['caseworker'] });
    headers = await loginHeaders(ctx.app, 'mette', u.password);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await double?.close();
    await handle?.close();
  });

  it('uses the model for discovery and mapping, logs its usage, and never sends database ids', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/api/consultations', headers, payload: { title: 'Skolelukning' } });
    const id = created.json().consultation.id;
    const csv =
      'id,text,respondent_type\nA1,"Skolebussen kører ad en farlig vej. Jeg er imod.",borger\nA2,"Landsbyen dør uden skolen.",lokalråd\nA3,"Vejen er farlig, og landsbyen lider.",\n';
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/consultations/${id}/responses?filename=svar.csv`,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(csv),
    });
    expect(res.statusCode).toBe(200);
    let view = res.json() as View;
    expect(view.run).toMatchObject({ engine: 'llm', model: 'test-double' });
    expect(view.themes.map((t) => t.name)).toEqual(['Skolevej', 'Landsbyen']);
    for (const t of view.themes) await ctx.app.inject({ method: 'POST', url: `/api/consultations/${id}/themes/${t.id}/approve`, headers });
    double.reset();
    view = (await ctx.app.inject({ method: 'POST', url: `/api/consultations/${id}/map`, headers })).json();
    const vej = view.themes.find((t) => t.name === 'Skolevej')?.id;
    expect(view.responses.find((r) => r.externalId === 'A1')?.ai.themeIds).toEqual([vej]);
    expect(view.responses.find((r) => r.externalId === 'A3')?.ai.themeIds).toHaveLength(2);
    for (const r of double.requests) for (const t of view.themes) expect(r.raw).not.toContain(t.id);
    const usage = (await handle.db.query.aiUsage.findMany()).filter((u) => u.purpose === 'consultation');
    expect(usage).toHaveLength(2);
    expect(usage.every((u) => u.engine === 'llm' && u.endpoint === double.baseUrl && (u.tokensIn ?? 0) > 0 && u.startedBy)).toBe(true);
  });
});
