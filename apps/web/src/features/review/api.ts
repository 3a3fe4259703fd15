import type { PolicyDto, RatingDto, ReviewResponse } from '@ekspedit/core/api';
import { apiRequest } from '../../api/client';
import type { MessageDto } from '../../api/types';

export type { PolicyDto, RatingDto, ReviewResponse };

const base = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/review`;

/** The reply under review: text, AI draft, why, approval chain. */
export function fetchReview(caseId: string, signal?: AbortSignal): Promise<ReviewResponse> {
  return apiRequest(base(caseId), { signal });
}

/** Saves the working reply; a changed text voids the approvals given so far. */
export function saveReview(caseId: string, body: { body: string; subject?: string; basedOnId?: string | null }): Promise<ReviewResponse> {
  return apiRequest(base(caseId), { method: 'PUT', json: body });
}

/** Gives the next approval, bound to the hash of the text the approver saw. */
export function approveReview(caseId: string, draftId: string, contentHash: string): Promise<ReviewResponse> {
  return apiRequest(`${base(caseId)}/${encodeURIComponent(draftId)}/approve`, { json: { contentHash } });
}

/** Rejects a draft, or sends a reply back to the caseworker, with a reason. */
export function decideReview(caseId: string, draftId: string, decision: 'reject' | 'return', reason: string): Promise<ReviewResponse> {
  return apiRequest(`${base(caseId)}/${encodeURIComponent(draftId)}/${decision}`, { json: { reason } });
}

/** Sends the approved reply. */
export function sendReview(caseId: string, draftId: string, contentHash: string, thenTransition?: string): Promise<{ message: MessageDto }> {
  return apiRequest(`${base(caseId)}/${encodeURIComponent(draftId)}/send`, { json: { contentHash, thenTransition } });
}

export function fetchPolicy(signal?: AbortSignal): Promise<{ current: PolicyDto; history: PolicyDto[] }> {
  return apiRequest('/policy', { signal });
}

export type PolicyDocument = Pick<PolicyDto, 'defaultLevel' | 'rules' | 'killSwitches' | 'approvalChains' | 'pilot'>;

export function savePolicy(document: PolicyDocument, comment: string, expectedVersion: number): Promise<{ current: PolicyDto; history: PolicyDto[] }> {
  return apiRequest('/policy', { method: 'PUT', json: { document, comment, expectedVersion } });
}

export interface RatingInput {
  caseId: string | null;
  targetType: 'classification' | 'draft' | 'summary' | 'acknowledgement';
  targetId: string | null;
  rating: 'up' | 'down';
  reason: string | null;
  comment: string | null;
}

export function postRating(input: RatingInput): Promise<RatingDto> {
  return apiRequest('/ratings', { json: input });
}

export function fetchRatings(signal?: AbortSignal): Promise<{ items: RatingDto[] }> {
  return apiRequest('/ratings', { signal });
}

export interface AuditSampleDto {
  messageId: string;
  caseId: string;
  caseNumber: string;
  subject: string;
  sentAt: string | null;
  status: string;
  policyVersion: number | null;
}

/** Messages AI sent on its own that were drawn for a person's audit afterwards. */
export function fetchAuditSamples(signal?: AbortSignal): Promise<{ items: AuditSampleDto[] }> {
  return apiRequest('/policy/audit-samples', { signal });
}
