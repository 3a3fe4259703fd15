import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { type ChatRequest, draftMemo, LlmError, type LlmProvider, type MemoSource, memoDocx, memoTemplates, memoToText, parseMemoText } from '../src';

/** Factory: two cases about speeding past a school, the second with a solution, its price and the process. */
function buildSources(): MemoSource[] {
  return [
    {
      id: 'case-1',
      title: 'Sag 2026-000101: Fart på Skolevej',
      text: 'Hej\n\nBeboerne på Skolevej klager over, at bilerne kører alt for hurtigt forbi skolen om morgenen. Der er kommet 14 henvendelser om trafikken på Skolevej siden januar. Forvaltningen har målt en gennemsnitsfart på 52 km/t, hvor grænsen er 40 km/t.\n\nMed venlig hilsen\nAnne',
    },
    {
      id: 'case-2',
      title: 'Sag 2026-000102: Forslag om vejchikaner',
      text: 'En løsning kan være at etablere tre vejchikaner og hævede flader ved skolen på Skolevej. Anlægget af chikanerne koster 450.000 kr., som kan finansieres af puljen til trafiksikkerhed i budget 2026. Forvaltningen anbefaler, at udvalget godkender etablering af vejchikaner på Skolevej. Efter godkendelse sendes forslaget i høring hos beboerne, og arbejdet kan udføres i efteråret som næste skridt.',
    },
  ];
}

const input = (template: 'committee' | 'management' = 'committee') => ({
  template,
  title: 'Trafiksikkerhed på Skolevej',
  question: 'Skal der etableres vejchikaner på Skolevej for at sænke farten ved skolen?',
  sources: buildSources(),
  caseNumber: '2026-000200',
  date: '2026-05-04',
});

/** A fake model endpoint: answers every request with the given content, or fails. */
function fakeLlm(answer: string | LlmError, seen: ChatRequest[] = []): LlmProvider {
  return {
    endpoint: 'http://fake',
    modelFor: () => 'fake-model',
    async complete(request) {
      seen.push(request);
      if (answer instanceof LlmError) throw answer;
      return { content: answer, model: 'fake-model', usage: { tokensIn: 100, tokensOut: 50 }, latencyMs: 5 };
    },
    // biome-ignore lint/correctness/useYield: the memo engine never streams
    async *stream() {
      throw new LlmError('http_error', 'not used');
    },
  };
}

describe('memo templates', () => {
  it('have the municipal sections for committee items and for management', () => {
    expect(memoTemplates.committee.sections.map((s) => s.title)).toEqual(['Indstilling', 'Problemstilling', 'Løsning', 'Økonomi', 'Videre proces']);
    expect(memoTemplates.management.sections.map((s) => s.title)).toEqual(['Baggrund', 'Vurdering', 'Anbefaling']);
    for (const t of Object.values(memoTemplates)) for (const s of t.sections) expect(s.instruction.length).toBeGreaterThan(20);
  });
});

describe('draftMemo offline', () => {
  it('fills each section with relevant source sentences, each cited and used once', async () => {
    const { memo, usage } = await draftMemo(input());
    expect(memo.engine).toBe('offline');
    expect(memo.sections.map((s) => s.title)).toEqual(['Indstilling', 'Problemstilling', 'Løsning', 'Økonomi', 'Videre proces']);
    const bySection = Object.fromEntries(memo.sections.map((s) => [s.id, s.sentences.map((x) => x.text).join(' ')]));
    expect(bySection.indstilling).toContain('anbefaler, at udvalget godkender');
    expect(bySection.problemstilling).toContain('14 henvendelser');
    expect(bySection.oekonomi).toContain('450.000 kr.');
    expect(bySection['videre-proces']).toContain('høring');
    const all = memo.sections.flatMap((s) => s.sentences);
    expect(new Set(all.map((s) => s.text)).size).toBe(all.length);
    for (const s of all) {
      expect(s.sourceIds.length).toBeGreaterThan(0);
      expect(['case-1', 'case-2']).toEqual(expect.arrayContaining(s.sourceIds));
      expect(buildSources().some((src) => src.text.replace(/\s+/g, ' ').includes(s.text))).toBe(true);
    }
    expect(all.some((s) => /^(Hej|Med venlig hilsen)/.test(s.text))).toBe(false);
    expect(usage).toEqual([expect.objectContaining({ purpose: 'memo', engine: 'offline', promptId: 'memo-offline' })]);
  });

  it('drafts the management template and leaves sections the sources do not cover empty', async () => {
    const { memo } = await draftMemo(input('management'));
    expect(memo.sections.map((s) => s.id)).toEqual(['baggrund', 'vurdering', 'anbefaling']);
    expect(
      memo.sections
        .find((s) => s.id === 'anbefaling')
        ?.sentences.map((s) => s.text)
        .join(' '),
    ).toContain('anbefaler');
    const empty = await draftMemo({ ...input(), sources: [] });
    expect(empty.memo.sections.every((s) => s.sentences.length === 0)).toBe(true);
    expect(memoToText(empty.memo)).toContain('(Kilderne siger intet om dette afsnit');
  });
});

