/** One message of a chat request. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON schema the endpoint should constrain its output to (OpenAI `response_format: json_schema`). */
export interface ResponseSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Task name for per-task model overrides (`draft` → EKSPEDIT_LLM_MODEL_DRAFT). */
  task?: string;
  temperature?: number;
  maxTokens?: number;
  responseSchema?: ResponseSchema;
  signal?: AbortSignal;
}

export interface TokenUsage {
  tokensIn: number;
  tokensOut: number;
}

export interface ChatResponse {
  content: string;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
}

/** A piece of a streamed answer: text deltas, then one `done` with usage. */
export type ChatStreamEvent = { type: 'delta'; text: string } | { type: 'done'; model: string; usage: TokenUsage; latencyMs: number };

/**
 * The port every model endpoint is reached through. The OpenAI-compatible provider implements it;
 * tests use the same provider against a local test double, or a fake implementing this interface.
 */
export interface LlmProvider {
  /** Base URL, recorded in the usage log (never the key). */
  readonly endpoint: string;
  /** The model used for a task. */
  modelFor(task?: string): string;
  complete(request: ChatRequest): Promise<ChatResponse>;
  stream(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
}

/** Why a model call failed, as a stable code (no message bodies). */
export class LlmError extends Error {
  constructor(
    readonly code: 'timeout' | 'rate_limited' | 'http_error' | 'network' | 'invalid_output' | 'budget_exhausted' | 'aborted',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}
