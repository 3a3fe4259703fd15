import { createRepositories, seedDemo } from '@ekspedit/db';
import { copenhagenDay, startOfCopenhagenDay } from '@ekspedit/mining';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

type Estimate = { value: number | null; low: number | null; high: number | null; n: number };

const now = new Date('2026-11-27T12:00:00Z');

/** An estimate as the API must send it: a value with its interval and the n it rests on. */
function expectInterval(e: Estimate): void {
  expect(e.n).toBeGreaterThan(1);
  expect(e.value).not.toBeNull();
  expect(e.low).not.toBeNull();
  expect(e.high).not.toBeNull();
  expect(e.low ?? 0).toBeLessThanOrEqual(e.value ?? 0);
  expect(e.high ?? 0).toBeGreaterThanOrEqual(e.value ?? 0);
}

describe(`measured value: dashboards, CSV and the monthly report on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  let caseworker: Record<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    // Four months: the older half without AI, the newer half with it.
    await seedDemo(handle, { now, cases: 240, months: 4 });
    ctx = await buildTestApp(handle, {}, { clock: { now: () => now } });
    caseworker = await loginHeaders(ctx.app, 'sagsbehandler', 'ekspedit-demo');
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  const get = (url: string, headers = caseworker) => ctx.app.inject({ method: 'GET', url, headers });

  it('gives a caseworker the efficiency of the whole municipality, every figure with its interval and n', async () => {
    const res = await get('/api/measurement/efficiency');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // The default period is the last 90 days against the 90 before.
    expect(r.filter).toMatchObject({ from: '2026-08-30', to: '2026-11-27', baselineFrom: '2026-06-01', baselineTo: '2026-08-29' });
    expect(r.baseline.method).toBe('before');
    expect(r.period.cases).toBeGreaterThan(100);
    expect(r.baseline.cases).toBeGreaterThan(20);
    const figure = (metric: string) => r.figures.find((f: { metric: string }) => f.metric === metric);
    for (const metric of ['firstResponseDays', 'handlingDays', 'activeDays', 'waitingDays', 'queueDays', 'deadlineMet', 'aiDrafted']) {
      expectInterval(figure(metric).period);
    }
    expect(figure('cases').period).toMatchObject({ value: r.period.cases, n: r.period.cases });
    // AI worked in the period only.
    expect(figure('aiDrafted').baseline.value).toBe(0);
    expect(figure('aiDrafted').period.value).toBeGreaterThan(0.2);
    expectInterval(figure('handlingDays').difference);
    expect(typeof figure('handlingDays').pAdjusted).toBe('number');
    // Hours saved and FTE: a value with an interval and n, and the allocation key's sensitivity.
    expectInterval(r.hoursSaved.hours);
    expectInterval(r.hoursSaved.fte);
    expect(r.hoursSaved.effort).toMatchObject({ method: 'allocation', allocationKey: 0.15 });
    expect(r.hoursSaved.sensitivity.map((x: { allocationKey: number }) => x.allocationKey)).toEqual([0.1, 0.2]);
    expect(r.trend.length).toBeGreaterThanOrEqual(4);
    expect(r.byUnit.map((u: { key: string }) => u.key)).toContain('parkering');
    expect(r.conclusions.length).toBeGreaterThan(2);
    expect(r.conclusions.join(' ')).toMatch(/timer/);
    expect(r.conclusionsEn.length).toBe(r.conclusions.length);
  });

  it('filters by unit and period, counting exactly the cases the extract holds', async () => {
    const res = await get('/api/measurement/efficiency?unit=affald&from=2026-09-01&to=2026-10-31');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.filter).toMatchObject({ unit: ['affald'], from: '2026-09-01', to: '2026-10-31', baselineFrom: '2026-07-02', baselineTo: '2026-08-31' });
    const data = await createRepositories(handle.db).measurement.loadMeasurementData({
      unitIds: ['affald'],
      receivedFrom: new Date(startOfCopenhagenDay('2026-09-01')),
      receivedBefore: new Date(startOfCopenhagenDay('2026-11-01')),
    });
    expect(r.period.cases).toBe(data.cases.length);
    expect(r.byUnit.map((u: { key: string }) => u.key)).toEqual(['affald']);
    // A thin slice says so instead of claiming a saving.
    expect(['too_thin', 'no_measurable_difference', 'saving', 'cost']).toContain(r.hoursSaved.verdict);

    const bad = await get('/api/measurement/efficiency?from=2026-10-01&to=2026-09-01');
    expect(bad.statusCode).toBe(400);
    expect((await get('/api/measurement/efficiency?kind=nonsense')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/measurement/efficiency' })).statusCode).toBe(401);
  });

  it('exports every table as Danish CSV with a byte-order mark and semicolons', async () => {
    const json = (await get('/api/measurement/efficiency')).json();
    const res = await get('/api/measurement/efficiency?format=csv&table=figures');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('maaling-effektivitet-figures-2026-08-30-2026-11-27.csv');
    expect(res.body.startsWith('\uFEFFMål;Basislinje;Basislinje – nedre grænse (95 %);')).toBe(true);
    const handling = res.body.split('\r\n').find((l) => l.startsWith('Behandlingstid (arbejdsdage, gns.);'));
    const period = json.figures.find((f: { metric: string }) => f.metric === 'handlingDays').period;
    const cells = handling?.split(';') ?? [];
    expect(cells[5]).toBe(String(Number(period.value.toFixed(4))).replace('.', ','));
    expect(cells[8]).toBe(String(period.n));
    for (const [report, tables] of [
      ['efficiency', ['hours', 'hours-total', 'comparisons', 'trend', 'units', 'kinds', 'channels']],
      ['quality', ['overall', 'classification-versions', 'draft-versions', 'classification-months', 'draft-months']],
      ['bias', ['comparisons', 'groups', 'overall-tests']],
      ['voice', ['targets', 'reasons', 'months']],
    ] as const) {
      for (const table of tables) {
        const csv = await get(`/api/measurement/${report}?format=csv&table=${table}`);
        expect(csv.statusCode, `${report}/${table}`).toBe(200);
        expect(csv.body.charCodeAt(0)).toBe(0xfeff);
        expect(csv.body.split('\r\n')[0]).toContain(';');
      }
    }
    expect((await get('/api/measurement/efficiency?format=csv&table=nonsense')).statusCode).toBe(400);
    expect((await get('/api/measurement/efficiency?format=csv')).statusCode).toBe(400);
  });

  it('measures AI quality by model and prompt version with n and intervals', async () => {
    const res = await get('/api/measurement/quality');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expectInterval(r.classification.overall.accuracy);
    expectInterval(r.drafts.overall.approvedUnedited);
    expectInterval(r.drafts.overall.editDistanceWords);
    expectInterval(r.drafts.overall.reviewMinutes);
    // The demo brings a second sorter and a second prompt halfway through the AI half.
    expect(r.classification.byVersion.length).toBeGreaterThanOrEqual(2);
    expect(r.drafts.byVersion.length).toBeGreaterThanOrEqual(2);
    expect(r.drafts.change).toMatchObject({ metric: 'approvedUnedited' });
    expect(r.conclusions.length).toBeGreaterThan(1);
  });

  it('compares groups of citizens with Holm-corrected tests and says so in plain words', async () => {
    const res = await get('/api/measurement/bias');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.attributes.map((a: { attribute: string }) => a.attribute)).toEqual(['language', 'channel', 'district']);
    const comparisons = r.attributes.flatMap((a: { comparisons: unknown[] }) => a.comparisons) as {
      verdict: string;
      pAdjusted: number | null;
      value: Estimate;
      difference: Estimate;
    }[];
    expect(comparisons.length).toBeGreaterThan(0);
    const tested = comparisons.filter((c) => c.verdict !== 'too_thin');
    expect(tested.length).toBe(r.method.tests);
    for (const c of tested) {
      expect(c.pAdjusted).not.toBeNull();
      expectInterval(c.difference);
    }
    for (const c of comparisons.filter((x) => x.verdict === 'too_thin')) expect(Math.min(c.value.n, c.difference.n)).toBeLessThan(r.method.minN);
    expect(r.conclusions[0]).toMatch(/sammenligninger/);
    expect(r.conclusions.join(' ')).toMatch(/for få sager|ingen målbar forskel|ALARM/);
  });

  it("aggregates the employees' ratings for everyone and keeps the comments within the unit", async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: caseworker,
      payload: { targetType: 'draft', rating: 'down', reason: 'tone', comment: 'For formelt sprog' },
    });
    expect(created.statusCode, created.body).toBe(201);
    // Ratings are stamped by the database clock, so ask about the days around the real today.
    const today = copenhagenDay(Date.now());
    const around = `from=${copenhagenDay(Date.now() - 86_400_000)}&to=${copenhagenDay(Date.now() + 86_400_000)}`;
    const own = (await get(`/api/measurement/voice?${around}`)).json();
    expect(own.ratings).toBe(1);
    expect(own.up).toMatchObject({ value: 0, n: 1 });
    expect(own.byTarget).toEqual([{ targetType: 'draft', ratings: 1, up: expect.objectContaining({ n: 1 }) }]);
    expect(own.byReason).toEqual([{ reason: 'tone', ratings: 1, down: 1 }]);
    expect(own.byMonth[0].month).toBe(today.slice(0, 7));
    expect(own.stream).toHaveLength(1);
    expect(own.stream[0]).toMatchObject({ targetType: 'draft', rating: 'down', comment: 'For formelt sprog' });
    expect(own.stream[0]).not.toHaveProperty('userName');
    expect(own.streamScope).toBe('own_unit');
    expect(own.pulse).toEqual({ status: 'not_built' });
    // A caseworker in another unit sees the aggregate, not the comment.
    const other = (await get(`/api/measurement/voice?${around}`, await loginHeaders(ctx.app, 'affald', 'ekspedit-demo'))).json();
    expect(other.ratings).toBe(1);
    expect(other.stream).toHaveLength(0);
    const affaldOnly = (await get(`/api/measurement/voice?${around}&unit=affald`)).json();
    expect(affaldOnly.ratings).toBe(0);
  });

  it('writes the monthly report as DOCX and PDF with the hours saved, intervals and conclusions', async () => {
    const month = (await get('/api/measurement/efficiency?from=2026-09-01&to=2026-09-30')).json();
    const hours = month.hoursSaved.hours;
    expect(month.hoursSaved.verdict).not.toBe('too_thin');
    expectInterval(hours);
    const figure = `${Math.round(hours.value).toLocaleString('da-DK')} ${Math.abs(Math.round(hours.value)) === 1 ? 'time' : 'timer'}`;

    const docx = await get('/api/measurement/report?month=2026-09&format=docx');
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toContain('maalt-vaerdi-2026-09.docx');
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('Målt værdi – månedsrapport for september 2026');
    expect(text).toContain('Periode: 1. september 2026 – 30. september 2026');
    expect(text).toContain(`Timer sparet i måneden: ${figure} (95 % KI`);
    expect(text).toMatch(/Behandlingstid \(arbejdsdage\): \d+,\d \(95 % KI \d+,\d – \d+,\d; n = \d+\)/);
    for (const heading of ['Effektivitet', 'AI-kvalitet', 'Ligebehandling', 'Medarbejdernes stemme']) expect(text).toContain(heading);
    expect(text).toContain(month.conclusions[0]);
    expect(text).toContain('Pulsmålingen om arbejdsbyrde og meningsfuldhed er endnu ikke bygget.');

    const pdf = await get('/api/measurement/report?month=2026-09&format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    expect(pdfText).toContain(`Timer sparet i måneden: ${figure}`);
    expect(pdfText).toContain('Ligebehandling');

    expect((await get('/api/measurement/report?month=2026-13')).statusCode).toBe(400);
  });
});
