import type { AuditLog, CaseRepository, Clock, MailTransport } from '../ports';
import type { OutboxRepository } from '../review';
import type { MessageRecord } from '../types';
import { deliverMessage } from './deliver-message';

export interface SendAsAiDeps {
  cases: CaseRepository;
  outbox: OutboxRepository;
  mail: MailTransport;
  audit: AuditLog;
  clock: Clock;
  fromAddress: string;
  newMessageId: () => string;
}

/**
 * Files and delivers a message AI sends on its own under the automation policy: marked with the
 * policy version and whether it was drawn for a person's audit, logged in the case and the audit log.
 */
export async function sendAsAi(
  input: {
    caseId: string;
    /** Who sends, e.g. `auto-acknowledgement`. */
    actorId: string;
    to: string;
    subject: string;
    body: string;
    inReplyTo: string | null;
    policyVersion: number;
    isAuditSample: boolean;
    /** What the case log and the audit log record about the send (purpose, template, confidence …). */
    data: Record<string, unknown>;
  },
  deps: SendAsAiDeps,
): Promise<MessageRecord> {
  const data = { ...input.data, policyVersion: input.policyVersion, auditSample: input.isAuditSample };
  const message = await deps.cases.addMessage(
    input.caseId,
    {
      direction: 'out',
      channel: 'email',
      fromAddress: deps.fromAddress,
      toAddresses: [input.to],
      subject: input.subject,
      bodyText: input.body,
      rawHash: null,
      messageIdHeader: deps.newMessageId(),
      inReplyTo: input.inReplyTo,
      status: 'queued',
      authorId: null,
      sentAt: null,
      aiPolicyVersion: input.policyVersion,
      isAuditSample: input.isAuditSample,
    },
    [{ activity: 'message.queued', actorKind: 'ai', actorId: input.actorId, occurredAt: deps.clock.now(), data }],
  );
  await deps.audit.record({
    actorKind: 'ai',
    actorId: input.actorId,
    action: 'message.send',
    outcome: 'allowed',
    targetType: 'case',
    targetId: input.caseId,
    data: { ...data, messageId: message.id },
  });
  return (await deliverMessage({ messageId: message.id, actorKind: 'ai', actorId: input.actorId, data }, deps)) ?? message;
}
