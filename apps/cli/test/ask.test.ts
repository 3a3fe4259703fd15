import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedDocumentSet, writeDocumentSet } from '../../../packages/ai/test/support/document-set';
import { formatProgress, formatTimeLeft } from '../src/commands/ask';
import { runCli } from './support';

const root = mkdtempSync(join(tmpdir(), 'ekspedit-ask-'));
const docs = join(root, 'dokumenter');
const bin = join(import.meta.dirname, '../bin/ekspedit.mjs');
let generated: GeneratedDocumentSet;

interface AskJson {
  question: string;
  answer: string;
  citations: { document: string; page: number; paragraph: number; quote: string; pagination: string }[];
  sentences: { text: string; supported: boolean; flags: string[]; citations: number[] }[];
  flags: string[];
  engine: string;
  documents: { document: string; pages: number; status: string }[];
  stats: { pages: number; resumedPages: number; extractedPages: number };
  summaries?: { documents: { document: string; sentences: unknown[]; citations: { document: string }[] }[]; overall: { citations: { document: string }[] } };
}

// Offline engine throughout: the answers must not depend on a model endpoint in the environment.
const ask = (...argv: string[]) => runCli(['ask', '--engine', 'offline', ...argv]);

/** Runs the real command in a child process and calls `onLine` with each stderr line (it may kill the child). */
function spawnAsk(
  argv: string[],
  onLine: (line: string, child: ChildProcess) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'ask', '--engine', 'offline', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line, child);
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, err }));
  });
}

const pagesIn = (line: string) => {
  const m = /Indekserer (\d+)\/(\d+) sider/.exec(line);
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
};

