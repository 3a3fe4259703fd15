import { apiRequest } from '../../api/client';

/**
 * The document-set API (apps/server/src/routes/document-sets.ts). The types mirror the route's zod
 * schemas; they are written out here because the web app imports no server code.
 */

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobDto {
  id: string;
  kind: string;
  status: JobStatus;
  /** 0–100. */
  percent: number;
  done: number;
  total: number;
  etaSeconds: number | null;
  /** What done/total count: `scan` (files being read), `pages`, `documents`. */
  message: string | null;
  isCancelRequested: boolean;
  error: string | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type Pagination = 'pdf' | 'explicit' | 'pseudo';

export interface SetFileDto {
  name: string;
  size: number;
  mediaType: string;
  uploadedAt: string;
}

export interface SetDocumentDto {
  document: string;
  title: string;
  mediaType: string;
  pages: number;
  paragraphs: number;
  pagination: Pagination;
  status: 'ok' | 'no_text' | 'unreadable';
  error?: string;
}

export interface DocumentSetListItem {
  id: string;
  name: string;
  createdAt: string;
  createdByName: string;
  fileCount: number;
  pages: number | null;
  isIndexCurrent: boolean;
}

export interface DocumentSetDetail extends DocumentSetListItem {
  revision: number;
  files: SetFileDto[];
  index: {
    revision: number;
    indexedAt: string;
    documents: SetDocumentDto[];
    skipped: string[];
    stats: { pages: number; paragraphs: number; resumedPages: number; extractedPages: number; elapsedMs: number };
  } | null;
  jobs: { index: JobDto | null; summarize: JobDto | null };
  summaries: { createdAt: string; isCurrent: boolean } | null;
}

export interface CitationDto {
  document: string;
  title: string;
  page: number;
  paragraph: number;
  pagination: Pagination;
  heading: string;
  quote: string;
}

export interface SentenceDto {
  text: string;
  supported: boolean;
  flags: string[];
  /** Indexes into the answer's (or summary's) citations. */
  citations: number[];
}

export interface AnswerDto {
  question: string;
  answer: string;
  engine: 'offline' | 'llm';
  model: string | null;
  fallbackReason: string | null;
  sentences: SentenceDto[];
  citations: CitationDto[];
  flags: string[];
  passages: { document: string; page: number; paragraph: number; score: number }[];
}

export interface SummaryDto {
  engine: 'offline' | 'llm';
  summary: string;
  sentences: SentenceDto[];
  citations: CitationDto[];
}

export interface SummariesDto {
  revision: number;
  createdAt: string;
  isCurrent: boolean;
  engine: 'offline' | 'llm';
  model: string | null;
  fallbackReason: string | null;
  documents: (SummaryDto & { document: string; title: string; pages: number })[];
  overall: SummaryDto;
}

/** File types a set accepts, for the file picker. */
export const acceptedFileTypes =
  '.pdf,.docx,.md,.markdown,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain';

const base = (id: string) => `/document-sets/${encodeURIComponent(id)}`;

/** True while a job waits or runs. */
export const isActive = (job: JobDto | null | undefined): job is JobDto => !!job && (job.status === 'queued' || job.status === 'running');

export function fetchSets(signal?: AbortSignal): Promise<{ items: DocumentSetListItem[] }> {
  return apiRequest('/document-sets', { signal });
}

export function createSet(name: string): Promise<{ set: DocumentSetDetail }> {
  return apiRequest('/document-sets', { json: { name } });
}

export function fetchSet(id: string, signal?: AbortSignal): Promise<{ set: DocumentSetDetail }> {
  return apiRequest(base(id), { signal });
}

/** Uploads one file as raw bytes; the server refuses types it cannot read. */
export function uploadFile(id: string, file: File, signal?: AbortSignal): Promise<{ file: SetFileDto; isReplaced: boolean; revision: number }> {
  return apiRequest(`${base(id)}/files`, { raw: { body: file, contentType: 'application/octet-stream' }, query: { filename: file.name }, signal });
}

/** Starts indexing (or returns the run already under way). */
export function startIndexing(id: string): Promise<{ job: JobDto; isNew: boolean }> {
  return apiRequest(`${base(id)}/index`, { method: 'POST' });
}

/** Starts the summaries (or returns the run already under way). */
export function startSummaries(id: string): Promise<{ job: JobDto; isNew: boolean }> {
  return apiRequest(`${base(id)}/summaries`, { method: 'POST' });
}

export function fetchJob(id: string, jobId: string, signal?: AbortSignal): Promise<{ job: JobDto }> {
  return apiRequest(`${base(id)}/jobs/${encodeURIComponent(jobId)}`, { signal });
}

export function cancelJob(id: string, jobId: string): Promise<{ job: JobDto }> {
  return apiRequest(`${base(id)}/jobs/${encodeURIComponent(jobId)}/cancel`, { method: 'POST' });
}

export function askSet(id: string, question: string, signal?: AbortSignal): Promise<{ answer: AnswerDto }> {
  return apiRequest(`${base(id)}/ask`, { json: { question }, signal });
}

export function fetchSummaries(id: string, signal?: AbortSignal): Promise<{ summaries: SummariesDto | null }> {
  return apiRequest(`${base(id)}/summaries`, { signal });
}
