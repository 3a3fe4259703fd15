// Questions over a document set (issue 7): index time for a ~300-page and a ~1,000-page set, and
// question latency, offline engine.
//
//   npx tsx bench/ask.bench.ts                 # both sets
//   npx tsx bench/ask.bench.ts --pages 1000    # one set of at least this many pages
//
// The sets come from packages/ai/test/support/document-set.ts: PDFs of 30–80 pages with running
// headers and page numbers, Word documents with and without page breaks, Markdown, a scan without
// text; the 1,000-page set adds archive reports of earlier years (more near-miss distractors).
// Index time is measured three ways: cold without the on-disk index, cold writing it, and warm
// (every page from the index, as after a restart). Questions are the planted ones, asked in rounds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { askDocuments, indexDocumentSet, summarizeDocuments } from '../packages/ai/src/document-qa';
import { writeDocumentSet } from '../packages/ai/test/support/document-set';
import { textPdf } from '../packages/ai/test/support/text-pdf';

const { values } = parseArgs({ options: { pages: { type: 'string', multiple: true }, rounds: { type: 'string' } } });
const sizes = (values.pages ?? ['300', '1000']).map(Number);
const rounds = Number(values.rounds ?? 5);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const ms = (x: number) => Math.round(x);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

interface Row {
  set: string;
  measure: string;
  value: string;
}
const rows: Row[] = [];
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

// Warm-up: loading pdf.js and compiling the hot paths once, so the first set is not charged for it
// (a CLI run pays it once per process: about the difference between the two cold figures per page).
{
  const warm = mkdtempSync(join(tmpdir(), 'ekspedit-ask-warm-'));
  mkdirSync(join(warm, 'd'));
  writeFileSync(
    join(warm, 'd', 'a.pdf'),
    textPdf(Array.from({ length: 20 }, (_, i) => ({ blocks: [{ kind: 'paragraph' as const, text: `Side ${i + 1} om vintertjeneste og veje.` }] }))),
  );
  const t = performance.now();
  await indexDocumentSet({ folder: join(warm, 'd'), cacheDir: null });
  rows.push({ set: 'warm-up', measure: 'first 20-page PDF in a fresh process (loads pdf.js)', value: `${ms(performance.now() - t)} ms` });
  rmSync(warm, { recursive: true, force: true });
}

for (const size of sizes) {
  const root = mkdtempSync(join(tmpdir(), 'ekspedit-ask-bench-'));
  try {
    const dir = join(root, 'docs');
    let t = performance.now();
    const generated = await writeDocumentSet(dir, { pages: size });
    const label = `${generated.totalPages} pages, ${generated.documents.length} files`;
    rows.push({ set: label, measure: 'generate set', value: `${ms(performance.now() - t)} ms` });

    t = performance.now();
    const plain = await indexDocumentSet({ folder: dir, cacheDir: null });
    const coldMs = performance.now() - t;
    rows.push({ set: label, measure: 'index, cold, no on-disk index', value: `${ms(coldMs)} ms (${Math.round((plain.stats.pages / coldMs) * 1000)} pages/s)` });

    const cacheDir = join(root, 'cache');
    t = performance.now();
    await indexDocumentSet({ folder: dir, cacheDir });
    rows.push({ set: label, measure: 'index, cold, writing .ekspedit-index', value: `${ms(performance.now() - t)} ms` });

    t = performance.now();
    const set = await indexDocumentSet({ folder: dir, cacheDir });
    rows.push({ set: label, measure: 'index, warm (all pages from .ekspedit-index)', value: `${ms(performance.now() - t)} ms` });
    rows.push({ set: label, measure: 'paragraphs indexed', value: String(set.stats.paragraphs) });

    const latencies: number[] = [];
    let correct = 0;
    for (let r = 0; r < rounds; r++)
      for (const fact of generated.facts) {
        t = performance.now();
        const answer = await askDocuments({ set, question: fact.question }, { llm: null, trust: 'external' });
        latencies.push(performance.now() - t);
        const c = answer.citations[0];
        if (r === 0 && c?.document === fact.document && c.page === fact.page && c.paragraph === fact.paragraph) correct++;
      }
    rows.push({
      set: label,
      measure: `question latency (${latencies.length} questions)`,
      value: `median ${ms(quantile(latencies, 0.5))} ms, p95 ${ms(quantile(latencies, 0.95))} ms, max ${ms(Math.max(...latencies))} ms`,
    });
    rows.push({ set: label, measure: 'planted facts cited at the right page and paragraph', value: `${correct}/${generated.facts.length}` });

    t = performance.now();
    await summarizeDocuments({ set }, { llm: null, trust: 'external' });
    rows.push({ set: label, measure: 'summaries (every document + overall)', value: `${ms(performance.now() - t)} ms` });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
clearInterval(sampler);

const w = [Math.max(...rows.map((r) => r.set.length)), Math.max(...rows.map((r) => r.measure.length))];
for (const r of rows) console.log(`${r.set.padEnd(w[0] ?? 0)}  ${r.measure.padEnd(w[1] ?? 0)}  ${r.value}`);
console.log(`peak RSS ${mb(peakRss)} MB (Node ${process.version}, offline engine)`);
