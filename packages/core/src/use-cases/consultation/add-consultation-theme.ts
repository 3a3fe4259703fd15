import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { cleanThemeText, loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import type { ConsultationView } from './view';

/** Adds a theme a person names (approved at once: a person made it); re-mapping or corrections fill it. */
export async function addConsultationTheme(
  input: { consultationId: string; user: UserRecord; name: string; description: string },
  deps: ConsultationDeps,
): Promise<ConsultationView> {
  const consultation = await getConsultationFor(
    { consultationId: input.consultationId, user: input.user, mode: 'act', action: 'consultation.theme.add' },
    deps,
  );
  const theme = await deps.consultations.addTheme({
    consultationId: consultation.id,
    name: cleanThemeText(input.name, 'name'),
    description: cleanThemeText(input.description, 'description'),
    origin: 'human',
    status: 'approved',
    createdBy: input.user.id,
    at: deps.clock.now(),
  });
  await auditConsultation(deps.audit, input.user, 'consultation.theme.add', consultation.id, { themeId: theme.id, name: theme.name });
  return loadConsultationView(consultation, deps);
}