describe('memo text and DOCX', () => {
  it('renders "## Section" text with footnote numbers and a source list, and reads it back', async () => {
    const { memo } = await draftMemo(input());
    const text = memoToText(memo);
    expect(text.startsWith('## Indstilling\n')).toBe(true);
    expect(text).toMatch(/godkender etablering af vejchikaner på Skolevej \[\d\]\./);
    expect(text).toContain('## Kilder\n[1] ');
    expect(text).toContain('Sag 2026-000102: Forslag om vejchikaner');
    const { sections: _, ...base } = memo;
    const back = parseMemoText(text, base);
    expect(back.sections.map((s) => s.title)).toEqual(memo.sections.map((s) => s.title));
    expect(back.sections.map((s) => s.sentences.map((x) => [x.text, x.sourceIds]))).toEqual(
      memo.sections.map((s) => s.sentences.map((x) => [x.text, x.sourceIds])),
    );

    // A person's edit: a new paragraph without a citation, and a removed section.
    const edited = text.replace('## Løsning\n', '## Løsning\nForvaltningen har drøftet sagen med politiet.\n\n');
    const reread = parseMemoText(edited, base);
    const solution = reread.sections.find((s) => s.id === 'loesning');
    expect(solution?.sentences[0]).toMatchObject({ text: 'Forvaltningen har drøftet sagen med politiet.', sourceIds: [] });
    expect(solution?.sentences[1]?.startsParagraph).toBe(true);
  });

  it('exports the memo as DOCX in the municipal format', async () => {
    const { memo } = await draftMemo(input());
    const bytes = await memoDocx(memo, { approvedBy: ['Sagsbehandler: Mette'] });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    for (const expected of [
      'Sag til udvalg',
      'Trafiksikkerhed på Skolevej',
      'Dato: 4. maj 2026',
      'Sagsnummer: 2026-000200',
      'Indstilling',
      'Økonomi',
      'Videre proces',
      'Kilder',
      'Godkendt af: Sagsbehandler: Mette',
    ])
      expect(value).toContain(expected);
    expect(value).toMatch(/450\.000 kr\.[^\n]*\[\d\]/);
    expect(value).toMatch(/\[1\] Sag 2026-00010\d/);
    const draft = await mammoth.extractRawText({ buffer: Buffer.from(await memoDocx(memo)) });
    expect(draft.value).toContain('Udkast – endnu ikke godkendt.');
  });
});

describe('draftMemo with a model', () => {
  it('asks for structured sections, maps source labels back, and flags sentences the sources do not support', async () => {
    const seen: ChatRequest[] = [];
    const answer = JSON.stringify({
      sections: [
        { id: 'indstilling', sentences: [{ text: 'Forvaltningen anbefaler, at udvalget godkender etablering af vejchikaner på Skolevej.', sources: ['K2'] }] },
        { id: 'oekonomi', sentences: [{ text: 'Anlægget koster 450.000 kr. og finansieres af puljen til trafiksikkerhed.', sources: ['K2'] }] },
        { id: 'loesning', sentences: [{ text: 'Kommunen har allerede bevilget 2 mio. kr. til en ny rundkørsel ved havnen.', sources: ['K1'] }] },
      ],
    });
    const { memo, usage } = await draftMemo(input(), { llm: fakeLlm(answer, seen) });
    expect(memo.engine).toBe('llm');
    expect(seen[0]?.responseSchema?.name).toBe('memo_sections');
    expect(seen[0]?.messages[1]?.content).toContain('[K2] Sag 2026-000102');
    const indstilling = memo.sections.find((s) => s.id === 'indstilling')?.sentences[0];
    expect(indstilling).toMatchObject({ sourceIds: ['case-2'], supported: true });
    const invented = memo.sections.find((s) => s.id === 'loesning')?.sentences[0];
    expect(invented?.supported).toBe(false);
    expect(invented?.flags.length).toBeGreaterThan(0);
    expect(memo.sections.find((s) => s.id === 'problemstilling')?.sentences).toEqual([]);
    expect(usage).toEqual([expect.objectContaining({ purpose: 'memo', engine: 'llm', model: 'fake-model', tokensIn: 100 })]);
  });

  it('falls back to the offline memo when the endpoint fails', async () => {
    const { memo, usage } = await draftMemo(input(), { llm: fakeLlm(new LlmError('timeout', 'slow')) });
    expect(memo).toMatchObject({ engine: 'offline', fallbackReason: 'llm_failed:timeout' });
    expect(memo.sections.some((s) => s.sentences.length > 0)).toBe(true);
    expect(usage.map((u) => u.engine)).toEqual(['llm', 'offline']);
  });
});
