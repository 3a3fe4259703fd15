import { AppError } from '../errors';
import type { AuditLog, CaseRepository, Clock, MailTransport } from '../ports';
import type { MessageRecord, UserRecord } from '../types';
import type { WorkflowRegistry } from '../workflows';
import { assertCanAct, transitionCase } from './transition-case';

export interface SendReplyDeps {
  cases: CaseRepository;
  workflows: WorkflowRegistry;
  audit: AuditLog;
  clock: Clock;
  mail: MailTransport;
  /** The administration's sender address. */
  fromAddress: string;
  /** Generates a Message-ID for outgoing mail. */
  newMessageId: () => string;
}

export interface SendReplyInput {
  caseId: string;
  user: UserRecord;
  text: string;
  subject?: string;
  /** Also move the case on with this transition after sending (e.g. `answer`). */
  thenTransition?: string;
}

/** Sends a reply written by a person to the case's party and files it on the case. */
export async function sendReply(input: SendReplyInput, deps: SendReplyDeps): Promise<MessageRecord> {
  const c = await deps.cases.findCaseById(input.caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND', { message: 'Sagen findes ikke' });
  await assertCanAct(c, input.user, deps.audit, 'message.send');
  if (c.closedAt) throw new AppError('CASE_CLOSED', { message: 'Sagen er afsluttet' });
  const text = input.text.trim();
  if (!text) throw new AppError('VALIDATION_FAILED', { message: 'Svaret er tomt' });

  const messages = await deps.cases.listMessages(c.id);
  const lastIncoming = [...messages].reverse().find((m) => m.direction === 'in' && m.fromAddress);
  const parties = await deps.cases.listParties(c.id);
  const to = lastIncoming?.fromAddress ?? parties.find((p) => p.email)?.email ?? null;
  if (!to) throw new AppError('VALIDATION_FAILED', { message: 'Sagen har ingen modtageradresse' });

  const subject = input.subject?.trim() || `Sv: ${lastIncoming?.subject ?? c.title} [${c.number}]`;
  const messageId = deps.newMessageId();
  const now = deps.clock.now();
  const message = await deps.cases.addMessage(
    c.id,
    {
      direction: 'out',
      channel: 'email',
      fromAddress: deps.fromAddress,
      toAddresses: [to],
      subject,
      bodyText: text,
      rawHash: null,
      messageIdHeader: messageId,
      inReplyTo: lastIncoming?.messageIdHeader ?? null,
      status: 'queued',
      authorId: input.user.id,
      sentAt: null,
    },
    [{ activity: 'message.queued', actorKind: 'person', actorId: input.user.id, occurredAt: now, data: { transport: deps.mail.name } }],
  );

  try {
    const { deliveryRef } = await deps.mail.send({ from: deps.fromAddress, to: [to], subject, text, messageId, inReplyTo: message.inReplyTo });
    const sentAt = deps.clock.now();
    await deps.cases.markMessageDelivered(message.id, { status: 'sent', sentAt, deliveryRef }, [
      { activity: 'message.sent', actorKind: 'person', actorId: input.user.id, occurredAt: sentAt, data: { messageId: message.id, transport: deps.mail.name } },
    ]);
    await deps.audit.record({
      actorKind: 'person',
      actorId: input.user.id,
      action: 'message.send',
      outcome: 'allowed',
      targetType: 'case',
      targetId: c.id,
      data: { messageId: message.id },
    });
    if (input.thenTransition) await transitionCase({ caseId: c.id, transitionId: input.thenTransition, user: input.user }, deps);
    return { ...message, status: 'sent', sentAt, deliveryRef };
  } catch (error) {
    if (error instanceof AppError) throw error;
    await deps.cases.markMessageDelivered(message.id, { status: 'failed', sentAt: null, deliveryRef: null }, [
      { activity: 'message.failed', actorKind: 'system', actorId: deps.mail.name, occurredAt: deps.clock.now(), data: { messageId: message.id } },
    ]);
    throw new AppError('MAIL_DELIVERY_FAILED', { message: 'Beskeden kunne ikke sendes; den ligger på sagen som fejlet', cause: error });
  }
}
