import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeConsultation, type ConsultationResponse, createOpenAiProvider, findCprLike, type LlmProvider, locateQuote, type ThemeInput } from '../src';
import { type OpenAiTestDouble, type RecordedRequest, startOpenAiTestDouble } from './support/openai-test-double';

const themes: ThemeInput[] = [
  { id: 'skolevej', name: 'Skolevej og transport', description: 'Skolebus, køretid og trafiksikkerhed.' },
  { id: 'lokalsamfund', name: 'Lokalsamfundet', description: 'Skolens betydning for landsbyen.' },
  { id: 'oekonomi', name: 'Økonomi', description: 'Besparelsen og udgifterne.' },
];

const letter = (name: string, extra = '') =>
  `Vi er imod forslaget om at lukke skolen. Skolen er hjertet i vores landsby, og uden den flytter familierne.\n\nBørnene får en lang tur i skolebus ad en farlig vej.${extra}\n\nMed venlig hilsen\n${name}`;

/** Factory: responses with a 4-copy campaign and one that carries a CPR number and a name. */
function buildResponses(): ConsultationResponse[] {
  const distinct = [
    'Skolebussen kører alt for tidligt om morgenen. Vi er imod.',
    'Jeg hedder Mette Kjær, mit cpr-nummer er 010203-1234, og jeg er imod lukningen. Landsbyen dør uden skolen.',
    'Jeg støtter forslaget. Besparelsen er fornuftig.',
    'Hvad koster skolebussen om året?',
    'Budgettet holder ikke. Udgifterne til kørsel mangler.',
    'Købmanden lukker, hvis familierne flytter fra landsbyen.',
    'Vejen til Vestby er farlig for cyklister.',
  ];
  const responses: ConsultationResponse[] = distinct.map((text, i) => ({ id: `R${i + 1}`, text, respondentType: 'citizen' }));
  for (const [i, n] of ['Anne Lund', 'Bo Holm', 'Ida Berg', 'Jens Vinther'].entries()) {
    responses.push({ id: `K${i + 1}`, text: letter(n, i === 2 ? ' Det er ikke i orden.' : ''), respondentType: 'citizen' });
  }
  return responses;
}

const keywordThemes: [RegExp, string][] = [
  [/bus|vej|cykl/i, 'skolevej'],
  [/landsby|familie|købmand/i, 'lokalsamfund'],
  [/besparelse|budget|udgift|koster/i, 'oekonomi'],
];

/**
 * A scripted model for the consultation prompts (the test double's `respond` hook): it finds the
 * fenced responses in the prompt, assigns themes by keywords, quotes each response's first sentence
 * verbatim (pseudonyms and all) and adds one quote that is not in the response, which must be dropped.
 */
