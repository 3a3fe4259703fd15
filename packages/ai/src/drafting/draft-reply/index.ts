import { createHash } from 'node:crypto';
import type { AiUsageEntry, Draft, DraftingEngine, DraftRequest } from '@ekspedit/core';
import { type ChatRequest, completedTextFields, LlmError, type LlmProvider, parseStructured, responseSchemaOf } from '../../llm';
import type { PersonalDataType } from '../../pii';
import { assertNoCpr, Redactor, type TrustLevel } from '../../redaction';
import { detectLanguage } from '../../text';
import { type ComposedDraft, finalizeDraft } from '../compose';
import { chooseStandardLetter, composeOfflineDraft, OFFLINE_ENGINE_VERSION } from '../offline';
import { buildDraftReplyMessages, DRAFT_REPLY_PROMPT_ID, DRAFT_REPLY_PROMPT_VERSION, draftReplyPromptHash } from './prompt';
import { draftReplyOutputSchema } from './schema';

export * from './prompt';
export * from './schema';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface DraftingEngineOptions {
  /** The model endpoint; null: the offline engine only. */
  llm: LlmProvider | null;
  trust: TrustLevel;
  /** Tokens one case may use at the endpoint. */
  caseTokenBudget: number;
  /** Stream the model's answer (sentences reach `onDelta` as they complete). */
  stream?: boolean;
}

function offlineUsage(request: DraftRequest, draft: Draft, startedMs: number): AiUsageEntry {
  return {
    caseId: request.caseId,
    purpose: 'draft',
    engine: 'offline',
    endpoint: null,
    model: null,
    promptId: 'draft-reply-offline',
    promptHash: sha256(OFFLINE_ENGINE_VERSION),
    params: { version: OFFLINE_ENGINE_VERSION, fallbackReason: draft.fallbackReason },
    inputHash: sha256(`${request.inquiry.subject}\n${request.inquiry.body}`),
    redactedInputHash: null,
    // Nothing left the machine, so no redacted copy is kept; the usage log holds no citizen text here.
    redactedInput: null,
    outputHash: sha256(draft.text),
    output: null,
    sources: request.passages.map((p) => ({ sourceId: p.sourceId, chunkId: p.chunkId })),
    tokensIn: null,
    tokensOut: null,
    latencyMs: Math.round(performance.now() - startedMs),
    startedBy: null,
  };
}

/** Runs the offline engine and checks its draft; emits its sentences as deltas. */
function runOffline(request: DraftRequest, fallbackReason: string | null, onDelta?: (text: string) => void): { draft: Draft; usage: AiUsageEntry[] } {
  const started = performance.now();
  const composed = composeOfflineDraft(request);
  const draft = finalizeDraft(composed, request, {
    engine: 'offline',
    model: null,
    promptVersion: OFFLINE_ENGINE_VERSION,
    fallbackReason,
    usage: { tokensIn: 0, tokensOut: 0, latencyMs: Math.round(performance.now() - started) },
  });
  if (onDelta) {
    for (const [i, s] of draft.sentences.entries()) onDelta(i === 0 ? s.text : ` ${s.text}`);
  }
  return { draft, usage: [offlineUsage(request, draft, started)] };
}

/** The case values that redaction replaces wherever they occur, under the trust level's policy. */
function knownValues(request: DraftRequest): { value: string; type: PersonalDataType }[] {
  const p = request.party;
  if (!p) return [];
  const out: { value: string; type: PersonalDataType }[] = [];
  if (p.name) out.push({ value: p.name, type: 'NAME' });
  if (p.email) out.push({ value: p.email, type: 'EMAIL' });
  if (p.phone) out.push({ value: p.phone, type: 'PHONE' });
  if (p.address) out.push({ value: p.address, type: 'ADDRESS' });
  if (p.cpr) out.push({ value: p.cpr, type: 'CPR' });
  return out;
}

/**
 * The LLM engine: redacts, prompts with numbered sources and the inquiry fenced as data, asks for
 * structured sentences with source numbers, restores pseudonyms, and grounds the result. Throws
 * LlmError on any failure so the caller can fall back.
 */
