import type { AiUsageEntry, AuditLog, Clock } from '../../ports';

/** Who sent a consultation response (høringssvar), where known. */
export const consultationRespondentTypes = ['citizen', 'association', 'business', 'local_council', 'staff'] as const;
export type ConsultationRespondentType = (typeof consultationRespondentTypes)[number];

/** A response's position on the proposal. */
export const consultationStances = ['support', 'oppose', 'mixed', 'neutral'] as const;
export type ConsultationStance = (typeof consultationStances)[number];

/** open (no responses yet) | analysed | closed. */
export type ConsultationStatus = 'open' | 'analysed' | 'closed';
/** proposed (by AI, to be decided) | approved | rejected | merged (into another theme). */
export type ConsultationThemeStatus = 'proposed' | 'approved' | 'rejected' | 'merged';

/** A consultation (høring): the proposal and its responses. */
export interface ConsultationRecord {
  id: string;
  title: string;
  proposal: string;
  status: ConsultationStatus;
  unitId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A consultation in a list, with its counts. */
export interface ConsultationSummary extends ConsultationRecord {
  responses: number;
  proposedThemes: number;
  approvedThemes: number;
  /** Responses a person has reviewed (has a human assignment). */
  reviewed: number;
}

/** A verbatim stretch of a response, with its offsets; `responseId` is the respondent's (external) id. */
export interface ConsultationQuote {
  responseId: string;
  text: string;
  start: number;
  end: number;
  /** The theme the quote is evidence for; null for a quote that shows the stance. */
  themeId: string | null;
}

/** One stored response. `stance` is the AI's reading from the latest analysis. */
export interface ConsultationResponseRecord {
  id: string;
  consultationId: string;
  externalId: string;
  text: string;
  respondentType: ConsultationRespondentType | null;
  /** The external id of the campaign's representative copy; shared by every copy of one campaign. */
  campaignKey: string | null;
  stance: ConsultationStance | null;
}

export interface ConsultationThemeRecord {
  id: string;
  consultationId: string;
  name: string;
  description: string;
  origin: 'ai' | 'human';
  status: ConsultationThemeStatus;
  mergedIntoId: string | null;
  /** Example quotes (the AI's, from discovery). */
  quotes: ConsultationQuote[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One response → theme row. AI and human rows are kept apart and never changed; a later batch supersedes. */
export interface ConsultationAssignmentRecord {
  id: number;
  responseId: string;
  themeId: string;
  source: 'ai' | 'human';
  stance: ConsultationStance | null;
  quotes: ConsultationQuote[];
  score: number | null;
  createdBy: string | null;
  /** Rows written together (one analysis run, one correction) share this instant. */
  createdAt: Date;
}

/** What the latest analysis run was, from the AI usage log. */
export interface ConsultationRunInfo {
  engine: 'offline' | 'llm';
  model: string | null;
  at: Date;
}

/** An analysis to store: AI-proposed themes (discovery) and AI assignments, in one transaction. */
export interface ConsultationAnalysisWrite {
  consultationId: string;
  at: Date;
  createdBy: string;
  /** Themes discovered by this run; `key` is how `assignments[].theme` refers to them. */
  newThemes: { key: string; name: string; description: string; quotes: ConsultationQuote[] }[];
  /** The AI's stance and campaign of each response (by stored id). */
  responses: { responseId: string; stance: ConsultationStance; campaignKey: string | null }[];
  /** `theme` is a key of `newThemes` or the id of a stored theme. */
  assignments: { responseId: string; theme: string; stance: ConsultationStance; quotes: ConsultationQuote[]; score: number | null }[];
}

/** Storage of consultations (implemented in packages/db). */
export interface ConsultationRepository {
  /** Creates a consultation without responses. */
  create(input: { title: string; proposal: string; unitId: string | null; createdBy: string }): Promise<ConsultationRecord>;
  list(): Promise<ConsultationSummary[]>;
  find(id: string): Promise<ConsultationRecord | null>;
  /** Stores imported responses (all or none). */
  addResponses(consultationId: string, responses: { externalId: string; text: string; respondentType: ConsultationRespondentType | null }[]): Promise<void>;
  /** Responses in import order. */
  listResponses(consultationId: string): Promise<ConsultationResponseRecord[]>;
  listThemes(consultationId: string): Promise<ConsultationThemeRecord[]>;
  findTheme(themeId: string): Promise<ConsultationThemeRecord | null>;
  listAssignments(consultationId: string): Promise<ConsultationAssignmentRecord[]>;
  /** Writes an analysis run: new AI themes, the responses' AI stance and campaign, AI assignment rows; marks it analysed. */
  saveAnalysis(write: ConsultationAnalysisWrite): Promise<void>;
  addTheme(input: {
    consultationId: string;
    name: string;
    description: string;
    origin: 'ai' | 'human';
    status: ConsultationThemeStatus;
    createdBy: string;
    at: Date;
  }): Promise<ConsultationThemeRecord>;
  /** Changes a theme; null when the theme's status was no longer `expectedStatus` (a lost race). */
  updateTheme(
    themeId: string,
    expectedStatus: ConsultationThemeStatus,
    changes: Partial<Pick<ConsultationThemeRecord, 'name' | 'description' | 'status' | 'mergedIntoId'>>,
    at: Date,
  ): Promise<ConsultationThemeRecord | null>;
  /** Writes a person's assignment of a response (one row per theme, sharing `at`). */
  addHumanAssignment(input: {
    consultationId: string;
    responseId: string;
    themeIds: string[];
    stance: ConsultationStance;
    createdBy: string;
    at: Date;
  }): Promise<void>;
  /** The engine and model of the latest analysis (from the AI usage log), or null. */
  findLatestRun(consultationId: string): Promise<ConsultationRunInfo | null>;
}

/** A response as the engine reads and analyses it (`id` is the respondent's external id). */
export interface EngineResponse {
  id: string;
  text: string;
  respondentType: ConsultationRespondentType | null;
}

export interface EngineTheme {
  id: string;
  name: string;
  description: string;
  origin: 'given' | 'discovered';
  /** Responses on the theme, a campaign counted once. */
  count: number;
  /** Responses on the theme, every copy counted. */
  responseCount: number;
  keyphrases: string[];
  examples: ConsultationQuote[];
}

export interface EngineAssignment {
  id: string;
  themes: string[];
  themeScores: Record<string, number>;
  stance: ConsultationStance;
  stanceConfidence: number;
  quotes: ConsultationQuote[];
  campaignId: string | null;
  engine: 'offline' | 'llm';
}

export interface EngineCampaign {
  id: string;
  ids: string[];
  size: number;
  representativeId: string;
  similarity: number;
}

/** An analysis in the engine's shape (the shape of `ConsultationAnalysis` in @ekspedit/ai). */
export interface EngineAnalysis {
  engine: 'offline' | 'llm';
  version: string;
  themes: EngineTheme[];
  responses: EngineAssignment[];
  campaigns: EngineCampaign[];
  llm: { endpoint: string; model: string; calls: number; failedCalls: number; tokensIn: number; tokensOut: number } | null;
}

/** Agreement of AI and human theme assignments on the reviewed responses. */
export interface ConsultationQuality {
  reviewed: number;
  /** Sample-averaged F1 of the AI's themes against the person's. */
  f1: number;
  /** 95 % bootstrap interval of f1. */
  interval: [number, number];
  stanceAgreement: number | null;
  /** F1 ≥ 0.75 on at least 30 reviewed responses. */
  isTrustworthy: boolean;
}

/** Themes (and stance) one party gave a response. */
export interface ThemeSet {
  id: string;
  themes: readonly string[];
  stance?: ConsultationStance | null;
}

/** The analysis engine (implemented with @ekspedit/ai by the server): reading files, analysing, quality, the memo. */
export interface ConsultationEngine {
  /** Reads responses from a CSV, JSONL or XLSX file; null when the file kind is none of those. */
  readResponses(file: { filename: string; content: Uint8Array }): Promise<{ responses: EngineResponse[]; errors: { line: number; message: string }[] } | null>;
  /** Discovers themes (no `themes`) or maps to the given themes; returns the analysis and its usage-log entry. */
  analyze(input: {
    responses: EngineResponse[];
    themes: { id: string; name: string; description: string }[] | null;
    proposal: string;
  }): Promise<{ analysis: EngineAnalysis; usage: AiUsageEntry }>;
  quality(ai: ThemeSet[], human: ThemeSet[]): ConsultationQuality;
  /** The draft memo (høringsnotat) as DOCX. */
  memo(input: {
    analysis: EngineAnalysis;
    responses: EngineResponse[];
    title: string;
    proposal: string;
    date: string;
    quality: ConsultationQuality | null;
  }): Promise<Uint8Array>;
}

/** Everything the consultation use cases may ask for. */
export interface ConsultationDeps {
  consultations: ConsultationRepository;
  engine: ConsultationEngine;
  audit: AuditLog;
  usage: { record(entry: AiUsageEntry): Promise<{ id: string }> };
  clock: Clock;
}
