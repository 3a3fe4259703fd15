/** Roles a user can hold; a user may hold several. */
export const roles = ['caseworker', 'mail_reception', 'secretariat', 'team_lead', 'director', 'analyst', 'admin', 'auditor'] as const;
export type Role = (typeof roles)[number];

/** Case kinds. Identifiers are stable; the UI translates them. */
export const caseKinds = ['citizen_inquiry', 'access_request', 'complaint', 'politician_question', 'memo', 'minutes', 'consultation'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const channels = ['email', 'web', 'letter', 'phone', 'import', 'internal'] as const;
export type Channel = (typeof channels)[number];

export const partyKinds = ['citizen', 'business', 'politician', 'organisation', 'authority'] as const;
export type PartyKind = (typeof partyKinds)[number];

export const actorKinds = ['person', 'system', 'ai'] as const;
export type ActorKind = (typeof actorKinds)[number];

/** True when the value is a known case kind. */
export function isCaseKind(value: string): value is CaseKind {
  return (caseKinds as readonly string[]).includes(value);
}
