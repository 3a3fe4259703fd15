import { createHash } from 'node:crypto';
import type { AiUsageEntry } from '@ekspedit/core';
import { LlmError, type LlmProvider } from '../llm';
import type { TrustLevel } from '../redaction';
import { composeOfflineMemo, OFFLINE_MEMO_VERSION } from './offline';
import type { DraftMemoInput, Memo, MemoSection } from './types';
import { writeMemoWithLlm } from './write-with-llm';

export interface DraftMemoOptions {
  /** The model endpoint; null or left out: the offline engine only. */
  llm?: LlmProvider | null;
  /** Without a declared trust level the endpoint is treated as external: names and addresses are redacted too. */
  trust?: TrustLevel;
  signal?: AbortSignal;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Drafts a memo in the template's sections from the given sources, every sentence citing the
 * sources it rests on. With a model endpoint the model writes the sections and the grounding check
 * flags what the sources do not support; without one, or when the call fails, the offline engine
 * quotes the most relevant source sentences.
 */
export async function draftMemo(input: DraftMemoInput, options: DraftMemoOptions = {}): Promise<{ memo: Memo; usage: AiUsageEntry[] }> {
  const started = performance.now();
  const usage: AiUsageEntry[] = [];
  let sections: MemoSection[] | null = null;
  let fallbackReason: string | null = null;
  if (options.llm && input.sources.length > 0) {
    try {
      const written = await writeMemoWithLlm(input, { llm: options.llm, trust: options.trust ?? 'external', signal: options.signal });
      usage.push(written.usage);
      if (written.sections.some((s) => s.sentences.some((x) => x.supported))) sections = written.sections;
      else fallbackReason = 'llm_memo_unsupported';
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      fallbackReason = `llm_failed:${error.code}`;
      usage.push({
        caseId: null,
        purpose: 'memo',
        engine: 'llm',
        endpoint: options.llm.endpoint,
        model: options.llm.modelFor('memo'),
        promptId: 'memo-draft',
        promptHash: null,
        params: { error: error.code, template: input.template },
        inputHash: null,
        redactedInputHash: null,
        redactedInput: null,
        outputHash: null,
        output: null,
        sources: [],
        tokensIn: 0,
        tokensOut: 0,
        latencyMs: null,
        startedBy: null,
      });
    }
  }
  const engine = sections ? 'llm' : 'offline';
  if (!sections) {
    sections = composeOfflineMemo(input);
    usage.push({
      caseId: null,
      purpose: 'memo',
      engine: 'offline',
      endpoint: null,
      model: null,
      promptId: 'memo-offline',
      promptHash: sha256(OFFLINE_MEMO_VERSION),
      params: { version: OFFLINE_MEMO_VERSION, template: input.template, sources: input.sources.length },
      inputHash: sha256([input.question, ...input.sources.map((s) => s.text)].join('\n')),
      redactedInputHash: null,
      redactedInput: null,
      outputHash: null,
      output: null,
      sources: input.sources.map((s) => ({ id: s.id })),
      tokensIn: null,
      tokensOut: null,
      latencyMs: Math.round(performance.now() - started),
      startedBy: null,
    });
  }
  return {
    memo: {
      template: input.template,
      title: input.title,
      question: input.question,
      caseNumber: input.caseNumber ?? null,
      date: input.date ?? null,
      sections,
      sources: input.sources.map((s) => ({ id: s.id, title: s.title })),
      engine,
      fallbackReason,
    },
    usage,
  };
}
