import OpenAI from 'openai';
import type { LlmConfig } from './config';
import { type ChatRequest, type ChatResponse, type ChatStreamEvent, LlmError, type LlmProvider } from './types';

export interface ProviderOptions {
  /** Waits between retries; tests pass a fake to keep them fast. */
  sleep?: (ms: number) => Promise<void>;
  /** First backoff delay in ms (doubled per attempt, with jitter). */
  baseDelayMs?: number;
  /** Longest wait a Retry-After header may ask for before the call gives up. */
  maxRetryAfterMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface ErrorLike {
  status?: number;
  headers?: Headers | Record<string, string | undefined>;
  name?: string;
}

/** Seconds or an HTTP date in a Retry-After header, as milliseconds. */
export function retryAfterMs(error: unknown): number | null {
  const headers = (error as ErrorLike).headers;
  if (!headers) return null;
  const value =
    typeof (headers as Headers).get === 'function' ? (headers as Headers).get('retry-after') : (headers as Record<string, string | undefined>)['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

/** Maps a client error to a stable LlmError, and says whether another attempt may help. */
function classify(error: unknown): { error: LlmError; retry: boolean } {
  if (error instanceof LlmError) return { error, retry: false };
  const e = error as ErrorLike;
  const name = e.name ?? '';
  if (name === 'APIUserAbortError' || name === 'AbortError') return { error: new LlmError('aborted', 'The request was aborted'), retry: false };
  if (name === 'APIConnectionTimeoutError') return { error: new LlmError('timeout', 'The model endpoint did not answer in time'), retry: true };
  if (name === 'APIConnectionError') return { error: new LlmError('network', 'The model endpoint could not be reached'), retry: true };
  const status = e.status;
  if (status === 429) return { error: new LlmError('rate_limited', 'The model endpoint is rate limiting', 429), retry: true };
  if (status && status >= 500) return { error: new LlmError('http_error', `The model endpoint failed with HTTP ${status}`, status), retry: true };
  if (status) return { error: new LlmError('http_error', `The model endpoint refused the request with HTTP ${status}`, status), retry: false };
  return { error: new LlmError('network', 'The model call failed'), retry: true };
}

/**
 * The one provider: any OpenAI-compatible chat-completions endpoint (the municipality's own
 * platform, Azure OpenAI, vLLM, Ollama, llama.cpp's server). Retries timeouts, network errors,
 * 5xx and 429 with exponential backoff, honouring Retry-After.
 */
export function createOpenAiProvider(config: LlmConfig, options: ProviderOptions = {}): LlmProvider {
  const client = new OpenAI({ baseURL: config.baseUrl, apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: 0 });
  const sleep = options.sleep ?? defaultSleep;
  const baseDelay = options.baseDelayMs ?? 500;
  const maxRetryAfter = options.maxRetryAfterMs ?? 30_000;
  const modelFor = (task?: string) => (task && config.taskModels[task]) || config.model;

  async function withRetries<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (raw) {
        const { error, retry } = classify(raw);
        if (!retry || attempt >= config.maxRetries || signal?.aborted) throw error;
        const asked = error.code === 'rate_limited' ? retryAfterMs(raw) : null;
        if (asked !== null && asked > maxRetryAfter) throw error;
        const backoff = Math.min(10_000, baseDelay * 2 ** attempt) * (0.8 + Math.random() * 0.4);
        await sleep(asked ?? backoff);
      }
    }
  }

  const body = (request: ChatRequest) => ({
    model: modelFor(request.task),
    messages: request.messages,
    temperature: request.temperature ?? 0.2,
    ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
    ...(request.responseSchema
      ? {
          response_format: {
            type: 'json_schema' as const,
            json_schema: { name: request.responseSchema.name, schema: request.responseSchema.schema, strict: true },
          },
        }
      : {}),
  });

  return {
    endpoint: config.baseUrl,
    modelFor,
    async complete(request) {
      const started = performance.now();
      const res = await withRetries(() => client.chat.completions.create({ ...body(request), stream: false }, { signal: request.signal }), request.signal);
      const content = res.choices[0]?.message?.content ?? '';
      return {
        content,
        model: res.model ?? modelFor(request.task),
        usage: { tokensIn: res.usage?.prompt_tokens ?? 0, tokensOut: res.usage?.completion_tokens ?? 0 },
        latencyMs: Math.round(performance.now() - started),
      } satisfies ChatResponse;
    },
    async *stream(request): AsyncIterable<ChatStreamEvent> {
      const started = performance.now();
      // Retries cover opening the stream; once text has flowed a failure is reported, not replayed.
      const stream = await withRetries(
        () => client.chat.completions.create({ ...body(request), stream: true, stream_options: { include_usage: true } }, { signal: request.signal }),
        request.signal,
      );
      let model = modelFor(request.task);
      let usage = { tokensIn: 0, tokensOut: 0 };
      try {
        for await (const chunk of stream) {
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = { tokensIn: chunk.usage.prompt_tokens ?? 0, tokensOut: chunk.usage.completion_tokens ?? 0 };
          const text = chunk.choices[0]?.delta?.content;
          if (text) yield { type: 'delta', text };
        }
      } catch (raw) {
        throw classify(raw).error;
      }
      yield { type: 'done', model, usage, latencyMs: Math.round(performance.now() - started) };
    },
  };
}
