import { AppError } from './errors';
import { type CaseKind, type Channel, caseKinds, channels, type Role } from './roles';

/**
 * The automation boundary: how far AI may go, per case kind, KLE group and channel. A policy is a
 * versioned document made by admins and readable by every employee; the hard limits below are code,
 * so no policy version can lift them.
 */

/** 0 no AI · 1 AI suggests classification only · 2 AI drafts for a person to approve · 3 AI may send on its own (acknowledgements, standard answers). */
export type AutomationLevel = 0 | 1 | 2 | 3;

/** AI features that each have a kill switch. */
export const aiFeatures = ['classification', 'drafting', 'auto_send'] as const;
export type AiFeature = (typeof aiFeatures)[number];

export interface AutoSendSettings {
  /** Acknowledgements of receipt (kvitteringer) may go out without a person. */
  acknowledgements: boolean;
  /** Standard answers may go out without a person when the engine is at least this sure. */
  standardAnswers: boolean;
  minConfidence: number;
  /** Share (0–1) of automatic sends drawn at random for a person's audit afterwards. */
  auditShare: number;
}

export interface PolicyRule {
  kind: CaseKind | null;
  /** A KLE group ("07.18") or main group ("07"); null matches all. */
  kleGroup: string | null;
  channel: Channel | null;
  level: AutomationLevel;
  autoSend: AutoSendSettings | null;
}

export interface AiPolicyDocument {
  defaultLevel: AutomationLevel;
  rules: PolicyRule[];
  /** true = the feature is stopped everywhere, whatever the rules say. */
  killSwitches: Record<AiFeature, boolean>;
  /** Roles that must approve a reply, in order, per case kind; kinds not listed need one caseworker. */
  approvalChains: Partial<Record<CaseKind, Role[]>>;
  /** A controlled pilot: this share of new cases gets no AI at all (the control group), drawn at random. */
  pilot?: { name: string; controlShare: number } | null;
}

export interface AiPolicy extends AiPolicyDocument {
  /** 0 is the built-in default, in force until an admin saves the first version. */
  version: number;
  createdAt: Date | null;
  createdBy: string | null;
  comment: string;
}

/** The built-in policy: AI drafts for people to approve; nothing is sent by AI; politicians' answers need a team lead too. */
export const defaultPolicyDocument: AiPolicyDocument = {
  defaultLevel: 2,
  rules: [],
  killSwitches: { classification: false, drafting: false, auto_send: false },
  approvalChains: { politician_question: ['caseworker', 'team_lead'] },
  pilot: null,
};

export const defaultPolicy: AiPolicy = { ...defaultPolicyDocument, version: 0, createdAt: null, createdBy: null, comment: 'Standardpolitik' };

/** Reads and versions the policy (implemented in packages/db). */
export interface PolicyRepository {
  /** The policy in force: the newest version, or the built-in default. */
  current(): Promise<AiPolicy>;
  list(): Promise<AiPolicy[]>;
  /** Stores a new version (current + 1) and returns it; fails if someone saved in between. */
  append(input: { document: AiPolicyDocument; createdBy: string; comment: string; expectedVersion: number }): Promise<AiPolicy>;
}

/** Kinds whose answers decide on a citizen's rights (afgørelse) or go to a politician: AI never sends these on its own. */
const neverAutoAnswered: readonly CaseKind[] = ['politician_question', 'access_request', 'complaint'];
/** Acknowledgements of receipt are never sent by AI to a politician (a person answers them). */
const neverAutoAcknowledged: readonly CaseKind[] = ['politician_question'];
/** Workflow transitions AI may never make: closing, rejecting, deciding. */
export const transitionsReservedForPeople = ['close', 'reject', 'decide', 'answer', 'withdraw'] as const;

export interface PolicyContext {
  kind: CaseKind;
  kleCode: string | null;
  channel: Channel | null;
}

const kleMatches = (group: string, kleCode: string | null) => kleCode !== null && (kleCode === group || kleCode.startsWith(`${group}.`));

/** The rule that applies (most specific wins: more matching fields, then a longer KLE group, then the later rule), or null for the default. */
export function findRule(policy: AiPolicyDocument, ctx: PolicyContext): PolicyRule | null {
  let best: { rule: PolicyRule; score: number } | null = null;
  for (const rule of policy.rules) {
    if (rule.kind && rule.kind !== ctx.kind) continue;
    if (rule.channel && rule.channel !== ctx.channel) continue;
    if (rule.kleGroup && !kleMatches(rule.kleGroup, ctx.kleCode)) continue;
    const score = (rule.kind ? 100 : 0) + (rule.kleGroup ? 10 + rule.kleGroup.length : 0) + (rule.channel ? 1 : 0);
    if (!best || score >= best.score) best = { rule, score };
  }
  return best?.rule ?? null;
}

/** The automation level in force for a context (kill switches not applied; see `isFeatureAllowed`). */
export function automationLevel(policy: AiPolicyDocument, ctx: PolicyContext): AutomationLevel {
  return findRule(policy, ctx)?.level ?? policy.defaultLevel;
}

/** Cases in a pilot's control group get no AI at all. */
export const controlGroupFlag = 'ai_control';

/** May this AI feature run here? Classification needs level ≥ 1, drafting ≥ 2; a kill switch stops it everywhere. */
export function isFeatureAllowed(policy: AiPolicyDocument, feature: AiFeature, ctx: PolicyContext): boolean {
  if (policy.killSwitches[feature]) return false;
  const level = automationLevel(policy, ctx);
  if (feature === 'classification') return level >= 1;
  if (feature === 'drafting') return level >= 2;
  return level >= 3;
}

