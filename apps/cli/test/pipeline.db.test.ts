import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support';

const run = runCli;

describe('ekspedit pipeline (offline engine, embedded database)', () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'ekspedit-cli-pipeline-'));
  beforeAll(async () => {
    process.env.EKSPEDIT_DATA_DIR = dir;
    for (const key of Object.keys(process.env)) if (key.startsWith('EKSPEDIT_LLM_') || key === 'DATABASE_URL') delete process.env[key];
    expect((await run(['seed', 'demo', '--cases', '30'])).code).toBe(0);
  });
  afterAll(() => {
    process.env = saved;
  });

  it('takes each line through intake, sorting and drafting, and never sends', async () => {
    const input = join(dir, 'mails.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({
          id: 'm1',
          subject: 'Skraldespanden er ikke tømt',
          body: 'Vores skraldespand på Nørregade 4 er ikke blevet tømt i denne uge.',
          from: 'bo@borger.example',
        }),
        JSON.stringify({
          id: 'm2',
          subject: 'Beboerlicens',
          body: 'Hvordan får jeg en beboerlicens til parkering? Ring til mig på 12 34 56 78 eller se https://snyd.example.com',
        }),
        '{"id": "broken"',
      ].join('\n'),
    );
    const result = await run(['pipeline', '--input', input, '--format', 'json']);
    expect(result.err).toContain('Linje 3');
    const lines = result.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['m1', 'm2']);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['case', 'draft', 'flags', 'id', 'kind', 'kle', 'priority', 'sent', 'unit']);
      expect(l.case).toMatch(/^\d{4}-\d{6}$/);
      expect(l.sent).toBe(false);
      expect(typeof l.draft).toBe('string');
    }
    expect(lines[0].kle).toMatch(/^07\./);
    // The broken line is reported, the good ones are kept: exit code 1.
    expect(result.code).toBe(1);
  });
});
