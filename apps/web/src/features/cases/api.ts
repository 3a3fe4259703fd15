import { apiRequest } from '../../api/client';
import type { CaseDetail, CaseDto, InboxResponse, InboxSort, MessageDto, UnitDto, UserDto } from '../../api/types';

/** The filters of the inbox, as kept in the URL. */
export interface InboxFilters {
  states: string[];
  kind: string;
  deadlineBefore: string;
  q: string;
  sort: InboxSort;
  mine: boolean;
  includeClosed: boolean;
  offset: number;
}

export const pageSize = 50;

/** One page of the unit's cases. */
export function fetchInbox(filters: InboxFilters, signal?: AbortSignal): Promise<InboxResponse> {
  return apiRequest('/cases', {
    signal,
    query: {
      state: filters.states.join(','),
      kind: filters.kind,
      deadlineBefore: filters.deadlineBefore,
      q: filters.q.trim(),
      sort: filters.sort,
      includeClosed: filters.includeClosed ? 'true' : undefined,
      mine: filters.mine ? 'true' : undefined,
      limit: pageSize,
      offset: filters.offset || undefined,
    },
  });
}

/** A case with its messages, parties, documents, timeline and the steps the user may take. */
export function fetchCase(ref: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest(`/cases/${encodeURIComponent(ref)}`, { signal });
}

/** Takes a workflow step. */
export function postTransition(caseId: string, transition: string, comment?: string): Promise<{ case: CaseDto }> {
  return apiRequest(`/cases/${encodeURIComponent(caseId)}/transitions`, { json: { transition, comment: comment || undefined } });
}

/** Sends a reply to the case's sender, optionally followed by a workflow step. */
export function postReply(
  caseId: string,
  body: { text: string; subject?: string; thenTransition?: string; approveForReuse?: boolean; basedOnId?: string | null },
): Promise<{ message: MessageDto; approvedSource?: { sourceId: string } | null }> {
  return apiRequest(`/cases/${encodeURIComponent(caseId)}/replies`, { json: body });
}

/** Assigns the case to a colleague, or to no one. */
export function postAssign(caseId: string, assigneeId: string | null): Promise<{ case: CaseDto }> {
  return apiRequest(`/cases/${encodeURIComponent(caseId)}/assign`, { json: { assigneeId } });
}

/** Colleagues the case can be assigned to. */
export function fetchUsers(signal?: AbortSignal): Promise<{ items: UserDto[] }> {
  return apiRequest('/users', { signal });
}

/** The administration's units. */
export function fetchUnits(signal?: AbortSignal): Promise<{ items: UnitDto[] }> {
  return apiRequest('/units', { signal });
}
