import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { cleanThemeText, conflictUnless, getConsultationTheme, loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import { type ConsultationView, isActiveTheme } from './view';

/** Renames a theme or rewrites its description; the old and new text go to the audit log. */
export async function updateConsultationTheme(
  input: { consultationId: string; themeId: string; user: UserRecord; name?: string; description?: string },
  deps: ConsultationDeps,
): Promise<ConsultationView> {
  const consultation = await getConsultationFor(
    { consultationId: input.consultationId, user: input.user, mode: 'act', action: 'consultation.theme.update' },
    deps,
  );
  const theme = await getConsultationTheme(consultation, input.themeId, deps);
  if (!isActiveTheme(theme)) throw new AppError('CONFLICT', { message: 'Et afvist eller sammenlagt tema kan ikke ændres' });
  const changes = {
    ...(input.name !== undefined ? { name: cleanThemeText(input.name, 'name') } : {}),
    ...(input.description !== undefined ? { description: cleanThemeText(input.description, 'description') } : {}),
  };
  conflictUnless(await deps.consultations.updateTheme(theme.id, theme.status, changes, deps.clock.now()));
  await auditConsultation(deps.audit, input.user, 'consultation.theme.update', consultation.id, {
    themeId: theme.id,
    from: { name: theme.name, description: theme.description },
    to: changes,
  });
  return loadConsultationView(consultation, deps);
}
