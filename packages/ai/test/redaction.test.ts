import { describe, expect, it } from 'vitest';
import { assertNoCpr, findCprLike, hasNoCpr, Redactor } from '../src/redaction';

const text =
  'Jeg hedder Anne Jensen, CPR 070761-4285, og bor på Nørregade 12, 8000 Aarhus C. Ring 22 33 44 55 eller skriv til anne@borger.example. Min søns cpr er 0102031236.';

describe('redaction', () => {
  it('always replaces CPR numbers, even under internal trust', () => {
    const r = new Redactor('internal');
    const out = r.redact(text);
    expect(hasNoCpr(out)).toBe(true);
    expect(out).toContain('[CPR_1]');
    expect(out).toContain('[CPR_2]');
    expect(out).toContain('Anne Jensen');
    expect(out).toContain('22 33 44 55');
  });
  it('replaces names, addresses, phones and e-mails under external trust, with consistent pseudonyms', () => {
    const r = new Redactor('external', [{ value: 'Anne Jensen', type: 'NAME' }]);
    const out = r.redact(`${text} Hilsen Anne Jensen`);
    for (const secret of ['Anne Jensen', '22 33 44 55', 'anne@borger.example', 'Nørregade 12', '070761']) expect(out).not.toContain(secret);
    expect(out.match(/\[PERSON_1\]/g)?.length).toBe(2);
    expect(r.restore('Kære [PERSON_1], vi ringer på [TELEFON_1].')).toBe('Kære Anne Jensen, vi ringer på 22 33 44 55.');
  });
  it('catches CPR-like numbers the detector would not (no context, failing modulus 11)', () => {
    expect(findCprLike('ref 0102031235 og 311299 1234')).toHaveLength(2);
    expect(() => assertNoCpr('nummer 010203-1235')).toThrow(/CPR/);
    expect(() => assertNoCpr('ordre 12345')).not.toThrow();
  });
});