export type AutoSendDecision =
  | { allowed: true; rule: PolicyRule; auditShare: number }
  | { allowed: false; reason: 'kill_switch' | 'level' | 'hard_limit' | 'not_enabled' | 'confidence' };

/** May AI send this message on its own? Only acknowledgements and sure standard answers, within the hard limits. */
export function decideAutoSend(
  policy: AiPolicyDocument,
  ctx: PolicyContext,
  message: { purpose: 'acknowledgement' } | { purpose: 'standard_answer'; confidence: number },
): AutoSendDecision {
  if (message.purpose === 'acknowledgement' && neverAutoAcknowledged.includes(ctx.kind)) return { allowed: false, reason: 'hard_limit' };
  if (message.purpose === 'standard_answer' && neverAutoAnswered.includes(ctx.kind)) return { allowed: false, reason: 'hard_limit' };
  const rule = findRule(policy, ctx);
  const level = rule?.level ?? policy.defaultLevel;
  if (level < 3 || !rule?.autoSend) return { allowed: false, reason: 'level' };
  if (policy.killSwitches.auto_send) return { allowed: false, reason: 'kill_switch' };
  const s = rule.autoSend;
  if (message.purpose === 'acknowledgement' && !s.acknowledgements) return { allowed: false, reason: 'not_enabled' };
  if (message.purpose === 'standard_answer') {
    if (!s.standardAnswers) return { allowed: false, reason: 'not_enabled' };
    if (message.confidence < s.minConfidence) return { allowed: false, reason: 'confidence' };
  }
  return { allowed: true, rule, auditShare: s.auditShare };
}

/** The roles that must approve a reply on a case of this kind, in order. */
export function approvalChain(policy: AiPolicyDocument, kind: CaseKind): Role[] {
  const chain = policy.approvalChains[kind];
  const base: Role[] = chain && chain.length > 0 ? chain : ['caseworker'];
  // Hard limit: an answer to a politician always has a person's approval and a team lead's after it.
  if (kind === 'politician_question' && !base.includes('team_lead')) return [...base, 'team_lead'];
  return base;
}

const isKleGroup = (s: string) => /^\d{2}(\.\d{2}){0,2}$/.test(s);
const approverRoles: readonly Role[] = ['caseworker', 'team_lead', 'secretariat', 'director'];

/** Checks a policy document an admin wants to save; hard limits give POLICY_HARD_LIMIT, other faults VALIDATION_FAILED. */
export function validatePolicy(doc: AiPolicyDocument): void {
  const problems: string[] = [];
  const levels = [0, 1, 2, 3];
  if (!levels.includes(doc.defaultLevel)) problems.push('Standardniveauet skal være 0–3');
  if (doc.defaultLevel === 3) throw new AppError('POLICY_HARD_LIMIT', { message: 'Niveau 3 kan kun gives i en regel for bestemte sager, ikke som standard' });
  doc.rules.forEach((r, i) => {
    const n = i + 1;
    if (!levels.includes(r.level)) problems.push(`Regel ${n}: niveauet skal være 0–3`);
    if (r.kind && !caseKinds.includes(r.kind)) problems.push(`Regel ${n}: ukendt sagstype`);
    if (r.channel && !channels.includes(r.channel)) problems.push(`Regel ${n}: ukendt kanal`);
    if (r.kleGroup && !isKleGroup(r.kleGroup)) problems.push(`Regel ${n}: KLE-gruppen skal skrives som 07 eller 07.18`);
    if (r.level === 3) {
      if (r.kind === 'politician_question') {
        throw new AppError('POLICY_HARD_LIMIT', { message: `Regel ${n}: svar til politikere kræver altid en persons godkendelse` });
      }
      if (!r.autoSend || (!r.autoSend.acknowledgements && !r.autoSend.standardAnswers))
        problems.push(`Regel ${n}: niveau 3 kræver kvitteringer eller standardsvar slået til`);
      if (r.autoSend && r.kind && neverAutoAnswered.includes(r.kind) && r.autoSend.standardAnswers) {
        throw new AppError('POLICY_HARD_LIMIT', { message: `Regel ${n}: AI må ikke sende svar, der kan være en afgørelse` });
      }
    }
    if (r.autoSend) {
      if (!(r.autoSend.minConfidence >= 0.5 && r.autoSend.minConfidence <= 1)) problems.push(`Regel ${n}: sikkerhedstærsklen skal være mellem 0,5 og 1`);
      if (!(r.autoSend.auditShare >= 0 && r.autoSend.auditShare <= 1)) problems.push(`Regel ${n}: stikprøveandelen skal være mellem 0 og 1`);
    }
  });
  for (const [kind, chain] of Object.entries(doc.approvalChains)) {
    if (!caseKinds.includes(kind as CaseKind)) problems.push(`Godkendelseskæde: ukendt sagstype ${kind}`);
    if (!chain || chain.length === 0 || chain.some((r) => !approverRoles.includes(r))) {
      problems.push(`Godkendelseskæde for ${kind}: kun sagsbehandler, teamleder, sekretariat og direktør kan godkende`);
    }
  }
  if (doc.pilot) {
    if (!(doc.pilot.controlShare >= 0 && doc.pilot.controlShare <= 0.5)) problems.push('Kontrolgruppen skal være 0–50 % af sagerne');
    if (!doc.pilot.name.trim()) problems.push('Giv forsøget et navn');
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { message: problems.join('; '), details: { problems } });
}
