import { addDays, copenhagenDate, type IsoDate, type WorkingCalendar } from './calendar';

/** A deadline rule for politicians' questions: so many working or calendar days from receipt. */
export interface QuestionDeadlineRule {
  days: number;
  unit: 'working' | 'calendar';
}

/** What a registered politician's question carries besides its text. */
export interface PoliticianQuestionDetails {
  /** Who asks (name and party), e.g. "Mette Jensen (A)". */
  asker: string;
  committee: string | null;
  /** The sub-questions of one submission, in order. */
  questions: string[];
  deadlineRule: QuestionDeadlineRule;
  /** May the question and answer go on the public register? */
  isPublishable: boolean;
}

/** The default rule: ten working days (configurable per registration). */
export const defaultPoliticianDeadline: QuestionDeadlineRule = { days: 10, unit: 'working' };

/** The deadline of a politician's question; a calendar-day deadline on a closed day moves to the next working day. */
export function politicianDeadline(received: Date, rule: QuestionDeadlineRule, calendar: WorkingCalendar): IsoDate {
  const day = copenhagenDate(received);
  if (rule.unit === 'working') return calendar.addWorkingDays(day, rule.days);
  let d = addDays(day, rule.days);
  while (!calendar.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** One row of the secretariat's deadline overview. */
export interface PoliticianQuestionRow {
  caseId: string;
  number: string;
  title: string;
  asker: string | null;
  committee: string | null;
  questionCount: number;
  unitId: string | null;
  unitName: string | null;
  assigneeName: string | null;
  state: string;
  receivedAt: Date;
  deadline: IsoDate | null;
  /** When the approved answer was sent (not an acknowledgement), or null. */
  answeredAt: Date | null;
  isPublishable: boolean;
}

/** The register of politicians' questions (implemented in packages/db). */
export interface PoliticsRepository {
  listQuestions(filter: { receivedFrom?: Date; receivedTo?: Date }): Promise<PoliticianQuestionRow[]>;
  /** Answered questions with their answers, newest first (for precedents and the public register). */
  listAnswered(filter: {
    publishableOnly: boolean;
    limit: number;
  }): Promise<{ caseId: string; number: string; date: IsoDate; asker: string; committee: string; question: string; answer: string; isPublishable: boolean }[]>;
}

export type OverviewStatus = 'late' | 'due_this_week' | 'open' | 'answered_on_time' | 'answered_late';

/** Where a question stands against its deadline, as the secretariat sees it on `today`. */
export function overviewStatus(row: Pick<PoliticianQuestionRow, 'deadline' | 'answeredAt'>, today: IsoDate, calendar: WorkingCalendar): OverviewStatus {
  if (row.answeredAt) {
    const answered = copenhagenDate(row.answeredAt);
    return row.deadline && answered > row.deadline ? 'answered_late' : 'answered_on_time';
  }
  if (!row.deadline) return 'open';
  if (row.deadline < today) return 'late';
  // "This week": the deadline falls within the next five working days.
  return row.deadline <= calendar.addWorkingDays(today, 5) ? 'due_this_week' : 'open';
}
