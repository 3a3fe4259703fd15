import { caseScopeFor } from '../access';
import type { CaseRepository, CaseSummary, InboxQuery } from '../ports';
import type { UserRecord } from '../types';

export type InboxFilters = Omit<InboxQuery, 'scope'>;

/** The cases a user may see, filtered and sorted; the access scope is never the caller's choice. */
export async function listInbox(
  input: { user: UserRecord; filters: InboxFilters },
  deps: { cases: CaseRepository },
): Promise<{ total: number; items: CaseSummary[] }> {
  return deps.cases.listCases({ ...input.filters, scope: caseScopeFor(input.user) });
}
