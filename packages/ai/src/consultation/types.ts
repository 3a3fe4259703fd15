import { z } from 'zod';

/** Who sent a consultation response, where known. */
export const respondentTypes = ['citizen', 'association', 'business', 'local_council', 'staff'] as const;
export type RespondentType = (typeof respondentTypes)[number];

/** Danish names of the respondent types, for the memo and the CLI. */
export const respondentTypeLabels: Record<RespondentType, string> = {
  citizen: 'Borgere',
  association: 'Foreninger',
  business: 'Virksomheder',
  local_council: 'Lokalråd',
  staff: 'Medarbejdere',
};

/** A response's position on the proposal. */
export const stances = ['support', 'oppose', 'mixed', 'neutral'] as const;
export type Stance = (typeof stances)[number];

/** Danish names of the stances. */
export const stanceLabels: Record<Stance, string> = { support: 'For', oppose: 'Imod', mixed: 'Delvist', neutral: 'Neutral' };

/** One consultation response (høringssvar) as imported. */
export interface ConsultationResponse {
  id: string;
  text: string;
  respondentType: RespondentType | null;
}

/** A theme as a person sets it up: the input of mapping (`--themes`). */
export const themeInputSchema = z.object({
  id: z.string().min(1).describe('Stable id of the theme, e.g. "skolevej"'),
  name: z.string().min(1).describe('Short Danish name of the theme'),
  description: z.string().describe('One or two sentences saying which arguments belong to the theme'),
});
export type ThemeInput = z.infer<typeof themeInputSchema>;

/** A list of themes, as in a themes.json file. */
export const themeListSchema = z.array(themeInputSchema);

/** A quote: a verbatim stretch of a response, with its offsets in the response text. */
export interface ConsultationQuote {
  responseId: string;
  text: string;
  start: number;
  end: number;
  /** The theme the quote is evidence for; null for a quote that shows the stance. */
  themeId: string | null;
}

/** A theme of the analysis: given by a person, or proposed by discovery (to be approved). */
export interface ConsultationTheme extends ThemeInput {
  origin: 'given' | 'discovered';
  /** Responses mapped to the theme, a campaign counted once. */
  count: number;
  /** Responses mapped to the theme, every campaign copy counted. */
  responseCount: number;
  /** Terms that characterise the theme (discovered themes; for given themes the terms mapping learnt). */
  keyphrases: string[];
  /** Representative quotes, from different responses, best first. */
  examples: ConsultationQuote[];
}

/** What the engine says about one response: themes with scores, a stance with scores, evidence. */
export interface ResponseAssignment {
  id: string;
  /** Theme ids, best first. */
  themes: string[];
  /** Score in [0, 1] of every theme for this response (also the themes not assigned), for review screens. */
  themeScores: Record<string, number>;
  stance: Stance;
  /** Confidence in the stance, 0–1. */
  stanceConfidence: number;
  /** Evidence: at most one quote per assigned theme, then the sentence that shows the stance. */
  quotes: ConsultationQuote[];
  /** The campaign the response belongs to, if any. */
  campaignId: string | null;
  engine: 'offline' | 'llm';
}

/** Near-identical responses sent by many (a campaign), counted once with its size. */
export interface ConsultationCampaign {
  id: string;
  /** Response ids, the representative (the most typical copy) first. */
  ids: string[];
  size: number;
  representativeId: string;
  /** Mean similarity of the copies to the representative, 0–1. */
  similarity: number;
}

/** How the model endpoint was used in an analysis (no text). */
export interface LlmRunInfo {
  endpoint: string;
  model: string;
  calls: number;
  failedCalls: number;
  tokensIn: number;
  tokensOut: number;
  /** Responses the model did not map (its batch failed or it skipped them); the offline engine mapped them. */
  offlineFallbacks: number;
  /** Why discovery fell back to the offline method, if it did. */
  discoveryFallback: string | null;
  redacted: Record<string, number>;
}

/** The result of an analysis: proposed or given themes, per-response assignments, campaigns. */
export interface ConsultationAnalysis {
  engine: 'offline' | 'llm';
  /** The version of the offline method or the prompt, for the usage log and reproducibility. */
  version: string;
  themes: ConsultationTheme[];
  responses: ResponseAssignment[];
  campaigns: ConsultationCampaign[];
  llm: LlmRunInfo | null;
}

/** Progress of a long analysis, for a progress bar. */
export interface AnalysisProgress {
  phase: 'campaigns' | 'discovery' | 'mapping' | 'stance';
  done: number;
  total: number;
  /** Overall share done, 0–1, across the phases. */
  fraction: number;
}
