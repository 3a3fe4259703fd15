import type { z } from 'zod';
import { type ChatMessage, LlmError, type LlmProvider, parseStructured, responseSchemaOf } from '../../llm';
import { assertNoCpr, Redactor, type TrustLevel } from '../../redaction';
import type { AnalysisProgress, ConsultationAnalysis, ConsultationQuote, ConsultationResponse, LlmRunInfo, ResponseAssignment, ThemeInput } from '../types';
import { buildDiscoverMessages, buildMapMessages, buildMergeMessages, CONSULTATION_PROMPT_VERSION } from './prompt';
import { discoverThemesOutputSchema, mapResponsesOutputSchema, mergeThemesOutputSchema } from './schema';

export * from './prompt';
export * from './schema';

export interface LlmAnalysisOptions {
  llm: LlmProvider;
  themes?: readonly ThemeInput[] | null;
  trust?: TrustLevel;
  /** The proposal in consultation, as context for stance (its first part is sent). */
  proposal?: string;
  onProgress?: (progress: AnalysisProgress) => void;
  signal?: AbortSignal;
  /** Responses per mapping request. */
  batchSize?: number;
  /** Most themes to propose. */
  maxThemes?: number;
  /** The offline analysis with the given themes, for responses the model did not map. */
  offlineFor: (themes: readonly ThemeInput[]) => ConsultationAnalysis;
  /** Counts, examples and keyphrases of the final themes. */
  summarise: (themes: readonly ThemeInput[], origin: 'given' | 'discovered', assignments: readonly ResponseAssignment[]) => ConsultationAnalysis['themes'];
}

// Long responses are cut for the model (the whole text stays in the analysis and the memo).
const maxCharsPerResponse = 4000;
const maxCharsPerBatch = 14_000;
const proposalChars = 2500;

/** Splits responses into batches by count and by characters. */
function batches<T extends { text: string }>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= size || chars + item.text.length > maxCharsPerBatch)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += item.text.length;
  }
  if (current.length) out.push(current);
  return out;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'tema';

