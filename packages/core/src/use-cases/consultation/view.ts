import {
  type ConsultationAssignmentRecord,
  type ConsultationEngine,
  type ConsultationQuality,
  type ConsultationQuote,
  type ConsultationRecord,
  type ConsultationRespondentType,
  type ConsultationResponseRecord,
  type ConsultationRunInfo,
  type ConsultationStance,
  type ConsultationThemeRecord,
  consultationRespondentTypes,
  consultationStances,
  type ThemeSet,
} from './ports';

/** Counts of responses split by respondent type and by stance (every response counted). */
export interface ConsultationBreakdown {
  total: number;
  byRespondentType: Record<ConsultationRespondentType | 'unknown', number>;
  byStance: Record<ConsultationStance, number>;
}

export interface ConsultationThemeView extends ConsultationThemeRecord {
  /** Responses on the theme now (a person's assignment where there is one, else the AI's), a campaign counted once. */
  count: number;
  /** The same, every campaign copy counted. */
  responseCount: number;
  breakdown: ConsultationBreakdown;
}

export interface ConsultationResponseView {
  id: string;
  externalId: string;
  text: string;
  respondentType: ConsultationRespondentType | null;
  campaignKey: string | null;
  /** The AI's latest assignment, with merged themes followed and rejected themes left out. */
  ai: { themeIds: string[]; stance: ConsultationStance | null; quotes: ConsultationQuote[] };
  /** A person's latest assignment, if the response has been reviewed. */
  human: { themeIds: string[]; stance: ConsultationStance | null; by: string | null; at: Date } | null;
  /** What counts: the person's assignment, else the AI's. */
  themeIds: string[];
  stance: ConsultationStance | null;
}

/** Near-identical responses (a campaign), counted once with its size. */
export interface ConsultationCampaignView {
  key: string;
  /** K1, K2 … by size. */
  label: string;
  size: number;
  representativeId: string;
  responseIds: string[];
  themeIds: string[];
  stance: ConsultationStance | null;
}

/** Everything the consultation page shows. */
export interface ConsultationView {
  consultation: ConsultationRecord;
  run: ConsultationRunInfo | null;
  themes: ConsultationThemeView[];
  responses: ConsultationResponseView[];
  campaigns: ConsultationCampaignView[];
  breakdown: ConsultationBreakdown;
  /** Responses without a theme now. */
  unthemed: number;
  quality: ConsultationQuality & { bar: { f1: number; reviewed: number } };
}

/** The bar of trust for the AI's assignments (as the engine applies it). */
export const consultationTrustBar = { f1: 0.75, reviewed: 30 } as const;

const emptyBreakdown = (): ConsultationBreakdown => ({
  total: 0,
  byRespondentType: Object.fromEntries([...consultationRespondentTypes, 'unknown'].map((t) => [t, 0])) as ConsultationBreakdown['byRespondentType'],
  byStance: Object.fromEntries(consultationStances.map((s) => [s, 0])) as ConsultationBreakdown['byStance'],
});

/** Themes that count: approved or still proposed (not rejected, not merged away). */
export const isActiveTheme = (t: Pick<ConsultationThemeRecord, 'status'>) => t.status === 'approved' || t.status === 'proposed';

/** Follows merges to the theme an id stands for now; null when that theme was rejected. */
export function themeResolver(themes: readonly ConsultationThemeRecord[]): (id: string) => string | null {
  const byId = new Map(themes.map((t) => [t.id, t]));
  return (id) => {
    let t = byId.get(id);
    for (let hops = 0; t?.status === 'merged' && t.mergedIntoId && hops < 50; hops++) t = byId.get(t.mergedIntoId);
    return t && isActiveTheme(t) ? t.id : null;
  };
}

/** The rows of the newest batch (one analysis run, one correction): rows written together share `createdAt`. */
function newestBatch(rows: readonly ConsultationAssignmentRecord[]): ConsultationAssignmentRecord[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const r of rows) newest = Math.max(newest, r.createdAt.getTime());
  return rows.filter((r) => r.createdAt.getTime() === newest);
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/**
 * The consultation as it stands: per response the AI's and the person's assignments side by side,
 * theme counts (campaigns once), breakdowns, campaigns and the live quality of the AI against the
 * people who reviewed.
 */
