import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { loadConsultationView, nextBatchInstant } from './load';
import { type ConsultationDeps, type ConsultationStance, consultationStances } from './ports';
import type { ConsultationView } from './view';

/**
 * A person's assignment of one response: one or more approved themes and a stance. It is stored
 * beside the AI's (never over it), and the latest one counts; the live quality compares the two.
 */
export async function correctConsultationAssignment(
  input: { consultationId: string; responseId: string; user: UserRecord; themeIds: string[]; stance: ConsultationStance },
  deps: ConsultationDeps,
): Promise<ConsultationView> {
  const consultation = await getConsultationFor(
    { consultationId: input.consultationId, user: input.user, mode: 'act', action: 'consultation.assignment.correct' },
    deps,
  );
  const response = (await deps.consultations.listResponses(consultation.id)).find((r) => r.id === input.responseId);
  if (!response) throw new AppError('NOT_FOUND', { message: 'Svaret findes ikke i høringen' });
  if (!consultationStances.includes(input.stance)) throw new AppError('VALIDATION_FAILED', { message: 'Ukendt holdning' });
  const themeIds = [...new Set(input.themeIds)];
  if (themeIds.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Vælg mindst ét tema' });
  const approved = new Set((await deps.consultations.listThemes(consultation.id)).filter((t) => t.status === 'approved').map((t) => t.id));
  if (themeIds.some((id) => !approved.has(id))) throw new AppError('VALIDATION_FAILED', { message: 'Et svar kan kun få godkendte temaer' });
  const earlier = (await deps.consultations.listAssignments(consultation.id)).filter((a) => a.source === 'human' && a.responseId === response.id);
  await deps.consultations.addHumanAssignment({
    consultationId: consultation.id,
    responseId: response.id,
    themeIds,
    stance: input.stance,
    createdBy: input.user.id,
    at: nextBatchInstant(deps.clock.now(), earlier),
  });
  const view = await loadConsultationView(consultation, deps);
  const after = view.responses.find((r) => r.id === response.id);
  await auditConsultation(deps.audit, input.user, 'consultation.assignment.correct', consultation.id, {
    responseId: response.id,
    externalId: response.externalId,
    themeIds,
    stance: input.stance,
    aiThemeIds: after?.ai.themeIds ?? [],
    aiStance: after?.ai.stance ?? null,
    reviewed: view.quality.reviewed,
    f1: view.quality.f1,
  });
  return view;
}