/** Where a quote stands in the original text (whitespace may differ); null when it is not there verbatim. */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  const q = quote.trim().replace(/^["'«»„“”]+|["'«»„“”]+$/g, '');
  if (q.length < 3) return null;
  const exact = text.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length };
  // Tolerate differing whitespace (line breaks in the original, spaces in the model's copy).
  const pattern = q
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const m = new RegExp(pattern).exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/**
 * The model's analysis. Every text is redacted (consistent pseudonyms across the run; CPR always)
 * and proven free of CPR numbers before it leaves. Themes are discovered in batches and merged in
 * one more request (unless given); distinct responses are mapped in batches, and campaign copies
 * take their representative's mapping. Quotes must be verbatim in the response or are dropped. A
 * batch that fails, or responses the model leaves out, are mapped by the offline method.
 */
export async function analyzeWithLlm(
  responses: readonly ConsultationResponse[],
  offline: ConsultationAnalysis,
  options: LlmAnalysisOptions,
): Promise<ConsultationAnalysis> {
  const { llm } = options;
  const redactor = new Redactor(options.trust ?? 'external');
  const info: LlmRunInfo = {
    endpoint: llm.endpoint,
    model: llm.modelFor('consult'),
    calls: 0,
    failedCalls: 0,
    tokensIn: 0,
    tokensOut: 0,
    offlineFallbacks: 0,
    discoveryFallback: null,
    redacted: {},
  };
  const proposal = options.proposal?.slice(0, proposalChars);
  const ask = async <T>(messages: ChatMessage[], name: string, schema: z.ZodType<T>): Promise<T> => {
    // One redactor for the whole run: the same person is the same pseudonym in every batch.
    const redacted = messages.map((m) => ({ ...m, content: m.role === 'user' ? redactor.redact(m.content) : m.content }));
    // The proof: nothing that looks like a CPR number leaves, whatever the detector missed.
    for (const m of redacted) assertNoCpr(m.content);
    info.calls++;
    try {
      const res = await llm.complete({
        messages: redacted,
        task: 'consult',
        temperature: 0,
        responseSchema: responseSchemaOf(name, schema),
        signal: options.signal,
      });
      info.tokensIn += res.usage.tokensIn;
      info.tokensOut += res.usage.tokensOut;
      info.model = res.model;
      return parseStructured(res.content, schema);
    } catch (error) {
      info.failedCalls++;
      throw error;
    }
  };

  const representatives = new Set(offline.campaigns.map((c) => c.representativeId));
  const copies = new Set(offline.campaigns.flatMap((c) => c.ids).filter((id) => !representatives.has(id)));
  const distinct = responses.filter((r) => !copies.has(r.id));
  const forModel = distinct.map((r) => ({ id: r.id, text: r.text.slice(0, maxCharsPerResponse) }));
  const batchSize = options.batchSize ?? 15;
  const maxThemes = options.maxThemes ?? 12;
  const report = (phase: AnalysisProgress['phase'], done: number, total: number, from: number, to: number) =>
    options.onProgress?.({ phase, done, total, fraction: from + (to - from) * (total ? done / total : 1) });

  // 1. Themes: given, or discovered by the model, or (when the model fails) the offline proposal.
  let themes: ThemeInput[];
  let origin: 'given' | 'discovered' = 'given';
  if (options.themes && options.themes.length > 0) themes = [...options.themes];
  else {
    origin = 'discovered';
    // Discovery reads more at a time than mapping: it answers with a few themes, not one line per response.
    const discoveryBatches = batches(forModel, batchSize * 2);
    try {
      const candidates: { name: string; description: string; responses: number }[] = [];
      for (const [i, batch] of discoveryBatches.entries()) {
        const out = await ask(buildDiscoverMessages({ proposal, responses: batch, maxThemes }), 'consultation_themes', discoverThemesOutputSchema);
        for (const t of out.themes)
          candidates.push({ name: redactor.restore(t.name), description: redactor.restore(t.description), responses: t.responseIds.length });
        report('discovery', i + 1, discoveryBatches.length + 1, 0.05, 0.3);
      }
      let merged: ThemeInput[];
      if (discoveryBatches.length === 1) merged = candidates.slice(0, maxThemes).map((c) => ({ id: slug(c.name), name: c.name, description: c.description }));
      else {
        const out = await ask(buildMergeMessages({ proposal, candidates, maxThemes }), 'consultation_merge', mergeThemesOutputSchema);
        merged = out.themes.slice(0, maxThemes).map((t) => ({ id: slug(t.id || t.name), name: t.name, description: t.description }));
      }
      const seen = new Set<string>();
      themes = merged.map((t) => {
        let id = t.id;
        for (let n = 2; seen.has(id); n++) id = `${t.id}-${n}`;
        seen.add(id);
        return { ...t, id };
      });
      if (themes.length === 0) throw new LlmError('invalid_output', 'The model proposed no themes');
    } catch (error) {
      info.discoveryFallback = error instanceof LlmError ? error.code : 'engine_error';
      themes = offline.themes.map((t) => ({ id: t.id, name: t.name, description: t.description }));
    }
  }
  report('discovery', 1, 1, 0.05, 0.3);

  // 2. Mapping, batch by batch.
  const themeIds = new Set(themes.map((t) => t.id));
  const byId = new Map(responses.map((r) => [r.id, r]));
  const mapped = new Map<string, { themes: string[]; stance: ResponseAssignment['stance']; quotes: ConsultationQuote[] }>();
  const mapBatches = batches(forModel, batchSize);
  for (const [i, batch] of mapBatches.entries()) {
    try {
      const out = await ask(buildMapMessages({ proposal, themes, responses: batch }), 'consultation_mapping', mapResponsesOutputSchema);
      const inBatch = new Set(batch.map((b) => b.id));
      for (const r of out.responses) {
        const original = byId.get(r.id);
        if (!original || !inBatch.has(r.id) || mapped.has(r.id)) continue;
        const quotes: ConsultationQuote[] = [];
        for (const q of r.quotes.slice(0, 3)) {
          // A quote the model did not copy verbatim is not a quote: it is dropped.
          const at = locateQuote(original.text, redactor.restore(q.text));
          if (!at || quotes.some((x) => x.start === at.start)) continue;
          const themeId = themeIds.has(q.theme) && r.themes.includes(q.theme) ? q.theme : null;
          quotes.push({ responseId: r.id, text: original.text.slice(at.start, at.end), start: at.start, end: at.end, themeId });
        }
        mapped.set(r.id, { themes: [...new Set(r.themes.filter((t) => themeIds.has(t)))], stance: r.stance, quotes });
      }
    } catch (error) {
      if (error instanceof LlmError && error.code === 'aborted') throw error;
      // The batch falls to the offline method below.
    }
    report('mapping', i + 1, mapBatches.length, 0.3, 0.95);
  }

  // 3. Offline mapping for what the model did not map; campaign copies follow their representative.
  const needOffline = distinct.some((r) => !mapped.has(r.id));
  // The offline analysis already maps to given themes, and to its own when discovery fell back.
  const fallback = needOffline ? (origin === 'given' || info.discoveryFallback ? offline : options.offlineFor(themes)) : null;
  const fallbackById = new Map((fallback?.responses ?? []).map((a) => [a.id, a]));
  const offlineById = new Map(offline.responses.map((a) => [a.id, a]));
  const campaignOf = new Map<string, { id: string; representativeId: string }>();
  for (const c of offline.campaigns) for (const id of c.ids) campaignOf.set(id, c);
  const assignments: ResponseAssignment[] = responses.map((r) => {
    const campaign = campaignOf.get(r.id) ?? null;
    const sourceId = campaign && copies.has(r.id) ? campaign.representativeId : r.id;
    const fromModel = mapped.get(sourceId);
    const offlineOwn = offlineById.get(r.id);
    if (fromModel) {
      // A copy's quotes are the representative's sentences found again in the copy's own text.
      const quotes =
        sourceId === r.id
          ? fromModel.quotes
          : fromModel.quotes.flatMap((q) => {
              const at = locateQuote(r.text, q.text);
              return at ? [{ ...q, responseId: r.id, start: at.start, end: at.end, text: r.text.slice(at.start, at.end) }] : [];
            });
      return {
        id: r.id,
        themes: fromModel.themes,
        themeScores: Object.fromEntries(themes.map((t) => [t.id, fromModel.themes.includes(t.id) ? 1 : 0])),
        stance: fromModel.stance,
        stanceConfidence: 0.8,
        quotes,
        campaignId: campaign?.id ?? null,
        engine: 'llm' as const,
      };
    }
    info.offlineFallbacks++;
    const own = fallbackById.get(r.id) ?? offlineOwn;
    if (!own) throw new Error(`No analysis of response ${r.id}`);
    return { ...own, campaignId: campaign?.id ?? null };
  });
  report('stance', 1, 1, 0.95, 1);
  info.redacted = redactor.counts();
  return {
    engine: 'llm',
    version: CONSULTATION_PROMPT_VERSION,
    themes: options.summarise(themes, origin, assignments),
    responses: assignments,
    campaigns: offline.campaigns,
    llm: info,
  };
}
