import type { UserRecord } from '../../types';
import { nextBatchInstant } from './load';
import type { ConsultationDeps, ConsultationQuote, ConsultationRecord } from './ports';

/**
 * Runs the engine over a consultation's responses and stores the result as AI rows: discovery
 * proposes new themes; mapping assigns the responses to the approved themes. Usage is logged.
 */
export async function runConsultationAnalysis(
  input: { consultation: ConsultationRecord; user: UserRecord; mode: 'discover' | 'map' },
  deps: ConsultationDeps,
): Promise<{ engine: 'offline' | 'llm'; themes: number; responses: number }> {
  const { consultation } = input;
  const [responses, themes, assignments] = await Promise.all([
    deps.consultations.listResponses(consultation.id),
    deps.consultations.listThemes(consultation.id),
    deps.consultations.listAssignments(consultation.id),
  ]);
  const given =
    input.mode === 'map' ? themes.filter((t) => t.status === 'approved').map((t) => ({ id: t.id, name: t.name, description: t.description })) : null;
  const { analysis, usage } = await deps.engine.analyze({
    responses: responses.map((r) => ({ id: r.externalId, text: r.text, respondentType: r.respondentType })),
    themes: given,
    proposal: consultation.proposal,
  });
  await deps.usage.record({ ...usage, startedBy: input.user.id, params: { ...usage.params, consultationId: consultation.id, mode: input.mode } });

  const idOf = new Map(responses.map((r) => [r.externalId, r.id]));
  const campaignOf = new Map<string, string>();
  for (const c of analysis.campaigns) for (const id of c.ids) campaignOf.set(id, c.representativeId);
  const at = nextBatchInstant(
    deps.clock.now(),
    assignments.filter((a) => a.source === 'ai'),
  );
  const quotesFor = (quotes: ConsultationQuote[], themeId: string) => quotes.filter((q) => q.themeId === themeId || q.themeId === null);
  await deps.consultations.saveAnalysis({
    consultationId: consultation.id,
    at,
    createdBy: input.user.id,
    newThemes: given ? [] : analysis.themes.map((t) => ({ key: t.id, name: t.name, description: t.description, quotes: t.examples })),
    responses: analysis.responses.flatMap((a) => {
      const responseId = idOf.get(a.id);
      return responseId ? [{ responseId, stance: a.stance, campaignKey: campaignOf.get(a.id) ?? null }] : [];
    }),
    assignments: analysis.responses.flatMap((a) => {
      const responseId = idOf.get(a.id);
      if (!responseId) return [];
      return a.themes.map((theme) => ({ responseId, theme, stance: a.stance, quotes: quotesFor(a.quotes, theme), score: a.themeScores[theme] ?? null }));
    }),
  });
  return { engine: analysis.engine, themes: analysis.themes.length, responses: analysis.responses.length };
}
