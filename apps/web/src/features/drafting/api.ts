import { ApiError, apiRequest, apiStream } from '../../api/client';

/** A link from a draft sentence to the passage it rests on. */
export interface CitationDto {
  sourceId: string;
  chunkId: string;
  title: string;
  headingPath: string;
  excerpt: string;
  page: number | null;
  score: number;
}

export interface DraftSentenceDto {
  text: string;
  citations: CitationDto[];
  supported: boolean;
  /** unsupported, contradicted, fabricated_number, … — each has a text in the dictionaries. */
  flags: string[];
  kind: 'claim' | 'courtesy';
}

export interface PlainLanguageHintDto {
  kind: string;
  start: number;
  end: number;
  text: string;
  suggestion?: string;
}

/** A grounding-checked draft reply. It is never sent by itself. */
export interface DraftDto {
  id: string;
  engine: 'offline' | 'llm';
  text: string;
  sentences: DraftSentenceDto[];
  lix: number;
  language: string;
  requestedLanguage: string;
  standardLetterId: string | null;
  model: string | null;
  promptVersion: string;
  hints: PlainLanguageHintDto[];
  fallbackReason: string | null;
  usage?: { tokensIn: number; tokensOut: number; latencyMs: number };
  createdAt?: string;
}

/** One server-sent event: its name and its parsed JSON data. */
interface StreamEvent {
  event: string;
  data: unknown;
}

/** Splits a buffer of server-sent events into complete events; returns them and the unfinished rest. */
export function parseEvents(buffer: string): { events: StreamEvent[]; rest: string } {
  const events: StreamEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) continue;
    try {
      events.push({ event, data: JSON.parse(data.join('\n')) });
    } catch {
      // A malformed event is skipped; the final `draft` event decides the outcome.
    }
  }
  return { events, rest };
}

/**
 * Asks the server for a draft and reads its event stream: `onDelta` gets each piece of text as it is
 * written; the promise resolves with the checked draft, or rejects with the stream's error.
 */
export async function streamDraft(caseId: string, options: { onDelta: (text: string) => void; signal?: AbortSignal }): Promise<DraftDto> {
  const response = await apiStream(`/cases/${encodeURIComponent(caseId)}/draft`, { signal: options.signal });
  const reader = response.body?.getReader();
  if (!reader) throw new ApiError('NETWORK', 0, 'No response body');
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('NETWORK', 0, error instanceof Error ? error.message : 'Stream broken');
    }
    buffer += decoder.decode(chunk.value ?? new Uint8Array(), { stream: !chunk.done });
    const { events, rest } = parseEvents(chunk.done ? `${buffer}\n\n` : buffer);
    buffer = rest;
    for (const { event, data } of events) {
      if (event === 'delta') {
        const text = (data as { text?: unknown }).text;
        if (typeof text === 'string') options.onDelta(text);
      } else if (event === 'draft') {
        void reader.cancel().catch(() => undefined);
        return data as DraftDto;
      } else if (event === 'error') {
        const e = data as { code?: unknown; message?: unknown };
        throw new ApiError(typeof e.code === 'string' ? e.code : 'INTERNAL', 200, typeof e.message === 'string' ? e.message : '');
      }
    }
    if (chunk.done) throw new ApiError('NETWORK', 0, 'The stream ended without a draft');
  }
}

/** The case's most recent draft, if any. */
export function fetchLatestDraft(caseId: string, signal?: AbortSignal): Promise<{ draft: DraftDto | null }> {
  return apiRequest(`/cases/${encodeURIComponent(caseId)}/drafts/latest`, { signal });
}

/** The plain-language band of a LIX score: under 35 easy, 35–45 medium, over 45 hard. */
export function lixBand(lix: number): 'easy' | 'medium' | 'hard' {
  if (lix < 35) return 'easy';
  if (lix <= 45) return 'medium';
  return 'hard';
}
