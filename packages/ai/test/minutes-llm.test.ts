import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Agenda, createOpenAiProvider, draftMinutes, type LlmConfig, parsePlainTranscript } from '../src';
import { type OpenAiTestDouble, startOpenAiTestDouble } from './support/openai-test-double';

const agenda: Agenda = {
  meeting: 'Social- og Sundhedsudvalget',
  date: '2026-05-04',
  invited: ['Jytte Olsen', 'Ulla Jepsen', 'Morten Dahl'],
  absent: [],
  items: [
    { number: 1, title: 'Kvalitetsstandard for praktisk hjælp', description: '' },
    { number: 2, title: 'Madordning på plejecentrene', description: '' },
  ],
};
const transcript = parsePlainTranscript(
  [
    'Jytte Olsen: Punkt 1, kvalitetsstandarden.',
    'Ulla Jepsen: Standarden er som sidste år med rengøring hver 14. dag, og tøjvask tilbydes som en ny ydelse.',
    'Morten Dahl: En borger med CPR-nummer 070761-4285 har klaget over, at sengetøj ikke er med i tøjvasken.',
    'Jytte Olsen: Så er kvalitetsstandarden godkendt.',
    'Jytte Olsen: Punkt 2, madordningen.',
    'Ulla Jepsen: Køkkenet Nord har den højeste kvalitetsscore og en pris på 62 kr. pr. hovedret.',
    'Jytte Olsen: Så er vi enige om at vælge Køkkenet Nord.',
  ].join('\n'),
);

describe('minutes with a model endpoint (OpenAI test double)', () => {
  let double: OpenAiTestDouble;
  let config: LlmConfig;
  beforeAll(async () => {
    double = await startOpenAiTestDouble();
  });
  afterAll(async () => {
    await double.close();
  });
  beforeEach(() => {
    double.reset();
    config = {
      baseUrl: double.baseUrl,
      apiKey: 'k',
      model: 'base',
      taskModels: { minutes: 'minutes-model' },
      trust: 'external',
      timeoutMs: 5000,
      maxRetries: 0,
      caseTokenBudget: 100_000,
    };
  });

  it('lets the model write each account from redacted lines, restores names and keeps citations the check confirms', async () => {
    const { minutes, usage } = await draftMinutes({ agenda, transcript }, { llm: createOpenAiProvider(config), trust: 'external' });
    expect(double.requests).toHaveLength(2);
    for (const r of double.requests) {
      expect(r.body.model).toBe('minutes-model');
      expect(r.raw).not.toContain('070761-4285');
      expect(r.raw).not.toContain('Ulla Jepsen');
      expect(r.raw).toContain('minutes_account');
    }
    expect(minutes.engine).toBe('llm');
    expect(minutes.fallbackReason).toBeNull();
    const [standard, food] = minutes.items;
    // The double restates the two longest lines; the names come back from the pseudonyms.
    expect(standard?.summary).toContain('tøjvask tilbydes som en ny ydelse');
    expect(standard?.statements.filter((s) => s.kind === 'summary').every((s) => s.supported && s.lines.every((n) => n >= 1 && n <= 4))).toBe(true);
    expect(food?.summary).toContain('Køkkenet Nord har den højeste kvalitetsscore');
    // Decisions stay with the deterministic engine.
    expect(standard?.decision).toBe('Kvalitetsstandarden blev godkendt.');
    expect(usage.filter((u) => u.engine === 'llm')).toHaveLength(2);
    expect(usage[0]?.redactedInput).toContain('[PERSON_');
  });

  it('keeps a sentence the transcript does not support out of the summary, and shows it as unsupported', async () => {
    double.setOptions({
      respond: () =>
        JSON.stringify({
          sentences: [
            { text: 'Køkkenet Nord har den højeste kvalitetsscore og en pris på 62 kr. pr. hovedret.', lines: [6] },
            { text: 'Udvalget bevilgede 4 mio. kr. til et nyt produktionskøkken på Solgården.', lines: [6] },
          ],
        }),
    });
    const { minutes } = await draftMinutes({ agenda, transcript }, { llm: createOpenAiProvider(config), trust: 'external' });
    const food = minutes.items[1];
    expect(food?.summary).toBe('Køkkenet Nord har den højeste kvalitetsscore og en pris på 62 kr. pr. hovedret.');
    const invented = food?.statements.find((s) => s.text.startsWith('Udvalget bevilgede'));
    expect(invented?.supported).toBe(false);
  });

  it('corrects a citation to the line that supports the sentence', async () => {
    double.setOptions({ respond: () => JSON.stringify({ sentences: [{ text: 'Køkkenet Nord har den højeste kvalitetsscore.', lines: [5] }] }) });
    const { minutes } = await draftMinutes({ agenda, transcript }, { llm: createOpenAiProvider(config), trust: 'external' });
    expect(minutes.items[1]?.statements.find((s) => s.kind === 'summary')?.lines).toEqual([6]);
  });

  it('falls back to the offline account when the endpoint fails, and says why', async () => {
    double.failNext(5, 500);
    const { minutes } = await draftMinutes({ agenda, transcript }, { llm: createOpenAiProvider(config), trust: 'external' });
    expect(minutes.engine).toBe('offline');
    expect(minutes.fallbackReason).toBe('llm_failed:http_error');
    // One failed call, then the endpoint is left alone.
    expect(double.requests).toHaveLength(1);
    expect(minutes.items[0]?.summary).toContain('Ulla Jepsen:');
  });

  it('stops calling the model when the meeting’s token budget is spent', async () => {
    const { minutes } = await draftMinutes({ agenda, transcript }, { llm: createOpenAiProvider(config), trust: 'external', tokenBudget: 10 });
    expect(double.requests).toHaveLength(1);
    expect(minutes.fallbackReason).toBe('token_budget_exhausted');
    expect(minutes.items[1]?.summary).toContain('Ulla Jepsen:');
  });
});
