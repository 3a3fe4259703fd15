import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTranscript } from '@ekspedit/ai';
import { Document, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiTestDouble, startOpenAiTestDouble } from '../../../packages/ai/test/support/openai-test-double';
import { buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

const dataset = fileURLToPath(new URL('../../../eval/datasets/meetings/teknik-miljoe-udvalg/', import.meta.url));
const file = (name: string, filename = name) => ({ filename, contentBase64: readFileSync(`${dataset}${name}`).toString('base64') });
const upload = { agenda: file('agenda.md'), transcript: file('transcript.txt') };

type Statement = { kind: string; text: string; lines: number[]; supported: boolean; edited: boolean };
type Item = {
  number: number;
  title: string;
  decision: string | null;
  postponed: boolean;
  statements: Statement[];
  actions: { who: string | null; due: string | null }[];
};
type View = {
  meeting: { id: string; title: string; meetingDate: string | null; createdByName: string | null };
  version: {
    version: number;
    origin: string;
    createdByName: string | null;
    content: { attendees: string[]; absent: string[]; attendanceLines: number[]; items: Item[]; engine: string };
  } | null;
  versions: { version: number; origin: string; createdByName: string | null }[];
  latestVersion: number | null;
  canEdit: boolean;
};

describe(`minutes API on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  const h: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};
  let id = '';

  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await ctx.app.inject({ method, url, headers: h[user], ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null, res };
  };
  const item = (view: View, n: number) => view.version?.content.items.find((i) => i.number === n);

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle);
    const teknik = await buildUnit(handle, { name: 'Teknik og Miljø' });
    const borgerservice = await buildUnit(handle, { name: 'Borgerservice' });
    for (const [username, roles, unitId] of [
      ['mette', ['caseworker'], teknik.id],
      ['kim', ['caseworker'], borgerservice.id],
      ['sofie', ['secretariat'], null],
      ['ana', ['analyst'], null],
      ['mads', ['mail_reception'], teknik.id],
    ] as const) {
      const u = await buildUser(handle, { username, roles: [...roles], unitId, displayName: username.toUpperCase() });
      ids[username] = u.user.id;
      h[username] = await loginHeaders(ctx.app, username, u.password);
    }
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('registers a meeting from the agenda and transcript files and drafts the first version with cited statements', async () => {
    const created = await call('mette', 'POST', '/api/meetings', upload);
    expect(created.status).toBe(201);
    expect(created.json.meeting).toMatchObject({ title: 'Teknik- og Miljøudvalget', meetingDate: '2026-03-12', createdByName: 'METTE' });
    id = created.json.meeting.id;

    const before = (await call('mette', 'GET', `/api/meetings/${id}`)).json as View;
    expect(before).toMatchObject({ version: null, versions: [], latestVersion: null, canEdit: true });

    const drafted = await call('mette', 'POST', `/api/meetings/${id}/minutes`);
    expect(drafted.status).toBe(201);
    const view = drafted.json as View;
    expect(view.version).toMatchObject({ version: 1, origin: 'ai_initial', createdByName: 'METTE' });
    expect(view.versions.map((v) => v.origin)).toEqual(['ai_initial']);
    const content = view.version?.content;
    expect(content?.engine).toBe('offline');
    expect(content?.attendees).toContain('Lise Berg');
    expect(content?.absent).toEqual(['Peter Nørgaard']);
    expect(item(view, 3)?.decision).toBe('Planen er godkendt med en ny indsats om ældre trafikanter.');
    expect(item(view, 3)?.statements.find((s) => s.kind === 'decision')).toMatchObject({ lines: [20], edited: false });
    expect(item(view, 3)?.actions[0]).toMatchObject({ who: 'Camilla Friis', due: '2026-03-13' });
    expect(item(view, 4)).toMatchObject({ postponed: true, decision: expect.stringContaining('Udsat') });

    // Every statement cites lines that exist in the transcript as stored.
    const transcript = await call('mette', 'GET', `/api/meetings/${id}/transcript`);
    expect(transcript.status).toBe(200);
    const lines = new Map((transcript.json.lines as { line: number; speaker: string | null; text: string }[]).map((l) => [l.line, l]));
    expect(lines.get(20)).toMatchObject({ speaker: 'Lise Berg', text: 'Planen er godkendt med en ny indsats om ældre trafikanter.' });
    const cited = content?.items.flatMap((i) => i.statements.flatMap((s) => s.lines)) ?? [];
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.every((n) => lines.has(n))).toBe(true);

    const usage = (await handle.db.query.aiUsage.findMany()).filter((u) => u.purpose === 'minutes');
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ engine: 'offline', startedBy: ids.mette, caseId: null, params: expect.objectContaining({ meetingId: id }) });
  });

  it('saves a corrected decision as a human edit; an edit on an older version is refused and nothing is overwritten', async () => {
    const decision = 'Planen blev godkendt med indsats nr. 15 om ældre trafikanter og tryghed i midtbyen.';
    const saved = await call('mette', 'POST', `/api/meetings/${id}/versions`, { baseVersion: 1, items: [{ number: 3, decision }] });
    expect(saved.status).toBe(201);
    const view = saved.json as View;
    expect(view.version).toMatchObject({ version: 2, origin: 'human_edit' });
    expect(view.versions.map((v) => [v.version, v.origin, v.createdByName])).toEqual([
      [1, 'ai_initial', 'METTE'],
      [2, 'human_edit', 'METTE'],
    ]);
    expect(item(view, 3)?.decision).toBe(decision);
    // The decision keeps the lines the AI cited, marked as a person's wording.
    expect(item(view, 3)?.statements.filter((s) => s.kind === 'decision')).toEqual([
      { kind: 'decision', text: decision, lines: [20], supported: true, edited: true },
    ]);

    const stale = await call('sofie', 'POST', `/api/meetings/${id}/versions`, { baseVersion: 1, items: [{ number: 3, decision: 'Afvist.' }] });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('CONFLICT');
    expect((await call('mette', 'POST', `/api/meetings/${id}/versions`, { baseVersion: 2, items: [{ number: 3, decision }] })).status).toBe(400);
    expect((await call('mette', 'POST', `/api/meetings/${id}/versions`, { baseVersion: 2, items: [{ number: 99, decision: 'x' }] })).status).toBe(400);

    // A postponement the AI missed: the person says so, with the reason.
    const postponed = await call('sofie', 'POST', `/api/meetings/${id}/versions`, {
      baseVersion: 2,
      items: [{ number: 5, decision: 'Udsat, fordi forvaltningen skal svare på klagerne om fortovene.', postponed: true }],
    });
    expect(postponed.status).toBe(201);
    expect(item(postponed.json, 5)).toMatchObject({ postponed: true, decision: 'Udsat, fordi forvaltningen skal svare på klagerne om fortovene.' });
    expect((postponed.json as View).version).toMatchObject({ version: 3, origin: 'human_edit', createdByName: 'SOFIE' });

    const first = (await call('mette', 'GET', `/api/meetings/${id}?version=1`)).json as View;
    expect(first.version?.version).toBe(1);
    expect(first.latestVersion).toBe(3);
    expect(item(first, 3)?.decision).toBe('Planen er godkendt med en ny indsats om ældre trafikanter.');
    expect((await call('mette', 'GET', `/api/meetings/${id}?version=9`)).status).toBe(404);
  });

  it('exports the DOCX in the municipal format, and a new draft is an AI edit that keeps the earlier versions', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/meetings/${id}/minutes.docx`, headers: h.mette });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe('attachment; filename="referat-teknik-og-miljoeudvalget-2026-03-12.docx"');
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    expect(text).toContain('Referat: Teknik- og Miljøudvalget');
    expect(text).toContain('Dato: 12. marts 2026');
    expect(text).toContain('Afbud: Peter Nørgaard');
    expect(text).toContain('Beslutning: Planen blev godkendt med indsats nr. 15 om ældre trafikanter og tryghed i midtbyen.');
    expect(text).toContain('Opfølgning');

    const again = (await call('sofie', 'POST', `/api/meetings/${id}/minutes`)).json as View;
    expect(again.versions.map((v) => v.origin)).toEqual(['ai_initial', 'human_edit', 'human_edit', 'ai_edit']);
    expect(item(again, 3)?.decision).toBe('Planen er godkendt med en ny indsats om ældre trafikanter.');
    const older = await ctx.app.inject({ method: 'GET', url: `/api/meetings/${id}/minutes.docx?version=2`, headers: h.mette });
    expect((await mammoth.extractRawText({ buffer: older.rawPayload })).value).toContain('indsats nr. 15');

    const listed = (await call('mette', 'GET', '/api/meetings')).json.items;
    expect(listed).toEqual([expect.objectContaining({ id, latestVersion: 4, latestOrigin: 'ai_edit' })]);
    const actions = (await handle.db.query.auditLog.findMany()).filter((a) => a.targetId === id && a.outcome === 'allowed').map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.create', 'minutes.generate', 'minutes.edit', 'minutes.docx', 'meeting.transcript']));
  });

  it('lets analysts read but not change, keeps other units out, and refuses roles without minutes', async () => {
    const read = (await call('ana', 'GET', `/api/meetings/${id}`)).json as View;
    expect(read).toMatchObject({ canEdit: false, latestVersion: 4 });
    const refused = await call('ana', 'POST', `/api/meetings/${id}/versions`, { baseVersion: 4, items: [{ number: 1, decision: 'Godkendt.' }] });
    expect(refused.status).toBe(403);
    expect((await call('ana', 'POST', '/api/meetings', upload)).status).toBe(403);

    expect((await call('kim', 'GET', '/api/meetings')).json.items).toEqual([]);
    expect((await call('kim', 'GET', `/api/meetings/${id}`)).status).toBe(403);
    expect((await call('kim', 'GET', `/api/meetings/${id}/transcript`)).status).toBe(403);
    expect((await call('mads', 'GET', '/api/meetings')).status).toBe(403);
    expect((await call('mette', 'GET', '/api/meetings/00000000-0000-0000-0000-000000000000')).status).toBe(404);

    const denied = (await handle.db.query.auditLog.findMany()).filter((a) => a.targetType === 'meeting' && a.outcome === 'denied');
    expect(denied.map((a) => [a.actorId, a.action])).toEqual(
      expect.arrayContaining([
        [ids.ana, 'minutes.edit'],
        [ids.kim, 'meeting.read'],
        [ids.mads, 'meeting.list'],
      ]),
    );
  });

  it('keeps the paragraph numbers of a Word transcript, which the citations point to', async () => {
    const paragraphs = readFileSync(`${dataset}transcript.txt`, 'utf8').split('\n').filter(Boolean);
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] })));
    const created = await call('mette', 'POST', '/api/meetings', {
      agenda: upload.agenda,
      transcript: { filename: 'udskrift.docx', contentBase64: Buffer.from(docx).toString('base64') },
    });
    expect(created.status).toBe(201);
    const meetingId = created.json.meeting.id;
    const lines = (await call('mette', 'GET', `/api/meetings/${meetingId}/transcript`)).json.lines;
    expect(lines).toEqual(await readTranscript({ filename: 'udskrift.docx', content: docx }));
    const view = (await call('mette', 'POST', `/api/meetings/${meetingId}/minutes`)).json as View;
    expect(item(view, 3)?.statements.find((s) => s.kind === 'decision')?.lines).toEqual([20]);
  });

  it('publishes the contract in the OpenAPI document', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of ['/api/meetings', '/api/meetings/{id}', '/api/meetings/{id}/minutes', '/api/meetings/{id}/versions', '/api/meetings/{id}/transcript'])
      expect(paths).toContain(path);
  });

  it('refuses files it cannot read and agendas without numbered items', async () => {
    const exe = await call('mette', 'POST', '/api/meetings', { ...upload, agenda: file('agenda.md', 'dagsorden.exe') });
    expect(exe.status).toBe(415);
    const noItems = await call('mette', 'POST', '/api/meetings', {
      ...upload,
      agenda: { filename: 'dagsorden.txt', contentBase64: Buffer.from('Møde i udvalget\nIngen punkter').toString('base64') },
    });
    expect(noItems.status).toBe(400);
    expect((await call('mette', 'POST', '/api/meetings', { ...upload, transcript: { filename: 'x.txt', contentBase64: '!!!' } })).status).toBe(400);
  });
});

