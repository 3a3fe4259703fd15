import { describe, expect, it } from 'vitest';
import { findPersonalData, isValidCprDate, type PersonalDataType, passesCprModulus11, passesCvrModulus11, passesIbanCheck } from '../src/pii';

/** The spans of a text as [type, covered text] pairs, easy to read in a failing test. */
const found = (text: string) => findPersonalData(text).map((s) => [s.type, text.slice(s.start, s.end)] as [PersonalDataType, string]);
const types = (text: string) => findPersonalData(text).map((s) => s.type);

describe('checks', () => {
  it('validates CPR dates with the century from the serial digit', () => {
    expect(isValidCprDate('2902001234')).toBe(false); // digit 1 → 1900; 1900 was no leap year
    expect(isValidCprDate('2902004234')).toBe(true); // digit 4, yy ≤ 36 → 2000, a leap year
    expect(isValidCprDate('3104801234')).toBe(false);
    expect(isValidCprDate('0013801234')).toBe(false);
  });
  it('computes the modulus-11 checks', () => {
    expect(passesCprModulus11('0707614285')).toBe(true);
    expect(passesCprModulus11('0707614286')).toBe(false);
    expect(passesCvrModulus11('12345674')).toBe(true);
    expect(passesCvrModulus11('12345678')).toBe(false);
    expect(passesIbanCheck('DK50 0040 0440 1162 43')).toBe(true);
    expect(passesIbanCheck('DK50 0040 0440 1162 44')).toBe(false);
  });
});

describe('findPersonalData: CPR', () => {
  it('finds the dash form whether or not it passes modulus 11 (numbers since 2007 may fail it)', () => {
    expect(found('CPR 070761-4285 og 010203-1236')).toEqual([
      ['CPR', '070761-4285'],
      ['CPR', '010203-1236'],
    ]);
  });
  it('finds the undashed form when it passes modulus 11, or with a context word', () => {
    expect(found('nr 0707614285')).toEqual([['CPR', '0707614285']]);
    expect(found('Mit personnummer er 0102031236')).toEqual([['CPR', '0102031236']]);
  });
  it('does not take an order number, an impossible date or part of a longer number', () => {
    expect(found('Ordrenummer 3112991234 er sendt')).toEqual([]);
    expect(found('Varenr. 3213801234')).toEqual([]);
    expect(found('Ref 12070761428599')).toEqual([]);
  });
  it('indexes into the string, also after non-ASCII text', () => {
    const text = 'Søren Ærø, født 010203-1236 på Ærø 🚲';
    const [span] = findPersonalData(text).filter((s) => s.type === 'CPR');
    expect(span).toBeDefined();
    expect(text.slice(span?.start, span?.end)).toBe('010203-1236');
  });
});

describe('findPersonalData: phone and CVR', () => {
  it('finds Danish numbers with and without +45, in the usual groupings', () => {
    expect(found('Ring på 12 34 56 78, +45 23456789, 0045 2345 6789 eller tlf. 22334455')).toEqual([
      ['PHONE', '12 34 56 78'],
      ['PHONE', '+45 23456789'],
      ['PHONE', '0045 2345 6789'],
      ['PHONE', '22334455'],
    ]);
  });
  it('tells CVR from phone by context and modulus 11', () => {
    expect(found('CVR-nr.: 12 34 56 74')).toEqual([['CVR', '12 34 56 74']]);
    expect(found('Virksomhedens nummer 12345674')).toEqual([['CVR', '12345674']]);
    expect(found('CVR 87654321')).toEqual([['CVR', '87654321']]);
  });
  it('needs a context word for numbers no Danish phone number starts with', () => {
    expect(found('kan nås på 12 34 56 78')).toEqual([]);
    expect(found('mobil 12 34 56 78')).toEqual([['PHONE', '12 34 56 78']]);
  });
  it('skips invoice numbers, amounts and dates', () => {
    expect(found('Faktura 23456789 på kr. 1.234,00 betalt 24-12-2026')).toEqual([]);
    expect(found('Kundenr. 34567890')).toEqual([]);
  });
});

