import { AppError } from '../../errors';
import type { ConsultationDeps, ConsultationRecord, ConsultationThemeRecord } from './ports';
import { buildConsultationView, type ConsultationView } from './view';

/** Reads everything of a consultation and builds its view. */
export async function loadConsultationView(
  consultation: ConsultationRecord,
  deps: Pick<ConsultationDeps, 'consultations' | 'engine'>,
): Promise<ConsultationView> {
  const [responses, themes, assignments, run] = await Promise.all([
    deps.consultations.listResponses(consultation.id),
    deps.consultations.listThemes(consultation.id),
    deps.consultations.listAssignments(consultation.id),
    deps.consultations.findLatestRun(consultation.id),
  ]);
  return buildConsultationView({ consultation, run, responses, themes, assignments }, deps.engine);
}

/** A theme of the consultation, or NOT_FOUND. */
export async function getConsultationTheme(
  consultation: ConsultationRecord,
  themeId: string,
  deps: Pick<ConsultationDeps, 'consultations'>,
): Promise<ConsultationThemeRecord> {
  const theme = /^[0-9a-f-]{36}$/i.test(themeId) ? await deps.consultations.findTheme(themeId) : null;
  if (!theme || theme.consultationId !== consultation.id) throw new AppError('NOT_FOUND', { message: 'Temaet findes ikke i høringen' });
  return theme;
}

/** The instant for a new batch of rows: now, or just after the newest earlier batch (batches are told apart by instant). */
export function nextBatchInstant(now: Date, earlier: readonly { createdAt: Date }[]): Date {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of earlier) newest = Math.max(newest, e.createdAt.getTime());
  return new Date(Math.max(now.getTime(), newest + 1));
}

/** Trims a theme name or description and checks its length. */
export function cleanThemeText(value: string, field: 'name' | 'description'): string {
  const text = value.trim().replace(/\s+/g, ' ');
  const max = field === 'name' ? 120 : 1000;
  if (field === 'name' && !text) throw new AppError('VALIDATION_FAILED', { message: 'Temaet skal have et navn' });
  if (text.length > max) throw new AppError('VALIDATION_FAILED', { message: `For lang tekst (højst ${max} tegn)` });
  return text;
}

/** Throws CONFLICT when a theme changed under the user's feet. */
export function conflictUnless<T>(value: T | null): T {
  if (value === null) throw new AppError('CONFLICT', { message: 'Temaet er ændret af en anden; indlæs siden igen' });
  return value;
}
