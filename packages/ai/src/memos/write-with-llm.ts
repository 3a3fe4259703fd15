import { createHash } from 'node:crypto';
import type { AiUsageEntry } from '@ekspedit/core';
import { checkGrounding, type GroundingPassage } from '../grounding';
import { type LlmProvider, parseStructured, responseSchemaOf } from '../llm';
import { assertNoCpr, Redactor, type TrustLevel } from '../redaction';
import { buildMemoMessages, MEMO_PROMPT_ID, MEMO_PROMPT_VERSION, memoPromptHash } from './prompt';
import { memoOutputSchema } from './schema';
import { getMemoTemplate } from './templates';
import type { DraftMemoInput, MemoSection } from './types';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Characters of one source the model is shown; the grounding check reads the whole text. */
const maxSourceChars = 6000;

/**
 * The model writes the memo's sections from the labelled sources: personal data is redacted first
 * (by the trust level) and restored in the answer, and every sentence is grounding-checked against
 * the sources it cites. Unsupported sentences stay, flagged, for the reviewer to see and remove; a
 * citation the check does not confirm is replaced by the sources that support the sentence.
 * Throws LlmError when the call fails, so the caller can keep the offline draft.
 */
export async function writeMemoWithLlm(
  input: DraftMemoInput,
  options: { llm: LlmProvider; trust: TrustLevel; signal?: AbortSignal },
): Promise<{ sections: MemoSection[]; usage: AiUsageEntry }> {
  const template = getMemoTemplate(input.template);
  const redactor = new Redactor(options.trust);
  const labelled = input.sources.map((s, i) => ({ label: `K${i + 1}`, id: s.id, title: s.title, text: s.text.slice(0, maxSourceChars) }));
  const plain = buildMemoMessages({ template, title: input.title, question: input.question, sources: labelled });
  const messages = plain.map((m) => ({ ...m, content: redactor.redact(m.content) }));
  for (const m of messages) assertNoCpr(m.content);
  const res = await options.llm.complete({
    messages,
    task: 'memo',
    temperature: 0.2,
    responseSchema: responseSchemaOf('memo_sections', memoOutputSchema),
    signal: options.signal,
  });
  const output = parseStructured(res.content, memoOutputSchema);
  const idOf = new Map(labelled.map((l) => [l.label.toLowerCase(), l.id]));
  const passages: GroundingPassage[] = input.sources.map((s) => ({ sourceId: s.id, chunkId: s.id, title: s.title, text: s.text }));
  const trusted = [input.title, ...(input.caseNumber ? [input.caseNumber] : []), ...(input.date ? [input.date] : [])];

  const sections = template.sections.map((section): MemoSection => {
    const written = output.sections.find((s) => s.id === section.id)?.sentences ?? [];
    const sentences = written
      .map((s) => ({
        text: redactor.restore(s.text).replace(/\s+/g, ' ').trim(),
        cited: [
          ...new Set(
            s.sources
              .map((label) =>
                idOf.get(
                  label
                    .trim()
                    .replace(/^\[|\]$/g, '')
                    .toLowerCase(),
                ),
              )
              .filter((id): id is string => !!id),
          ),
        ],
      }))
      .filter((s) => s.text);
    if (sentences.length === 0) return { id: section.id, title: section.title, sentences: [] };
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
      citedChunkIds: sentences.map((s) => s.cited),
      trusted,
    });
    return {
      id: section.id,
      title: section.title,
      sentences: sentences.map((s, i) => {
        const g = report.sentences[i];
        const confirmed = [...new Set((g?.citations ?? []).map((c) => c.sourceId))];
        return { text: s.text, sourceIds: confirmed.length ? confirmed : s.cited, supported: g?.supported ?? false, flags: g?.flags ?? ['unsupported'] };
      }),
    };
  });

  const redactedInput = messages.map((m) => `${m.role.toUpperCase()}:\n${m.content}`).join('\n\n');
  return {
    sections,
    usage: {
      caseId: null,
      purpose: 'memo',
      engine: 'llm',
      endpoint: options.llm.endpoint,
      model: res.model,
      promptId: MEMO_PROMPT_ID,
      promptHash: memoPromptHash,
      params: { temperature: 0.2, trust: options.trust, promptVersion: MEMO_PROMPT_VERSION, template: input.template, redacted: redactor.counts() },
      inputHash: sha256(plain.map((m) => m.content).join('\n')),
      redactedInputHash: sha256(redactedInput),
      redactedInput,
      outputHash: sha256(res.content),
      output: res.content,
      sources: input.sources.map((s) => ({ id: s.id })),
      tokensIn: res.usage.tokensIn,
      tokensOut: res.usage.tokensOut,
      latencyMs: res.latencyMs,
      startedBy: null,
    },
  };
}
