import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, PageBreak, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressParagraphs,
  askDocuments,
  blocksFromLines,
  buildLexicalIndex,
  type DocumentSet,
  INDEX_FOLDER,
  type IndexProgress,
  indexDocumentSet,
  linesFromItems,
  openPdfPages,
  PSEUDO_PAGE_PARAGRAPHS,
  readDocxPages,
  readMarkdownPages,
  readPlainTextPages,
  summarizeDocuments,
} from '../src/document-qa';
import { createOpenAiProvider, type LlmConfig } from '../src/llm';
import { type GeneratedDocumentSet, writeDocumentSet } from './support/document-set';
import { type OpenAiTestDouble, startOpenAiTestDouble } from './support/openai-test-double';
import { textPdf } from './support/text-pdf';

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

const offline = { llm: null, trust: 'external' as const };

describe('paragraph addressing', () => {
  it('reads a PDF page by page: headings, paragraphs by layout, hyphenation; running headers and page numbers dropped', async () => {
    const pages = [1, 2, 3].map((n) => ({
      header: 'Vejrapport 2025 · Ekspedit Kommune',
      footer: `Side ${n} af 3`,
      blocks: [
        { kind: 'heading' as const, text: `${n}. Afsnit om veje` },
        {
          kind: 'paragraph' as const,
          text: `Første afsnit på side ${n} handler om vejnettet og er så langt, at det fylder mere end én linje, når det sættes med Helvetica på en A4-side.`,
        },
        { kind: 'paragraph' as const, text: `Andet afsnit på side ${n} nævner glatførebekæmpelse, snerydning og saltning på kommunevejene.` },
        { kind: 'paragraph' as const, text: `Tredje afsnit på side ${n}.` },
      ],
    }));
    const pdf = await openPdfPages(textPdf(pages, { title: 'Vejrapport 2025' }));
    expect(pdf.pageCount).toBe(3);
    expect(pdf.title).toBe('Vejrapport 2025');
    const raw = [];
    for (let i = 1; i <= 3; i++) raw.push(await pdf.readPage(i));
    await pdf.close();
    expect(raw[0]?.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'Vejrapport 2025 · Ekspedit Kommune', edge: 'top' });
    expect(raw[0]?.blocks.at(-1)).toMatchObject({ text: 'Side 1 af 3', edge: 'bottom' });

    const paragraphs = addressParagraphs('rapport.pdf', { pages: raw });
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs.map((p) => `${p.page}.${p.paragraph}`)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3']);
    expect(paragraphs[4]).toMatchObject({
      id: 'rapport.pdf#2.2',
      document: 'rapport.pdf',
      page: 2,
      paragraph: 2,
      ordinal: 5,
      heading: '2. Afsnit om veje',
      text: 'Andet afsnit på side 2 nævner glatførebekæmpelse, snerydning og saltning på kommunevejene.',
    });
    // A two-line paragraph comes back as one paragraph, with its words intact.
    expect(paragraphs[0]?.text).toBe(pages[0]?.blocks[1]?.text);
  });

  it('splits paragraphs on gaps, indents and short closing lines, and joins words hyphenated at line ends', () => {
    const item = (str: string, x: number, y: number, size = 10) => ({ str, transform: [size, 0, 0, size, x, y], width: str.length * 5, height: size });
    const lines = linesFromItems([
      item('Overskrift', 60, 780, 14),
      item('Første linje af et afsnit om vej-', 60, 760),
      item('nettet og dets tilstand, som fortsætter her', 60, 747),
      item('og slutter her.', 60, 734),
      item('Et nyt afsnit med indrykning starter her', 75, 721),
      item('og fortsætter på næste linje.', 60, 708),
      item('Efter et mellemrum kommer tredje afsnit.', 60, 680),
    ]);
    const blocks = blocksFromLines(lines);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph']);
    expect(blocks[1]?.text).toBe('Første linje af et afsnit om vejnettet og dets tilstand, som fortsætter her og slutter her.');
    expect(blocks[2]?.text).toBe('Et nyt afsnit med indrykning starter her og fortsætter på næste linje.');
  });

  it('uses Word page breaks as pages, and pseudo pages of PSEUDO_PAGE_PARAGRAPHS paragraphs without them', async () => {
    const withBreaks = new Document({
      sections: [
        {
          children: [
            new Paragraph('Side et, afsnit et.'),
            new Paragraph('Side et, afsnit to.'),
            new Paragraph({ children: [new PageBreak()] }),
            new Paragraph('Side to, afsnit et.'),
          ],
        },
      ],
    });
    const explicit = await readDocxPages(new Uint8Array(await Packer.toBuffer(withBreaks)));
    expect(explicit.pagination).toBe('explicit');
    expect(addressParagraphs('a.docx', explicit).map((p) => `${p.page}.${p.paragraph} ${p.text}`)).toEqual([
      '1.1 Side et, afsnit et.',
      '1.2 Side et, afsnit to.',
      '2.1 Side to, afsnit et.',
    ]);

    const many = Array.from({ length: 20 }, (_, i) => new Paragraph(`Afsnit nummer ${i + 1}.`));
    const pseudo = await readDocxPages(new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: many }] }))));
    expect(pseudo.pagination).toBe('pseudo');
    const addressed = addressParagraphs('b.docx', pseudo);
    expect(addressed.find((p) => p.text === 'Afsnit nummer 11.')).toMatchObject({ page: 2, paragraph: 11 - PSEUDO_PAGE_PARAGRAPHS, ordinal: 11 });
    expect(pseudo.pages).toHaveLength(Math.ceil(20 / PSEUDO_PAGE_PARAGRAPHS));
  });

  it('pages Markdown by paragraphs (headings not counted) and text by form feeds', () => {
    const md = readMarkdownPages(['# Notat', '', ...Array.from({ length: 9 }, (_, i) => `Afsnit ${i + 1}.\n`), '## Sidst', '', 'Det tiende.'].join('\n'));
    const paragraphs = addressParagraphs('n.md', md);
    expect(md.pagination).toBe('pseudo');
    expect(paragraphs.at(-1)).toMatchObject({ page: 2, paragraph: 2, heading: 'Notat › Sidst', text: 'Det tiende.' });
    const txt = readPlainTextPages('Første side.\n\nAndet afsnit.\fAnden side.');
    expect(txt.pagination).toBe('explicit');
    expect(addressParagraphs('t.txt', txt).map((p) => `${p.page}.${p.paragraph}`)).toEqual(['1.1', '1.2', '2.1']);
  });
});

