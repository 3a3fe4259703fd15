import { apiRequest } from '../../api/client';
import type { CaseDto } from '../../api/types';

/** What the sorting model said about an item (the server's `classification` of a triage item). */
export interface TriageClassification {
  modelVersion: string;
  kleCode: string | null;
  caseKind: string;
  itemKind: string;
  /** 0–1. */
  confidence: number;
  alternatives: { kle: string; confidence: number }[];
  /** Words and earlier cases that decided it; read defensively (see `readExplanation`). */
  explanation: unknown[];
  decision: string;
}

/** One item waiting in the mail reception's triage queue. */
export interface TriageItem {
  case: CaseDto;
  classification: TriageClassification | null;
  excerpt: string;
  /** Not in the contract yet; shown when a server sends it. */
  sender?: string | null;
}

export interface TriageResponse {
  total: number;
  items: TriageItem[];
}

export interface KleEntry {
  code: string;
  title: string;
  level?: number | string;
}

export interface RouteRequest {
  kleCode: string;
  kind?: string;
  unitId?: string | null;
}

export const triageLimit = 50;

/** The queue, oldest first. */
export function fetchTriage(signal?: AbortSignal): Promise<TriageResponse> {
  return apiRequest('/triage', { signal, query: { limit: triageLimit } });
}

/** Accepts or corrects the sorting: the case goes to the unit for the KLE code (or the unit named). */
export function postRoute(caseId: string, body: RouteRequest): Promise<{ case: CaseDto }> {
  return apiRequest(`/cases/${encodeURIComponent(caseId)}/route`, { json: body });
}

/** KLE subjects matching a code prefix or words, for autocomplete. */
export function fetchKle(q: string, limit: number, signal?: AbortSignal): Promise<{ items: KleEntry[] }> {
  return apiRequest('/kle', { signal, query: { q, limit } });
}
