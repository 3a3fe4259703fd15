import type { LlmProvider } from '../llm';
import type { TrustLevel } from '../redaction';
import { type CampaignOptions, detectCampaigns } from './campaigns';
import { analyzeWithLlm } from './llm';
import {
  type DiscoveryOptions,
  decideThemes,
  discoverOffline,
  givenPrototypes,
  keyphrasesOf,
  mapOffline,
  OFFLINE_CONSULTATION_VERSION,
  type OfflineMappingOptions,
  segmentQuote,
  type ThemePrototype,
} from './offline';
import { inferImplicitStances, readStance } from './stance';
import type {
  AnalysisProgress,
  ConsultationAnalysis,
  ConsultationCampaign,
  ConsultationQuote,
  ConsultationResponse,
  ConsultationTheme,
  ResponseAssignment,
  ThemeInput,
} from './types';
import { ConsultationCorpus } from './vectors';

export interface AnalyzeOptions {
  /** Themes set up by a person: responses are mapped to these instead of to discovered themes. */
  themes?: readonly ThemeInput[] | null;
  /** The model endpoint; null or absent: the offline method does all the work. */
  llm?: LlmProvider | null;
  /** How far the endpoint is trusted (what is redacted before text leaves). */
  trust?: TrustLevel;
  onProgress?: (progress: AnalysisProgress) => void;
  signal?: AbortSignal;
  campaigns?: CampaignOptions;
  discovery?: DiscoveryOptions;
  mapping?: OfflineMappingOptions;
  /** Responses per model request. */
  batchSize?: number;
  /** The proposal in consultation, given to the model as context for stance. */
  proposal?: string;
}

// Share of the whole run each phase stands for, for one overall percentage.
const phaseSpan: Record<AnalysisProgress['phase'], [number, number]> = {
  campaigns: [0, 0.1],
  discovery: [0.1, 0.3],
  mapping: [0.3, 0.9],
  stance: [0.9, 1],
};

/** Reports progress of a phase as an overall fraction. */
export function progressReporter(onProgress?: (p: AnalysisProgress) => void) {
  return (phase: AnalysisProgress['phase'], done: number, total: number) => {
    if (!onProgress) return;
    const [from, to] = phaseSpan[phase];
    onProgress({ phase, done, total, fraction: Math.round((from + (to - from) * (total > 0 ? Math.min(1, done / total) : 1)) * 1e4) / 1e4 });
  };
}

/** Throws on responses that cannot be analysed together (duplicate or empty ids). */
function checkResponses(responses: readonly ConsultationResponse[]): void {
  const seen = new Set<string>();
  for (const r of responses) {
    if (!r.id) throw new Error('Et høringssvar mangler id');
    if (seen.has(r.id)) throw new Error(`Id "${r.id}" findes to gange`);
    seen.add(r.id);
  }
}

/** Per response: 1 when it counts on its own, 0 for a campaign copy other than the representative. */
export function campaignWeights(responses: readonly ConsultationResponse[], campaigns: readonly ConsultationCampaign[]): number[] {
  const copies = new Set(campaigns.flatMap((c) => c.ids.filter((id) => id !== c.representativeId)));
  return responses.map((r) => (copies.has(r.id) ? 0 : 1));
}

/** Counts, examples and keyphrases of themes from the assignments. */
export function summariseThemes(
  themes: readonly ThemeInput[],
  origin: 'given' | 'discovered',
  assignments: readonly ResponseAssignment[],
  campaigns: readonly ConsultationCampaign[],
  keyphrases: readonly string[][] = [],
  exampleScore?: (responseIndex: number, themeIndex: number) => { quote: ConsultationQuote; score: number } | null,
): ConsultationTheme[] {
  const copyOf = new Map<string, string>();
  for (const c of campaigns) for (const id of c.ids) copyOf.set(id, c.id);
  return themes.map((t, k) => {
    const assigned = assignments.map((a, i) => ({ a, i })).filter(({ a }) => a.themes.includes(t.id));
    const voices = new Set(assigned.map(({ a }) => copyOf.get(a.id) ?? `r:${a.id}`));
    let examples: ConsultationQuote[] = [];
    if (exampleScore) {
      const candidates = assigned
        .filter(({ a }) => !a.campaignId || campaigns.find((c) => c.id === a.campaignId)?.representativeId === a.id)
        .map(({ i }) => exampleScore(i, k))
        .filter((x): x is { quote: ConsultationQuote; score: number } => !!x)
        // Quotes people can read in a memo: neither a fragment nor a page.
        .map((x) => ({ ...x, score: x.score * (x.quote.text.length < 40 || x.quote.text.length > 350 ? 0.6 : 1) }))
        .sort((a, b) => b.score - a.score);
      examples = candidates.slice(0, 3).map((c) => c.quote);
    } else {
      // Quotes marked for this theme first, then quotes of responses about this theme alone.
      const pick = (q: ConsultationQuote | undefined) => {
        if (q && examples.length < 3 && !examples.some((e) => e.responseId === q.responseId)) examples.push(q);
      };
      for (const { a } of assigned) pick(a.quotes.find((x) => x.themeId === t.id));
      for (const { a } of assigned) if (a.themes.length === 1) pick(a.quotes[0]);
    }
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      origin,
      count: voices.size,
      responseCount: assigned.length,
      keyphrases: keyphrases[k] ?? [],
      examples,
    };
  });
}

