// The public face of consultation analysis; the vector space, NMF and prompt builders stay inside.
export { type AnalyzeOptions, analyzeConsultation, analyzeConsultationOffline } from './analyze';
export { type CampaignOptions, detectCampaigns } from './campaigns';
export { CONSULTATION_PROMPT_ID, CONSULTATION_PROMPT_VERSION, consultationPromptHash, locateQuote } from './llm';
export { buildConsultationMemo, type MemoOptions } from './memo';
export { type DiscoveryOptions, OFFLINE_CONSULTATION_VERSION, type OfflineMappingOptions } from './offline';
export { type AnalysisJson, type Breakdown, themeBreakdowns, toAnalysisJson } from './output';
export {
  bootstrapMeanInterval,
  campaignPairScores,
  type DiscoveryQuality,
  discoveryQuality,
  type LiveQuality,
  liveQuality,
  normalizedMutualInformation,
  setF1,
  type ThemeAssignment,
  trustBar,
} from './quality';
export { parseRespondentType, parseResponsesCsv, parseResponsesFile, parseResponsesJsonl, parseResponsesXlsx, type ReadResponses } from './read-responses';
export { readStance, type StanceReading } from './stance';
export * from './types';
