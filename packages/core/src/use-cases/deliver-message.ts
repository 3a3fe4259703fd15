import type { Clock, MailTransport } from '../ports';
import type { OutboxRepository } from '../review';
import type { ActorKind } from '../roles';
import type { MessageRecord } from '../types';

export interface DeliverMessageDeps {
  outbox: OutboxRepository;
  mail: MailTransport;
  clock: Clock;
}

/** A transport failure after the content was handed over: the message may have arrived. */
export function isDeliveryUncertain(error: unknown): boolean {
  return !!(error as { isDeliveryUncertain?: boolean } | null)?.isDeliveryUncertain;
}

/**
 * One delivery attempt of a filed outgoing message. The message keeps its Message-ID across
 * attempts, so a retry after a broken connection is the same message, not a second one; a claim
 * on the row keeps two workers from sending it at once.
 */
export async function deliverMessage(
  input: { messageId: string; actorKind: ActorKind; actorId: string; data?: Record<string, unknown> },
  deps: DeliverMessageDeps,
): Promise<MessageRecord | null> {
  const m = await deps.outbox.claim(input.messageId, deps.clock.now());
  if (!m?.messageIdHeader) return null;
  const attempt = m.deliveryAttempts ?? 1;
  try {
    const { deliveryRef } = await deps.mail.send({
      from: m.fromAddress ?? '',
      to: m.toAddresses,
      subject: m.subject,
      text: m.bodyText,
      messageId: m.messageIdHeader,
      inReplyTo: m.inReplyTo,
    });
    const sentAt = deps.clock.now();
    await deps.outbox.complete(m.id, { status: 'sent', sentAt, deliveryRef }, [
      {
        activity: 'message.sent',
        actorKind: input.actorKind,
        actorId: input.actorId,
        occurredAt: sentAt,
        data: { ...input.data, messageId: m.id, transport: deps.mail.name, attempt },
      },
    ]);
    return { ...m, status: 'sent', sentAt, deliveryRef };
  } catch (error) {
    const status = isDeliveryUncertain(error) ? 'uncertain' : 'failed';
    await deps.outbox.complete(m.id, { status, sentAt: null, deliveryRef: null }, [
      {
        activity: 'message.failed',
        actorKind: 'system',
        actorId: deps.mail.name,
        occurredAt: deps.clock.now(),
        data: { messageId: m.id, attempt, uncertain: status === 'uncertain' },
      },
    ]);
    return { ...m, status };
  }
}

/** Tries failed and uncertain deliveries again (same Message-ID), with a pause between attempts. */
export async function retryDeliveries(deps: DeliverMessageDeps, options: { pauseMs?: number; maxAttempts?: number } = {}): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - (options.pauseMs ?? 60_000));
  const ids = await deps.outbox.listRetryable(before, options.maxAttempts ?? 8);
  let sent = 0;
  for (const id of ids) {
    const r = await deliverMessage({ messageId: id, actorKind: 'system', actorId: 'delivery-retry' }, deps);
    if (r?.status === 'sent') sent++;
  }
  return sent;
}
