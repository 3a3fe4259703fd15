import { createHash } from 'node:crypto';
import type { NewEvent, NewMessage } from './ports';
import type { Role } from './roles';
import type { CaseRecord, MessageRecord, UserRecord } from './types';

/** A reply on its way out: an AI draft (immutable, the reference for the diff) or a person's working copy. */
export interface ReplyDraft {
  id: string;
  caseId: string;
  body: string;
  subject: string;
  /** open (being written or approved) · returned (sent back) · rejected · sent; AI drafts: proposed. */
  status: string;
  authorKind: 'ai' | 'person';
  authorId: string | null;
  basedOnId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApprovalRecord {
  id: string;
  draftId: string;
  caseId: string;
  step: number;
  role: Role;
  approverId: string;
  contentHash: string;
  createdAt: Date;
  voidedAt: Date | null;
  voidReason: string | null;
  consumedAt: Date | null;
}

/** Reply drafts and their approvals (implemented in packages/db). */
export interface ReviewRepository {
  findDraft(id: string): Promise<ReplyDraft | null>;
  /** The person's working reply of a case (status open or returned), newest first, or null. */
  findWorkingReply(caseId: string): Promise<ReplyDraft | null>;
  createReply(input: {
    caseId: string;
    body: string;
    subject: string;
    authorId: string;
    basedOnId: string | null;
    data?: Record<string, unknown>;
  }): Promise<ReplyDraft>;
  updateReply(id: string, input: { body?: string; subject?: string; status?: string; data?: Record<string, unknown> }): Promise<ReplyDraft>;
  listApprovals(draftId: string): Promise<ApprovalRecord[]>;
  addApproval(input: { draftId: string; caseId: string; step: number; role: Role; approverId: string; contentHash: string }): Promise<ApprovalRecord>;
  /** Voids every live approval of a draft; returns how many. */
  voidApprovals(draftId: string, reason: string, at: Date): Promise<number>;
  /**
   * In one transaction: consume the given approvals (only if none is consumed or voided yet), file the
   * queued message linked to the draft, mark the draft sent, append events. Null when the approvals
   * were no longer live (a replay or a race): then nothing is written.
   */
  consumeAndQueue(input: {
    draftId: string;
    approvalIds: string[];
    caseId: string;
    message: NewMessage;
    events: NewEvent[];
    at: Date;
  }): Promise<MessageRecord | null>;
  findMessageForDraft(draftId: string): Promise<MessageRecord | null>;
}

/** Outgoing messages on their way through the transport (implemented in packages/db). */
export interface OutboxRepository {
  /** Takes a message for one delivery attempt (queued/failed/uncertain → sending); null if someone else has it or it is sent. */
  claim(messageId: string, at: Date): Promise<MessageRecord | null>;
  complete(
    messageId: string,
    outcome: { status: 'sent' | 'failed' | 'uncertain'; sentAt: Date | null; deliveryRef: string | null },
    events: NewEvent[],
  ): Promise<void>;
  /** Outgoing messages to try again: failed or uncertain, fewer than `maxAttempts`, last attempt before `before`. */
  listRetryable(before: Date, maxAttempts: number): Promise<string[]>;
}

/** sha256 over the canonical content of a reply: what an approval is bound to. */
export function contentHash(c: { caseId: string; subject: string; body: string }): string {
  const canonical = JSON.stringify({ caseId: c.caseId, subject: c.subject.trim(), body: c.body.replace(/\r\n?/g, '\n').trim() });
  return createHash('sha256').update(canonical).digest('hex');
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Word-level edit distance (insertions, deletions, substitutions) between the AI draft and what a person sent. */
export function wordEditDistance(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.length === 0) return y.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Can this person give this step of the chain on this case? A team lead only for their own unit. */
export function canApproveAs(user: UserRecord, role: Role, c: CaseRecord): boolean {
  if (role === 'team_lead') return user.roles.includes('team_lead') && (user.unitId === null || user.unitId === c.unitId);
  if (role === 'caseworker') return user.roles.some((r) => r === 'caseworker' || r === 'team_lead' || r === 'secretariat');
  return user.roles.includes(role);
}

export interface ApprovalState {
  chain: Role[];
  hash: string;
  /** Live approvals for the current content, one per step given so far. */
  valid: ApprovalRecord[];
  /** The next step to give (1-based), or null when the chain is complete. */
  nextStep: number | null;
  isComplete: boolean;
}

/** Which approvals still count for the draft's current content. */
export function approvalState(draft: ReplyDraft, chain: Role[], approvals: ApprovalRecord[]): ApprovalState {
  const hash = contentHash(draft);
  const live = approvals.filter((a) => !a.voidedAt && !a.consumedAt && a.contentHash === hash);
  const valid: ApprovalRecord[] = [];
  for (let step = 1; step <= chain.length; step++) {
    const a = live.find((x) => x.step === step);
    if (!a) break;
    valid.push(a);
  }
  const isComplete = valid.length === chain.length;
  return { chain, hash, valid, nextStep: isComplete ? null : valid.length + 1, isComplete };
}