/** The stance quote of a response, if its sentence is not already among the theme quotes. */
function withStanceQuote(quotes: ConsultationQuote[], responseId: string, evidence: { start: number; end: number; text: string } | null): ConsultationQuote[] {
  if (!evidence || quotes.some((q) => q.start === evidence.start)) return quotes;
  return [...quotes, { responseId, text: evidence.text, start: evidence.start, end: evidence.end, themeId: null }];
}

/**
 * The offline analysis: campaigns by shingle similarity, themes discovered by NMF (or the given
 * themes), mapping by sentence similarity to refined theme prototypes, stance by a Danish cue
 * lexicon. Pure and synchronous; the same input gives the same result.
 */
export function analyzeConsultationOffline(responses: readonly ConsultationResponse[], options: Omit<AnalyzeOptions, 'llm'> = {}): ConsultationAnalysis {
  checkResponses(responses);
  const report = progressReporter(options.onProgress);
  report('campaigns', 0, responses.length);
  const campaigns = detectCampaigns(responses, options.campaigns);
  report('campaigns', responses.length, responses.length);
  const weights = campaignWeights(responses, campaigns);
  const given = options.themes && options.themes.length > 0 ? options.themes : null;
  const corpus = new ConsultationCorpus(
    responses.map((r) => r.text),
    (given ?? []).map((t) => `${t.name} ${t.description}`),
  );
  report('discovery', 0, 1);
  let prototypes: ThemePrototype[] = given ? givenPrototypes(corpus, given) : discoverOffline(corpus, weights, options.discovery);
  report('discovery', 1, 1);
  report('mapping', 0, responses.length);
  let mapping = mapOffline(
    corpus,
    prototypes.map((p) => p.prototype),
    weights,
    options.mapping,
  );
  let decided = mapping.scores.map((s) => decideThemes(s, options.mapping));
  if (!given) {
    // A proposed theme that no response ends up in is no theme: drop it and map again.
    const used = new Set(decided.flat());
    if (used.size < prototypes.length) {
      prototypes = prototypes.filter((_, k) => used.has(k)).map((p, i) => ({ ...p, id: `tema-${i + 1}` }));
      mapping = mapOffline(
        corpus,
        prototypes.map((p) => p.prototype),
        weights,
        { ...options.mapping, rounds: 0 },
      );
      decided = mapping.scores.map((s) => decideThemes(s, options.mapping));
    }
  }
  report('mapping', responses.length, responses.length);
  const campaignOf = new Map<string, string>();
  for (const c of campaigns) for (const id of c.ids) campaignOf.set(id, c.id);
  const texts = responses.map((r) => r.text);
  const stanceReadings = inferImplicitStances(
    texts,
    texts.map((t) => readStance(t)),
    weights,
    (t) => corpus.stemsOf(t),
  );
  const assignments: ResponseAssignment[] = responses.map((r, i) => {
    if (i % 200 === 0) report('stance', i, responses.length);
    const scores = mapping.scores[i] ?? new Float64Array(prototypes.length);
    const themeIdx = decided[i] ?? [];
    const quotes: ConsultationQuote[] = [];
    for (const k of themeIdx) {
      const j = mapping.bestSegment[i]?.[k] ?? -1;
      const q = j >= 0 ? segmentQuote(corpus, j, r.id, prototypes[k]?.id ?? null) : null;
      if (q && !quotes.some((x) => x.start === q.start)) quotes.push(q);
    }
    const stance = stanceReadings[i] ?? readStance(r.text);
    return {
      id: r.id,
      themes: themeIdx.map((k) => prototypes[k]?.id ?? ''),
      themeScores: Object.fromEntries(prototypes.map((p, k) => [p.id, Math.round((scores[k] ?? 0) * 1000) / 1000])),
      stance: stance.stance,
      stanceConfidence: stance.confidence,
      quotes: withStanceQuote(quotes, r.id, stance.evidence),
      campaignId: campaignOf.get(r.id) ?? null,
      engine: 'offline',
    };
  });
  report('stance', responses.length, responses.length);
  const themes = summariseThemes(
    prototypes,
    given ? 'given' : 'discovered',
    assignments,
    campaigns,
    mapping.prototypes.map((p) => keyphrasesOf(corpus, p)),
    (i, k) => {
      const j = mapping.bestSegment[i]?.[k] ?? -1;
      const q = j >= 0 ? segmentQuote(corpus, j, responses[i]?.id ?? '', prototypes[k]?.id ?? null) : null;
      return q ? { quote: q, score: mapping.scores[i]?.[k] ?? 0 } : null;
    },
  );
  return { engine: 'offline', version: OFFLINE_CONSULTATION_VERSION, themes, responses: assignments, campaigns, llm: null };
}

/**
 * Analyses a consultation: with a model endpoint, discovery and mapping go through the model
 * (redacted, batched, with progress; a failed batch falls back to the offline method); without
 * one, the offline method does all of it. Campaigns are always found offline.
 */
export async function analyzeConsultation(responses: readonly ConsultationResponse[], options: AnalyzeOptions = {}): Promise<ConsultationAnalysis> {
  if (!options.llm) return analyzeConsultationOffline(responses, options);
  checkResponses(responses);
  const offline = analyzeConsultationOffline(responses, { ...options, onProgress: undefined });
  return analyzeWithLlm(responses, offline, {
    ...options,
    llm: options.llm,
    maxThemes: options.discovery?.maxThemes,
    offlineFor: (themes) => analyzeConsultationOffline(responses, { ...options, themes, onProgress: undefined }),
    summarise: (themes, origin, assignments) => summariseThemes(themes, origin, assignments, offline.campaigns),
  });
}
