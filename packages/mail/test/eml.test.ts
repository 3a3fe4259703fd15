import { describe, expect, it } from 'vitest';
import { caseInputFromEml, EmlParseError, parseEml } from '../src/eml';
import { sha256Hex } from '../src/hash';

const enc = (s: string) => new TextEncoder().encode(s);

const simple = [
  'From: =?UTF-8?Q?S=C3=B8ren_M=C3=B8ller?= <Soren@Borger.example>',
  'To: post@kommune.example',
  'Subject: =?ISO-8859-1?Q?Sp=F8rgsm=E5l_om_affald?= =?UTF-8?B?IOKAkyBzdG9yc2tyYWxk?=',
  'Date: Tue, 03 Nov 2026 09:15:00 +0100',
  'Message-ID: <abc123@borger.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Hej, hvornår henter I storskrald på Åboulevard?',
  '',
].join('\r\n');

describe('parseEml', () => {
  it('decodes encoded-word subjects in mixed charsets and the sender', async () => {
    const mail = await parseEml(enc(simple));
    expect(mail.subject).toBe('Spørgsmål om affald – storskrald');
    expect(mail.from).toEqual({ name: 'Søren Møller', address: 'soren@borger.example' });
    expect(mail.text).toContain('Åboulevard');
    expect(mail.messageId).toBe('<abc123@borger.example>');
    expect(mail.date?.toISOString()).toBe('2026-11-03T08:15:00.000Z');
  });

  it('keeps attachments', async () => {
    const multipart = [
      'From: a@b.example',
      'Subject: Bilag',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="XX"',
      '',
      '--XX',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Se bilag.',
      '--XX',
      'Content-Type: text/plain; name="note.txt"',
      'Content-Disposition: attachment; filename="note.txt"',
      '',
      'Bilagstekst',
      '--XX--',
      '',
    ].join('\r\n');
    const mail = await parseEml(enc(multipart));
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]?.filename).toBe('note.txt');
  });

  it.each([
    ['an empty file', ''],
    ['binary content', '\u0000\u0001PK\u0003\u0004'],
    ['text without headers', 'Dette er bare et brev uden hoveder.\nMed flere linjer.'],
    ['headers without From, Subject or Date', 'X-Foo: bar\n\nbody'],
  ])('rejects %s', async (_name, text) => {
    await expect(parseEml(enc(text))).rejects.toBeInstanceOf(EmlParseError);
  });
});

describe('caseInputFromEml', () => {
  it('stores the raw source by its hash', async () => {
    const raw = enc(simple);
    const { input, parseError } = await caseInputFromEml(raw, { actor: { kind: 'system', id: 't' }, kind: 'citizen_inquiry' });
    expect(parseError).toBeNull();
    expect(input.raw?.hash).toBe(sha256Hex(raw));
    expect(input.sender?.email).toBe('soren@borger.example');
    expect(input.flags ?? []).toEqual([]);
  });

  it('turns an unparseable file into a flagged case input holding the raw bytes', async () => {
    const raw = enc('garbage without headers');
    const { input, parseError } = await caseInputFromEml(raw, { actor: { kind: 'system', id: 't' }, kind: 'citizen_inquiry', filename: 'x.eml' });
    expect(parseError).toBe('no header block');
    expect(input.flags).toEqual(['unparsed_source']);
    expect(input.raw?.content).toEqual(raw);
    expect(input.title).toContain('x.eml');
  });
});
