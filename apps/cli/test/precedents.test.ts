import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support';

const dir = mkdtempSync(join(tmpdir(), 'ekspedit-precedents-'));
const record = (id: string, question: string, answer: string) =>
  JSON.stringify({ id, date: '2025-03-01', asker: 'Lars Kruse (V)', committee: 'Økonomiudvalget', question, answer });

describe('ekspedit precedents', () => {
  it('searches the bundled demo register by default and prints ranked JSON', async () => {
    const res = await runCli(['precedents', 'Hvornår er cykelstien ved Ringvejen klar?', '--format', 'json']);
    expect(res.code).toBe(0);
    const hits = JSON.parse(res.out) as { id: string; answer: string; match: string; similarity: number }[];
    expect(hits).toHaveLength(5);
    expect(hits[0]).toMatchObject({ id: 'PS-2024-003', match: 'strong' });
    expect(hits[0]?.answer).toContain('oktober 2024');
    expect(Object.keys(hits[0] ?? {})).toEqual(['id', 'date', 'asker', 'committee', 'question', 'answer', 'score', 'similarity', 'match', 'matchedTerms']);
  });

  it('searches a register file or a folder of them given with --corpus', async () => {
    const folder = join(dir, 'register');
    mkdirSync(folder);
    writeFileSync(join(folder, '2024.jsonl'), `${record('X-1', 'Hvad koster kommunens it-licenser?', 'Licenserne koster 87 mio. kr.')}\n`);
    writeFileSync(join(folder, '2025.jsonl'), `${record('X-2', 'Hvor mange hunde er registreret?', 'Der er 9.400 hunde.')}\n`);
    const res = await runCli(['precedents', 'Hvad betaler vi for it-licenser?', '--corpus', folder, '--limit', '1', '--format', 'json']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.out) as { id: string }[]).map((h) => h.id)).toEqual(['X-1']);
    const table = await runCli(['precedents', 'hunde', '--corpus', join(folder, '2025.jsonl')]);
    expect(table.out).toMatch(/X-2/);
  });

  it('refuses a missing question, a bad limit and a broken register line', async () => {
    expect((await runCli(['precedents'])).code).toBe(2);
    expect((await runCli(['precedents', 'x', '--limit', '0'])).code).toBe(2);
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${record('A', 'Spørgsmål?', 'Svar.')}\n{"id":"B"}\n`);
    const res = await runCli(['precedents', 'Spørgsmål', '--corpus', broken]);
    expect(res.code).toBe(2);
    expect(res.err).toContain('broken.jsonl:2');
  });
});
