import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import type { ConsultationView } from './view';

/** A consultation with themes, both kinds of assignments, breakdowns, campaigns and live quality; the read is audited. */
export async function getConsultation(
  input: { consultationId: string; user: UserRecord },
  deps: Pick<ConsultationDeps, 'consultations' | 'engine' | 'audit'>,
): Promise<ConsultationView> {
  const consultation = await getConsultationFor({ ...input, mode: 'read', action: 'consultation.read' }, deps);
  await auditConsultation(deps.audit, input.user, 'consultation.read', consultation.id);
  return loadConsultationView(consultation, deps);
}
