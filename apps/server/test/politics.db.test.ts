import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

describe(`politicians' questions on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    // A fixed "today": Monday 2 March 2026.
    ctx = await buildTestApp(handle, {}, { clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    const unit = await buildUnit(handle, { name: 'Politisk Sekretariat', kleCodes: ['00'] });
    const sofie = await buildUser(handle, { username: 'sofie', roles: ['secretariat'], unitId: unit.id });
    const jens = await buildUser(handle, { username: 'jens', roles: ['team_lead', 'secretariat'], unitId: unit.id });
    h.sofie = await loginHeaders(ctx.app, 'sofie', sofie.password);
    h.jens = await loginHeaders(ctx.app, 'jens', jens.password);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  const register = (questions: string[], rule: { days: number; unit: 'working' | 'calendar' }, isPublishable = true) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: h.sofie,
      payload: {
        kind: 'politician_question',
        title: 'Spørgsmål om cykelstier',
        sender: { kind: 'politician', name: 'Mette Jensen', email: 'mette@byraad.example' },
        politician: { asker: 'Mette Jensen (A)', committee: 'Teknik- og Miljøudvalget', questions, deadlineRule: rule, isPublishable },
      },
    });

  it('registers a question with sub-questions and its own deadline rule, in working or calendar days', async () => {
    const working = await register(['Hvor mange km cykelsti er anlagt i 2025?', 'Hvad koster vedligeholdelsen årligt?'], { days: 10, unit: 'working' });
    expect(working.statusCode, working.body).toBe(201);
    const c = working.json().case;
    expect(c.details).toMatchObject({
      asker: 'Mette Jensen (A)',
      questions: ['Hvor mange km cykelsti er anlagt i 2025?', 'Hvad koster vedligeholdelsen årligt?'],
    });
    // Ten working days from Monday 2 March 2026: Monday 16 March.
    expect(c.deadline).toBe('2026-03-16');
    // 33 calendar days from 2 March is Saturday 4 April 2026 (Easter Saturday): the next working day is Tuesday 7 April.
    const calendar = (await register(['Hvornår åbner cykelbroen?'], { days: 33, unit: 'calendar' })).json().case;
    expect(calendar.deadline).toBe('2026-04-07');
    const empty = await register([], { days: 10, unit: 'working' });
    expect(empty.statusCode).toBe(400);
  });

  it('shows the deadline overview, sends the approved answer once, produces the letter as DOCX and PDF, finds it as a precedent and publishes it', async () => {
    const c = (await register(['Hvor mange km cykelsti er anlagt i 2025?', 'Hvad koster vedligeholdelsen?'], { days: 3, unit: 'working' })).json().case;
    const overview = (await ctx.app.inject({ method: 'GET', url: '/api/politics/questions', headers: h.sofie })).json();
    expect(overview.items.find((i: { number: string }) => i.number === c.number)).toMatchObject({
      status: 'due_this_week',
      questionCount: 2,
      asker: 'Mette Jensen (A)',
    });

    const saved = (
      await ctx.app.inject({
        method: 'PUT',
        url: `/api/cases/${c.id}/review`,
        headers: h.sofie,
        payload: { body: 'Ad 1: I 2025 er der anlagt 12 km cykelsti.\n\nAd 2: Vedligeholdelsen koster 1,4 mio. kr. om året.' },
      })
    ).json();
    const hash = saved.reply.contentHash;
    await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/review/${saved.reply.id}/approve`, headers: h.sofie, payload: { contentHash: hash } });
    await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/review/${saved.reply.id}/approve`, headers: h.jens, payload: { contentHash: hash } });
    const sent = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/review/${saved.reply.id}/send`,
      headers: h.jens,
      payload: { contentHash: hash },
    });
    expect(sent.statusCode, sent.body).toBe(201);

    const after = (await ctx.app.inject({ method: 'GET', url: '/api/politics/questions', headers: h.sofie })).json();
    expect(after.items.find((i: { number: string }) => i.number === c.number)?.status).toBe('answered_on_time');

    const docx = await ctx.app.inject({ method: 'GET', url: `/api/cases/${c.number}/letter?format=docx`, headers: h.sofie });
    expect(docx.statusCode).toBe(200);
    const docxText = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(docxText).toContain('Mette Jensen (A)');
    expect(docxText).toContain('2. Hvad koster vedligeholdelsen?');
    expect(docxText).toContain('12 km cykelsti');
    expect(docxText).toMatch(/Teamleder: .+/);
    const pdf = await ctx.app.inject({ method: 'GET', url: `/api/cases/${c.number}/letter?format=pdf`, headers: h.sofie });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    expect(text).toContain('Vedligeholdelsen koster 1,4 mio. kr.');

    const precedents = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/politics/precedents?q=${encodeURIComponent('Hvor mange kilometer cykelsti blev anlagt sidste år?')}`,
        headers: h.sofie,
      })
    ).json();
    expect(precedents.items[0]).toMatchObject({ id: c.number });
    expect(precedents.items[0].answer).toContain('12 km');

    const register2 = (await ctx.app.inject({ method: 'GET', url: '/api/public/politics/register' })).json();
    expect(register2.items.map((i: { number: string }) => i.number)).toContain(c.number);
    const csv = await ctx.app.inject({ method: 'GET', url: '/api/public/politics/register?format=csv' });
    expect(csv.body).toContain(c.number);
  });
});