describe('findPersonalData: e-mail and accounts', () => {
  it('finds e-mail addresses with Danish letters and subdomains', () => {
    expect(found('Skriv til søren.ærø+sag@post.borger.dk.')).toEqual([['EMAIL', 'søren.ærø+sag@post.borger.dk']]);
  });
  it('finds reg.nr. with konto, the dash form near "konto", and IBAN', () => {
    expect(found('Reg.nr. 1234 kontonr. 0012345678')).toEqual([['ACCOUNT', '1234 kontonr. 0012345678']]);
    expect(found('Min konto er 1234-0102031236')).toEqual([['ACCOUNT', '1234-0102031236']]);
    expect(found('IBAN: DK50 0040 0440 1162 43')).toEqual([['ACCOUNT', 'DK50 0040 0440 1162 43']]);
  });
});

describe('findPersonalData: addresses', () => {
  it.each([
    ['Jeg bor på Nørregade 12, 3. th., 2200 København N.', 'Nørregade 12, 3. th., 2200 København N'],
    ['Adresse: H.C. Andersens Boulevard 27, 1553 København V', 'H.C. Andersens Boulevard 27, 1553 København V'],
    ['flyttet til Gammel Kongevej 5 st. tv. i maj', 'Gammel Kongevej 5 st. tv.'],
    ['Send det til Frederiksberg Allé 12B', 'Frederiksberg Allé 12B'],
    ['Åboulevard 5\n2200 København N', 'Åboulevard 5\n2200 København N'],
    ['Vesterbrogade 10, 2. sal, 1620 København V', 'Vesterbrogade 10, 2. sal, 1620 København V'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([['ADDRESS', expected]]);
  });
  it('does not take a sentence-opening word or plain numbers', () => {
    expect(found('Tidligere Frederiksberg Allé 12')).toEqual([['ADDRESS', 'Frederiksberg Allé 12']]);
    expect(found('Vi har 3 børn og 2 biler i Vejle.')).toEqual([]);
  });
});

describe('findPersonalData: names', () => {
  it('finds the name in a signature, also on the next line', () => {
    expect(found('Tak for hjælpen.\n\nMed venlig hilsen\nSøren Møller-Hansen\nKøbenhavns Kommune')).toEqual([['NAME', 'Søren Møller-Hansen']]);
    expect(found('Mvh. Fatima Hassan')).toEqual([['NAME', 'Fatima Hassan']]);
  });
  it('finds self-introductions and greetings with a known first name', () => {
    expect(found('Mit navn er Karen Blixen og jeg skriver')).toEqual([['NAME', 'Karen Blixen']]);
    expect(found('Kære Anne,')).toEqual([['NAME', 'Anne']]);
  });
  it('finds first-name pairs in running text but not organisations', () => {
    expect(types('I går talte jeg med Lars Løkke Rasmussen om sagen')).toEqual(['NAME']);
    expect(found('Venlig hilsen\nTeknik- og Miljøforvaltningen')).toEqual([]);
    expect(found('Hej Kommune, kære borgerservice')).toEqual([]);
    expect(found('Med venlig hilsen\nBorgerservice')).toEqual([]);
  });
});

describe('findPersonalData: a whole mail', () => {
  it('returns sorted, non-overlapping spans', () => {
    const text =
      'Hej\n\nMit navn er Anne Jensen (CPR 010203-1236). Jeg bor på Nørregade 12, 2200 København N og kan nås på 22 34 56 78 eller anne@borger.dk.\n' +
      'Beløbet bedes indsat på reg.nr. 1234 konto 0012345678.\n\nVenlig hilsen\nAnne Jensen';
    const spans = findPersonalData(text);
    expect(spans.map((s) => s.type)).toEqual(['NAME', 'CPR', 'ADDRESS', 'PHONE', 'EMAIL', 'ACCOUNT', 'NAME']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
  });
  it('returns nothing for an empty text or one without personal data', () => {
    expect(findPersonalData('')).toEqual([]);
    expect(findPersonalData('Hvornår hentes storskrald i 2026? Der er 12 sække.')).toEqual([]);
  });
});
