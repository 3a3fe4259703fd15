import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { conflictUnless, getConsultationTheme, loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import type { ConsultationView } from './view';

/** Approves or rejects a theme (a rejected theme may be approved again; a merged one is final). */
export async function decideConsultationTheme(
  input: { consultationId: string; themeId: string; user: UserRecord; decision: 'approve' | 'reject' },
  deps: ConsultationDeps,
): Promise<ConsultationView> {
  const action = `consultation.theme.${input.decision}`;
  const consultation = await getConsultationFor({ consultationId: input.consultationId, user: input.user, mode: 'act', action }, deps);
  const theme = await getConsultationTheme(consultation, input.themeId, deps);
  if (theme.status === 'merged') throw new AppError('CONFLICT', { message: 'Temaet er lagt sammen med et andet' });
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  if (theme.status !== status) {
    conflictUnless(await deps.consultations.updateTheme(theme.id, theme.status, { status }, deps.clock.now()));
    await auditConsultation(deps.audit, input.user, action, consultation.id, { themeId: theme.id, name: theme.name, from: theme.status });
  }
  return loadConsultationView(consultation, deps);
}
