import { describe, expect, it } from 'vitest';
import { buildPrecedentIndex, type PrecedentRecord, parsePrecedentJsonl } from '../src';

const record = (id: string, question: string, answer: string, date = '2025-01-01'): PrecedentRecord => ({
  id,
  date,
  asker: 'Mette Jensen (A)',
  committee: 'Teknik- og Miljøudvalget',
  question,
  answer,
});

const register: PrecedentRecord[] = [
  record('A', 'Hvornår bliver cykelstien langs Ringvejen færdig?', 'Cykelstien er forsinket af ledningsarbejde og forventes færdig i oktober.'),
  record('B', 'Hvor stor en del af kommunens egne bygninger har solceller på taget?', 'Der er solceller på 23 af kommunens 140 bygninger.'),
  record('C', 'Hvad koster det at indføre gratis skolemad i indskolingen?', 'Gratis skolemad koster ca. 15,5 mio. kr. om året.'),
  record('D', 'Hvor lang er ventetiden på en plejebolig?', 'Den gennemsnitlige ventetid var 47 dage.', '2023-05-04'),
  record('E', 'Hvor lang er ventetiden på en plejebolig nu?', 'Den gennemsnitlige ventetid var 39 dage.', '2025-05-04'),
  record('F', 'Hvor mange rotter er anmeldt i 2023?', 'Kommunen modtog 1.870 anmeldelser af rotter.'),
];

describe('precedent records', () => {
  it('reads JSONL and names the line that is wrong', () => {
    const text = `${JSON.stringify(register[0])}\n\n${JSON.stringify(register[1])}\n`;
    expect(parsePrecedentJsonl(text).map((r) => r.id)).toEqual(['A', 'B']);
    expect(() => parsePrecedentJsonl(`${JSON.stringify(register[0])}\n{"id":"X","question":"?"}\n`, 'reg.jsonl')).toThrow(/reg\.jsonl:2: .*date/);
    expect(() => parsePrecedentJsonl('not json', 'reg.jsonl')).toThrow('reg.jsonl:1: not JSON');
  });
});

describe('precedent index', () => {
  it('finds the same question asked in other words first, with Danish stems and compounds', async () => {
    const index = await buildPrecedentIndex(register);
    const [top] = await index.search('Er cykelstierne ved Ringvejen snart færdige?');
    expect(top).toMatchObject({ id: 'A', match: 'strong' });
    expect(top?.matchedTerms).toEqual(expect.arrayContaining(['cykelstierne', 'ringvejen']));
    // "solcelleanlæg" is split into parts the register knows ("solceller" + "anlæg").
    expect((await index.search('Hvor mange solcelleanlæg har vi?'))[0]?.id).toBe('B');
  });

  it('ranks the newer of two equal answers first and calls an unrelated question weak', async () => {
    const index = await buildPrecedentIndex(register);
    expect((await index.search('Ventetid på plejebolig?', { limit: 2 })).map((h) => h.id)).toEqual(['E', 'D']);
    const [unrelated] = await index.search('Hvornår åbner den nye brandstation i Sydby?');
    expect(unrelated?.match ?? 'weak').toBe('weak');
  });

  it('uses the vectors of an embedding endpoint when one is given', async () => {
    // A fake endpoint that knows "frokost" and "skolemad" mean the same: full text alone cannot.
    const embed = (texts: readonly string[]) => texts.map((t) => (/skolemad|frokost/i.test(t) ? [1, 0] : [0, 1]));
    const index = await buildPrecedentIndex(register, { embed, embeddingName: 'test-embedding' });
    expect(index.embedding).toBe('test-embedding');
    expect((await index.search('Får de yngste frokost?', { mode: 'hybrid' }))[0]?.id).toBe('C');
    expect(await index.search('Får de yngste frokost?', { mode: 'lexical' })).toEqual([]);
  });
});
