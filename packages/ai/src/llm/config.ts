import { z } from 'zod';
import type { TrustLevel } from '../redaction';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The LLM variables; only apps read process.env and pass it here. */
export const llmEnvSchema = z.object({
  /** Base URL of an OpenAI-compatible endpoint, e.g. https://ai.kommune.dk/v1 or http://127.0.0.1:11434/v1; unset: offline engine only. */
  EKSPEDIT_LLM_BASE_URL: z.url().optional(),
  /** API key of the endpoint (some local servers need none). */
  EKSPEDIT_LLM_API_KEY: z.string().optional(),
  /** Default model name at the endpoint. */
  EKSPEDIT_LLM_MODEL: z.string().min(1).optional(),
  /** Model for drafting replies (overrides EKSPEDIT_LLM_MODEL). */
  EKSPEDIT_LLM_MODEL_DRAFT: z.string().min(1).optional(),
  /** Model for summaries (overrides EKSPEDIT_LLM_MODEL). */
  EKSPEDIT_LLM_MODEL_SUMMARISE: z.string().min(1).optional(),
  /** Model for minutes (overrides EKSPEDIT_LLM_MODEL). */
  EKSPEDIT_LLM_MODEL_MINUTES: z.string().min(1).optional(),
  /** internal: the municipality's own platform (only CPR redacted); external: names, addresses, phones, e-mails, accounts redacted too. */
  EKSPEDIT_LLM_TRUST: z.enum(['internal', 'external']).default('external'),
  /** Milliseconds before one request is abandoned. */
  EKSPEDIT_LLM_TIMEOUT_MS: positiveInt(60_000),
  /** Retries after a failed request (timeouts, 429, 5xx), with exponential backoff. */
  EKSPEDIT_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Tokens (in + out) one case may use at the endpoint. */
  EKSPEDIT_LLM_CASE_TOKEN_BUDGET: positiveInt(60_000),
});

export interface LlmConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Per-task model overrides, by task name. */
  taskModels: Record<string, string>;
  trust: TrustLevel;
  timeoutMs: number;
  maxRetries: number;
  caseTokenBudget: number;
}

/**
 * Parses the LLM configuration; returns null when no endpoint is configured (the offline engine
 * is then the only engine). Throws listing every invalid variable.
 */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfig | null {
  const parsed = llmEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('EKSPEDIT_LLM_') && v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid LLM configuration: ${problems}`);
  }
  const e = parsed.data;
  if (!e.EKSPEDIT_LLM_BASE_URL) return null;
  if (!e.EKSPEDIT_LLM_MODEL) throw new Error('Invalid LLM configuration: EKSPEDIT_LLM_MODEL is required when EKSPEDIT_LLM_BASE_URL is set');
  const taskModels: Record<string, string> = {};
  if (e.EKSPEDIT_LLM_MODEL_DRAFT) taskModels.draft = e.EKSPEDIT_LLM_MODEL_DRAFT;
  if (e.EKSPEDIT_LLM_MODEL_SUMMARISE) taskModels.summarise = e.EKSPEDIT_LLM_MODEL_SUMMARISE;
  if (e.EKSPEDIT_LLM_MODEL_MINUTES) taskModels.minutes = e.EKSPEDIT_LLM_MODEL_MINUTES;
  return {
    baseUrl: e.EKSPEDIT_LLM_BASE_URL,
    apiKey: e.EKSPEDIT_LLM_API_KEY ?? 'none',
    model: e.EKSPEDIT_LLM_MODEL,
    taskModels,
    trust: e.EKSPEDIT_LLM_TRUST,
    timeoutMs: e.EKSPEDIT_LLM_TIMEOUT_MS,
    maxRetries: e.EKSPEDIT_LLM_MAX_RETRIES,
    caseTokenBudget: e.EKSPEDIT_LLM_CASE_TOKEN_BUDGET,
  };
}
