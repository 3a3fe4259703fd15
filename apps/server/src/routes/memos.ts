import {
  citationNumbers,
  createOpenAiProvider,
  draftMemo,
  type Memo,
  type MemoSource,
  memoDocx,
  memoTemplateIds,
  memoToText,
  parseMemoText,
} from '@ekspedit/ai';
import {
  AppError,
  approvalChain,
  approvalState,
  type CaseRecord,
  contentHash,
  copenhagenDate,
  getCaseForUser,
  type ReplyDraft,
  saveReply,
  type UserRecord,
} from '@ekspedit/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import { type AppDeps, reviewDeps } from '../deps';

// ── Schemas: the contract of /api/cases/:id/memo ───────────────────────────────────────────────

const idParams = z.object({ id: z.string().min(1).max(64) });
const caseNumber = z.string().regex(/^\d{4}-\d{6}$/, 'Sagsnummer som 2026-000123');

export const draftMemoRequest = z.strictObject({
  template: z.enum(memoTemplateIds).describe('committee: sag til udvalg; management: notat til direktion'),
  question: z.string().trim().min(1).max(2000).describe('What the memo is to answer or decide'),
  sourceCaseNumbers: z.array(caseNumber).max(20).default([]).describe("Cases whose messages the memo is drafted from (the user's access applies)"),
  query: z.string().trim().max(500).optional().describe('A search in the knowledge base; its best passages become sources too'),
});

const memoDto = z.object({
  template: z.enum(memoTemplateIds),
  title: z.string(),
  question: z.string(),
  caseNumber: z.string().nullable(),
  date: z.string().nullable(),
  engine: z.enum(['offline', 'llm']),
  fallbackReason: z.string().nullable(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      sentences: z.array(
        z.object({
          text: z.string(),
          sourceIds: z.array(z.string()),
          citations: z.array(z.number()).describe('The footnote numbers of the sources, as in the text'),
          supported: z.boolean(),
          flags: z.array(z.string()),
        }),
      ),
    }),
  ),
  sources: z.array(z.object({ id: z.string(), title: z.string(), number: z.number().nullable() })),
});
export const memoResponse = z.object({
  memo: memoDto.nullable(),
  reply: z.object({ id: z.string(), status: z.string(), contentHash: z.string(), body: z.string() }).nullable(),
});

// ── Helpers ────────────────────────────────────────────────────────────────────────────────────

/** Caps what one draft reads: enough for a memo, bounded for the model and the offline scorer. */
const maxSources = 30;
const maxSourceChars = 20_000;

function presentMemo(memo: Memo): z.infer<typeof memoDto> {
  const numbers = citationNumbers(memo);
  return {
    template: memo.template,
    title: memo.title,
    question: memo.question,
    caseNumber: memo.caseNumber,
    date: memo.date,
    engine: memo.engine,
    fallbackReason: memo.fallbackReason,
    sections: memo.sections.map((s) => ({
      id: s.id,
      title: s.title,
      sentences: s.sentences.map((x) => ({
        text: x.text,
        sourceIds: x.sourceIds,
        citations: x.sourceIds.map((id) => numbers.get(id) ?? 0).filter((n) => n > 0),
        supported: x.supported,
        flags: x.flags,
      })),
    })),
    sources: memo.sources.map((s) => ({ id: s.id, title: s.title, number: numbers.get(s.id) ?? null })),
  };
}

const storedMemo = (d: ReplyDraft | null): Memo | null => {
  const m = d?.data.memo as Memo | undefined;
  return m && Array.isArray(m.sections) && Array.isArray(m.sources) ? m : null;
};

/** Titles must be unique: the edited text's source list is read back by title. */
function uniqueTitles(sources: MemoSource[]): MemoSource[] {
  const seen = new Map<string, number>();
  return sources.map((s) => {
    const n = (seen.get(s.title) ?? 0) + 1;
    seen.set(s.title, n);
    return n === 1 ? s : { ...s, title: `${s.title} (${n})` };
  });
}

