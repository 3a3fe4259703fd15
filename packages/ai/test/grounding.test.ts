import { describe, expect, it } from 'vitest';
import { checkGrounding, extractFacts, type GroundingPassage, splitSentences } from '../src/grounding';

const sources: GroundingPassage[] = [
  {
    sourceId: 'affald',
    chunkId: '1',
    title: 'Storskrald',
    headingPath: 'Storskrald › Afhentning',
    text: 'Storskrald hentes hver 4. uge. Du må højst sætte 3 kubikmeter storskrald ud pr. afhentning. Bestillingen skal være modtaget senest kl. 12.00 mandagen før. Ring til Affaldsservice på 70 12 34 50 eller se https://kommune.example/affald.',
  },
  {
    sourceId: 'have',
    chunkId: '2',
    title: 'Haveaffald',
    headingPath: 'Haveaffald',
    text: 'Haveaffald hentes hver 14. dag fra 1. april til 30. november. Et abonnement koster 625 kr. om året.',
  },
  {
    sourceId: 'akt',
    chunkId: '3',
    title: 'Aktindsigt',
    headingPath: 'Aktindsigt › Svarfrist',
    text: 'Kommunen svarer som udgangspunkt inden 7 arbejdsdage efter offentlighedsloven § 36. Du behøver ikke begrunde din anmodning.',
  },
];
const check = (text: string, trusted: string[] = []) => checkGrounding({ text, sources, trusted }).sentences;

describe('sentence splitting', () => {
  it('keeps Danish abbreviations, ordinals and § references inside sentences', () => {
    const s = splitSentences('Det gælder f.eks. storskrald, jf. § 12, stk. 2. Vi henter den 1. april kl. 8.00. Gebyret er 1.250 kr. pr. år. Bl.a. møbler.');
    expect(s.map((x) => x.text)).toEqual([
      'Det gælder f.eks. storskrald, jf. § 12, stk. 2.',
      'Vi henter den 1. april kl. 8.00.',
      'Gebyret er 1.250 kr. pr. år.',
      'Bl.a. møbler.',
    ]);
  });
});

describe('facts', () => {
  it('normalises numbers, dates, references, phones and links', () => {
    const f = extractFacts('Gebyret er 1.250 kr. fra 1. april 2026, jf. § 12, stk. 2. Ring 70 10 20 30 eller se www.kommune.example/a.');
    expect(f.numbers).toContain('1250');
    expect(f.dates).toContain('1-4-2026');
    expect(f.references).toEqual(expect.arrayContaining(['§12', '§12.stk2']));
    expect(f.phones).toEqual(['70102030']);
    expect(f.links).toEqual(['kommune.example/a']);
  });
});

describe('checkGrounding', () => {
  it('supports paraphrased sentences and cites the passage with an excerpt', () => {
    const [s] = check('Kommunen henter storskrald hver 4. uge.');
    expect(s?.supported).toBe(true);
    expect(s?.citations[0]).toMatchObject({ sourceId: 'affald', chunkId: '1' });
    expect(s?.citations[0]?.excerpt).toContain('hver 4. uge');
  });
  it('flags changed numbers, dates and references', () => {
    expect(check('Storskrald hentes hver 6. uge.')[0]?.flags).toEqual(expect.arrayContaining(['fabricated_number', 'contradicted']));
    expect(check('Haveaffald hentes hver 14. dag fra 1. maj til 30. november.')[0]?.flags).toContain('fabricated_date');
    expect(check('Kommunen svarer inden 7 arbejdsdage efter offentlighedsloven § 38.')[0]?.flags).toContain('fabricated_reference');
  });
  it('flags a fact taken from another rule (swapped facts)', () => {
    expect(check('Du må højst sætte 625 kubikmeter storskrald ud pr. afhentning.')[0]?.flags).toContain('fabricated_number');
  });
  it('flags sentences about something else as unsupported', () => {
    expect(check('Svømmehallen har åbent alle dage til midnat.')[0]?.flags).toContain('unsupported');
  });
  it('flags a negation flip as contradicted', () => {
    expect(check('Du skal begrunde din anmodning om aktindsigt.')[0]?.flags).toContain('contradicted');
  });
  it('flags injected links, phone numbers and foreign personal data, but not the sources’ own', () => {
    const [ok] = check('Ring til Affaldsservice på 70 12 34 50 eller se https://kommune.example/affald.');
    expect(ok?.flags).toEqual([]);
    const [bad] = check('Betal gebyret på https://evil.example.com/pay eller ring 99 88 77 66.');
    expect(bad?.flags).toEqual(expect.arrayContaining(['injected_link', 'injected_phone']));
    const [cpr] = check('Din nabo har CPR-nummer 010203-1236.');
    expect(cpr?.flags).toContain('foreign_personal_data');
  });
  it('lets courtesy lines and the case’s own values pass', () => {
    const s = check('Kære Anne Jensen\n\nTak for din henvendelse i sag 2026-000042.\n\nMed venlig hilsen\nAffaldsservice', ['Anne Jensen', '2026-000042']);
    expect(s.every((x) => x.supported)).toBe(true);
    expect(s.every((x) => x.kind === 'courtesy')).toBe(true);
  });
});
