import { apiRequest } from '../../api/client';

export const respondentTypes = ['citizen', 'association', 'business', 'local_council', 'staff'] as const;
export type RespondentType = (typeof respondentTypes)[number];
export const stances = ['support', 'oppose', 'mixed', 'neutral'] as const;
export type Stance = (typeof stances)[number];
export type ThemeStatus = 'proposed' | 'approved' | 'rejected' | 'merged';

/** The roles that may import, review and correct (the server checks the same list; analysts only read). */
export const rolesThatMayActOnConsultations = ['caseworker', 'team_lead', 'secretariat', 'admin'] as const;

export interface ConsultationSummaryDto {
  id: string;
  title: string;
  status: 'open' | 'analysed' | 'closed';
  unitId: string | null;
  createdAt: string;
  updatedAt: string;
  responses: number;
  proposedThemes: number;
  approvedThemes: number;
  reviewed: number;
}

export interface QuoteDto {
  responseId: string;
  text: string;
  start: number;
  end: number;
  themeId: string | null;
}

export interface BreakdownDto {
  total: number;
  byRespondentType: Record<string, number>;
  byStance: Record<string, number>;
}

export interface ThemeDto {
  id: string;
  name: string;
  description: string;
  origin: 'ai' | 'human';
  status: ThemeStatus;
  mergedIntoId: string | null;
  quotes: QuoteDto[];
  count: number;
  responseCount: number;
  breakdown: BreakdownDto;
}

export interface ResponseDto {
  id: string;
  externalId: string;
  text: string;
  respondentType: RespondentType | null;
  campaignKey: string | null;
  ai: { themeIds: string[]; stance: Stance | null; quotes: QuoteDto[] };
  human: { themeIds: string[]; stance: Stance | null; byName: string | null; at: string } | null;
  themeIds: string[];
  stance: Stance | null;
}

export interface CampaignDto {
  key: string;
  label: string;
  size: number;
  representativeId: string;
  responseIds: string[];
  themeIds: string[];
  stance: Stance | null;
}

export interface QualityDto {
  reviewed: number;
  f1: number;
  interval: [number, number];
  stanceAgreement: number | null;
  isTrustworthy: boolean;
  bar: { f1: number; reviewed: number };
}

/** A consultation as the page shows it: themes, both kinds of assignments, breakdowns, campaigns, live quality. */
export interface ConsultationViewDto {
  consultation: {
    id: string;
    title: string;
    proposal: string;
    status: 'open' | 'analysed' | 'closed';
    unitId: string | null;
    createdAt: string;
    updatedAt: string;
  };
  run: { engine: 'offline' | 'llm'; model: string | null; at: string } | null;
  themes: ThemeDto[];
  responses: ResponseDto[];
  campaigns: CampaignDto[];
  breakdown: BreakdownDto;
  unthemed: number;
  quality: QualityDto;
}

/** Themes that count: approved or still proposed. */
export const isActiveTheme = (t: ThemeDto) => t.status === 'approved' || t.status === 'proposed';

/** The themes the memo and the breakdowns use: the approved ones, or before any approval the proposed ones. */
export function reportedThemes(themes: ThemeDto[]): ThemeDto[] {
  const approved = themes.filter((t) => t.status === 'approved');
  return approved.length > 0 ? approved : themes.filter(isActiveTheme);
}

export function fetchConsultations(signal?: AbortSignal): Promise<{ items: ConsultationSummaryDto[] }> {
  return apiRequest('/consultations', { signal });
}

export function createConsultation(title: string, proposal: string): Promise<{ consultation: { id: string; title: string } }> {
  return apiRequest('/consultations', { json: { title: title.trim(), proposal } });
}

/** Uploads the responses file; the server reads it and runs theme discovery before it answers. */
export function importResponses(consultationId: string, file: File): Promise<ConsultationViewDto> {
  return apiRequest(`/consultations/${encodeURIComponent(consultationId)}/responses`, {
    raw: { body: file, contentType: 'application/octet-stream' },
    query: { filename: file.name },
  });
}

export function fetchConsultation(id: string, signal?: AbortSignal): Promise<ConsultationViewDto> {
  return apiRequest(`/consultations/${encodeURIComponent(id)}`, { signal });
}

const themePath = (id: string, themeId: string) => `/consultations/${encodeURIComponent(id)}/themes/${encodeURIComponent(themeId)}`;

export function updateTheme(id: string, themeId: string, changes: { name?: string; description?: string }): Promise<ConsultationViewDto> {
  return apiRequest(themePath(id, themeId), { method: 'PATCH', json: changes });
}

export function addTheme(id: string, theme: { name: string; description: string }): Promise<ConsultationViewDto> {
  return apiRequest(`/consultations/${encodeURIComponent(id)}/themes`, { json: theme });
}

export function mergeTheme(id: string, themeId: string, intoId: string): Promise<ConsultationViewDto> {
  return apiRequest(`${themePath(id, themeId)}/merge`, { json: { intoId } });
}

export function decideTheme(id: string, themeId: string, decision: 'approve' | 'reject'): Promise<ConsultationViewDto> {
  return apiRequest(`${themePath(id, themeId)}/${decision}`, { method: 'POST' });
}

/** Maps every response again, to the approved themes. */
export function mapResponses(id: string): Promise<ConsultationViewDto> {
  return apiRequest(`/consultations/${encodeURIComponent(id)}/map`, { method: 'POST' });
}

/** A person's themes and stance for one response, stored beside the AI's. */
export function correctAssignment(id: string, responseId: string, correction: { themeIds: string[]; stance: Stance }): Promise<ConsultationViewDto> {
  return apiRequest(`/consultations/${encodeURIComponent(id)}/responses/${encodeURIComponent(responseId)}/assignment`, { method: 'PUT', json: correction });
}

/** Where the draft memo (DOCX) is downloaded from. */
export const memoUrl = (id: string) => `/api/consultations/${encodeURIComponent(id)}/memo.docx`;