function consultationModel(request: RecordedRequest): string {
  const schema = (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;
  const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const fenced = [...user.matchAll(/<<<SVAR (\S+)>>>\n([\s\S]*?)\n<<<SLUT>>>/g)].map((m) => ({ id: m[1] ?? '', text: m[2] ?? '' }));
  if (schema === 'consultation_themes') {
    return JSON.stringify({
      themes: [
        { name: 'Skolebus og vej', description: 'Transport til den nye skole.', responseIds: fenced.filter((r) => /bus|vej/i.test(r.text)).map((r) => r.id) },
        {
          name: 'Landsbyens liv',
          description: 'Hvad skolen betyder for landsbyen.',
          responseIds: fenced.filter((r) => /landsby/i.test(r.text)).map((r) => r.id),
        },
      ],
    });
  }
  if (schema === 'consultation_merge') {
    return JSON.stringify({
      themes: [
        { id: 'Transport', name: 'Skolebus og vej', description: 'Transport til den nye skole.' },
        { id: 'landsby', name: 'Landsbyens liv', description: 'Hvad skolen betyder for landsbyen.' },
      ],
    });
  }
  const themeIds = [...user.matchAll(/^- ([\w-]+): /gm)].map((m) => m[1] ?? '');
  const themeFor = (text: string) => {
    const fromKeywords = keywordThemes.filter(([re, id]) => re.test(text) && themeIds.includes(id)).map(([, id]) => id);
    if (fromKeywords.length || themeIds.includes('skolevej')) return fromKeywords;
    // Discovered themes: the first for transport, the second for the village.
    return [/bus|vej/i.test(text) ? themeIds[0] : null, /landsby/i.test(text) ? themeIds[1] : null].filter((x): x is string => !!x);
  };
  return JSON.stringify({
    responses: fenced.map((r) => {
      const found = themeFor(r.text);
      return {
        id: r.id,
        themes: found,
        stance: /imod/i.test(r.text) ? 'oppose' : /støtter/i.test(r.text) ? 'support' : 'neutral',
        quotes: [
          { text: /^[^.!?]+[.!?]/.exec(r.text)?.[0] ?? r.text, theme: found[0] ?? '' },
          { text: 'Dette har svaret aldrig sagt.', theme: '' },
        ],
      };
    }),
  });
}

describe('consultation analysis with a model (OpenAI test double)', () => {
  let double: OpenAiTestDouble;
  let llm: LlmProvider;
  beforeAll(async () => {
    double = await startOpenAiTestDouble({ respond: consultationModel });
    llm = createOpenAiProvider({
      baseUrl: double.baseUrl,
      apiKey: 'test',
      model: 'test-double',
      taskModels: {},
      trust: 'external',
      timeoutMs: 10_000,
      maxRetries: 0,
      caseTokenBudget: 1e9,
    });
  });
  afterAll(async () => {
    await double.close();
  });
  beforeEach(() => {
    double.reset();
    double.setOptions({ respond: consultationModel });
  });

  it('maps in batches with progress, redacted, with verbatim quotes; campaign copies follow their representative', async () => {
    const responses = buildResponses();
    const fractions: number[] = [];
    const analysis = await analyzeConsultation(responses, { themes, llm, trust: 'external', batchSize: 3, onProgress: (p) => fractions.push(p.fraction) });
    expect(analysis.engine).toBe('llm');
    expect(analysis.llm).toMatchObject({ calls: 3, failedCalls: 0, offlineFallbacks: 0, discoveryFallback: null });
    // 7 distinct responses + 1 campaign representative = 8, in batches of 3.
    expect(double.requests).toHaveLength(3);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    // Nothing that looks like a CPR number, and not the name, reached the endpoint.
    for (const r of double.requests) {
      expect(findCprLike(r.raw)).toEqual([]);
      expect(r.raw).not.toContain('Mette Kjær');
    }
    const of = (id: string) => analysis.responses.find((r) => r.id === id);
    expect(of('R1')).toMatchObject({ themes: ['skolevej'], stance: 'oppose', engine: 'llm' });
    expect(of('R3')).toMatchObject({ themes: ['oekonomi'], stance: 'support' });
    // The quote came back with the pseudonym and was restored to the respondent's own words.
    expect(of('R2')?.quotes[0]?.text).toContain('Mette Kjær');
    for (const r of analysis.responses) {
      const text = responses.find((x) => x.id === r.id)?.text ?? '';
      for (const q of r.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(r.quotes.some((q) => q.text.includes('aldrig sagt'))).toBe(false);
    }
    const [campaign] = analysis.campaigns;
    expect(campaign?.size).toBe(4);
    const rep = of(campaign?.representativeId ?? '');
    for (const id of campaign?.ids ?? []) expect(of(id)).toMatchObject({ themes: rep?.themes, stance: rep?.stance, campaignId: campaign?.id, engine: 'llm' });
    // The theme count holds the campaign once.
    const lokal = analysis.themes.find((t) => t.id === 'lokalsamfund');
    expect(lokal?.responseCount).toBe((lokal?.count ?? 0) + 3);
  });

  it('falls back to the offline method for a batch the endpoint fails', async () => {
    double.failNext(1, 500);
    const analysis = await analyzeConsultation(buildResponses(), { themes, llm, batchSize: 3 });
    expect(analysis.llm?.failedCalls).toBe(1);
    expect(analysis.llm?.offlineFallbacks).toBe(3);
    expect(analysis.responses.filter((r) => r.engine === 'offline').map((r) => r.id)).toEqual(['R1', 'R2', 'R3']);
    expect(analysis.responses.filter((r) => r.engine === 'llm')).toHaveLength(8);
  });

  it('discovers themes with the model, merging the batches', async () => {
    const analysis = await analyzeConsultation(buildResponses(), { llm, batchSize: 3, discovery: { maxThemes: 5 } });
    const schemas = double.requests.map((r) => (r.body.response_format as { json_schema: { name: string } }).json_schema.name);
    // 8 distinct responses: two discovery batches of 6, one merge, three mapping batches of 3.
    expect(schemas).toEqual([
      'consultation_themes',
      'consultation_themes',
      'consultation_merge',
      'consultation_mapping',
      'consultation_mapping',
      'consultation_mapping',
    ]);
    expect(analysis.themes.map((t) => [t.id, t.origin])).toEqual([
      ['transport', 'discovered'],
      ['landsby', 'discovered'],
    ]);
    expect(analysis.responses.find((r) => r.id === 'R7')?.themes).toEqual(['transport']);
    expect(analysis.themes.find((t) => t.id === 'landsby')?.examples.length).toBeGreaterThan(0);
  });

  it('uses the offline themes when discovery fails, and says so', async () => {
    double.failNext(1, 400);
    const analysis = await analyzeConsultation(buildResponses(), { llm });
    expect(analysis.llm?.discoveryFallback).toBe('http_error');
    expect(analysis.themes.every((t) => t.origin === 'discovered' && t.id.startsWith('tema-'))).toBe(true);
  });

  it('finds quotes again whatever the whitespace', () => {
    expect(locateQuote('Første linje\nfortsætter her. Næste.', 'Første linje fortsætter her.')).toEqual({ start: 0, end: 28 });
    expect(locateQuote('Noget andet.', 'Ikke her.')).toBeNull();
  });
});
