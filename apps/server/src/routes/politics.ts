import { answerLetterDocx, answerLetterPdf, buildPrecedentIndex, csvEscape } from '@ekspedit/ai';
import { AppError, copenhagenDate, getCaseForUser, overviewStatus, type UserRecord } from '@ekspedit/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';

const isWide = (u: UserRecord) => u.roles.some((r) => r === 'secretariat' || r === 'admin' || r === 'analyst' || r === 'auditor');

const overviewItem = z.object({
  caseId: z.string(),
  number: z.string(),
  title: z.string(),
  asker: z.string().nullable(),
  committee: z.string().nullable(),
  questionCount: z.number(),
  unitName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  state: z.string(),
  receivedAt: z.string(),
  deadline: z.string().nullable(),
  answeredAt: z.string().nullable(),
  status: z.enum(['late', 'due_this_week', 'open', 'answered_on_time', 'answered_late']),
});

/** Politicians' questions: the secretariat's deadline overview, precedents, the register and the answer letter. */
export function politicsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  return async (app) => {
    app.get(
      '/api/politics/questions',
      { schema: { tags: ['politics'], response: { 200: z.object({ items: z.array(overviewItem), counts: z.record(z.string(), z.number()) }) } } },
      async (request) => {
        const user = requireUser(request);
        const today = copenhagenDate(deps.clock.now());
        const rows = (await repos.politics.listQuestions({})).filter((r) => isWide(user) || r.unitId === user.unitId);
        const items = rows.map((r) => ({
          caseId: r.caseId,
          number: r.number,
          title: r.title,
          asker: r.asker,
          committee: r.committee,
          questionCount: r.questionCount,
          unitName: r.unitName,
          assigneeName: r.assigneeName,
          state: r.state,
          receivedAt: r.receivedAt.toISOString(),
          deadline: r.deadline,
          answeredAt: r.answeredAt?.toISOString() ?? null,
          status: overviewStatus(r, today, deps.calendar),
        }));
        const counts: Record<string, number> = {};
        for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
        return { items, counts };
      },
    );

    app.get(
      '/api/politics/precedents',
      {
        schema: {
          tags: ['politics'],
          querystring: z.strictObject({ q: z.string().trim().min(3).max(5000), limit: z.coerce.number().int().min(1).max(20).default(5) }),
        },
      },
      async (request) => {
        requireUser(request);
        const answered = await repos.politics.listAnswered({ publishableOnly: false, limit: 5000 });
        const index = await buildPrecedentIndex(
          answered.map((a) => ({ id: a.number, date: a.date, asker: a.asker, committee: a.committee, question: a.question, answer: a.answer })),
        );
        const hits = await index.search(request.query.q, { limit: request.query.limit });
        return { items: hits, size: index.size, embedding: index.embedding };
      },
    );

    // The public register: answered questions marked publishable, no login (JSON, or CSV for spreadsheets).
    app.get(
      '/api/public/politics/register',
      { schema: { tags: ['politics'], querystring: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }) } },
      async (request, reply) => {
        const rows = await repos.politics.listAnswered({ publishableOnly: true, limit: 5000 });
        const items = rows.map((r) => ({ number: r.number, date: r.date, asker: r.asker, committee: r.committee, question: r.question, answer: r.answer }));
        if (request.query.format === 'json') return { items };
        const header = 'sagsnummer;dato;spørger;udvalg;spørgsmål;svar';
        const body = items.map((i) => [i.number, i.date, i.asker, i.committee, i.question, i.answer].map((v) => csvEscape(v ?? '')).join(';')).join('\n');
        return reply.header('content-type', 'text/csv; charset=utf-8').send(`\ufeff${header}\n${body}\n`);
      },
    );

    app.get(
      '/api/cases/:id/letter',
      {
        schema: {
          tags: ['politics'],
          params: z.object({ id: z.string().min(1).max(64) }),
          querystring: z.strictObject({ format: z.enum(['docx', 'pdf']).default('docx') }),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const c = await getCaseForUser({ caseRef: request.params.id, user }, { cases: repos.cases, audit: repos.audit });
        const messages = await repos.cases.listMessages(c.id);
        const sent = [...messages].reverse().find((m) => m.direction === 'out' && m.status === 'sent' && m.draftId);
        if (!sent?.draftId) throw new AppError('NOT_FOUND', { message: 'Der er endnu ikke sendt et godkendt svar på sagen' });
        const approvals = (await repos.reviews.listApprovals(sent.draftId)).filter((a) => a.consumedAt);
        const users = new Map((await repos.directory.listUsers()).map((u) => [u.id, u.displayName]));
        const roleName: Record<string, string> = { caseworker: 'Sagsbehandler', team_lead: 'Teamleder', secretariat: 'Sekretariat', director: 'Direktør' };
        const details = c.details ?? {};
        const parties = await repos.cases.listParties(c.id);
        const letter = {
          municipality: 'Demo Kommune',
          sender: deps.fromAddress.replace(/\s*<.*>/, ''),
          recipient: (typeof details.asker === 'string' && details.asker) || parties[0]?.name || 'Modtager',
          recipientLine: typeof details.committee === 'string' ? `Medlem af ${details.committee}` : null,
          caseNumber: c.number,
          date: copenhagenDate(sent.sentAt ?? sent.createdAt),
          subject: `Svar: ${c.title}`,
          questions: Array.isArray(details.questions) ? (details.questions as string[]) : [],
          answer: sent.bodyText,
          approvedBy: approvals.sort((a, b) => a.step - b.step).map((a) => `${roleName[a.role] ?? a.role}: ${users.get(a.approverId) ?? a.approverId}`),
        };
        const isPdf = request.query.format === 'pdf';
        const bytes = isPdf ? await answerLetterPdf(letter) : await answerLetterDocx(letter);
        await repos.audit.record({
          actorKind: 'person',
          actorId: user.id,
          action: 'letter.export',
          outcome: 'allowed',
          targetType: 'case',
          targetId: c.id,
          data: { format: request.query.format },
        });
        return reply
          .header('content-type', isPdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="svar-${c.number}.${request.query.format}"`)
          .send(Buffer.from(bytes));
      },
    );
  };
}
