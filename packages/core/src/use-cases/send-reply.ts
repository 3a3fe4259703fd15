import { contentHash } from '../review';
import type { MessageRecord, UserRecord } from '../types';
import { approveReply } from './approve-reply';
import { saveReply } from './save-reply';
import { type SendApprovedReplyDeps, sendApprovedReply } from './send-approved-reply';
import { assertCanAct } from './transition-case';

export type SendReplyDeps = SendApprovedReplyDeps;

export interface SendReplyInput {
  caseId: string;
  user: UserRecord;
  text: string;
  subject?: string;
  /** Also move the case on with this transition after sending (e.g. `answer`). */
  thenTransition?: string;
  /** The AI draft the text was made from. */
  basedOnId?: string | null;
}

/**
 * Writes, approves and sends a person's reply in one step: the writer's approval is recorded like
 * any other, bound to the text. Kinds whose chain needs more than one approver are refused with
 * APPROVAL_REQUIRED and go through the review instead; the reply stays saved for it.
 */
export async function sendReply(input: SendReplyInput, deps: SendReplyDeps): Promise<MessageRecord> {
  // The refusal of a send is audited as a send, whatever step would have noticed it first.
  const c = (await deps.cases.findCaseById(input.caseId)) ?? (await deps.cases.findCaseByNumber(input.caseId));
  if (c) await assertCanAct(c, input.user, deps.audit, 'message.send');
  const { draft } = await saveReply({ caseId: input.caseId, user: input.user, body: input.text, subject: input.subject, basedOnId: input.basedOnId }, deps);
  const hash = contentHash(draft);
  const live = (await deps.reviews.listApprovals(draft.id)).filter((a) => !a.voidedAt && !a.consumedAt && a.contentHash === hash);
  if (live.length === 0) await approveReply({ caseId: draft.caseId, draftId: draft.id, user: input.user, contentHash: hash }, deps);
  return sendApprovedReply({ caseId: draft.caseId, draftId: draft.id, user: input.user, contentHash: hash, thenTransition: input.thenTransition }, deps);
}
