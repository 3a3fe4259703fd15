import type { UserRecord } from '../../types';
import { assertConsultationAccess } from './access';
import type { ConsultationDeps, ConsultationSummary } from './ports';

/** Every consultation with its counts, newest first. */
export async function listConsultations(input: { user: UserRecord }, deps: Pick<ConsultationDeps, 'consultations' | 'audit'>): Promise<ConsultationSummary[]> {
  await assertConsultationAccess({ user: input.user, mode: 'read', action: 'consultation.list', consultationId: null }, deps.audit);
  return deps.consultations.list();
}
