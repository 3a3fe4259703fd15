import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import { runConsultationAnalysis } from './run-analysis';
import type { ConsultationView } from './view';

/**
 * Maps every response again, to the approved themes only; earlier AI rows and all human rows stay.
 * A consultation without any theme yet (an import whose analysis did not finish) gets discovery instead.
 */
export async function mapConsultationResponses(input: { consultationId: string; user: UserRecord }, deps: ConsultationDeps): Promise<ConsultationView> {
  const consultation = await getConsultationFor({ ...input, mode: 'act', action: 'consultation.map' }, deps);
  const themes = await deps.consultations.listThemes(consultation.id);
  const approved = themes.filter((t) => t.status === 'approved');
  if ((await deps.consultations.listResponses(consultation.id)).length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Høringen har ingen svar' });
  const mode = themes.length === 0 ? 'discover' : 'map';
  if (mode === 'map' && approved.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Godkend mindst ét tema, før svarene fordeles' });
  const run = await runConsultationAnalysis({ consultation, user: input.user, mode }, deps);
  await auditConsultation(deps.audit, input.user, 'consultation.map', consultation.id, {
    mode,
    engine: run.engine,
    themes: mode === 'map' ? approved.length : run.themes,
    responses: run.responses,
  });
  return loadConsultationView(consultation, deps);
}
