import { createHash } from 'node:crypto';
import type { AiUsageEntry } from '@ekspedit/core';
import { checkGrounding, type GroundingPassage } from '../../grounding';
import { type LlmProvider, parseStructured, responseSchemaOf } from '../../llm';
import { assertNoCpr, Redactor, type TrustLevel } from '../../redaction';
import type { AgendaItem, MinutesStatement, TranscriptLine } from '../types';
import { buildMinutesAccountMessages, MINUTES_ACCOUNT_PROMPT_ID, MINUTES_ACCOUNT_PROMPT_VERSION, minutesAccountPromptHash } from './prompt';
import { minutesAccountOutputSchema } from './schema';

export * from './prompt';
export * from './schema';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface WrittenAccount {
  /** Every sentence the model wrote, with its support; unsupported ones are kept out of the summary. */
  statements: MinutesStatement[];
  /** The supported sentences joined. */
  summary: string;
  usage: AiUsageEntry;
}

/**
 * The model writes the account of one agenda point from its transcript lines: names and CPR
 * numbers are redacted first (by the trust level), the answer's pseudonyms restored, and each
 * sentence grounding-checked against the transcript lines; a sentence without support stays out
 * of the summary, and a citation the check does not confirm is replaced by the lines that support it.
 * Throws LlmError when the call fails, so the caller keeps the offline account.
 */
export async function writeAccountWithLlm(input: {
  meeting: string;
  item: AgendaItem;
  lines: readonly TranscriptLine[];
  /** Participants' names, redacted wherever they occur under external trust. */
  names: readonly string[];
  llm: LlmProvider;
  trust: TrustLevel;
  signal?: AbortSignal;
}): Promise<WrittenAccount> {
  const redactor = new Redactor(
    input.trust,
    input.names.map((value) => ({ value, type: 'NAME' as const })),
  );
  const plain = buildMinutesAccountMessages({ meeting: input.meeting, item: input.item, lines: input.lines });
  const messages = plain.map((m) => ({ ...m, content: redactor.redact(m.content) }));
  for (const m of messages) assertNoCpr(m.content);
  const res = await input.llm.complete({
    messages,
    task: 'minutes',
    temperature: 0.2,
    responseSchema: responseSchemaOf('minutes_account', minutesAccountOutputSchema),
    signal: input.signal,
  });
  const output = parseStructured(res.content, minutesAccountOutputSchema);
  const inSegment = new Set(input.lines.map((l) => l.line));
  const passages: GroundingPassage[] = input.lines.map((l) => ({
    sourceId: 'transcript',
    chunkId: `L${l.line}`,
    title: '',
    text: `${l.speaker ? `${l.speaker}: ` : ''}${l.text}`,
  }));
  const sentences = output.sentences
    .map((s) => ({ text: redactor.restore(s.text).trim(), lines: s.lines.filter((n) => inSegment.has(n)) }))
    .filter((s) => s.text);
  let offset = 0;
  const spans = sentences.map((s) => {
    const span = { text: s.text, start: offset, end: offset + s.text.length };
    offset += s.text.length + 1;
    return span;
  });
  const report = checkGrounding({
    text: sentences.map((s) => s.text).join(' '),
    sentences: spans,
    sources: passages,
    citedChunkIds: sentences.map((s) => s.lines.map((n) => `L${n}`)),
    trusted: [...input.names, input.item.title, input.meeting],
  });
  const statements: MinutesStatement[] = sentences.map((s, i) => {
    const g = report.sentences[i];
    const confirmed = (g?.citations ?? []).map((c) => Number(c.chunkId.slice(1))).filter((n) => inSegment.has(n));
    return { kind: 'summary', text: s.text, lines: confirmed.length ? confirmed : s.lines, supported: g?.supported ?? false };
  });
  const redactedInput = messages.map((m) => `${m.role.toUpperCase()}:\n${m.content}`).join('\n\n');
  return {
    statements,
    summary: statements
      .filter((s) => s.supported)
      .map((s) => s.text)
      .join(' '),
    usage: {
      caseId: null,
      purpose: 'minutes',
      engine: 'llm',
      endpoint: input.llm.endpoint,
      model: res.model,
      promptId: MINUTES_ACCOUNT_PROMPT_ID,
      promptHash: minutesAccountPromptHash,
      params: { temperature: 0.2, trust: input.trust, promptVersion: MINUTES_ACCOUNT_PROMPT_VERSION, item: input.item.number, redacted: redactor.counts() },
      inputHash: sha256(plain.map((m) => m.content).join('\n')),
      redactedInputHash: sha256(redactedInput),
      redactedInput,
      outputHash: sha256(res.content),
      output: res.content,
      sources: input.lines.map((l) => ({ line: l.line })),
      tokensIn: res.usage.tokensIn,
      tokensOut: res.usage.tokensOut,
      latencyMs: res.latencyMs,
      startedBy: null,
    },
  };
}
