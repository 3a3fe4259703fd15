import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/open';
import { createRepositories } from '../src/repositories';
import { buildInquiry, buildUnit } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

const chunk = (ordinal: number, headingPath: string, text: string, embedding: number[] | null = null) => ({
  ordinal,
  headingPath,
  text,
  charStart: 0,
  charEnd: text.length,
  page: null,
  paragraph: ordinal + 1,
  embedding,
});

describe(`knowledge and AI usage repositories on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle;
  let repos: ReturnType<typeof createRepositories>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    repos = createRepositories(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('adds a source with its chunks and finds them with Danish full-text search (stemmed, ranked)', async () => {
    const { id, chunks } = await repos.knowledge.addSource({ kind: 'document', title: 'Affald', origin: 'affald.md' }, [
      chunk(0, 'Affald › Storskrald', 'Storskraldet hentes hver fjerde uge, når du har bestilt afhentning.'),
      chunk(1, 'Affald › Haveaffald', 'Haveaffald hentes hver 14. dag om sommeren.'),
    ]);
    expect(chunks).toBe(2);
    const hits = await repos.knowledge.search({ text: 'Hvornår henter I storskrald?', today: '2026-05-01' });
    expect(hits[0]).toMatchObject({ sourceId: id, title: 'Affald', headingPath: 'Affald › Storskrald', kind: 'document', origin: 'affald.md' });
    expect(hits[0]?.score).toBeGreaterThan(0);
    const listed = await repos.knowledge.findChunk(hits[0]?.chunkId ?? '');
    expect(listed?.text).toContain('fjerde uge');
  });

  it('excludes expired and not-yet-valid sources, and filters by unit, KLE prefix and kind', async () => {
    const unit = await buildUnit(handle, { kleCodes: ['02'] });
    const other = await buildUnit(handle, { kleCodes: ['05'] });
    await repos.knowledge.addSource({ kind: 'document', title: 'Udløbet', validTo: '2026-04-30' }, [chunk(0, 'Parkering', 'Beboerlicens koster 900 kroner.')]);
    await repos.knowledge.addSource({ kind: 'document', title: 'Fremtidig', validFrom: '2026-06-01' }, [
      chunk(0, 'Parkering', 'Beboerlicens koster 1500 kroner.'),
    ]);
    await repos.knowledge.addSource(
      { kind: 'document', title: 'Gældende', unitId: unit.id, kleCodes: ['05.13'], validFrom: '2026-01-01', validTo: '2026-12-31' },
      [chunk(0, 'Parkering', 'Beboerlicens koster 1200 kroner.')],
    );
    const titles = async (q: Parameters<typeof repos.knowledge.search>[0]) => (await repos.knowledge.search(q)).map((h) => h.title);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01' })).toEqual(['Gældende']);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01', unitId: unit.id })).toEqual(['Gældende']);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01', unitId: other.id })).toEqual([]);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01', kleCode: '05.13.02' })).toEqual(['Gældende']);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01', kleCode: '05' })).toEqual(['Gældende']);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01', kleCode: '07.18' })).toEqual([]);
    expect(await titles({ text: 'beboerlicens', today: '2026-05-01', kinds: ['standard_letter'] })).toEqual([]);
  });

  it('falls back from all words to any word, and fuses vector ranks in hybrid mode', async () => {
    const e = (i: number) => Array.from({ length: 4 }, (_, j) => (j === i ? 1 : 0));
    await repos.knowledge.addSource({ kind: 'document', title: 'Svømmehal' }, [
      chunk(0, 'Svømmehal › Priser', 'Enkeltbillet til svømmehallen koster 55 kroner.', e(0)),
    ]);
    expect((await repos.knowledge.search({ text: 'enkeltbillet månedskort', today: '2026-05-01' }))[0]?.title).toBe('Svømmehal');
    const hybrid = await repos.knowledge.search({ text: 'ukendtord', today: '2026-05-01', mode: 'hybrid', embedding: e(0) });
    expect(hybrid[0]?.title).toBe('Svømmehal');
  });

  it('lists valid standard letters', async () => {
    await repos.knowledge.addSource({ kind: 'standard_letter', title: 'Svar om affald', body: 'Kære {{navn}}', mergeFields: ['navn'] }, []);
    await repos.knowledge.addSource({ kind: 'standard_letter', title: 'Gammelt brev', body: 'Hej', validTo: '2020-01-01' }, []);
    const letters = await repos.knowledge.listStandardLetters({ today: '2026-05-01' });
    expect(letters.map((l) => l.title)).toEqual(['Svar om affald']);
    expect(letters[0]?.mergeFields).toEqual(['navn']);
  });

  it('records AI usage and sums the tokens of a case', async () => {
    const c = await buildInquiry(handle);
    const entry = {
      caseId: c.id,
      purpose: 'draft',
      engine: 'llm' as const,
      endpoint: 'http://127.0.0.1/v1',
      model: 'm',
      promptId: 'draft-reply',
      promptHash: 'h',
      params: {},
      inputHash: 'a',
      redactedInputHash: 'b',
      redactedInput: '[CPR_1]',
      outputHash: 'c',
      output: '{}',
      sources: [{ chunkId: '1' }],
      tokensIn: 100,
      tokensOut: 20,
      latencyMs: 5,
      startedBy: 'u',
    };
    await repos.aiUsage.record(entry);
    await repos.aiUsage.record({ ...entry, engine: 'offline', tokensIn: null, tokensOut: null });
    expect(await repos.aiUsage.tokensUsed(c.id)).toBe(120);
    expect(await repos.aiUsage.listForCase(c.id)).toHaveLength(2);
  });
});