describe('lexical index (BM25)', () => {
  const para = (text: string, heading = '', title = 'Rapport') => ({ text, heading, title });
  const index = buildLexicalIndex([
    para('Kommunen har mange veje, og vejene vedligeholdes løbende af kommunen.'),
    para('Budgettet for vintertjenesten er 14,2 mio. kr. i 2025.'),
    para('Vintertjenesten rydder sne på kommunens veje.'),
    para('Ventetiden på en plejeboligplads var 47 dage.'),
    para('En plejebolig er en bolig med personale. Der er en ledig plads.'),
    para('Budgettet for vintertjenesten var 13,6 mio. kr. i 2024.'),
  ]);

  it('ranks the paragraph with the rare question words first, and tells years apart', () => {
    expect(index.search('budget vintertjeneste 2025')[0]?.index).toBe(1);
    expect(index.search('budget vintertjeneste 2024')[0]?.index).toBe(5);
    // A word in every other paragraph weighs less than a rare one.
    expect(index.idf('kommun')).toBeLessThan(index.idf('ventetid'));
  });

  it('finds compounds by their parts and words by longer forms on the same stem', () => {
    expect(index.search('ventetid plejebolig')[0]?.index).toBe(3);
    expect(index.termSet('plejeboligplads')).toContain('plejebo');
    const terms = index.queryTerms('Hvad koster vintertjenesten?');
    expect(terms.find((t) => t.term === 'kost')?.variants.map((v) => v.term)).toContain('budget');
    expect(index.search('Hvad koster vintertjenesten?')[0]?.index).toBeOneOf([1, 5]);
  });

  it('finds nothing for words the set does not hold', () => {
    expect(index.search('svømmehal')).toEqual([]);
  });
});

