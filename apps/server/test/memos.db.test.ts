import { createRepositories } from '@ekspedit/db';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

type Sentence = { text: string; sourceIds: string[]; citations: number[]; supported: boolean };
type MemoBody = {
  memo: {
    template: string;
    caseNumber: string;
    engine: string;
    sections: { id: string; title: string; sentences: Sentence[] }[];
    sources: { id: string; title: string; number: number | null }[];
  };
  reply: { id: string; status: string; contentHash: string; body: string };
};

const speeding =
  'Beboerne på Skolevej klager over, at bilerne kører alt for hurtigt forbi skolen om morgenen. Der er kommet 14 henvendelser om trafikken på Skolevej siden januar.';
const proposal =
  'En løsning kan være at etablere tre vejchikaner og hævede flader ved skolen på Skolevej. Anlægget af chikanerne koster 450.000 kr., som kan finansieres af puljen til trafiksikkerhed i budget 2026. Forvaltningen anbefaler, at udvalget godkender etablering af vejchikaner på Skolevej. Efter godkendelse sendes forslaget i høring hos beboerne, og arbejdet kan udføres i efteråret som næste skridt.';

describe(`memos API on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  const h: Record<string, Record<string, string>> = {};
  const numbers: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const call = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await ctx.app.inject({ method, url, headers: h[user], ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null, res };
  };
  const register = async (user: string, key: string, kind: string, title: string, body: string) => {
    const r = await call(user, 'POST', '/api/cases', { kind, title, body, channel: 'internal' });
    expect(r.status, r.res.body).toBe(201);
    numbers[key] = r.json.case.number;
    ids[key] = r.json.case.id;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle);
    const teknik = await buildUnit(handle, { name: 'Teknik og Miljø' });
    const social = await buildUnit(handle, { name: 'Social' });
    for (const [username, roles, unitId] of [
      ['mette', ['caseworker'], teknik.id],
      ['lars', ['team_lead'], teknik.id],
      ['kim', ['caseworker'], social.id],
      ['admin', ['admin'], null],
    ] as const) {
      const u = await buildUser(handle, { username, roles: [...roles], unitId, displayName: username.toUpperCase() });
      h[username] = await loginHeaders(ctx.app, username, u.password);
    }
    // Memos go through a caseworker and a team lead, as the policy says.
    const policy = await call('admin', 'PUT', '/api/policy', {
      document: {
        defaultLevel: 2,
        rules: [],
        killSwitches: { classification: false, drafting: false, auto_send: false },
        approvalChains: { politician_question: ['caseworker', 'team_lead'], memo: ['caseworker', 'team_lead'] },
      },
      expectedVersion: 0,
      comment: 'Notater godkendes af teamleder',
    });
    expect(policy.status, policy.res.body).toBe(200);
    await register('mette', 'speeding', 'citizen_inquiry', 'Fart på Skolevej', speeding);
    await register('mette', 'proposal', 'citizen_inquiry', 'Forslag om vejchikaner', proposal);
    await register('mette', 'memo', 'memo', 'Trafiksikkerhed på Skolevej', '');
    await register('kim', 'social', 'citizen_inquiry', 'Hjemmehjælp', 'Min mor har brug for mere hjemmehjælp om aftenen og i weekenden.');
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  it('drafts a committee memo from two cases, every sentence cited, saved as the reply and logged as AI usage', async () => {
    const r = await call('mette', 'POST', `/api/cases/${ids.memo}/memo/draft`, {
      template: 'committee',
      question: 'Skal der etableres vejchikaner på Skolevej for at sænke farten ved skolen?',
      sourceCaseNumbers: [numbers.speeding, numbers.proposal],
    });
    expect(r.status, r.res.body).toBe(200);
    const { memo, reply } = r.json as MemoBody;
    expect(memo).toMatchObject({ template: 'committee', caseNumber: numbers.memo, engine: 'offline' });
    expect(memo.sections.map((s) => s.title)).toEqual(['Indstilling', 'Problemstilling', 'Løsning', 'Økonomi', 'Videre proces']);
    const text = (id: string) =>
      memo.sections
        .find((s) => s.id === id)
        ?.sentences.map((s) => s.text)
        .join(' ');
    expect(text('indstilling')).toContain('anbefaler, at udvalget godkender');
    expect(text('problemstilling')).toContain('14 henvendelser');
    expect(text('oekonomi')).toContain('450.000 kr.');
    const sentences = memo.sections.flatMap((s) => s.sentences);
    expect(sentences.length).toBeGreaterThanOrEqual(5);
    for (const s of sentences) expect(s.citations.length).toBeGreaterThan(0);
    const cited = memo.sources.filter((s) => s.number !== null).map((s) => s.title);
    expect(cited).toEqual(expect.arrayContaining([expect.stringContaining(`Sag ${numbers.speeding}`), expect.stringContaining(`Sag ${numbers.proposal}`)]));

    expect(reply.status).toBe('open');
    expect(reply.body.startsWith('## Indstilling\n')).toBe(true);
    expect(reply.body).toMatch(/450\.000 kr\.[^\n]*\[\d\]/);
    expect(reply.body).toContain(`## Kilder\n[1] Sag ${numbers.proposal}`);

    const again = await call('mette', 'GET', `/api/cases/${ids.memo}/memo`);
    expect(again.json.memo.sections).toEqual(memo.sections);
    const usage = await createRepositories(handle.db).aiUsage.listForCase(ids.memo as string);
    expect(usage).toEqual([expect.objectContaining({ purpose: 'memo', engine: 'offline' })]);
  });

  it('is approved through the policy chain and downloads as DOCX with the approvers', async () => {
    const review = await call('mette', 'GET', `/api/cases/${ids.memo}/review`);
    expect(review.json.chain).toEqual(['caseworker', 'team_lead']);
    const { id, contentHash } = review.json.reply;
    const unapproved = await call('mette', 'GET', `/api/cases/${ids.memo}/memo.docx`);
    expect(unapproved.status).toBe(200);
    expect((await mammoth.extractRawText({ buffer: unapproved.res.rawPayload })).value).toContain('Udkast – endnu ikke godkendt.');

    const first = await call('mette', 'POST', `/api/cases/${ids.memo}/review/${id}/approve`, { contentHash });
    expect(first.status, first.res.body).toBe(200);
    expect(first.json).toMatchObject({ isComplete: false, nextRole: 'team_lead' });
    const second = await call('lars', 'POST', `/api/cases/${ids.memo}/review/${id}/approve`, { contentHash });
    expect(second.status, second.res.body).toBe(200);
    expect(second.json.isComplete).toBe(true);

    const docx = await call('lars', 'GET', `/api/cases/${ids.memo}/memo.docx`);
    expect(docx.status).toBe(200);
    expect(docx.res.headers['content-type']).toContain('wordprocessingml');
    expect(docx.res.headers['content-disposition']).toContain(`notat-${numbers.memo}.docx`);
    const { value } = await mammoth.extractRawText({ buffer: docx.res.rawPayload });
    for (const expected of [
      'Sag til udvalg',
      'Trafiksikkerhed på Skolevej',
      `Sagsnummer: ${numbers.memo}`,
      'Indstilling',
      'Problemstilling',
      'Økonomi',
      'Kilder',
    ])
      expect(value).toContain(expected);
    expect(value).toMatch(/450\.000 kr\.[^\n]*\[\d\]/);
    expect(value).toContain(`[1] Sag ${numbers.proposal}`);
    expect(value).toContain('Godkendt af: Sagsbehandler: METTE · Teamleder: LARS');
  });

  it('voids the approvals when the memo is drafted again, and refuses sources and cases it may not use', async () => {
    const redraft = await call('mette', 'POST', `/api/cases/${ids.memo}/memo/draft`, {
      template: 'management',
      question: 'Hvad anbefaler forvaltningen om farten på Skolevej?',
      sourceCaseNumbers: [numbers.proposal],
    });
    expect(redraft.status, redraft.res.body).toBe(200);
    expect((redraft.json as MemoBody).memo.sections.map((s) => s.title)).toEqual(['Baggrund', 'Vurdering', 'Anbefaling']);
    const review = await call('mette', 'GET', `/api/cases/${ids.memo}/review`);
    expect(review.json).toMatchObject({ isComplete: false, nextStep: 1 });

    const foreign = await call('mette', 'POST', `/api/cases/${ids.memo}/memo/draft`, {
      template: 'committee',
      question: 'Hjemmehjælp?',
      sourceCaseNumbers: [numbers.social],
    });
    expect(foreign.status).toBe(403);
    const notMemo = await call('mette', 'POST', `/api/cases/${ids.speeding}/memo/draft`, {
      template: 'committee',
      question: 'Fart?',
      sourceCaseNumbers: [numbers.proposal],
    });
    expect(notMemo.status).toBe(400);
    const nothing = await call('mette', 'POST', `/api/cases/${ids.memo}/memo/draft`, { template: 'committee', question: 'Fart?' });
    expect(nothing.status).toBe(400);
    const badTemplate = await call('mette', 'POST', `/api/cases/${ids.memo}/memo/draft`, {
      template: 'letter',
      question: 'Fart?',
      sourceCaseNumbers: [numbers.proposal],
    });
    expect(badTemplate.status).toBe(400);
  });
});