describe(`minutes with a model endpoint on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let double: OpenAiTestDouble;
  let headers: Record<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    double = await startOpenAiTestDouble();
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
    const u = await buildUser(handle, { username: 'sofie', roles: ['secretariat'] });
    headers = await loginHeaders(ctx.app, 'sofie', u.password);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await double?.close();
    await handle?.close();
  });

  it('has the model write the accounts, checked against the transcript, and logs each call', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/api/meetings', headers, payload: upload });
    const id = created.json().meeting.id;
    const res = await ctx.app.inject({ method: 'POST', url: `/api/meetings/${id}/minutes`, headers });
    expect(res.statusCode).toBe(201);
    const view = res.json() as View;
    expect(view.version?.content.engine).toBe('llm');
    expect(double.requests.length).toBeGreaterThan(0);
    // Structure (decisions, postponements) comes from the offline engine whatever the model writes.
    expect(view.version?.content.items.find((i) => i.number === 4)?.postponed).toBe(true);
    const usage = (await handle.db.query.aiUsage.findMany()).filter((u) => u.purpose === 'minutes');
    expect(usage.filter((u) => u.engine === 'llm').length).toBe(double.requests.length);
    expect(usage.every((u) => u.startedBy !== null && (u.params as { meetingId?: string }).meetingId === id)).toBe(true);
  });
});