/** Memos (notater): drafted from cases and the knowledge base, approved as the case's reply, exported as DOCX. */
export function memoRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  const rdeps = reviewDeps(deps);
  const provider = deps.llm ? createOpenAiProvider(deps.llm) : null;
  const tags = ['memos'];

  async function getMemoCase(caseRef: string, user: UserRecord): Promise<CaseRecord> {
    const c = await getCaseForUser({ caseRef, user }, rdeps);
    if (c.kind !== 'memo') throw new AppError('VALIDATION_FAILED', { message: 'Sagen er ikke et notat' });
    return c;
  }

  /** The messages of the chosen cases (each read under the user's own access) and the knowledge base's best passages. */
  async function gatherSources(c: CaseRecord, user: UserRecord, numbers: readonly string[], query: string | undefined): Promise<MemoSource[]> {
    const sources: MemoSource[] = [];
    for (const number of [...new Set(numbers)]) {
      const source = await getCaseForUser({ caseRef: number, user }, rdeps);
      if (source.id === c.id) continue;
      for (const m of await repos.cases.listMessages(source.id)) {
        const text = m.bodyText.trim();
        if (!text) continue;
        sources.push({
          id: `message:${m.id}`,
          title: `Sag ${source.number}: ${m.subject.trim() || source.title} (${copenhagenDate(m.createdAt)})`,
          text: text.slice(0, maxSourceChars),
        });
      }
    }
    if (query) {
      const hits = await deps.knowledge.search({ text: query, limit: 5, unitId: c.unitId, kleCode: c.kleCode, today: copenhagenDate(deps.clock.now()) });
      for (const h of hits)
        sources.push({ id: `knowledge:${h.chunkId}`, title: `Vidensbase: ${h.title}${h.headingPath ? ` › ${h.headingPath}` : ''}`, text: h.text });
    }
    return uniqueTitles(sources.slice(0, maxSources));
  }

  /** The memo text to export: the working reply, else the last one sent, with who approved it. */
  async function latestMemoText(c: CaseRecord): Promise<{ draft: ReplyDraft; approvedBy: string[] }> {
    const roleName: Record<string, string> = { caseworker: 'Sagsbehandler', team_lead: 'Teamleder', secretariat: 'Sekretariat', director: 'Direktør' };
    const users = new Map((await repos.directory.listUsers()).map((u) => [u.id, u.displayName]));
    const label = (a: { role: string; approverId: string }) => `${roleName[a.role] ?? a.role}: ${users.get(a.approverId) ?? a.approverId}`;
    const working = await repos.reviews.findWorkingReply(c.id);
    if (working) {
      const chain = approvalChain(await repos.policy.current(), c.kind);
      const state = approvalState(working, chain, await repos.reviews.listApprovals(working.id));
      return { draft: working, approvedBy: state.isComplete ? [...state.valid].sort((a, b) => a.step - b.step).map(label) : [] };
    }
    const sent = [...(await repos.cases.listMessages(c.id))].reverse().find((m) => m.direction === 'out' && m.draftId);
    const draft = sent?.draftId ? await repos.reviews.findDraft(sent.draftId) : null;
    if (!draft) throw new AppError('NOT_FOUND', { message: 'Notatet har endnu ingen tekst' });
    const approvals = (await repos.reviews.listApprovals(draft.id)).filter((a) => a.consumedAt).sort((a, b) => a.step - b.step);
    return { draft, approvedBy: approvals.map(label) };
  }

  // The hash is what an approver signs: the panel passes it on to the approval.
  const presentReply = (d: ReplyDraft) => ({ id: d.id, status: d.status, contentHash: contentHash(d), body: d.body });

  return async (app) => {
    app.post('/api/cases/:id/memo/draft', { schema: { tags, params: idParams, body: draftMemoRequest, response: { 200: memoResponse } } }, async (request) => {
      const user = requireUser(request);
      const c = await getMemoCase(request.params.id, user);
      const body = request.body;
      const sources = await gatherSources(c, user, body.sourceCaseNumbers, body.query);
      if (sources.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Vælg sager eller en søgning, som notatet kan bygge på' });
      const { memo, usage } = await draftMemo(
        { template: body.template, title: c.title, question: body.question, sources, caseNumber: c.number, date: copenhagenDate(deps.clock.now()) },
        { llm: provider, trust: deps.llm?.trust ?? 'external' },
      );
      const { draft } = await saveReply({ caseId: c.id, user, body: memoToText(memo), subject: c.title }, rdeps);
      const saved = await repos.reviews.updateReply(draft.id, { data: { ...draft.data, memo } });
      for (const u of usage) await repos.aiUsage.record({ ...u, caseId: c.id, startedBy: user.id });
      return { memo: presentMemo(memo), reply: presentReply(saved) };
    });

    app.get('/api/cases/:id/memo', { schema: { tags, params: idParams, response: { 200: memoResponse } } }, async (request) => {
      const c = await getMemoCase(request.params.id, requireUser(request));
      const working = await repos.reviews.findWorkingReply(c.id);
      const memo = storedMemo(working);
      return { memo: memo ? presentMemo(memo) : null, reply: working ? presentReply(working) : null };
    });

    app.get('/api/cases/:id/memo.docx', { schema: { tags, params: idParams } }, async (request, reply) => {
      const user = requireUser(request);
      const c = await getMemoCase(request.params.id, user);
      const { draft, approvedBy } = await latestMemoText(c);
      const stored = storedMemo(draft);
      const template = stored?.template ?? (/^#+\s*Baggrund\s*$/m.test(draft.body) ? 'management' : 'committee');
      const memo = parseMemoText(draft.body, {
        template,
        title: c.title,
        question: stored?.question ?? '',
        caseNumber: c.number,
        date: copenhagenDate(draft.updatedAt),
        sources: stored?.sources ?? [],
        engine: stored?.engine ?? 'offline',
        fallbackReason: null,
      });
      const bytes = await memoDocx(memo, { approvedBy });
      await repos.audit.record({
        actorKind: 'person',
        actorId: user.id,
        action: 'memo.export',
        outcome: 'allowed',
        targetType: 'case',
        targetId: c.id,
        data: { draftId: draft.id },
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="notat-${c.number}.docx"`)
        .send(Buffer.from(bytes));
    });
  };
}
