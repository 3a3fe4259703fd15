import { createRepositories } from '@ekspedit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInquiry, buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * Issue 5, measured: every way of sending without the approval the policy demands — none at all,
 * one made stale by an edit, one by a person without the right role, and a replayed one — is
 * refused with a stable code and leaves a "denied" entry in the audit log; nothing is sent.
 */
describe(`approval bound to content, on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Ctx;
  let unit: { id: string };
  const h: Record<string, Record<string, string>> = {};
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle);
    unit = await buildUnit(handle, { name: 'Sekretariatet', kleCodes: ['00'] });
    const users = {
      sofie: await buildUser(handle, { username: 'sofie', roles: ['secretariat'], unitId: unit.id }),
      mads: await buildUser(handle, { username: 'mads', roles: ['caseworker'], unitId: unit.id }),
      jens: await buildUser(handle, { username: 'jens', roles: ['team_lead'], unitId: unit.id }),
      ida: await buildUser(handle, { username: 'ida', roles: ['auditor'], unitId: null }),
    };
    ids = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.user.id]));
    for (const [name, u] of Object.entries(users)) h[name] = await loginHeaders(ctx.app, name, u.password);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  const api = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: h[who], ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const denied = async (caseId: string) => (await createRepositories(handle.db).audit.list({ targetId: caseId, outcome: 'denied', limit: 100 })).length;
  const outgoing = async (caseId: string) => (await createRepositories(handle.db).cases.listMessages(caseId)).filter((m) => m.direction === 'out');

  it('refuses every send without a valid approval, audits each refusal, and sends a politician answer once after two approvals', async () => {
    const c = await buildInquiry(handle, {
      unitId: unit.id,
      kind: 'politician_question',
      title: 'Spørgsmål om ventetid på byggesager',
      sender: { kind: 'politician', name: 'Karen Byråd', email: 'karen@byraad.example' },
    });
    const refusals: { code: string; status: number }[] = [];
    const expectRefused = async (res: Awaited<ReturnType<typeof api>>, code: string) => {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.json().error.code).toBe(code);
      refusals.push({ code, status: res.statusCode });
    };

    // The caseworker writes a reply. The chain for politicians' answers is caseworker → team lead.
    const saved = (await api('sofie', 'PUT', `/api/cases/${c.id}/review`, { body: 'Kære Karen\n\nSagsbehandlingstiden er 9,5 uger.' })).json();
    expect(saved.chain).toEqual(['caseworker', 'team_lead']);
    const draftId: string = saved.reply.id;
    const hash1: string = saved.reply.contentHash;

    // 1. No approval at all.
    await expectRefused(await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash1 }), 'APPROVAL_REQUIRED');
    // 2. An approval of text the approver did not see.
    await expectRefused(await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/approve`, { contentHash: 'a'.repeat(64) }), 'APPROVAL_STALE');
    // The caseworker approves step 1; one approval is not enough for a politician.
    const afterFirst = (await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/approve`, { contentHash: hash1 })).json();
    expect(afterFirst.approvals).toHaveLength(1);
    expect(afterFirst.nextRole).toBe('team_lead');
    await expectRefused(await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash1 }), 'APPROVAL_REQUIRED');
    // 3. Wrong role: a caseworker cannot give the team lead's step, nor can the first approver; an auditor cannot act at all.
    await expectRefused(await api('mads', 'POST', `/api/cases/${c.id}/review/${draftId}/approve`, { contentHash: hash1 }), 'APPROVER_NOT_ALLOWED');
    await expectRefused(await api('ida', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash1 }), 'FORBIDDEN');

    // 4. An edit after approval voids it: the old approval no longer sends the new text, nor the old one.
    const edited = (
      await api('sofie', 'PUT', `/api/cases/${c.id}/review`, { body: 'Kære Karen\n\nSagsbehandlingstiden er 9,5 uger. Vi ansætter to nye.' })
    ).json();
    const hash2: string = edited.reply.contentHash;
    expect(hash2).not.toBe(hash1);
    expect(edited.approvals[0].isValid).toBe(false);
    expect(edited.approvals[0].voidReason).toBe('edited');
    await expectRefused(await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash1 }), 'APPROVAL_STALE');
    await expectRefused(await api('jens', 'POST', `/api/cases/${c.id}/review/${draftId}/approve`, { contentHash: hash1 }), 'APPROVAL_STALE');
    await expectRefused(await api('jens', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash2 }), 'APPROVAL_REQUIRED');

    // The right chain on the current text: caseworker, then team lead; then it sends, once.
    await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/approve`, { contentHash: hash2 });
    const ready = (await api('jens', 'POST', `/api/cases/${c.id}/review/${draftId}/approve`, { contentHash: hash2 })).json();
    expect(ready.isComplete).toBe(true);
    const sent = await api('jens', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash2 });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().message).toMatchObject({ status: 'sent', toAddresses: ['karen@byraad.example'] });

    // 5. A replayed approval sends nothing.
    await expectRefused(await api('jens', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash2 }), 'APPROVAL_CONSUMED');
    await expectRefused(await api('sofie', 'POST', `/api/cases/${c.id}/review/${draftId}/send`, { contentHash: hash2 }), 'APPROVAL_CONSUMED');

    const out = await outgoing(c.id);
    expect(out).toHaveLength(1);
    expect(out[0]?.bodyText).toContain('Vi ansætter to nye.');
    // 100 % refused and 100 % audited: one denied entry per refusal.
    expect(refusals.length).toBe(10);
    expect(await denied(c.id)).toBe(refusals.length);
    const events = (await createRepositories(handle.db).cases.listEvents(c.id)).map((e) => e.activity);
    expect(events.filter((a) => a === 'reply.approved')).toHaveLength(3);
    expect(events).toContain('reply.edited');
    expect(events.filter((a) => a === 'message.sent')).toHaveLength(1);
  });

  it('lets a caseworker send a one-step reply after approving it, and records the edit distance in the AI usage log', async () => {
    const c = await buildInquiry(handle, { unitId: unit.id });
    const repos = createRepositories(handle.db);
    // An AI draft as the drafting route stores it, with its usage log entry.
    const usage = await repos.aiUsage.record({
      caseId: c.id,
      purpose: 'draft',
      engine: 'offline',
      endpoint: null,
      model: null,
      promptId: 'draft-reply',
      promptHash: null,
      params: {},
      inputHash: null,
      redactedInputHash: null,
      redactedInput: null,
      outputHash: null,
      output: null,
      sources: [],
      tokensIn: null,
      tokensOut: null,
      latencyMs: 5,
      startedBy: ids.mads ?? null,
    });
    const ai = await repos.drafts.saveDraft({
      caseId: c.id,
      body: 'Kære Anne\n\nStorskrald hentes mandag.',
      authorKind: 'ai',
      authorId: 'offline',
      data: { engine: 'offline', usageIds: [usage.id], sentences: [] },
    });
    const saved = (
      await api('mads', 'PUT', `/api/cases/${c.id}/review`, { body: 'Kære Anne\n\nStorskrald hentes på mandag i næste uge.', basedOnId: ai.id })
    ).json();
    expect(saved.chain).toEqual(['caseworker']);
    expect(saved.aiDraft.id).toBe(ai.id);
    await api('mads', 'POST', `/api/cases/${c.id}/review/${saved.reply.id}/approve`, { contentHash: saved.reply.contentHash });
    const sent = await api('mads', 'POST', `/api/cases/${c.id}/review/${saved.reply.id}/send`, { contentHash: saved.reply.contentHash });
    expect(sent.statusCode, sent.body).toBe(201);
    const [entry] = await repos.aiUsage.listForCase(c.id);
    expect(entry?.reviewDecision).toBe('edited');
    // "mandag." → "på mandag i næste uge.": one substitution and four insertions.
    expect(entry?.editDistance).toBe(5);
    expect(entry?.reviewSeconds).not.toBeNull();
  });

  it('rejects an AI draft with a reason and sends a reply back, voiding its approvals', async () => {
    const c = await buildInquiry(handle, {
      unitId: unit.id,
      kind: 'politician_question',
      sender: { kind: 'politician', name: 'Per', email: 'per@byraad.example' },
    });
    const saved = (await api('sofie', 'PUT', `/api/cases/${c.id}/review`, { body: 'Kære Per\n\nSvaret kommer.' })).json();
    await api('sofie', 'POST', `/api/cases/${c.id}/review/${saved.reply.id}/approve`, { contentHash: saved.reply.contentHash });
    const empty = await api('jens', 'POST', `/api/cases/${c.id}/review/${saved.reply.id}/return`, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    const back = (await api('jens', 'POST', `/api/cases/${c.id}/review/${saved.reply.id}/return`, { reason: 'Mangler tal for 2025' })).json();
    expect(back.reply.status).toBe('returned');
    expect(back.approvals[0]).toMatchObject({ isValid: false, voidReason: 'returned' });
    const events = await createRepositories(handle.db).cases.listEvents(c.id);
    expect(events.find((e) => e.activity === 'reply.returned')?.data).toMatchObject({ reason: 'Mangler tal for 2025', voidedApprovals: 1 });
  });
});
