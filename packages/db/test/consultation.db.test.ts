import { buildConsultationView, type ConsultationEngine } from '@ekspedit/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/repositories';
import { buildUser } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The view only needs the engine's quality; a count of agreeing responses is enough here.
const quality: Pick<ConsultationEngine, 'quality'> = {
  quality: (ai, human) => {
    const agree = human.filter((h) => JSON.stringify([...h.themes].sort()) === JSON.stringify([...(ai.find((a) => a.id === h.id)?.themes ?? [])].sort()));
    return { reviewed: human.length, f1: human.length ? agree.length / human.length : 0, interval: [0, 1], stanceAgreement: null, isTrustworthy: false };
  },
};

describe(`consultation repository on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let repos: ReturnType<typeof createRepositories>;
  let userId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    repos = createRepositories(handle.db);
    userId = (await buildUser(handle, { roles: ['caseworker'] })).user.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('keeps import order, stores discovered themes with their quotes, and AI and human rows apart', async () => {
    const c = await repos.consultations.create({ title: 'Lukning af Nørremark Skole', proposal: '# Forslag', unitId: null, createdBy: userId });
    expect(c.status).toBe('open');
    // Ids that sort differently as text and as numbers, in an order that is neither.
    const ids = ['r10', 'r2', 'r1', 'r3'];
    await repos.consultations.addResponses(
      c.id,
      ids.map((id, i) => ({ externalId: id, text: `Svar ${id}: skolevejen er farlig.`, respondentType: i === 0 ? 'association' : null })),
    );
    const responses = await repos.consultations.listResponses(c.id);
    expect(responses.map((r) => r.externalId)).toEqual(ids);
    const byExt = new Map(responses.map((r) => [r.externalId, r.id]));
    const rid = (ext: string) => byExt.get(ext) ?? '';

    const at = new Date('2026-06-20T10:00:00.000Z');
    await repos.consultations.saveAnalysis({
      consultationId: c.id,
      at,
      createdBy: userId,
      newThemes: [
        {
          key: 'tema-1',
          name: 'Skolevej',
          description: 'Vejen til skole',
          quotes: [{ responseId: 'r10', text: 'skolevejen er farlig', start: 11, end: 31, themeId: 'tema-1' }],
        },
        { key: 'tema-2', name: 'Økonomi', description: '', quotes: [] },
      ],
      responses: [
        { responseId: rid('r10'), stance: 'oppose', campaignKey: null },
        { responseId: rid('r2'), stance: 'oppose', campaignKey: 'r2' },
        { responseId: rid('r1'), stance: 'oppose', campaignKey: 'r2' },
        { responseId: rid('r3'), stance: 'support', campaignKey: null },
      ],
      assignments: [
        {
          responseId: rid('r10'),
          theme: 'tema-1',
          stance: 'oppose',
          quotes: [{ responseId: 'r10', text: 'x', start: 0, end: 1, themeId: 'tema-1' }],
          score: 0.9,
        },
        { responseId: rid('r2'), theme: 'tema-1', stance: 'oppose', quotes: [], score: 0.5 },
        { responseId: rid('r1'), theme: 'tema-1', stance: 'oppose', quotes: [], score: 0.5 },
        { responseId: rid('r3'), theme: 'tema-2', stance: 'support', quotes: [], score: 0.4 },
      ],
    });
    const themes = await repos.consultations.listThemes(c.id);
    expect(themes.map((t) => [t.name, t.origin, t.status])).toEqual([
      ['Skolevej', 'ai', 'proposed'],
      ['Økonomi', 'ai', 'proposed'],
    ]);
    const [skolevej, oekonomi] = themes;
    if (!skolevej || !oekonomi) throw new Error('themes missing');
    // Engine keys in quotes became database ids.
    expect(skolevej.quotes[0]?.themeId).toBe(skolevej.id);
    expect((await repos.consultations.listAssignments(c.id)).find((a) => a.responseId === rid('r10'))?.quotes[0]?.themeId).toBe(skolevej.id);
    expect((await repos.consultations.find(c.id))?.status).toBe('analysed');
    expect((await repos.consultations.listResponses(c.id)).map((r) => [r.stance, r.campaignKey])).toEqual([
      ['oppose', null],
      ['oppose', 'r2'],
      ['oppose', 'r2'],
      ['support', null],
    ]);

    // A status change only from the status the caller saw.
    expect(await repos.consultations.updateTheme(skolevej.id, 'approved', { name: 'X' }, at)).toBeNull();
    const approved = await repos.consultations.updateTheme(skolevej.id, 'proposed', { status: 'approved', name: 'Skolevej og transport' }, at);
    expect(approved?.name).toBe('Skolevej og transport');
    await repos.consultations.updateTheme(oekonomi.id, 'proposed', { status: 'approved' }, at);

    // Two corrections of r3: the later one counts; both stay in the table, beside the AI's row.
    await repos.consultations.addHumanAssignment({
      consultationId: c.id,
      responseId: rid('r3'),
      themeIds: [skolevej.id, oekonomi.id],
      stance: 'mixed',
      createdBy: userId,
      at: new Date(at.getTime() + 1000),
    });
    await repos.consultations.addHumanAssignment({
      consultationId: c.id,
      responseId: rid('r3'),
      themeIds: [oekonomi.id],
      stance: 'support',
      createdBy: userId,
      at: new Date(at.getTime() + 2000),
    });
    const rows = await repos.consultations.listAssignments(c.id);
    expect(rows.filter((r) => r.source === 'ai')).toHaveLength(4);
    expect(rows.filter((r) => r.source === 'human')).toHaveLength(3);

    const view = buildConsultationView(
      {
        consultation: (await repos.consultations.find(c.id)) ?? c,
        run: null,
        responses: await repos.consultations.listResponses(c.id),
        themes: await repos.consultations.listThemes(c.id),
        assignments: rows,
      },
      quality,
    );
    const r3 = view.responses.find((r) => r.externalId === 'r3');
    expect(r3?.human).toMatchObject({ themeIds: [oekonomi.id], stance: 'support' });
    expect(r3?.ai.themeIds).toEqual([oekonomi.id]);
    expect(view.quality).toMatchObject({ reviewed: 1, f1: 1 });
    // The campaign r2 + r1 is one voice on Skolevej: 2 voices, 3 responses.
    expect(view.themes.find((t) => t.id === skolevej.id)).toMatchObject({ count: 2, responseCount: 3 });
    expect(view.campaigns).toEqual([expect.objectContaining({ key: 'r2', label: 'K1', size: 2, representativeId: 'r2', responseIds: ['r2', 'r1'] })]);
    expect(view.breakdown.byRespondentType).toMatchObject({ association: 1, unknown: 3 });

    const [summary] = await repos.consultations.list();
    expect(summary).toMatchObject({ id: c.id, responses: 4, proposedThemes: 0, approvedThemes: 2, reviewed: 1 });
  });

  it('finds the latest run in the AI usage log and refuses duplicate response ids', async () => {
    const c = await repos.consultations.create({ title: 'Ny høring', proposal: '', unitId: null, createdBy: userId });
    expect(await repos.consultations.findLatestRun(c.id)).toBeNull();
    const entry = {
      caseId: null,
      purpose: 'consultation',
      endpoint: null,
      promptId: 'consultation-offline',
      promptHash: null,
      inputHash: null,
      redactedInputHash: null,
      redactedInput: null,
      outputHash: null,
      output: null,
      sources: [],
      tokensIn: null,
      tokensOut: null,
      latencyMs: 1,
      startedBy: userId,
    };
    await repos.aiUsage.record({ ...entry, engine: 'offline', model: null, params: { consultationId: c.id } });
    await handle.db.execute(sql`update ai_usage set created_at = now() - interval '1 hour' where params->>'consultationId' = ${c.id}`);
    await repos.aiUsage.record({ ...entry, engine: 'llm', model: 'testmodel', params: { consultationId: c.id } });
    expect(await repos.consultations.findLatestRun(c.id)).toMatchObject({ engine: 'llm', model: 'testmodel' });

    await expect(
      repos.consultations.addResponses(c.id, [
        { externalId: 'a', text: 'x', respondentType: null },
        { externalId: 'a', text: 'y', respondentType: null },
      ]),
    ).rejects.toThrow();
    expect(await repos.consultations.listResponses(c.id)).toHaveLength(0);
  });
});
