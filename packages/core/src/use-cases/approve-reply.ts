import { AppError } from '../errors';
import { approvalChain } from '../policy';
import { type ApprovalState, approvalState, canApproveAs } from '../review';
import type { UserRecord } from '../types';
import { getCaseForUser } from './get-case';
import { getReplyDraft, type ReviewDeps, refuse } from './review-deps';

export interface ApproveReplyInput {
  caseId: string;
  draftId: string;
  user: UserRecord;
  /** The hash of the content the approver saw; a different current content refuses the approval. */
  contentHash: string;
}

/** Gives the next approval in the chain of a reply, bound to the hash of its exact content. */
export async function approveReply(input: ApproveReplyInput, deps: ReviewDeps): Promise<ApprovalState> {
  const c = await getCaseForUser({ caseRef: input.caseId, user: input.user }, deps);
  const draft = await getReplyDraft(deps, c, input.draftId);
  const action = 'reply.approve';
  if (draft.authorKind !== 'person' || (draft.status !== 'open' && draft.status !== 'returned')) {
    return refuse(deps, input.user, action, c, new AppError('CONFLICT', { message: 'Udkastet kan ikke godkendes i sin nuværende tilstand' }), {
      draftId: draft.id,
    });
  }
  const policy = await deps.policy.current();
  const chain = approvalChain(policy, c.kind);
  const state = approvalState(draft, chain, await deps.reviews.listApprovals(draft.id));
  if (input.contentHash !== state.hash) {
    return refuse(
      deps,
      input.user,
      action,
      c,
      new AppError('APPROVAL_STALE', { message: 'Teksten er ændret, siden du så den. Læs den igen, før du godkender.' }),
      { draftId: draft.id },
    );
  }
  if (state.isComplete || state.nextStep === null) {
    return refuse(deps, input.user, action, c, new AppError('CONFLICT', { message: 'Svaret er allerede godkendt' }), { draftId: draft.id });
  }
  const role = chain[state.nextStep - 1] ?? 'caseworker';
  if (!canApproveAs(input.user, role, c)) {
    return refuse(deps, input.user, action, c, new AppError('APPROVER_NOT_ALLOWED', { message: `Dette trin skal godkendes af en med rollen ${role}` }), {
      draftId: draft.id,
      role,
    });
  }
  if (state.valid.some((a) => a.approverId === input.user.id)) {
    return refuse(deps, input.user, action, c, new AppError('APPROVER_NOT_ALLOWED', { message: 'Næste godkendelse skal gives af en anden person' }), {
      draftId: draft.id,
      role,
    });
  }
  const approval = await deps.reviews.addApproval({
    draftId: draft.id,
    caseId: c.id,
    step: state.nextStep,
    role,
    approverId: input.user.id,
    contentHash: state.hash,
  });
  if (draft.status === 'returned') await deps.reviews.updateReply(draft.id, { status: 'open' });
  const now = deps.clock.now();
  const data = { draftId: draft.id, step: approval.step, of: chain.length, role, contentHash: state.hash };
  await deps.cases.appendEvents(c.id, [{ activity: 'reply.approved', actorKind: 'person', actorId: input.user.id, occurredAt: now, data }]);
  await deps.audit.record({ actorKind: 'person', actorId: input.user.id, action, outcome: 'allowed', targetType: 'case', targetId: c.id, data });
  return {
    ...state,
    valid: [...state.valid, approval],
    nextStep: approval.step < chain.length ? approval.step + 1 : null,
    isComplete: approval.step === chain.length,
  };
}
