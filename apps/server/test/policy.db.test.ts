import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseClassifier, ClassificationResult } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { buildTestApp, loginHeaders } from './support';

/** Our own classifier port, answering by a keyword: storskrald → 07.18.03, anything else → 02.00.00. */
const keywordClassifier: CaseClassifier = {
  async classify(item): Promise<ClassificationResult> {
    const isWaste = /storskrald/i.test(`${item.subject} ${item.body}`);
    const kleCode = isWaste ? '07.18.03' : '02.00.00';
    return {
      modelVersion: 'keyword-test',
      kleCode,
      kleGroup: kleCode.slice(0, 5),
      caseKind: 'citizen_inquiry',
      itemKind: 'question',
      priority: 'normal',
      language: 'da',
      confidence: 0.97,
      alternatives: [],
      explanation: [],
    };
  },
};

const ackRule = {
  kind: null,
  kleGroup: '07.18',
  channel: null,
  level: 3,
  autoSend: { acknowledgements: true, standardAnswers: false, minConfidence: 0.9, auditShare: 1 },
} as const;
const baseDocument = {
  defaultLevel: 2,
  rules: [] as unknown[],
  killSwitches: { classification: false, drafting: false, auto_send: false },
  approvalChains: { politician_question: ['caseworker', 'team_lead'] },
};