export async function draftWithLlm(
  request: DraftRequest,
  llm: LlmProvider,
  options: { trust: TrustLevel; stream?: boolean; onDelta?: (text: string) => void; signal?: AbortSignal },
): Promise<{ draft: Draft; usage: AiUsageEntry }> {
  const redactor = new Redactor(options.trust, knownValues(request));
  const letter = chooseStandardLetter(request.standardLetters, `${request.inquiry.subject}\n${request.inquiry.body}`);
  const language = request.inquiry.language || detectLanguage(request.inquiry.body);
  const plainMessages = buildDraftReplyMessages({ subject: request.inquiry.subject, body: request.inquiry.body, language, sources: request.passages, letter });
  const messages = plainMessages.map((m) => ({ ...m, content: redactor.redact(m.content) }));
  // The proof: nothing that looks like a CPR number leaves, whatever the detector missed.
  for (const m of messages) assertNoCpr(m.content);
  const chat: ChatRequest = {
    messages,
    task: 'draft',
    temperature: 0.2,
    responseSchema: responseSchemaOf('draft_reply', draftReplyOutputSchema),
    signal: options.signal,
  };

  let content = '';
  let model = llm.modelFor('draft');
  let tokens = { tokensIn: 0, tokensOut: 0 };
  let latencyMs = 0;
  if (options.stream) {
    let emitted = 0;
    for await (const event of llm.stream(chat)) {
      if (event.type === 'delta') {
        content += event.text;
        const done = completedTextFields(content);
        for (; emitted < done.length; emitted++) options.onDelta?.(`${emitted ? ' ' : ''}${redactor.restore(done[emitted] ?? '')}`);
      } else {
        model = event.model;
        tokens = event.usage;
        latencyMs = event.latencyMs;
      }
    }
  } else {
    const res = await llm.complete(chat);
    content = res.content;
    model = res.model;
    tokens = res.usage;
    latencyMs = res.latencyMs;
  }
  const output = parseStructured(content, draftReplyOutputSchema);
  const chunkIdOf = (n: number) => request.passages[n - 1]?.chunkId;
  const composed: ComposedDraft = {
    language: output.language || language,
    standardLetterId: letter?.id ?? null,
    sentences: output.sentences
      .map((s) => ({
        text: redactor.restore(s.text).trim(),
        citedChunkIds: [...s.sources.map(chunkIdOf).filter((x): x is string => !!x), ...(letter ? [`letter:${letter.id}`] : [])],
      }))
      .filter((s) => s.text.length > 0),
  };
  const draft = finalizeDraft(composed, request, {
    engine: 'llm',
    model,
    promptVersion: DRAFT_REPLY_PROMPT_VERSION,
    fallbackReason: null,
    usage: { ...tokens, latencyMs },
  });
  const redactedInput = messages.map((m) => `${m.role.toUpperCase()}:\n${m.content}`).join('\n\n');
  return {
    draft,
    usage: {
      caseId: request.caseId,
      purpose: 'draft',
      engine: 'llm',
      endpoint: llm.endpoint,
      model,
      promptId: DRAFT_REPLY_PROMPT_ID,
      promptHash: draftReplyPromptHash,
      params: { temperature: 0.2, trust: options.trust, promptVersion: DRAFT_REPLY_PROMPT_VERSION, stream: !!options.stream, redacted: redactor.counts() },
      inputHash: sha256(plainMessages.map((m) => m.content).join('\n')),
      redactedInputHash: sha256(redactedInput),
      redactedInput,
      outputHash: sha256(content),
      // The model's raw output still holds pseudonyms, not the restored personal data.
      output: content,
      sources: request.passages.map((p, i) => ({ n: i + 1, sourceId: p.sourceId, chunkId: p.chunkId })),
      tokensIn: tokens.tokensIn,
      tokensOut: tokens.tokensOut,
      latencyMs,
      startedBy: null,
    },
  };
}

/**
 * The drafting engine the server and CLI use: the LLM engine when an endpoint is configured and
 * the case's token budget allows, the offline engine otherwise and whenever the endpoint fails.
 * Every draft, from either engine, is grounding-checked.
 */
export function createDraftingEngine(options: DraftingEngineOptions): DraftingEngine {
  return {
    async draft(request, callOptions = {}) {
      if (!options.llm) return runOffline(request, null, callOptions.onDelta);
      if (request.tokensUsed >= options.caseTokenBudget) return runOffline(request, 'token_budget_exhausted', callOptions.onDelta);
      const buffered: string[] = [];
      try {
        const { draft, usage } = await draftWithLlm(request, options.llm, {
          trust: options.trust,
          stream: options.stream ?? !!callOptions.onDelta,
          onDelta: callOptions.onDelta
            ? (t) => {
                buffered.push(t);
                callOptions.onDelta?.(t);
              }
            : undefined,
          signal: callOptions.signal,
        });
        return { draft, usage: [usage] };
      } catch (error) {
        const code = error instanceof LlmError ? error.code : 'engine_error';
        // Text already streamed is replaced: the UI starts over on the offline draft.
        if (buffered.length) callOptions.onDelta?.('\n\n— Modellen svarede ikke færdigt; udkastet herunder er lavet uden model —\n\n');
        const fallback = runOffline(request, `llm_failed:${code}`, callOptions.onDelta);
        const [offlineEntry] = fallback.usage;
        if (!offlineEntry) throw error;
        const failed: AiUsageEntry = {
          ...offlineEntry,
          engine: 'llm',
          endpoint: options.llm.endpoint,
          model: options.llm.modelFor('draft'),
          promptId: DRAFT_REPLY_PROMPT_ID,
          promptHash: draftReplyPromptHash,
          params: { error: code },
          outputHash: null,
          tokensIn: 0,
          tokensOut: 0,
        };
        return { draft: fallback.draft, usage: [failed, ...fallback.usage] };
      }
    },
  };
}

/** Streams a draft as events: text deltas as sentences are written, then the checked draft. */
export async function* streamDraft(
  engine: DraftingEngine,
  request: DraftRequest,
  signal?: AbortSignal,
): AsyncGenerator<{ type: 'delta'; text: string } | { type: 'draft'; draft: Draft; usage: AiUsageEntry[] }> {
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let finished: { draft: Draft; usage: AiUsageEntry[] } | null = null;
  let failure: unknown = null;
  const run = engine
    .draft(request, {
      signal,
      onDelta: (t) => {
        queue.push(t);
        wake?.();
      },
    })
    .then(
      (r) => {
        finished = r;
      },
      (e) => {
        failure = e;
      },
    )
    .finally(() => wake?.());
  for (;;) {
    while (queue.length) yield { type: 'delta', text: queue.shift() ?? '' };
    if (finished || failure) break;
    await new Promise<void>((r) => {
      wake = r;
    });
    wake = null;
  }
  await run;
  while (queue.length) yield { type: 'delta', text: queue.shift() ?? '' };
  if (failure) throw failure;
  const done = finished as unknown as { draft: Draft; usage: AiUsageEntry[] };
  yield { type: 'draft', draft: done.draft, usage: done.usage };
}
