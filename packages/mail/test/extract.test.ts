import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectKind, extractFileText, readZip } from '../src/extract/extract-text';
import { caseNumberIn, sanitizeHeaderText, threadIdsOf } from '../src/intake/prepare-mail';
import { buildDocx, buildPdf, buildZip } from './support/documents';

const options = { maxBytes: 30 * 1024 * 1024, ocr: null };

describe('extractFileText', () => {
  it('reads PDF, DOCX and text, telling the kind from the bytes rather than the name', async () => {
    const pdf = await extractFileText(
      { filename: 'brev.bin', contentType: 'application/octet-stream', content: buildPdf('Ansogning om parkeringstilladelse') },
      options,
    );
    expect(pdf).toMatchObject({ outcome: 'pdf_text' });
    expect(pdf.text).toContain('parkeringstilladelse');
    const docx = await extractFileText(
      { filename: 'klage.docx', contentType: 'application/octet-stream', content: buildDocx(['Klage over støj', 'fra Nørregade']) },
      options,
    );
    expect(docx).toMatchObject({ outcome: 'docx_text' });
    expect(docx.text).toContain('Klage over støj');
    const latin1 = await extractFileText(
      { filename: 'gammel.txt', contentType: 'text/plain', content: new Uint8Array([0x53, 0xf8, 0x72, 0x65, 0x6e]) },
      options,
    );
    expect(latin1.text).toBe('Søren');
  });

  it('lists a zip and extracts the text of the PDF, DOCX and TXT inside it', async () => {
    const zip = buildZip({
      'bilag/ansoegning.pdf': buildPdf('Ansogning fra borger nummer 7'),
      'bilag/klage.docx': buildDocx(['Klagen handler om vejen']),
      'noter.txt': strToU8('Husk fristen'),
      'billede.bin': new Uint8Array([1, 2, 3]),
    });
    const result = await extractFileText({ filename: 'bilag.zip', contentType: 'application/zip', content: zip }, options);
    expect(result.outcome).toBe('zip');
    expect(result.entries?.map((e) => e.outcome)).toEqual(['pdf_text', 'docx_text', 'text', 'unsupported']);
    expect(result.text).toContain('Ansogning fra borger nummer 7');
    expect(result.text).toContain('Klagen handler om vejen');
    expect(result.text).toContain('Husk fristen');
  });

  it('stops a zip bomb at the real uncompressed size, whatever the headers claim', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const bomb = zipSync({ 'a.txt': zeros, 'b.txt': zeros, 'c.txt': zeros }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(200_000);
    const { entries, isLimited } = readZip(bomb, { maxEntryBytes: 8 * 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 });
    expect(isLimited).toBe(true);
    expect(entries.every((e) => e.content === null)).toBe(true);
    expect(entries[0]?.outcome).toBe('skipped_entry_too_large');
    const many = readZip(zipSync(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, strToU8('x')]))), { maxEntries: 10 });
    expect(many.entries.filter((e) => e.outcome === 'read')).toHaveLength(10);
    expect(many.entries.filter((e) => e.outcome === 'skipped_entry_limit')).toHaveLength(20);
  });

  it('does not open a zip inside a zip, and keeps files above the size limit unread', async () => {
    const inner = buildZip({ 'x.txt': strToU8('indre') });
    const outer = await extractFileText({ filename: 'a.zip', contentType: 'application/zip', content: buildZip({ 'inner.zip': inner }) }, options);
    expect(outer.entries?.[0]?.outcome).toBe('unsupported');
    expect(await extractFileText({ filename: 'stor.txt', contentType: 'text/plain', content: new Uint8Array(2000) }, { ...options, maxBytes: 1000 })).toEqual({
      text: null,
      outcome: 'too_large',
    });
  });

  it('records OCR as unavailable instead of failing when no engine is configured', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(detectKind({ filename: 'scan', contentType: '', content: png })).toBe('image');
    expect(await extractFileText({ filename: 'scan.png', contentType: 'image/png', content: png }, options)).toEqual({
      text: null,
      outcome: 'ocr_unavailable',
    });
  });
});

describe('header helpers', () => {
  it('makes header values one safe line', () => {
    expect(sanitizeHeaderText('Hej\r\nBcc: evil@example.com\u2028x\u0000')).toBe('Hej Bcc: evil@example.com x');
  });
  it('finds case numbers and thread ids', () => {
    expect(caseNumberIn('Sv: Storskrald [2026-000123]')).toBe('2026-000123');
    expect(caseNumberIn('Tlf 2026-0001234')).toBeNull();
    expect(threadIdsOf({ inReplyTo: '<b@x>', references: ['<a@x> <b@x>'] })).toEqual(['<b@x>', '<a@x>']);
  });
});