describe('questions over a generated set of 300+ pages', () => {
  let generated: GeneratedDocumentSet;
  let set: DocumentSet;
  let cacheDir: string;
  const progress: IndexProgress[] = [];

  beforeAll(async () => {
    const dir = tempDir('ekspedit-docset-');
    cacheDir = tempDir('ekspedit-docset-cache-');
    generated = await writeDocumentSet(dir);
    set = await indexDocumentSet({ folder: dir, cacheDir, onProgress: (p) => progress.push(p) });
  }, 120_000);

  it('reads every document, counts pages and reports progress with time left', () => {
    expect(generated.totalPages).toBeGreaterThanOrEqual(300);
    expect(set.stats.pages).toBe(generated.totalPages);
    for (const d of generated.documents) expect(set.documents.find((x) => x.document === d.document)?.pages).toBe(d.pages);
    expect(set.documents.find((d) => d.document === 'bilag/scannet-hoeringssvar.pdf')?.status).toBe('no_text');
    expect(set.skipped).toEqual(['bilag/budgetoversigt.xlsx']);
    const extract = progress.filter((p) => p.phase === 'extract');
    expect(extract.at(-1)).toMatchObject({ done: generated.totalPages, total: generated.totalPages, fraction: 1 });
    expect(extract.every((p, i) => i === 0 || p.done >= (extract[i - 1]?.done ?? 0))).toBe(true);
    expect(extract.some((p) => p.etaMs !== null && p.etaMs > 0 && p.done < p.total)).toBe(true);
  });

  it('answers each planted question with the right document, page and paragraph, offline', async () => {
    for (const fact of generated.facts) {
      const answer = await askDocuments({ set, question: fact.question }, offline);
      expect(answer.engine).toBe('offline');
      expect(answer.citations[0], fact.question).toMatchObject({ document: fact.document, page: fact.page, paragraph: fact.paragraph, quote: fact.sentence });
      expect(answer.answer).toContain(fact.expect);
      expect(answer.sentences.every((s) => s.supported)).toBe(true);
      expect(answer.flags).not.toContain('no_answer');
    }
  });

  it('says when the documents do not answer, and flags files it could not search', async () => {
    const answer = await askDocuments({ set, question: generated.unanswerable }, offline);
    expect(answer.flags).toContain('no_answer');
    expect(answer.citations).toEqual([]);
    expect(answer.flags).toContain('documents_without_text');
  });

  it('prefers the sentence of the year asked about, and gives both years when none is asked', async () => {
    const y2024 = await askDocuments({ set, question: 'Hvad var budgettet for vintertjenesten i 2024?' }, offline);
    expect(y2024.citations[0]).toMatchObject({ document: 'referater/teknik-og-miljoeudvalget-2024.pdf', page: 12, paragraph: 3 });
    const any = await askDocuments({ set, question: 'Hvad er budgettet for vintertjenesten?' }, offline);
    expect(any.citations.map((c) => c.page).sort()).toEqual([12, 57]);
  });

  it('summarises each document and the set, every sentence cited to its own document', async () => {
    const summary = await summarizeDocuments({ set }, offline);
    const readable = set.documents.filter((d) => d.status === 'ok');
    expect(summary.documents.map((d) => d.document)).toEqual(readable.map((d) => d.document));
    for (const d of summary.documents) {
      expect(d.sentences.length).toBeGreaterThan(0);
      expect(d.citations.every((c) => c.document === d.document)).toBe(true);
      expect(d.sentences.every((s) => s.supported && s.citations.length > 0)).toBe(true);
    }
    const perDocument = new Map<string, number>();
    for (const c of summary.overall.citations) perDocument.set(c.document, (perDocument.get(c.document) ?? 0) + 1);
    expect(perDocument.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perDocument.values())).toBeLessThanOrEqual(2);
  });

  it('resumes from the on-disk index without reading a finished file again', async () => {
    const again = await indexDocumentSet({ folder: generated.dir, cacheDir });
    expect(again.stats).toMatchObject({ extractedPages: 0, resumedPages: generated.totalPages });
    expect(again.paragraphs).toEqual(set.paragraphs);
    expect(readdirSync(join(cacheDir, INDEX_FOLDER)).filter((f) => f.endsWith('.json'))).toHaveLength(set.documents.filter((d) => d.sha256).length);
  });

  it('stops between pages when cancelled, keeps what it read, and goes on from there', async () => {
    const fresh = tempDir('ekspedit-docset-cancel-');
    const controller = new AbortController();
    let seen = 0;
    await expect(
      indexDocumentSet({
        folder: generated.dir,
        cacheDir: fresh,
        checkpointPages: 10,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'extract') seen = p.done;
          if (p.phase === 'extract' && p.done >= 100) controller.abort();
        },
      }),
    ).rejects.toThrow(/abort/i);
    expect(seen).toBeGreaterThanOrEqual(100);
    expect(seen).toBeLessThan(generated.totalPages);
    const resumed = await indexDocumentSet({ folder: generated.dir, cacheDir: fresh });
    expect(resumed.stats.resumedPages).toBe(seen);
    expect(resumed.stats.extractedPages).toBe(generated.totalPages - seen);
    expect(resumed.paragraphs).toEqual(set.paragraphs);
  }, 60_000);
});

