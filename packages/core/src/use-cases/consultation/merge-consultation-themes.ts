import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { conflictUnless, getConsultationTheme, loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import { type ConsultationView, isActiveTheme } from './view';

/**
 * Merges a theme into another: the merged theme stays (status merged, pointing at the other), and
 * its assignments count for the theme it was merged into.
 */
export async function mergeConsultationThemes(
  input: { consultationId: string; themeId: string; intoId: string; user: UserRecord },
  deps: ConsultationDeps,
): Promise<ConsultationView> {
  const consultation = await getConsultationFor(
    { consultationId: input.consultationId, user: input.user, mode: 'act', action: 'consultation.theme.merge' },
    deps,
  );
  const theme = await getConsultationTheme(consultation, input.themeId, deps);
  const into = await getConsultationTheme(consultation, input.intoId, deps);
  if (theme.id === into.id) throw new AppError('VALIDATION_FAILED', { message: 'Et tema kan ikke lægges sammen med sig selv' });
  if (!isActiveTheme(theme) || !isActiveTheme(into)) throw new AppError('CONFLICT', { message: 'Kun aktive temaer kan lægges sammen' });
  conflictUnless(await deps.consultations.updateTheme(theme.id, theme.status, { status: 'merged', mergedIntoId: into.id }, deps.clock.now()));
  await auditConsultation(deps.audit, input.user, 'consultation.theme.merge', consultation.id, {
    themeId: theme.id,
    name: theme.name,
    intoId: into.id,
    intoName: into.name,
  });
  return loadConsultationView(consultation, deps);
}
