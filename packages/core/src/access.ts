import type { CaseKind } from './roles';
import type { CaseRecord, UserRecord } from './types';

// The secretariat serves management and politicians across units.
const secretariatKinds: readonly CaseKind[] = ['politician_question', 'memo', 'minutes'];

/** May this user see the case? Caseworkers and team leads see only their own unit. */
export function canReadCase(user: UserRecord, c: Pick<CaseRecord, 'unitId' | 'kind'>): boolean {
  const r = user.roles;
  if (r.includes('admin') || r.includes('auditor') || r.includes('mail_reception')) return true;
  // The director approves answers to politicians, memos and minutes across units.
  if ((r.includes('secretariat') || r.includes('director')) && secretariatKinds.includes(c.kind)) return true;
  if (r.includes('caseworker') || r.includes('team_lead') || r.includes('secretariat')) {
    return c.unitId !== null && c.unitId === user.unitId;
  }
  return false;
}

/** May this user change the case? Like reading, but auditors only read. */
export function canActOnCase(user: UserRecord, c: Pick<CaseRecord, 'unitId' | 'kind'>): boolean {
  const r = user.roles;
  if (r.includes('admin')) return true;
  if (r.includes('mail_reception') && c.unitId === null) return true;
  if (r.includes('secretariat') && secretariatKinds.includes(c.kind)) return true;
  if (r.includes('caseworker') || r.includes('team_lead') || r.includes('secretariat')) {
    return c.unitId !== null && c.unitId === user.unitId;
  }
  return false;
}

/** The case scope a user's listings are restricted to. */
export type CaseScope = { all: true } | { all: false; unitIds: string[]; kinds: CaseKind[] };

/** Listing scope that matches `canReadCase`. */
export function caseScopeFor(user: UserRecord): CaseScope {
  const r = user.roles;
  if (r.includes('admin') || r.includes('auditor') || r.includes('mail_reception')) return { all: true };
  const unitIds = user.unitId && (r.includes('caseworker') || r.includes('team_lead') || r.includes('secretariat')) ? [user.unitId] : [];
  const kinds = r.includes('secretariat') || r.includes('director') ? [...secretariatKinds] : [];
  return { all: false, unitIds, kinds };
}