describe(`automation policy on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    handle = await createTestDatabase();
    ctx = await buildTestApp(handle, {}, { classifier: { current: async () => keywordClassifier, retrainSoon: () => {}, version: () => 'keyword-test' } });
    const waste = await buildUnit(handle, { name: 'Affald', kleCodes: ['07.18'] });
    await buildUnit(handle, { name: 'Byggeri', kleCodes: ['02'] });
    const admin = await buildUser(handle, { username: 'admin', roles: ['admin'], unitId: null });
    const mette = await buildUser(handle, { username: 'mette', roles: ['caseworker'], unitId: waste.id });
    h.admin = await loginHeaders(ctx.app, 'admin', admin.password);
    h.mette = await loginHeaders(ctx.app, 'mette', mette.password);
  });
  afterAll(async () => {
    await ctx?.app.close();
    await handle?.close();
  });

  const putPolicy = (who: string, document: unknown, expectedVersion: number, comment = '') =>
    ctx.app.inject({ method: 'PUT', url: '/api/policy', headers: h[who], payload: { document, expectedVersion, comment } });
  const inquire = async (subject: string) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/inquiries',
      headers: { 'x-requested-with': 'ekspedit' },
      payload: { name: 'Anne Jensen', email: 'anne@borger.example', subject, body: `${subject}. Hvornår kan det ske?` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const repos = createRepositories(handle.db);
    const c = await repos.cases.findCaseByNumber(res.json().caseNumber);
    if (!c) throw new Error('case not found');
    return { c, out: (await repos.cases.listMessages(c.id)).filter((m) => m.direction === 'out'), events: await repos.cases.listEvents(c.id) };
  };

  it('is readable by every employee, changed only by admins, and refuses what the hard limits forbid', async () => {
    const read = (await ctx.app.inject({ method: 'GET', url: '/api/policy', headers: h.mette })).json();
    expect(read.current.version).toBe(0);
    expect(read.current.defaultLevel).toBe(2);
    const byCaseworker = await putPolicy('mette', { ...baseDocument, rules: [ackRule] }, 0);
    expect(byCaseworker.json().error.code).toBe('FORBIDDEN');
    const politician = await putPolicy('admin', { ...baseDocument, rules: [{ ...ackRule, kind: 'politician_question' }] }, 0);
    expect(politician.statusCode).toBe(422);
    expect(politician.json().error.code).toBe('POLICY_HARD_LIMIT');
    const decision = await putPolicy(
      'admin',
      { ...baseDocument, rules: [{ ...ackRule, kind: 'complaint', autoSend: { ...ackRule.autoSend, standardAnswers: true } }] },
      0,
    );
    expect(decision.json().error.code).toBe('POLICY_HARD_LIMIT');
    const badGroup = await putPolicy('admin', { ...baseDocument, rules: [{ ...ackRule, kleGroup: 'affald' }] }, 0);
    expect(badGroup.json().error.code).toBe('VALIDATION_FAILED');
    const audit = await createRepositories(handle.db).audit.list({ action: 'policy.change', limit: 10 });
    expect(audit.filter((e) => e.outcome === 'denied')).toHaveLength(4);
  });

  it('sends an acknowledgement by AI under policy version N for the KLE group at level 3, and the kill switch stops it', async () => {
    // Before any rule: nothing is sent by AI.
    expect((await inquire('Storskrald på Nørregade')).out).toHaveLength(0);

    const v1 = await putPolicy('admin', { ...baseDocument, rules: [ackRule] }, 0, 'Kvitteringer for affald');
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json().current.version).toBe(1);
    expect((await putPolicy('admin', baseDocument, 0)).json().error.code).toBe('CONFLICT');

    const waste = await inquire('Storskrald i min gård');
    expect(waste.out).toHaveLength(1);
    expect(waste.out[0]).toMatchObject({ status: 'sent', aiPolicyVersion: 1, isAuditSample: true, authorId: null });
    expect(waste.out[0]?.bodyText).toContain(waste.c.number);
    const sentEvent = waste.events.find((e) => e.activity === 'message.sent');
    expect(sentEvent).toMatchObject({ actorKind: 'ai', actorId: 'auto-acknowledgement' });
    expect(sentEvent?.data).toMatchObject({ policyVersion: 1, purpose: 'acknowledgement' });
    const aiSends = await createRepositories(handle.db).audit.list({ targetId: waste.c.id, action: 'message.send', limit: 5 });
    expect(aiSends[0]).toMatchObject({ actorKind: 'ai', outcome: 'allowed' });
    expect(aiSends[0]?.data).toMatchObject({ policyVersion: 1 });

    // With an audit share of 1 every automatic send is drawn for a person's check, and listed for everyone.
    const samples = (await ctx.app.inject({ method: 'GET', url: '/api/policy/audit-samples', headers: h.mette })).json();
    expect(samples.items.map((i: { caseNumber: string }) => i.caseNumber)).toContain(waste.c.number);

    // Another KLE group stays at level 2: no acknowledgement.
    expect((await inquire('Byggetilladelse til carport')).out).toHaveLength(0);

    // The kill switch stops automatic sending at once, and says so on the case.
    const v2 = await putPolicy('admin', { ...baseDocument, rules: [ackRule], killSwitches: { ...baseDocument.killSwitches, auto_send: true } }, 1, 'Nødstop');
    expect(v2.json().current.version).toBe(2);
    const stopped = await inquire('Storskrald igen');
    expect(stopped.out).toHaveLength(0);
    expect(stopped.events.find((e) => e.activity === 'ai.auto_send_stopped')?.data).toMatchObject({ policyVersion: 2, reason: 'kill_switch' });
    const history = (await ctx.app.inject({ method: 'GET', url: '/api/policy', headers: h.mette })).json().history;
    expect(history.map((p: { version: number }) => p.version)).toEqual([2, 1]);
  });

  it('sends a standard answer by AI only when it is built on a standard letter, fully grounded and sure enough', async () => {
    const kb = (f: string) => fileURLToPath(new URL(`../../../eval/datasets/${f}`, import.meta.url));
    for (const [file, kind] of [
      ['knowledge-base/affald-storskrald.md', 'document'],
      ['standard-letters/svar-affald.md', 'standard_letter'],
    ] as const) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/kb/sources?filename=${encodeURIComponent(file.split('/')[1] ?? file)}&kind=${kind}`,
        headers: { ...h.admin, 'content-type': 'application/octet-stream' },
        payload: readFileSync(kb(file)),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const current = (await ctx.app.inject({ method: 'GET', url: '/api/policy', headers: h.admin })).json().current;
    const answerRule = { ...ackRule, autoSend: { acknowledgements: false, standardAnswers: true, minConfidence: 0.9, auditShare: 0 } };
    const saved = await putPolicy('admin', { ...baseDocument, rules: [answerRule] }, current.version, 'Standardsvar om storskrald');
    expect(saved.statusCode, saved.body).toBe(200);
    const version = saved.json().current.version;
    const answered = await inquire('Hvordan bestiller jeg storskrald');
    const byAi = answered.out.filter((m) => m.aiPolicyVersion === version);
    expect(byAi).toHaveLength(1);
    expect(byAi[0]?.bodyText).toContain('Affaldsservice');
    expect(answered.events.find((e) => e.activity === 'message.sent')?.data).toMatchObject({ purpose: 'standard_answer', policyVersion: version });

    // A higher bar than the sorting's confidence (0.97): the draft stays for a person, and the case says why.
    const strict = await putPolicy(
      'admin',
      { ...baseDocument, rules: [{ ...answerRule, autoSend: { ...answerRule.autoSend, minConfidence: 0.99 } }] },
      version,
    );
    expect(strict.statusCode).toBe(200);
    const withheld = await inquire('Hvordan bestiller jeg storskrald til sofaen');
    expect(withheld.out).toHaveLength(0);
    expect(withheld.events.find((e) => e.activity === 'ai.auto_answer_withheld')?.data).toMatchObject({ reason: 'confidence' });
  });

  it('puts a random share of new cases in a control group without any AI when a pilot runs', async () => {
    const current = (await ctx.app.inject({ method: 'GET', url: '/api/policy', headers: h.admin })).json().current;
    const bad = await putPolicy('admin', { ...baseDocument, pilot: { name: 'Forsøg', controlShare: 0.9 } }, current.version);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    // Half the cases go to the control group; over 24 inquiries both arms get cases.
    const saved = await putPolicy('admin', { ...baseDocument, pilot: { name: 'Forsøg 2026', controlShare: 0.5 } }, current.version, 'Kontrolleret forsøg');
    expect(saved.statusCode, saved.body).toBe(200);
    const arms: string[] = [];
    for (let i = 0; i < 24; i++) {
      const { c, events } = await inquire(`Storskrald nummer ${i}`);
      const assigned = events.find((e) => e.activity === 'pilot.assigned');
      arms.push(String(assigned?.data.arm));
      if (assigned?.data.arm === 'control') {
        expect(c.flags).toContain('ai_control');
        expect(events.some((e) => e.activity === 'case.classified')).toBe(false);
        const draft = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/draft`, headers: h.admin });
        expect(draft.json().error.code).toBe('POLICY_FORBIDS');
      } else {
        expect(events.some((e) => e.activity === 'case.classified')).toBe(true);
      }
    }
    expect(arms.filter((a) => a === 'control').length).toBeGreaterThan(0);
    expect(arms.filter((a) => a === 'ai').length).toBeGreaterThan(0);
    const off = await putPolicy('admin', { ...baseDocument, pilot: null }, saved.json().current.version, 'Forsøget er slut');
    expect(off.statusCode).toBe(200);
  });

  it('stops drafting and classification with their kill switches', async () => {
    const current = (await ctx.app.inject({ method: 'GET', url: '/api/policy', headers: h.admin })).json().current;
    const killed = await putPolicy('admin', { ...baseDocument, killSwitches: { classification: true, drafting: true, auto_send: true } }, current.version);
    expect(killed.statusCode, killed.body).toBe(200);
    const unsorted = await inquire('Storskrald en tredje gang');
    // No AI sorting: the case waits for a person in the triage queue, with no suggestion.
    expect(unsorted.c.unitId).toBeNull();
    expect(unsorted.events.some((e) => e.activity === 'case.classified')).toBe(false);
    const draft = await ctx.app.inject({ method: 'POST', url: `/api/cases/${unsorted.c.id}/draft`, headers: h.admin });
    expect(draft.statusCode).toBe(403);
    expect(draft.json().error.code).toBe('POLICY_FORBIDS');
  });
});
