import type { PolicyRepository } from '../policy';
import { controlGroupFlag, decideAutoSend } from '../policy';
import type { MailTransport } from '../ports';
import type { OutboxRepository } from '../review';
import type { MessageRecord, UserRecord } from '../types';
import { type DraftReplyDeps, draftReply } from './draft-reply';
import { sendAsAi } from './send-as-ai';

export interface AutoAnswerDeps extends DraftReplyDeps {
  policy: PolicyRepository;
  outbox: OutboxRepository;
  mail: MailTransport;
  fromAddress: string;
  newMessageId: () => string;
  random?: () => number;
}

/** The AI acting under the policy; it may read the case it answers, nothing else is done in its name. */
const autoAnswerer: UserRecord = {
  id: 'auto-answer',
  username: 'auto-answer',
  displayName: 'AI (automatisk svar)',
  email: null,
  roles: ['admin'],
  unitId: null,
  locale: 'da',
};

/**
 * Sends a standard answer without a person where the policy allows it (level 3, standard answers
 * on, kill switch off; never to politicians, complaints or access requests): only a draft built on
 * a standard letter whose every claim is supported by the sources, and only when the sorting's
 * confidence and the grounding both reach the rule's threshold. Otherwise the draft stays for a person.
 */
export async function autoAnswer(
  input: { caseId: string; kleCode: string | null; confidence: number | null },
  deps: AutoAnswerDeps,
): Promise<{ sent: MessageRecord | null; reason: string | null }> {
  const c = await deps.cases.findCaseById(input.caseId);
  if (!c) return { sent: null, reason: 'no_case' };
  if (c.flags.includes(controlGroupFlag)) return { sent: null, reason: 'control_group' };
  const policy = await deps.policy.current();
  const ctx = { kind: c.kind, kleCode: c.kleCode ?? input.kleCode, channel: c.channel };
  // Only draft at all when a sure answer could go out.
  const before = decideAutoSend(policy, ctx, { purpose: 'standard_answer', confidence: 1 });
  if (!before.allowed) return { sent: null, reason: before.reason };
  const draft = await draftReply({ caseId: c.id, user: autoAnswerer }, { ...deps, policy: deps.policy });
  const claims = draft.sentences.filter((s) => s.kind === 'claim');
  const grounded = claims.length > 0 ? claims.filter((s) => s.supported).length / claims.length : 0;
  const isStandard = draft.standardLetterId !== null && claims.length > 0 && grounded === 1 && !draft.fallbackReason;
  const confidence = Math.min(input.confidence ?? 0, grounded);
  const decision = decideAutoSend(policy, ctx, { purpose: 'standard_answer', confidence });
  const now = deps.clock.now();
  if (!isStandard || !decision.allowed) {
    const reason = !isStandard ? 'not_a_standard_answer' : decision.allowed ? 'unknown' : decision.reason;
    await deps.cases.appendEvents(c.id, [
      {
        activity: 'ai.auto_answer_withheld',
        actorKind: 'system',
        actorId: 'ai-policy',
        occurredAt: now,
        data: { policyVersion: policy.version, reason, confidence },
      },
    ]);
    return { sent: null, reason };
  }
  const messages = await deps.cases.listMessages(c.id);
  const incoming = [...messages].reverse().find((m) => m.direction === 'in' && m.fromAddress);
  const to = incoming?.fromAddress ?? (await deps.cases.listParties(c.id)).find((p) => p.email)?.email ?? null;
  if (!to) return { sent: null, reason: 'no_recipient' };
  const sent = await sendAsAi(
    {
      caseId: c.id,
      actorId: 'auto-answer',
      to,
      subject: `Sv: ${incoming?.subject ?? c.title} [${c.number}]`,
      body: draft.text,
      inReplyTo: incoming?.messageIdHeader ?? null,
      policyVersion: policy.version,
      isAuditSample: (deps.random ?? Math.random)() < decision.auditShare,
      data: { purpose: 'standard_answer', standardLetterId: draft.standardLetterId, confidence },
    },
    deps,
  );
  return { sent, reason: null };
}
