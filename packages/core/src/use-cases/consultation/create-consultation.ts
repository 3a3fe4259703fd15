import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { assertConsultationAccess, auditConsultation } from './access';
import type { ConsultationDeps, ConsultationRecord } from './ports';

/** Opens a consultation (høring) with its title and the proposal in consultation; responses are imported next. */
export async function createConsultation(
  input: { user: UserRecord; title: string; proposal: string },
  deps: Pick<ConsultationDeps, 'consultations' | 'audit'>,
): Promise<ConsultationRecord> {
  await assertConsultationAccess({ user: input.user, mode: 'act', action: 'consultation.create', consultationId: null }, deps.audit);
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (!title) throw new AppError('VALIDATION_FAILED', { message: 'Høringen skal have en titel' });
  const created = await deps.consultations.create({ title, proposal: input.proposal.trim(), unitId: input.user.unitId, createdBy: input.user.id });
  await auditConsultation(deps.audit, input.user, 'consultation.create', created.id, { title });
  return created;
}
