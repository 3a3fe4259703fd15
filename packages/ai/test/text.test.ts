import { describe, expect, it } from 'vitest';
import { charNgrams, detectLanguage, isStopword, normalizeText, splitCompound, stemDanish, stripQuotedReply, tokenize, wordNgrams, words } from '../src/text';

describe('Danish text processing', () => {
  it('keeps æ, ø and å inside words and lower-cases them', () => {
    expect(words('Ærlig talt: BØRNEHAVEN på Åboulevarden er lukket')).toEqual(['ærlig', 'talt', 'børnehaven', 'på', 'åboulevarden', 'er', 'lukket']);
  });

  it('gives both the joined word and the parts of a hyphenated compound', () => {
    expect(tokenize('PVC-affald')).toEqual([{ text: 'pvcaffald' }, { text: 'pvc', isPart: true }, { text: 'affald', isPart: true }]);
  });

  it('re-joins a word broken over two lines and removes soft hyphens', () => {
    expect(normalizeText('affalds-\nsortering og skralde\u00adspand')).toBe('affaldssortering og skraldespand');
  });

  it('drops numbers (phone, CPR-like, amounts) and mail addresses', () => {
    expect(words('Ring på 12345678 eller skriv til anne@borger.example, cpr 010203-1234')).toEqual(['ring', 'på', 'eller', 'skriv', 'til', 'cpr']);
  });

  it('stems Danish words with Snowball so inflections meet', () => {
    expect(stemDanish('skraldespanden')).toBe(stemDanish('skraldespande'));
    expect(stemDanish('børnehaven')).toBe(stemDanish('børnehaver'));
    expect(stemDanish('hjemmehjælpen')).toBe('hjemmehjælp');
    expect(stemDanish('byggetilladelsen')).toBe('byggetillad');
  });

  it('knows Danish stop words and mail phrases, but not topic words', () => {
    expect(isStopword('og')).toBe(true);
    expect(isStopword('mvh')).toBe(true);
    expect(isStopword('kommunen')).toBe(true);
    expect(isStopword('affald')).toBe(false);
  });

  it('splits an unknown compound into known parts, with a linking s', () => {
    const known = new Set(['affald', 'sortering', 'skraldespand', 'tømning']);
    expect(splitCompound('affaldssortering', (w) => known.has(w))).toEqual(['affald', 'sortering']);
    expect(splitCompound('skraldespandtømning', (w) => known.has(w))).toEqual(['skraldespand', 'tømning']);
    expect(splitCompound('kartoffel', (w) => known.has(w))).toBeNull();
  });

  it('makes word and character n-grams', () => {
    expect(wordNgrams(['a', 'b', 'c'], 2)).toEqual(['a b', 'b c']);
    expect(charNgrams('hus', 3, 4)).toEqual(['<hu', 'hus', 'us>', '<hus', 'hus>']);
  });

  it('detects the languages municipal mail arrives in, as ISO 639-1', () => {
    expect(detectLanguage('Hej, min skraldespand er ikke blevet tømt i to uger. Hvad skal jeg gøre?')).toBe('da');
    expect(detectLanguage('Hello, my bin has not been emptied for two weeks. What should I do?')).toBe('en');
    expect(detectLanguage('Guten Tag, meine Mülltonne wurde seit zwei Wochen nicht geleert.')).toBe('de');
    expect(detectLanguage('Dzień dobry, mój kosz na śmieci nie został opróżniony od dwóch tygodni.')).toBe('pl');
    expect(detectLanguage('ok')).toBe('da');
  });

  it('cuts the quoted earlier mail off a reply', () => {
    expect(stripQuotedReply('Det er stadig ikke løst.\n\nDen 3. maj 2026 skrev Kommunen:\n> Vi har sendt en bil').trim()).toBe('Det er stadig ikke løst.');
  });
});