describe('ekspedit ask', () => {
  beforeAll(async () => {
    generated = await writeDocumentSet(docs);
  }, 60_000);
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('answers questions over a set of 300+ pages with the right document, page and paragraph', async () => {
    expect(generated.totalPages).toBeGreaterThanOrEqual(300);
    expect(generated.facts.length).toBeGreaterThanOrEqual(5);
    const cache = join(root, 'cache-answers');
    for (const [i, fact] of generated.facts.entries()) {
      const res = await ask('--docs', docs, fact.question, '--format', 'json', '--cache', cache);
      expect(res.code, res.err).toBe(0);
      const out = JSON.parse(res.out) as AskJson;
      if (i === 0) {
        expect(out.stats.pages).toBe(generated.totalPages);
        expect(res.err).toMatch(/Indekserer \d+\/\d+ sider \(\d+ %\), (ca\. \d+ (s|min)( \d+ s)? tilbage|beregner tid tilbage|færdig)/);
      } else expect(out.stats.extractedPages).toBe(0);
      expect(Object.keys(out).slice(0, 4)).toEqual(['question', 'answer', 'citations', 'flags']);
      expect(out.answer, fact.question).toContain(fact.expect);
      expect(out.citations[0], fact.question).toMatchObject({ document: fact.document, page: fact.page, paragraph: fact.paragraph, quote: fact.sentence });
      expect(out.sentences.every((s) => s.supported && s.citations.length > 0)).toBe(true);
      expect(out.flags).not.toContain('no_answer');
    }
  }, 120_000);

  it('says so when the documents hold no answer, and prints a readable answer by default', async () => {
    const cache = join(root, 'cache-answers');
    const none = JSON.parse((await ask('--docs', docs, generated.unanswerable, '--format', 'json', '--cache', cache)).out) as AskJson;
    expect(none.flags).toContain('no_answer');
    expect(none.citations).toEqual([]);
    const fact = generated.facts[0];
    if (!fact) throw new Error('no planted fact');
    const table = await ask('--docs', docs, fact.question, '--cache', cache);
    expect(table.code).toBe(0);
    expect(table.out).toContain(`[1] ${fact.document}, side ${fact.page}, afsnit ${fact.paragraph}`);
    expect(table.out).toContain('nogle PDF-filer har ingen tekst');
    expect(table.err).toContain('Springer over (ukendt filtype): bilag/budgetoversigt.xlsx');
  }, 60_000);

  it('summarises each document and the whole set with --summary', async () => {
    const res = await ask('--docs', docs, '--summary', '--format', 'json', '--cache', join(root, 'cache-answers'));
    expect(res.code, res.err).toBe(0);
    const out = JSON.parse(res.out) as AskJson;
    const readable = out.documents.filter((d) => d.status === 'ok');
    expect(out.summaries?.documents).toHaveLength(readable.length);
    for (const d of out.summaries?.documents ?? []) {
      expect(d.sentences.length).toBeGreaterThan(0);
      expect(d.citations.every((c) => c.document === d.document)).toBe(true);
    }
    expect(new Set(out.summaries?.overall.citations.map((c) => c.document)).size).toBeGreaterThanOrEqual(3);
    const text = await ask('--docs', docs, '--summary', '--cache', join(root, 'cache-answers'));
    expect(text.out).toContain('På tværs af dokumenterne');
  }, 60_000);

  it('stops on Ctrl-C with what it read saved, and the next run goes on from there', async () => {
    const cache = join(root, 'cache-cancel');
    let total = 0;
    const cancelled = await spawnAsk(['--docs', docs, 'Hvad koster en beboerlicens i midtbyen?', '--cache', cache], (line, child) => {
      const p = pagesIn(line);
      if (p && p.done > 40 && p.done < p.total && !child.killed) {
        total = p.total;
        child.kill('SIGINT');
      }
    });
    expect(cancelled.code, cancelled.err).toBe(130);
    const saved = /Afbrudt\. (\d+) af (\d+) sider er gemt i indekset; kør kommandoen igen for at fortsætte\./.exec(cancelled.err);
    expect(saved, cancelled.err).not.toBeNull();
    const savedPages = Number(saved?.[1]);
    expect(savedPages).toBeGreaterThan(40);
    expect(savedPages).toBeLessThan(total);

    const resumed = await ask('--docs', docs, 'Hvad koster en beboerlicens i midtbyen?', '--format', 'json', '--cache', cache);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toContain(`Genoptager: ${savedPages} af ${total} sider findes allerede i indekset.`);
    const out = JSON.parse(resumed.out) as AskJson;
    expect(out.stats).toMatchObject({ resumedPages: savedPages, extractedPages: total - savedPages, pages: total });
    expect(out.citations[0]).toMatchObject({ document: 'notater/tidligere-notat-parkering.md', page: 2, paragraph: 5 });
  }, 120_000);

  it('resumes after a crash (SIGKILL) from the pages already checkpointed', async () => {
    const cache = join(root, 'cache-crash');
    const killed = await spawnAsk(['--docs', docs, 'Hvad besluttede udvalget om hastigheden på Skovvej?', '--cache', cache], (line, child) => {
      const p = pagesIn(line);
      if (p && p.done > 90 && p.done < p.total && !child.killed) child.kill('SIGKILL');
    });
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await ask('--docs', docs, 'Hvad besluttede udvalget om hastigheden på Skovvej?', '--format', 'json', '--cache', cache);
    expect(resumed.code, resumed.err).toBe(0);
    const out = JSON.parse(resumed.out) as AskJson;
    // Finished files and every checkpoint (20 pages) survive the kill; only the pages after the last checkpoint are read again.
    expect(out.stats.resumedPages).toBeGreaterThanOrEqual(60);
    expect(out.stats.resumedPages + out.stats.extractedPages).toBe(generated.totalPages);
    expect(out.citations[0]).toMatchObject({ document: 'referater/teknik-og-miljoeudvalget-2024.pdf', page: 31, paragraph: 2 });
  }, 120_000);

  it('refuses bad input with clear Danish errors', async () => {
    const empty = join(root, 'tom');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'noter.xlsx'), 'x');
    const file = join(root, 'fil.txt');
    writeFileSync(file, 'tekst');
    const cases: [string[], number, string][] = [
      [['Hvad koster det?'], 2, '--docs mangler'],
      [['--docs', join(root, 'findes-ikke'), 'Hvad koster det?'], 2, 'Mappen findes ikke'],
      [['--docs', file, 'Hvad koster det?'], 2, '--docs skal være en mappe'],
      [['--docs', docs], 2, 'Skriv et spørgsmål i anførselstegn, eller brug --summary'],
      [['--docs', docs, '??'], 2, 'Spørgsmålet indeholder ingen ord'],
      [['--docs', docs, 'Hvad?', '--format', 'csv'], 2, 'json eller table'],
      [['--docs', docs, 'Hvad?', '--passages', 'mange'], 2, '--passages skal være et helt tal'],
      [['--docs', empty, 'Hvad koster det?', '--no-cache'], 1, 'Ingen dokumenter at læse'],
    ];
    for (const [argv, code, message] of cases) {
      const res = await ask(...argv);
      expect(res.code, argv.join(' ')).toBe(code);
      expect(res.err).toContain(message);
    }
    expect((await runCli(['ask', '--docs', docs, 'x', '--engine', 'cloud'])).err).toContain('--engine skal være auto eller offline');
  });

  it('formats progress and time left in Danish', () => {
    expect(formatProgress({ phase: 'extract', done: 120, total: 310, fraction: 120 / 310, elapsedMs: 5000, etaMs: 12_000, resumedPages: 0 })).toBe(
      'Indekserer 120/310 sider (38 %), ca. 12 s tilbage',
    );
    expect(formatTimeLeft(200_000)).toBe('ca. 3 min 20 s');
    expect(formatTimeLeft(120_000)).toBe('ca. 2 min');
  });
});
