import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { loadConsultationView } from './load';
import type { ConsultationDeps } from './ports';
import { runConsultationAnalysis } from './run-analysis';
import type { ConsultationView } from './view';

/** Most responses one import takes; the analysis runs within the request. */
export const maxConsultationResponses = 5000;

/**
 * Imports the responses of a consultation from a CSV, JSONL or XLSX file (all rows or none) and
 * runs theme discovery on them: the themes come back proposed, for a person to review.
 */
export async function importConsultationResponses(
  input: { consultationId: string; user: UserRecord; filename: string; content: Uint8Array },
  deps: ConsultationDeps,
): Promise<ConsultationView> {
  const consultation = await getConsultationFor({ consultationId: input.consultationId, user: input.user, mode: 'act', action: 'consultation.import' }, deps);
  if ((await deps.consultations.listResponses(consultation.id)).length > 0) {
    throw new AppError('CONFLICT', { message: 'Høringen har allerede svar; opret en ny høring for en ny import' });
  }
  const read = await deps.engine.readResponses({ filename: input.filename, content: input.content });
  if (!read) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Filtypen kendes ikke (brug .csv, .jsonl eller .xlsx)' });
  if (read.errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: `${read.errors.length} svar kunne ikke læses; intet er importeret`,
      details: { errors: read.errors.slice(0, 50), total: read.errors.length },
    });
  }
  if (read.responses.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Filen indeholder ingen høringssvar' });
  if (read.responses.length > maxConsultationResponses) {
    throw new AppError('VALIDATION_FAILED', { message: `Højst ${maxConsultationResponses} svar ad gangen (filen har ${read.responses.length})` });
  }
  await deps.consultations.addResponses(
    consultation.id,
    read.responses.map((r) => ({ externalId: r.id, text: r.text, respondentType: r.respondentType })),
  );
  const run = await runConsultationAnalysis({ consultation, user: input.user, mode: 'discover' }, deps);
  await auditConsultation(deps.audit, input.user, 'consultation.import', consultation.id, {
    filename: input.filename,
    responses: read.responses.length,
    engine: run.engine,
    proposedThemes: run.themes,
  });
  return loadConsultationView((await deps.consultations.find(consultation.id)) ?? consultation, deps);
}
