import { copenhagenDate, formatDanishDate } from '../calendar';
import { controlGroupFlag, decideAutoSend, type PolicyRepository } from '../policy';
import type { AiUsageLog, AuditLog, CaseRepository, Clock, MailTransport } from '../ports';
import type { OutboxRepository } from '../review';
import type { MessageRecord } from '../types';
import { sendAsAi } from './send-as-ai';

export interface AutoAcknowledgeDeps {
  cases: CaseRepository;
  policy: PolicyRepository;
  outbox: OutboxRepository;
  mail: MailTransport;
  audit: AuditLog;
  usage: AiUsageLog;
  clock: Clock;
  fromAddress: string;
  newMessageId: () => string;
  /** For the audit sample; tests pass a fixed source. */
  random?: () => number;
}

export const acknowledgementTemplateId = 'kvittering-v1';

function acknowledgementText(input: { name: string | null; number: string; received: Date; deadline: string | null; language: string }): {
  subject: string;
  body: string;
} {
  if (input.language === 'en') {
    return {
      subject: `We have received your inquiry [${input.number}]`,
      body: `Dear ${input.name ?? 'citizen'}\n\nThank you for your inquiry. We received it on ${input.received.toISOString().slice(0, 10)} and it has case number ${input.number}.${input.deadline ? ` We will answer by ${input.deadline}.` : ''}\n\nPlease quote the case number if you write to us again.\n\nThis acknowledgement was sent automatically.`,
    };
  }
  const deadline = input.deadline ? ` Vi svarer senest ${formatDanishDate(input.deadline)}.` : '';
  return {
    subject: `Vi har modtaget din henvendelse [${input.number}]`,
    body: `Kære ${input.name ?? 'borger'}\n\nTak for din henvendelse, som vi modtog ${formatDanishDate(copenhagenDate(input.received))}. Den har fået sagsnummer ${input.number}.${deadline}\n\nSkriv sagsnummeret, hvis du skriver til os igen.\n\nDenne kvittering er sendt automatisk.`,
  };
}

/**
 * Sends an acknowledgement of receipt without a person, when the automation policy allows it for
 * the case's kind, KLE group and channel (level 3 with acknowledgements on, kill switch off). The
 * message is filed on the case as sent by AI under the policy version in force.
 */
export async function autoAcknowledge(
  input: { caseId: string; kleCode: string | null },
  deps: AutoAcknowledgeDeps,
): Promise<{ sent: MessageRecord | null; reason: string | null; policyVersion: number }> {
  const c = await deps.cases.findCaseById(input.caseId);
  const policy = await deps.policy.current();
  if (!c) return { sent: null, reason: 'no_case', policyVersion: policy.version };
  if (c.flags.includes(controlGroupFlag)) return { sent: null, reason: 'control_group', policyVersion: policy.version };
  const ctx = { kind: c.kind, kleCode: c.kleCode ?? input.kleCode, channel: c.channel };
  const decision = decideAutoSend(policy, ctx, { purpose: 'acknowledgement' });
  const now = deps.clock.now();
  if (!decision.allowed) {
    // Only a stop worth seeing is recorded: the policy would have sent, but the kill switch is on.
    if (decision.reason === 'kill_switch') {
      await deps.cases.appendEvents(c.id, [
        {
          activity: 'ai.auto_send_stopped',
          actorKind: 'system',
          actorId: 'ai-policy',
          occurredAt: now,
          data: { policyVersion: policy.version, reason: 'kill_switch', purpose: 'acknowledgement' },
        },
      ]);
      await deps.audit.record({
        actorKind: 'ai',
        actorId: 'auto-acknowledgement',
        action: 'ai.auto_send',
        outcome: 'denied',
        targetType: 'case',
        targetId: c.id,
        data: { policyVersion: policy.version, reason: 'kill_switch' },
      });
    }
    return { sent: null, reason: decision.reason, policyVersion: policy.version };
  }
  const messages = await deps.cases.listMessages(c.id);
  const incoming = messages.find((m) => m.direction === 'in');
  const parties = await deps.cases.listParties(c.id);
  const sender = parties.find((p) => p.role === 'sender') ?? parties[0] ?? null;
  const to = incoming?.fromAddress ?? sender?.email ?? null;
  if (!to) return { sent: null, reason: 'no_recipient', policyVersion: policy.version };
  if (messages.some((m) => m.direction === 'out' && m.aiPolicyVersion !== null && m.aiPolicyVersion !== undefined)) {
    return { sent: null, reason: 'already_acknowledged', policyVersion: policy.version };
  }
  const { subject, body } = acknowledgementText({
    name: sender?.name ?? null,
    number: c.number,
    received: c.receivedAt,
    deadline: c.deadline,
    language: c.language,
  });
  await deps.usage.record({
    caseId: c.id,
    purpose: 'acknowledgement',
    engine: 'offline',
    endpoint: null,
    model: acknowledgementTemplateId,
    promptId: acknowledgementTemplateId,
    promptHash: null,
    params: { policyVersion: policy.version, auditShare: decision.auditShare },
    inputHash: null,
    redactedInputHash: null,
    redactedInput: null,
    outputHash: null,
    output: null,
    sources: [],
    tokensIn: null,
    tokensOut: null,
    latencyMs: 0,
    startedBy: 'ai-policy',
  });
  const sent = await sendAsAi(
    {
      caseId: c.id,
      actorId: 'auto-acknowledgement',
      to,
      subject,
      body,
      inReplyTo: incoming?.messageIdHeader ?? null,
      policyVersion: policy.version,
      isAuditSample: (deps.random ?? Math.random)() < decision.auditShare,
      data: { purpose: 'acknowledgement', template: acknowledgementTemplateId },
    },
    deps,
  );
  return { sent, reason: null, policyVersion: policy.version };
}
