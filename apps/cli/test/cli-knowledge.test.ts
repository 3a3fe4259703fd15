import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support';

// The CLI reads EKSPEDIT_DATA_DIR when it opens the database: one fresh directory for this file.
const dir = mkdtempSync(join(tmpdir(), 'ekspedit-kb-'));
const previous = process.env.EKSPEDIT_DATA_DIR;
const kbDir = join(import.meta.dirname, '../../../eval/datasets/knowledge-base');

const run = (...argv: string[]) => runCli(argv);

describe('ekspedit kb, ground and redact', () => {
  beforeAll(() => {
    process.env.EKSPEDIT_DATA_DIR = dir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.EKSPEDIT_DATA_DIR;
    else process.env.EKSPEDIT_DATA_DIR = previous;
  });

  it('adds files and searches them, never using expired sources', async () => {
    const added = await run('kb', 'add', join(kbDir, 'affald-storskrald.md'), join(kbDir, 'aktindsigt.md'), '--kle', '07.18', '--format', 'json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toHaveLength(2);
    const old = join(dir, 'gammel.md');
    writeFileSync(old, '# Gamle regler for storskrald\n\nStorskrald hentes hver 2. uge efter de gamle regler.');
    expect((await run('kb', 'add', old, '--valid-to', '2020-12-31')).code).toBe(0);

    const res = await run('kb', 'search', 'Hvor ofte henter I storskrald?', '--format', 'json');
    expect(res.code).toBe(0);
    const hits = JSON.parse(res.out) as {
      sourceId: string;
      chunkId: string;
      title: string;
      headingPath: string;
      excerpt: string;
      score: number;
      page: number | null;
    }[];
    expect(hits[0]).toMatchObject({ title: 'Storskrald' });
    expect(Object.keys(hits[0] ?? {})).toEqual(['sourceId', 'chunkId', 'title', 'headingPath', 'excerpt', 'score', 'page']);
    expect(hits.some((h) => h.title.startsWith('Gamle'))).toBe(false);
    const hybrid = JSON.parse((await run('kb', 'search', 'storskraldsafhentning', '--mode', 'hybrid', '--format', 'json')).out) as { title: string }[];
    expect(hybrid[0]?.title).toBe('Storskrald');
  }, 120_000);

  it('rejects unknown file types and bad dates with usage errors', async () => {
    expect((await run('kb', 'add', 'x.exe')).code).toBe(2);
    expect((await run('kb', 'add', join(kbDir, 'aktindsigt.md'), '--valid-to', '31-12-2026')).code).toBe(2);
  });

  it('grounds any answer against any source files, without a database', async () => {
    const answer = join(dir, 'svar.txt');
    writeFileSync(answer, 'Storskrald hentes hver 4. uge. Du må højst sætte 5 kubikmeter ud. Betal på www.evil-pay.com.');
    const res = await run('ground', '--answer', answer, '--sources', join(kbDir, 'affald-storskrald.md'), join(kbDir, 'aktindsigt.md'), '--format', 'json');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.out) as { sentences: { text: string; supported: boolean; flags: string[]; citations: { sourceId: string }[] }[] };
    expect(out.sentences.map((s) => s.supported)).toEqual([true, false, false]);
    expect(out.sentences[0]?.citations[0]?.sourceId).toBe('affald-storskrald.md');
    expect(out.sentences[1]?.flags).toContain('fabricated_number');
    expect(out.sentences[2]?.flags).toContain('injected_link');
  });

  it('finds personal data in JSONL, one output line per input line', async () => {
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, `${JSON.stringify({ id: 'a', text: 'CPR 070761-4285, tlf. 22 33 44 55' })}\n${JSON.stringify({ id: 'b', text: 'Ingen data' })}\n`);
    const res = await run('redact', '--input', input, '--format', 'json');
    expect(res.code).toBe(0);
    const lines = res.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; spans: { start: number; end: number; type: string }[] });
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(lines[0]?.spans.map((s) => s.type)).toEqual(['CPR', 'PHONE']);
    expect(lines[0]?.spans[0]).toEqual({ start: 4, end: 15, type: 'CPR' });
    expect(lines[1]?.spans).toEqual([]);
  });

  it('drafts a reply to a case with the offline engine, with citations and checks', async () => {
    const seeded = await run('seed', 'demo');
    expect(seeded.code).toBe(0);
    const cases = JSON.parse((await run('cases', '--format', 'json', '--all')).out) as { number: string; title: string }[];
    const target = cases.find((c) => /aktindsigt/i.test(c.title)) ?? cases[0];
    const res = await run('draft', '--case', target?.number ?? '', '--format', 'json');
    expect(res.code).toBe(0);
    const draft = JSON.parse(res.out) as {
      engine: string;
      text: string;
      lix: number;
      sentences: { text: string; supported: boolean; flags: string[]; citations: unknown[] }[];
    };
    expect(draft.engine).toBe('offline');
    expect(draft.text.length).toBeGreaterThan(20);
    expect(typeof draft.lix).toBe('number');
    expect(draft.sentences.length).toBeGreaterThan(1);
    for (const s of draft.sentences) expect(Object.keys(s)).toEqual(expect.arrayContaining(['text', 'citations', 'supported', 'flags']));
    expect((await run('draft', '--case', '2099-999999', '--format', 'json')).code).toBe(1);
  }, 120_000);
});
