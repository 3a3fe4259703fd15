import { canActOnCase } from '../access';
import { AppError } from '../errors';
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
  return createCase(
    {
      kind: input.kind,
      title: input.title,
      body: input.body,
      channel: input.channel,
      actor: { kind: 'person', user: input.user },
      sender: input.sender ? { kind: input.sender.kind, name: input.sender.name, email: input.sender.email } : null,
      fromAddress: input.sender?.email ?? null,
      unitId,
    },
    deps,
  );
}
