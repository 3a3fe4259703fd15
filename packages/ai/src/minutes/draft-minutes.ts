import { createHash } from 'node:crypto';
import type { AiUsageEntry } from '@ekspedit/core';
import { LlmError, type LlmProvider } from '../llm';
import type { TrustLevel } from '../redaction';
import { composeOfflineMinutes, type MinutesInput, OFFLINE_MINUTES_VERSION } from './offline';
import type { Minutes } from './types';
import { writeAccountWithLlm } from './write-account';

export interface DraftMinutesOptions {
  /** The model endpoint; null: the offline engine only. */
  llm: LlmProvider | null;
  trust: TrustLevel;
  /** Tokens (in + out) the meeting may use at the endpoint; the rest of the points keep the offline account. */
  tokenBudget?: number;
  signal?: AbortSignal;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Draft minutes of a meeting. The offline engine always finds the structure — attendance, the
 * points, decisions, votes, action points; with a model endpoint the model writes each point's
 * account, checked sentence by sentence against the transcript. A failing endpoint or an
 * exhausted budget leaves the offline account in place and says why.
 */
export async function draftMinutes(input: MinutesInput, options: DraftMinutesOptions): Promise<{ minutes: Minutes; usage: AiUsageEntry[] }> {
  const started = performance.now();
  const minutes = composeOfflineMinutes(input);
  const usage: AiUsageEntry[] = [];
  if (options.llm) {
    const budget = options.tokenBudget ?? Number.POSITIVE_INFINITY;
    let used = 0;
    let wroteAny = false;
    for (const item of minutes.items) {
      const agendaItem = input.agenda.items.find((i) => i.number === item.number);
      const discussed = new Set(item.discussed);
      const lines = input.transcript.filter((l) => discussed.has(l.line));
      if (!agendaItem || lines.length === 0) continue;
      if (used >= budget) {
        minutes.fallbackReason = 'token_budget_exhausted';
        break;
      }
      try {
        const written = await writeAccountWithLlm({
          meeting: minutes.meeting,
          item: agendaItem,
          lines,
          names: [...minutes.attendees, ...minutes.absent],
          llm: options.llm,
          trust: options.trust,
          signal: options.signal,
        });
        usage.push(written.usage);
        used += (written.usage.tokensIn ?? 0) + (written.usage.tokensOut ?? 0);
        if (!written.summary) {
          // Nothing the model wrote held up against the transcript: the offline account stays, and the rejected sentences are shown.
          item.statements = [...item.statements, ...written.statements];
          minutes.fallbackReason ??= 'llm_account_unsupported';
          continue;
        }
        wroteAny = true;
        item.summary = written.summary;
        item.statements = [...written.statements, ...item.statements.filter((s) => s.kind !== 'summary')];
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        minutes.fallbackReason = `llm_failed:${error.code}`;
        usage.push({
          caseId: null,
          purpose: 'minutes',
          engine: 'llm',
          endpoint: options.llm.endpoint,
          model: options.llm.modelFor('minutes'),
          promptId: 'minutes-account',
          promptHash: null,
          params: { error: error.code, item: item.number },
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
        // An endpoint that failed after its retries is not asked again for the next point.
        if (error.code !== 'invalid_output') break;
      }
    }
    if (wroteAny) minutes.engine = 'llm';
  }
  usage.push({
    caseId: null,
    purpose: 'minutes',
    engine: 'offline',
    endpoint: null,
    model: null,
    promptId: 'minutes-offline',
    promptHash: sha256(OFFLINE_MINUTES_VERSION),
    params: { version: OFFLINE_MINUTES_VERSION, items: minutes.items.length },
    inputHash: sha256(input.transcript.map((l) => l.text).join('\n')),
    redactedInputHash: null,
    redactedInput: null,
    outputHash: null,
    output: null,
    sources: [],
    tokensIn: null,
    tokensOut: null,
    latencyMs: Math.round(performance.now() - started),
    startedBy: null,
  });
  return { minutes, usage };
}
