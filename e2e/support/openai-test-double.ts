/**
 * A TEST DOUBLE of an OpenAI-compatible model endpoint for the browser tests — not a model.
 * It reuses the AI package's double (node:http on 127.0.0.1, port 0; `/v1/chat/completions` with and
 * without `stream: true`, SSE chunks then `data: [DONE]`; every request recorded) and gives it a fixed
 * Danish answer in the drafting engine's structured shape: sentences that quote the numbered sources
 * in the prompt, plus one deliberate claim with a number that is in no source, so the grounding check
 * must flag it and the UI must mark it.
 */
import { type OpenAiTestDouble, type RecordedRequest, startOpenAiTestDouble } from '../../packages/ai/test/support/openai-test-double';

export type { OpenAiTestDouble, RecordedRequest };

/** The deliberately unsupported sentence: no source mentions this price or this number of days. */
export const unsupportedSentence = 'Afhentningen koster 1.275 kr. og sker altid inden for 3 hverdage.';

/** The numbered sources of the drafting prompt (`[n] title › heading` followed by the passage). */
function numberedSources(prompt: string): { n: number; text: string }[] {
  const part = prompt.split('\n\nHENVENDELSEN')[0] ?? '';
  const found: { n: number; text: string }[] = [];
  const heads = [...part.matchAll(/^\[(\d+)\] .*$/gm)];
  for (const [i, head] of heads.entries()) {
    const start = (head.index ?? 0) + head[0].length + 1;
    const end = heads[i + 1]?.index ?? part.length;
    found.push({ n: Number(head[1]), text: part.slice(start, end).trim() });
  }
  return found;
}

/** The passage's first whole sentence, word for word, so the grounding check finds it in the source. */
function firstSentence(text: string): string | null {
  const line = text.split('\n').find((l) => /[a-zæøå]/i.test(l) && !l.startsWith('#')) ?? '';
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(line.replace(/^[-*]\s+/, '').trim());
  return m?.[1] ?? null;
}

/** The fixed answer: greeting, two sentences quoted from sources 1–2 with their numbers, the planted claim, sign-off. */
export function fixedDanishAnswer(request: RecordedRequest): string {
  const prompt = request.body.messages?.map((m) => m.content).join('\n') ?? '';
  const sentences: { text: string; sources: number[] }[] = [{ text: 'Tak for din henvendelse.', sources: [] }];
  for (const s of numberedSources(prompt).slice(0, 2)) {
    const quoted = firstSentence(s.text);
    if (quoted) sentences.push({ text: quoted, sources: [s.n] });
  }
  sentences.push({ text: unsupportedSentence, sources: [1] });
  sentences.push({ text: 'Med venlig hilsen', sources: [] });
  return JSON.stringify({ language: 'da', sentences });
}

/** Starts the test double; its `baseUrl` ends in /v1, as EKSPEDIT_LLM_BASE_URL expects. */
export function startDraftingTestDouble(): Promise<OpenAiTestDouble> {
  return startOpenAiTestDouble({ respond: fixedDanishAnswer });
}