export function buildConsultationView(
  input: {
    consultation: ConsultationRecord;
    run: ConsultationRunInfo | null;
    responses: readonly ConsultationResponseRecord[];
    themes: readonly ConsultationThemeRecord[];
    assignments: readonly ConsultationAssignmentRecord[];
  },
  engine: Pick<ConsultationEngine, 'quality'>,
): ConsultationView {
  const resolve = themeResolver(input.themes);
  const resolveAll = (ids: readonly string[]) => unique(ids.map(resolve).filter((id): id is string => id !== null));
  // The AI's rows of its latest run only; earlier runs stay in the table for the audit.
  const aiRows = newestBatch(input.assignments.filter((a) => a.source === 'ai'));
  const aiByResponse = new Map<string, ConsultationAssignmentRecord[]>();
  for (const a of aiRows) aiByResponse.set(a.responseId, [...(aiByResponse.get(a.responseId) ?? []), a]);
  const humanByResponse = new Map<string, ConsultationAssignmentRecord[]>();
  for (const a of input.assignments) if (a.source === 'human') humanByResponse.set(a.responseId, [...(humanByResponse.get(a.responseId) ?? []), a]);

  const responses: ConsultationResponseView[] = input.responses.map((r) => {
    const ai = (aiByResponse.get(r.id) ?? []).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    const quotes: ConsultationQuote[] = [];
    for (const q of ai.flatMap((a) => a.quotes)) if (!quotes.some((x) => x.start === q.start)) quotes.push(q);
    const humanRows = newestBatch(humanByResponse.get(r.id) ?? []);
    const human = humanRows[0]
      ? { themeIds: resolveAll(humanRows.map((h) => h.themeId)), stance: humanRows[0].stance, by: humanRows[0].createdBy, at: humanRows[0].createdAt }
      : null;
    const aiView = { themeIds: resolveAll(ai.map((a) => a.themeId)), stance: r.stance, quotes };
    return {
      id: r.id,
      externalId: r.externalId,
      text: r.text,
      respondentType: r.respondentType,
      campaignKey: r.campaignKey,
      ai: aiView,
      human,
      themeIds: human ? human.themeIds : aiView.themeIds,
      stance: human?.stance ?? aiView.stance,
    };
  });

  const breakdown = emptyBreakdown();
  const themeStats = new Map(input.themes.map((t) => [t.id, { voices: new Set<string>(), breakdown: emptyBreakdown() }]));
  const add = (b: ConsultationBreakdown, r: ConsultationResponseView) => {
    b.total++;
    b.byRespondentType[r.respondentType ?? 'unknown']++;
    if (r.stance) b.byStance[r.stance]++;
  };
  for (const r of responses) {
    add(breakdown, r);
    for (const id of r.themeIds) {
      const s = themeStats.get(id);
      if (!s) continue;
      // A campaign is one voice however many copies were sent.
      s.voices.add(r.campaignKey ? `k:${r.campaignKey}` : `r:${r.id}`);
      add(s.breakdown, r);
    }
  }
  const themes: ConsultationThemeView[] = input.themes.map((t) => {
    const s = themeStats.get(t.id);
    return { ...t, count: s?.voices.size ?? 0, responseCount: s?.breakdown.total ?? 0, breakdown: s?.breakdown ?? emptyBreakdown() };
  });

  const byKey = new Map<string, ConsultationResponseView[]>();
  for (const r of responses) if (r.campaignKey) byKey.set(r.campaignKey, [...(byKey.get(r.campaignKey) ?? []), r]);
  const campaigns = [...byKey.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'da', { numeric: true }))
    .map(([key, members], i): ConsultationCampaignView => {
      const rep = members.find((m) => m.externalId === key) ?? members[0];
      return {
        key,
        label: `K${i + 1}`,
        size: members.length,
        representativeId: rep?.externalId ?? key,
        responseIds: members.map((m) => m.externalId),
        themeIds: rep?.themeIds ?? [],
        stance: rep?.stance ?? null,
      };
    });

  const aiSets: ThemeSet[] = responses.map((r) => ({ id: r.id, themes: r.ai.themeIds, stance: r.ai.stance }));
  const humanSets: ThemeSet[] = responses.flatMap((r) => (r.human ? [{ id: r.id, themes: r.human.themeIds, stance: r.human.stance }] : []));
  return {
    consultation: input.consultation,
    run: input.run,
    themes,
    responses,
    campaigns,
    breakdown,
    unthemed: responses.filter((r) => r.themeIds.length === 0).length,
    quality: { ...engine.quality(aiSets, humanSets), bar: { ...consultationTrustBar } },
  };
}