describe('questions with a model (test double)', () => {
  let double: OpenAiTestDouble;
  let set: DocumentSet;
  let config: LlmConfig;
  const question = 'Hvad er budgettet for vintertjenesten i 2025?';

  beforeAll(async () => {
    double = await startOpenAiTestDouble();
    config = {
      baseUrl: double.baseUrl,
      apiKey: 'test',
      model: 'test-model',
      taskModels: {},
      trust: 'external',
      timeoutMs: 5000,
      maxRetries: 0,
      caseTokenBudget: 100_000,
    };
    const dir = tempDir('ekspedit-docset-llm-');
    writeFileSync(
      join(dir, 'vinter.md'),
      [
        '# Vintertjeneste',
        '',
        'Budgettet for vintertjenesten 2025 er 14,2 mio. kr. Beløbet dækker saltning og snerydning.',
        '',
        'Klager over snerydning kan sendes til Anne Jensen, CPR 070761-4285, som behandler dem.',
        '',
        'Vintertjenesten rydder cykelstier før kl. 7 på hverdage.',
      ].join('\n'),
    );
    set = await indexDocumentSet({ folder: dir, cacheDir: null });
  });
  afterAll(async () => {
    await double.close();
  });

  it('answers with the model, cites the passage it used, and sends no CPR number', async () => {
    double.reset();
    const answer = await askDocuments({ set, question: 'Hvem behandler klager over snerydning?' }, { llm: createOpenAiProvider(config), trust: 'external' });
    expect(answer.engine).toBe('llm');
    expect(answer.citations[0]).toMatchObject({ document: 'vinter.md', page: 1, paragraph: 2 });
    // The pseudonym the model saw is restored in the answer; the endpoint never saw the number or the name.
    expect(answer.answer).toContain('Anne Jensen');
    const sent = double.requests.map((r) => r.raw).join('\n');
    expect(sent).not.toContain('070761');
    expect(sent).not.toContain('Anne Jensen');
    expect(double.requests[0]?.body.response_format).toMatchObject({ json_schema: { name: 'document_answer' } });
  });

  it('flags a sentence the passages do not support', async () => {
    double.setOptions({
      respond: () =>
        JSON.stringify({
          found: true,
          sentences: [
            { text: 'Budgettet for vintertjenesten 2025 er 14,2 mio. kr.', sources: [1] },
            { text: 'Budgettet for vintertjenesten 2025 er 19,7 mio. kr.', sources: [1] },
            { text: 'Kommunen har desuden købt tre nye saltspredere til havnen.', sources: [1] },
          ],
        }),
    });
    const answer = await askDocuments({ set, question }, { llm: createOpenAiProvider(config), trust: 'external' });
    double.setOptions({});
    expect(answer.sentences.map((s) => s.supported)).toEqual([true, false, false]);
    expect(answer.sentences[1]?.flags).toContain('fabricated_number');
    expect(answer.sentences[2]?.flags).toContain('unsupported');
    expect(answer.flags).toContain('unsupported_sentences');
    expect(answer.citations[answer.sentences[0]?.citations[0] ?? -1]).toMatchObject({ document: 'vinter.md', page: 1, paragraph: 1 });
  });

  it('falls back to the offline answer when the model fails', async () => {
    double.reset();
    double.failNext(1, 500);
    const answer = await askDocuments({ set, question }, { llm: createOpenAiProvider(config), trust: 'external' });
    expect(answer).toMatchObject({ engine: 'offline', fallbackReason: 'llm_failed:http_error' });
    expect(answer.flags).toContain('llm_failed');
    expect(answer.answer).toContain('14,2 mio. kr.');
  });

  it('summarises with the model, grounded and cited', async () => {
    double.reset();
    const summary = await summarizeDocuments({ set }, { llm: createOpenAiProvider(config), trust: 'external' });
    expect(summary.engine).toBe('llm');
    expect(summary.documents[0]?.sentences.length).toBeGreaterThan(0);
    expect(summary.documents[0]?.sentences.every((s) => s.supported)).toBe(true);
    expect(double.requests.every((r) => !r.raw.includes('070761'))).toBe(true);
    expect(double.requests.map((r) => (r.body.response_format as { json_schema: { name: string } }).json_schema.name)).toContain('document_summary');
  });
});

describe('index cache files', () => {
  it('are keyed by content hash, so a renamed file is not read again', async () => {
    const dir = tempDir('ekspedit-docset-rename-');
    writeFileSync(join(dir, 'a.md'), '# A\n\nEt afsnit om vejene.');
    const first = await indexDocumentSet({ folder: dir });
    expect(first.stats.cacheDir).toBe(join(dir, INDEX_FOLDER));
    const cached = readdirSync(join(dir, INDEX_FOLDER));
    expect(cached).toEqual([`${first.documents[0]?.sha256}.json`]);
    writeFileSync(join(dir, 'b.md'), readFileSync(join(dir, 'a.md')));
    rmSync(join(dir, 'a.md'));
    const second = await indexDocumentSet({ folder: dir });
    expect(second.stats.resumedPages).toBe(1);
    expect(second.paragraphs[0]).toMatchObject({ document: 'b.md', page: 1, paragraph: 1 });
  });
});
