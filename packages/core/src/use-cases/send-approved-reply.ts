import { AppError } from '../errors';
import { approvalChain } from '../policy';
import type { MailTransport } from '../ports';
import { approvalState, type OutboxRepository, wordEditDistance } from '../review';
import type { MessageRecord, UserRecord } from '../types';
import type { WorkflowRegistry } from '../workflows';
import { deliverMessage } from './deliver-message';
import { getCaseForUser } from './get-case';
import { getReplyDraft, type ReviewDeps, refuse } from './review-deps';
import { assertCanAct, transitionCase } from './transition-case';

export interface SendApprovedReplyDeps extends ReviewDeps {
  workflows: WorkflowRegistry;
  outbox: OutboxRepository;
  mail: MailTransport;
  fromAddress: string;
  newMessageId: () => string;
}

export interface SendApprovedReplyInput {
  caseId: string;
  draftId: string;
  user: UserRecord;
  /** The hash of the content the sender saw: it must be the content the approvals are bound to. */
  contentHash: string;
  thenTransition?: string;
}

/**
 * Sends a reply whose whole approval chain holds for its exact current content. The approvals are
 * consumed in the same transaction that files the message, so a replay sends nothing; delivery
 * failures leave the message on the case for the retry worker, never a second message.
 */
export async function sendApprovedReply(input: SendApprovedReplyInput, deps: SendApprovedReplyDeps): Promise<MessageRecord> {
  const c = await getCaseForUser({ caseRef: input.caseId, user: input.user }, deps);
  const action = 'message.send';
  await assertCanAct(c, input.user, deps.audit, action);
  if (c.closedAt) throw new AppError('CASE_CLOSED', { message: 'Sagen er afsluttet' });
  const draft = await getReplyDraft(deps, c, input.draftId);
  const consumed = () =>
    refuse(deps, input.user, action, c, new AppError('APPROVAL_CONSUMED', { message: 'Godkendelsen er allerede brugt; svaret er sendt' }), {
      draftId: draft.id,
    });
  if (draft.status === 'sent') return consumed();
  if (draft.authorKind !== 'person') {
    return refuse(
      deps,
      input.user,
      action,
      c,
      new AppError('APPROVAL_REQUIRED', { message: 'Et AI-udkast skal tages i brug og godkendes af en person, før det kan sendes' }),
      { draftId: draft.id },
    );
  }
  const chain = approvalChain(await deps.policy.current(), c.kind);
  const approvals = await deps.reviews.listApprovals(draft.id);
  const state = approvalState(draft, chain, approvals);
  if (input.contentHash !== state.hash) {
    return refuse(deps, input.user, action, c, new AppError('APPROVAL_STALE', { message: 'Teksten er ændret efter godkendelsen; den skal godkendes igen' }), {
      draftId: draft.id,
    });
  }
  if (!state.isComplete) {
    if (approvals.some((a) => a.consumedAt && a.contentHash === state.hash)) return consumed();
    const missing = chain.slice(state.valid.length).join(' → ');
    return refuse(deps, input.user, action, c, new AppError('APPROVAL_REQUIRED', { message: `Svaret mangler godkendelse (${missing})` }), {
      draftId: draft.id,
      missing,
    });
  }

  const messages = await deps.cases.listMessages(c.id);
  const lastIncoming = [...messages].reverse().find((m) => m.direction === 'in' && m.fromAddress);
  const parties = await deps.cases.listParties(c.id);
  const to = lastIncoming?.fromAddress ?? parties.find((p) => p.email)?.email ?? null;
  if (!to) throw new AppError('VALIDATION_FAILED', { message: 'Sagen har ingen modtageradresse' });
  const subject = draft.subject.trim() || `Sv: ${lastIncoming?.subject ?? c.title} [${c.number}]`;
  const now = deps.clock.now();
  const message = await deps.reviews.consumeAndQueue({
    draftId: draft.id,
    approvalIds: state.valid.map((a) => a.id),
    caseId: c.id,
    at: now,
    message: {
      direction: 'out',
      channel: 'email',
      fromAddress: deps.fromAddress,
      toAddresses: [to],
      subject,
      bodyText: draft.body.trim(),
      rawHash: null,
      messageIdHeader: deps.newMessageId(),
      inReplyTo: lastIncoming?.messageIdHeader ?? null,
      status: 'queued',
      authorId: input.user.id,
      sentAt: null,
      draftId: draft.id,
    },
    events: [
      {
        activity: 'message.queued',
        actorKind: 'person',
        actorId: input.user.id,
        occurredAt: now,
        data: { draftId: draft.id, approvals: state.valid.map((a) => ({ step: a.step, role: a.role, by: a.approverId })), contentHash: state.hash },
      },
    ],
  });
  if (!message) return consumed();
  await deps.audit.record({
    actorKind: 'person',
    actorId: input.user.id,
    action,
    outcome: 'allowed',
    targetType: 'case',
    targetId: c.id,
    data: { messageId: message.id, draftId: draft.id, contentHash: state.hash, approvals: state.valid.map((a) => a.id) },
  });

  // The usage log learns what became of the AI draft: sent as it was, or edited by so many words.
  const aiDraft = draft.basedOnId ? await deps.reviews.findDraft(draft.basedOnId) : null;
  if (aiDraft) {
    const editDistance = wordEditDistance(aiDraft.body, draft.body);
    const reviewSeconds = Math.max(0, Math.round((now.getTime() - aiDraft.createdAt.getTime()) / 1000));
    await deps.reviews.updateReply(aiDraft.id, { status: 'used' });
    await deps.usageReview.recordReview((aiDraft.data.usageIds as string[] | undefined) ?? [], {
      decision: editDistance === 0 ? 'approved' : 'edited',
      editDistance,
      reviewSeconds,
    });
  }

  const delivered =
    (await deliverMessage({ messageId: message.id, actorKind: 'person', actorId: input.user.id, data: { draftId: draft.id } }, deps)) ?? message;
  if (input.thenTransition) await transitionCase({ caseId: c.id, transitionId: input.thenTransition, user: input.user }, deps);
  return delivered;
}
