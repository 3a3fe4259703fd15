import { apiRequest } from '../../api/client';
import type { CaseDto } from '../../api/types';

export type OverviewStatus = 'late' | 'due_this_week' | 'open' | 'answered_on_time' | 'answered_late';

export interface QuestionRowDto {
  caseId: string;
  number: string;
  title: string;
  asker: string | null;
  committee: string | null;
  questionCount: number;
  unitName: string | null;
  assigneeName: string | null;
  state: string;
  receivedAt: string;
  deadline: string | null;
  answeredAt: string | null;
  status: OverviewStatus;
}

export interface PrecedentDto {
  id: string;
  date: string;
  asker: string;
  committee: string;
  question: string;
  answer: string;
  similarity: number;
  match: 'strong' | 'possible' | 'weak';
}

export interface RegisterQuestionInput {
  title: string;
  unitId: string | null;
  sender: { kind: 'politician'; name: string; email: string | null };
  politician: {
    asker: string;
    committee: string | null;
    questions: string[];
    deadlineRule: { days: number; unit: 'working' | 'calendar' };
    isPublishable: boolean;
  };
}

/** Registers a politician's question (with its sub-questions) as a case. */
export function registerQuestion(input: RegisterQuestionInput): Promise<{ case: CaseDto }> {
  return apiRequest('/cases', { json: { kind: 'politician_question', channel: 'internal', ...input } });
}

/** The secretariat's overview of every politician's question and its deadline. */
export function fetchQuestions(signal?: AbortSignal): Promise<{ items: QuestionRowDto[]; counts: Record<string, number> }> {
  return apiRequest('/politics/questions', { signal });
}

/** Earlier questions like this one, with what was answered. */
export function fetchPrecedents(q: string, signal?: AbortSignal): Promise<{ items: PrecedentDto[] }> {
  return apiRequest('/politics/precedents', { query: { q, limit: 3 }, signal });
}

/** Where the answer letter is downloaded. */
export const letterUrl = (caseId: string, format: 'docx' | 'pdf') => `/api/cases/${encodeURIComponent(caseId)}/letter?format=${format}`;
