import { describe, expect, it } from 'vitest';
import {
  chunkDocument,
  cosine,
  documentText,
  extractDocument,
  hashedNgramEmbedding,
  htmlBlocks,
  lix,
  markdownBlocks,
  plainLanguageHints,
  prepareSource,
} from '../src/knowledge';
import { minimalPdf } from './support/minimal-pdf';

const enc = (s: string) => new TextEncoder().encode(s);

describe('extraction', () => {
  it('reads Markdown headings, paragraphs, lists and tables', () => {
    const blocks = markdownBlocks(
      '# Affald\n\nTekst med **fed** og [link](https://kommune.example/affald).\n\n## Storskrald\n\n- møbler\n- cykler\n\n| Ting | Pris |\n|---|---|\n| Sofa | 0 kr. |\n',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'list', 'table']);
    expect(blocks[1]?.text).toBe('Tekst med fed og link (https://kommune.example/affald).');
    expect(blocks[3]?.text).toBe('- møbler\n- cykler');
    expect(blocks[4]?.text).toBe('Ting | Pris\nSofa | 0 kr.');
  });
  it('reads HTML structure and drops navigation and scripts', () => {
    const blocks = htmlBlocks(
      '<html><head><title>T</title></head><body><nav>Menu</nav><h1>Parkering</h1><p>Licens koster <a href="https://k.example/p">1.200 kr.</a></p><ul><li>Bil</li><li>Elbil</li></ul><script>x()</script></body></html>',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Parkering' },
      { kind: 'paragraph', text: 'Licens koster 1.200 kr. (https://k.example/p)' },
      { kind: 'list', text: '- Bil\n- Elbil' },
    ]);
  });
  it('reads a PDF with page numbers', async () => {
    const doc = await extractDocument({
      filename: 'regler.pdf',
      content: minimalPdf([['Storskrald', 'Storskrald hentes hver 4. uge.'], ['Haveaffald hentes hver 14. dag.']]),
    });
    expect(doc.blocks.some((b) => b.page === 2 && b.text.includes('Haveaffald'))).toBe(true);
    expect(chunkDocument(doc)[0]?.page).toBe(1);
  });
  it('reads text files with heading-like lines', async () => {
    const doc = await extractDocument({
      filename: 'a.txt',
      content: enc('Aktindsigt\n\nDu kan søge om aktindsigt.\n\nSvarfrist\n\nVi svarer inden 7 arbejdsdage.'),
    });
    expect(doc.title).toBe('Aktindsigt');
    expect(chunkDocument(doc, { minChars: 1 }).map((c) => c.headingPath)).toEqual(['Aktindsigt', 'Aktindsigt › Svarfrist']);
  });
});

describe('chunking', () => {
  const md = `# Affald\n\nIntro.\n\n## Storskrald\n\n${'Storskrald hentes hver 4. uge. '.repeat(10)}\n\n- møbler\n- cykler\n\n## Haveaffald\n\n${'Haveaffald hentes hver 14. dag. '.repeat(80)}`;
  it('keeps passages under one heading path, with offsets into the document text', async () => {
    const doc = await extractDocument({ filename: 'a.md', content: enc(md) });
    const text = documentText(doc);
    const chunks = chunkDocument(doc);
    expect(chunks[0]?.headingPath).toBe('Affald');
    const bulky = chunks.filter((c) => c.headingPath === 'Affald › Storskrald');
    expect(bulky).toHaveLength(1);
    expect(bulky[0]?.text).toContain('- møbler\n- cykler');
    for (const c of chunks) expect(text.slice(c.charStart, c.charEnd)).toBe(c.text);
    const garden = chunks.filter((c) => c.headingPath.endsWith('Haveaffald'));
    expect(garden.length).toBeGreaterThan(1);
    for (const c of garden) expect(c.text.length).toBeLessThanOrEqual(1600);
  });
  it('prepares a standard letter with its merge fields and without its title line', async () => {
    const prepared = await prepareSource({ filename: 'brev.md', content: enc('# Svar om affald\n\nKære {{navn}}\n\n{{svar}}\n\nSag {{ sagsnummer }}') });
    expect(prepared.mergeFields).toEqual(['navn', 'svar', 'sagsnummer']);
    expect(prepared.text.startsWith('Kære')).toBe(true);
    expect(prepared.chunks[0]?.embedding).toHaveLength(256);
  });
});

describe('plain language', () => {
  it('computes LIX and finds long sentences, passive forms and officialese', () => {
    expect(lix('Du kan få hjælp. Vi ringer til dig.')).toBeLessThan(15);
    const hints = plainLanguageHints('Såfremt ansøgningen fremsendes, behandles sagen jf. reglerne herunder.');
    expect(hints.map((h) => h.kind)).toEqual(expect.arrayContaining(['officialese', 'passive']));
    expect(hints.filter((h) => h.kind === 'officialese').map((h) => h.text.toLowerCase())).toEqual(expect.arrayContaining(['såfremt', 'jf.', 'herunder']));
  });
});

describe('local embedding', () => {
  it('puts inflections closer than unrelated text', () => {
    const a = hashedNgramEmbedding('affaldssortering på genbrugspladsen');
    const b = hashedNgramEmbedding('sortering af affald på genbrugspladser');
    const c = hashedNgramEmbedding('beboerlicens til parkering');
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });
});
