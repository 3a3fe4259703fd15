import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditConsultation, getConsultationFor } from './access';
import { loadConsultationView } from './load';
import type { ConsultationDeps, ConsultationQuote, EngineAnalysis } from './ports';
import { type ConsultationView, isActiveTheme, themeResolver } from './view';

/** The analysis as it stands after review, in the engine's shape: approved themes (or, before any approval, the proposed ones). */
export function reviewedAnalysis(view: ConsultationView): EngineAnalysis {
  const approved = view.themes.filter((t) => t.status === 'approved');
  const themes = approved.length > 0 ? approved : view.themes.filter(isActiveTheme);
  const included = new Set(themes.map((t) => t.id));
  const resolve = themeResolver(view.themes);
  const labelOf = new Map<string, string>();
  for (const c of view.campaigns) for (const id of c.responseIds) labelOf.set(id, c.label);
  const onTheme = new Map(themes.map((t) => [t.id, new Set(view.responses.filter((r) => r.themeIds.includes(t.id)).map((r) => r.externalId))]));
  const engine = view.run?.engine ?? 'offline';
  return {
    engine,
    version: '',
    themes: themes.map((t) => {
      // Examples: the theme's own quotes, those of themes merged into it, then the AI's evidence —
      // only from responses that are on the theme now, one per response.
      const candidates: ConsultationQuote[] = [
        ...t.quotes,
        ...view.themes.filter((m) => m.status === 'merged' && resolve(m.id) === t.id).flatMap((m) => m.quotes),
        ...view.responses.flatMap((r) => r.ai.quotes.filter((q) => q.themeId !== null && resolve(q.themeId) === t.id)),
      ];
      const examples: ConsultationQuote[] = [];
      for (const q of candidates) {
        if (examples.length >= 3) break;
        if (onTheme.get(t.id)?.has(q.responseId) && !examples.some((e) => e.responseId === q.responseId)) examples.push({ ...q, themeId: t.id });
      }
      return {
        id: t.id,
        name: t.name,
        description: t.description,
        origin: t.origin === 'ai' ? 'discovered' : 'given',
        count: t.count,
        responseCount: t.responseCount,
        keyphrases: [],
        examples,
      };
    }),
    responses: view.responses.map((r) => ({
      id: r.externalId,
      themes: r.themeIds.filter((id) => included.has(id)),
      themeScores: {},
      stance: r.stance ?? 'neutral',
      stanceConfidence: 1,
      quotes: r.ai.quotes,
      campaignId: labelOf.get(r.externalId) ?? null,
      engine,
    })),
    campaigns: view.campaigns.map((c) => ({ id: c.label, ids: c.responseIds, size: c.size, representativeId: c.representativeId, similarity: 1 })),
    llm: engine === 'llm' ? { endpoint: '', model: view.run?.model ?? '', calls: 0, failedCalls: 0, tokensIn: 0, tokensOut: 0 } : null,
  };
}

/** The draft memo (høringsnotat) as DOCX, from the consultation as reviewed so far; the download is audited. */
export async function draftConsultationMemo(
  input: { consultationId: string; user: UserRecord },
  deps: Pick<ConsultationDeps, 'consultations' | 'engine' | 'audit' | 'clock'>,
): Promise<{ filename: string; content: Uint8Array }> {
  const consultation = await getConsultationFor({ ...input, mode: 'read', action: 'consultation.memo' }, deps);
  const view = await loadConsultationView(consultation, deps);
  if (view.responses.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Høringen har ingen svar endnu' });
  const content = await deps.engine.memo({
    analysis: reviewedAnalysis(view),
    responses: view.responses.map((r) => ({ id: r.externalId, text: r.text, respondentType: r.respondentType })),
    title: consultation.title,
    proposal: consultation.proposal,
    date: deps.clock.now().toISOString().slice(0, 10),
    quality: view.quality.reviewed > 0 ? view.quality : null,
  });
  await auditConsultation(deps.audit, input.user, 'consultation.memo', consultation.id, { responses: view.responses.length, reviewed: view.quality.reviewed });
  const slug =
    consultation.title
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'hoering';
  return { filename: `hoeringsnotat-${slug}.docx`, content };
}
