import { type ConsultationAnalysis, type ConsultationResponse, type RespondentType, respondentTypes, type Stance, stances } from './types';

/** The exchange format of `ekspedit consult analyze --format json`. */
export interface AnalysisJson {
  themes: { id: string; name: string; description: string; count: number }[];
  responses: { id: string; themes: string[]; stance: Stance; quotes: string[] }[];
  campaigns: { ids: string[]; size: number }[];
}

/** The analysis in the exchange format: theme counts (a campaign counted once), per-response themes, stance and quotes. */
export function toAnalysisJson(analysis: ConsultationAnalysis): AnalysisJson {
  return {
    themes: analysis.themes.map((t) => ({ id: t.id, name: t.name, description: t.description, count: t.count })),
    responses: analysis.responses.map((r) => ({ id: r.id, themes: [...r.themes], stance: r.stance, quotes: r.quotes.map((q) => q.text) })),
    campaigns: analysis.campaigns.map((c) => ({ ids: [...c.ids], size: c.size })),
  };
}

/** Counts of a theme (or of all responses) split by respondent type and by stance. */
export interface Breakdown {
  total: number;
  byRespondentType: Record<RespondentType | 'unknown', number>;
  byStance: Record<Stance, number>;
}

const emptyBreakdown = (): Breakdown => ({
  total: 0,
  byRespondentType: Object.fromEntries([...respondentTypes, 'unknown'].map((t) => [t, 0])) as Breakdown['byRespondentType'],
  byStance: Object.fromEntries(stances.map((s) => [s, 0])) as Breakdown['byStance'],
});

/** Breakdowns of all responses and of each theme, by respondent type and stance (every response counted). */
export function themeBreakdowns(
  analysis: ConsultationAnalysis,
  responses: readonly ConsultationResponse[],
): { all: Breakdown; byTheme: Map<string, Breakdown> } {
  const typeOf = new Map(responses.map((r) => [r.id, r.respondentType]));
  const all = emptyBreakdown();
  const byTheme = new Map(analysis.themes.map((t) => [t.id, emptyBreakdown()]));
  const add = (b: Breakdown, id: string, stance: Stance) => {
    b.total++;
    const type = typeOf.get(id) ?? 'unknown';
    b.byRespondentType[type]++;
    b.byStance[stance]++;
  };
  for (const r of analysis.responses) {
    add(all, r.id, r.stance);
    for (const t of r.themes) {
      const b = byTheme.get(t);
      if (b) add(b, r.id, r.stance);
    }
  }
  return { all, byTheme };
}
