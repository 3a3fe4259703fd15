import { canActOnCase } from '../access';
import { AppError } from '../errors';
import { type PoliticianQuestionDetails, politicianDeadline, type QuestionDeadlineRule } from '../politics';
import type { AuditLog } from '../ports';
import type { CaseKind, Channel, PartyKind } from '../roles';
import type { CaseRecord, UserRecord } from '../types';
import { type CreateCaseDeps, createCase } from './create-case';

export interface RegisterCaseInput {
  user: UserRecord;
  kind: CaseKind;
  title: string;
  body: string;
  channel: Channel;
  sender: { kind: PartyKind; name: string; email: string | null } | null;
  /** Defaults to the user's own unit. */
  unitId?: string | null;
  /** For a politician's question: who asks, the committee, the sub-questions and the deadline rule. */
  politician?: { asker: string; committee: string | null; questions: string[]; deadlineRule: QuestionDeadlineRule; isPublishable: boolean } | null;
}

/** An employee registers a case by hand (a letter, a phone call, a politician's question handed in). */
export async function registerCase(input: RegisterCaseInput, deps: CreateCaseDeps & { audit: AuditLog }): Promise<CaseRecord> {
  const unitId = input.unitId ?? input.user.unitId;
  if (!canActOnCase(input.user, { unitId, kind: input.kind })) {
    await deps.audit.record({
      actorKind: 'person',
      actorId: input.user.id,
      action: 'case.register',
      outcome: 'denied',
      targetType: 'unit',
      targetId: unitId,
      data: { kind: input.kind },
    });
    throw new AppError('FORBIDDEN', { message: 'Du kan ikke oprette sager for denne enhed' });
  }
  if (unitId && !(await deps.directory.findUnit(unitId))) throw new AppError('UNIT_NOT_FOUND', { message: 'Enheden findes ikke' });
  const p = input.kind === 'politician_question' ? input.politician : null;
  const questions = (p?.questions ?? []).map((q) => q.trim()).filter(Boolean);
  if (input.kind === 'politician_question' && questions.length === 0 && !input.body.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: 'Skriv mindst ét spørgsmål' });
  }
  if (p && !(p.deadlineRule.days >= 1 && p.deadlineRule.days <= 365)) throw new AppError('VALIDATION_FAILED', { message: 'Fristen skal være 1–365 dage' });
  // The sub-questions are the text of the case, numbered as the letter will answer them.
  const body = questions.length > 0 ? questions.map((q, i) => `${i + 1}. ${q}`).join('\n\n') : input.body;
  const details: PoliticianQuestionDetails | undefined = p
    ? { asker: p.asker.trim(), committee: p.committee?.trim() || null, questions, deadlineRule: p.deadlineRule, isPublishable: p.isPublishable }
    : undefined;
  return createCase(
    {
      kind: input.kind,
      title: input.title,
      body,
      details: details as Record<string, unknown> | undefined,
      deadline: p ? politicianDeadline(deps.clock.now(), p.deadlineRule, deps.calendar) : undefined,
      channel: input.channel,
      actor: { kind: 'person', user: input.user },
      sender: input.sender ? { kind: input.sender.kind, name: input.sender.name, email: input.sender.email } : null,
      fromAddress: input.sender?.email ?? null,
      unitId,
    },
    deps,
  );
}
