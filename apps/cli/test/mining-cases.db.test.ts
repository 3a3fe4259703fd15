import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support';

const run = runCli;

describe('ekspedit mining --source cases (the platform\u2019s own case log, embedded database)', () => {
  const saved = { ...process.env };
  beforeAll(async () => {
    process.env.EKSPEDIT_DATA_DIR = mkdtempSync(join(tmpdir(), 'ekspedit-cli-mining-'));
    delete process.env.DATABASE_URL;
    expect((await run(['seed', 'demo', '--cases', '40'])).code).toBe(0);
  });
  afterAll(() => {
    process.env = saved;
  });

  it('prints stats, discovers a model and replays the log on it', async () => {
    const stats = await run(['mining', 'stats', '--source', 'cases', '--format', 'json']);
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.out);
    expect(s.cases).toBeGreaterThan(30);
    expect(s.start).toEqual({ 'case.created': s.cases });
    const model = join(process.env.EKSPEDIT_DATA_DIR as string, 'cases.pnml');
    expect((await run(['mining', 'discover', '--source', 'cases', '--miner', 'inductive', '--output', model])).code).toBe(0);
    const fit = await run(['mining', 'conform', '--source', 'cases', '--model', model, '--method', 'tbr', '--format', 'json']);
    expect(JSON.parse(fit.out).percentFittingTraces).toBe(100);
  });

  it('filters by kind and unit, and refuses bad flags', async () => {
    const all = JSON.parse((await run(['mining', 'stats', '--source', 'cases', '--format', 'json'])).out);
    const complaints = JSON.parse((await run(['mining', 'stats', '--source', 'cases', '--kind', 'complaint', '--format', 'json'])).out);
    expect(complaints.cases).toBeLessThan(all.cases);
    expect((await run(['mining', 'stats', '--source', 'sager'])).code).toBe(2);
    expect((await run(['mining', 'stats', '--source', 'cases', '--from', 'i går'])).code).toBe(2);
  });
});
