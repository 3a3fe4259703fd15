import { apiRequest } from '../../api/client';

/** The memo templates the server knows (packages/ai/src/memos/templates.ts), with their section titles. */
export const memoTemplates = {
  committee: ['Indstilling', 'Problemstilling', 'Løsning', 'Økonomi', 'Videre proces'],
  management: ['Baggrund', 'Vurdering', 'Anbefaling'],
} as const;
export type MemoTemplateId = keyof typeof memoTemplates;

export interface MemoSentenceDto {
  text: string;
  sourceIds: string[];
  /** Footnote numbers, as written in the memo text. */
  citations: number[];
  /** False when the sources do not support a model-written sentence. */
  supported: boolean;
  flags: string[];
}

export interface MemoDto {
  template: MemoTemplateId;
  title: string;
  question: string;
  caseNumber: string | null;
  date: string | null;
  engine: 'offline' | 'llm';
  fallbackReason: string | null;
  sections: { id: string; title: string; sentences: MemoSentenceDto[] }[];
  sources: { id: string; title: string; number: number | null }[];
}

export interface MemoResponse {
  memo: MemoDto | null;
  reply: { id: string; status: string; contentHash: string; body: string } | null;
}

const base = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/memo`;

/** The memo drafted last on the case (from its working reply), if any. */
export function fetchMemo(caseId: string, signal?: AbortSignal): Promise<MemoResponse> {
  return apiRequest(base(caseId), { signal });
}

/** Drafts the memo and saves it as the case's reply, to be approved by the chain. */
export function draftMemo(
  caseId: string,
  body: { template: MemoTemplateId; question: string; sourceCaseNumbers: string[]; query?: string },
): Promise<MemoResponse> {
  return apiRequest(`${base(caseId)}/draft`, { json: body });
}

/** Where the DOCX of the latest memo text is downloaded. */
export const memoDocxUrl = (caseId: string) => `/api${base(caseId)}.docx`;

/** Case numbers typed as a list ("2026-000123, 2026-000124"); returns the valid ones and the rest. */
export function parseCaseNumbers(text: string): { valid: string[]; invalid: string[] } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const valid = parts.filter((p) => /^\d{4}-\d{6}$/.test(p));
  return { valid: [...new Set(valid)], invalid: parts.filter((p) => !/^\d{4}-\d{6}$/.test(p)) };
}
