import type { IsoDate, PoliticianQuestionRow, PoliticsRepository } from '@ekspedit/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../open';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];

/** The SQL of the secretariat's overview: every politician's question, with when its approved answer went out. */
export function questionsSql(filter: { receivedFrom?: Date; receivedTo?: Date }) {
  return sql`
    select c.id as case_id, c.number, c.title, c.details, c.unit_id, u.name as unit_name, a.display_name as assignee_name,
           c.state, c.received_at, c.deadline,
           (select min(m.sent_at) from messages m
             where m.case_id = c.id and m.direction = 'out' and m.status = 'sent' and m.ai_policy_version is null) as answered_at
      from cases c
      left join units u on u.id = c.unit_id
      left join users a on a.id = c.assignee_id
     where c.kind = 'politician_question'
       ${filter.receivedFrom ? sql`and c.received_at >= ${filter.receivedFrom.toISOString()}` : sql``}
       ${filter.receivedTo ? sql`and c.received_at < ${filter.receivedTo.toISOString()}` : sql``}
     order by c.deadline nulls last, c.received_at`;
}

/** The SQL of the register: answered politicians' questions with the answer that was sent. */
export function answeredSql(filter: { publishableOnly: boolean; limit: number }) {
  return sql`
    select c.id as case_id, c.number, c.title, c.details, c.received_at,
           (select m.body_text from messages m where m.case_id = c.id and m.direction = 'in' order by m.created_at limit 1) as question,
           (select m.body_text from messages m
             where m.case_id = c.id and m.direction = 'out' and m.status = 'sent' and m.ai_policy_version is null
             order by m.sent_at desc limit 1) as answer,
           (select p.name from case_parties cp join parties p on p.id = cp.party_id where cp.case_id = c.id limit 1) as party_name
      from cases c
     where c.kind = 'politician_question'
       and exists (select 1 from messages m where m.case_id = c.id and m.direction = 'out' and m.status = 'sent' and m.ai_policy_version is null)
       ${filter.publishableOnly ? sql`and coalesce((c.details->>'isPublishable')::boolean, false)` : sql``}
     order by c.received_at desc
     limit ${filter.limit}`;
}

interface QuestionRowSql {
  case_id: string;
  number: string;
  title: string;
  details: Record<string, unknown> | null;
  unit_id: string | null;
  unit_name: string | null;
  assignee_name: string | null;
  state: string;
  received_at: string | Date;
  deadline: string | null;
  answered_at: string | Date | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const date = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const isoDay = (v: unknown): IsoDate | null => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null);

/** Politicians' questions: the deadline overview and the register of answers. */
export function createPoliticsRepository(db: Db): PoliticsRepository {
  return {
    async listQuestions(filter): Promise<PoliticianQuestionRow[]> {
      const rows = rowsOf<QuestionRowSql>(await db.execute(questionsSql(filter)));
      return rows.map((r) => {
        const d = r.details ?? {};
        return {
          caseId: r.case_id,
          number: r.number,
          title: r.title,
          asker: str(d.asker),
          committee: str(d.committee),
          questionCount: Array.isArray(d.questions) ? d.questions.length : 1,
          unitId: r.unit_id,
          unitName: r.unit_name,
          assigneeName: r.assignee_name,
          state: r.state,
          receivedAt: date(r.received_at),
          deadline: isoDay(r.deadline),
          answeredAt: r.answered_at ? date(r.answered_at) : null,
          isPublishable: d.isPublishable === true,
        };
      });
    },
    async listAnswered(filter) {
      const rows = rowsOf<{
        case_id: string;
        number: string;
        title: string;
        details: Record<string, unknown> | null;
        received_at: string | Date;
        question: string | null;
        answer: string | null;
        party_name: string | null;
      }>(await db.execute(answeredSql(filter)));
      return rows.map((r) => {
        const d = r.details ?? {};
        const questions = Array.isArray(d.questions) ? (d.questions as string[]) : [];
        return {
          caseId: r.case_id,
          number: r.number,
          date: isoDay(r.received_at) ?? '',
          asker: str(d.asker) ?? r.party_name ?? '',
          committee: str(d.committee) ?? '',
          question: questions.length > 0 ? `${r.title}\n${questions.join('\n')}` : `${r.title}\n${r.question ?? ''}`,
          answer: r.answer ?? '',
          isPublishable: d.isPublishable === true,
        };
      });
    },
  };
}
