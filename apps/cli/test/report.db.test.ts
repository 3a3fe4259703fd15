import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Every estimate in a report: objects with value, low, high and n. */
function estimates(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) for (const x of node) estimates(x, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('value' in o && 'low' in o && 'high' in o) out.push(o);
    for (const v of Object.values(o)) estimates(v, out);
  }
  return out;
}

describe('ekspedit report (measured value, on the demo municipality)', () => {
  const saved = { ...process.env };
  // The demo's newer half (the last three months) runs with AI; the older half is the baseline.
  const from = day(-90);
  const to = day(0);
  beforeAll(async () => {
    process.env.EKSPEDIT_DATA_DIR = mkdtempSync(join(tmpdir(), 'ekspedit-cli-report-'));
    delete process.env.DATABASE_URL;
    expect((await runCli(['seed', 'demo', '--cases', '160'])).code).toBe(0);
  });
  afterAll(() => {
    process.env = saved;
  });

  it('report efficiency: the AI period against the period before, every number with its interval and n', async () => {
    const { code, out, err } = await runCli(['report', 'efficiency', '--from', from, '--to', to, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.report).toBe('efficiency');
    expect(r.baseline.method).toBe('before');
    expect(r.period.cases).toBeGreaterThan(30);
    expect(r.baseline.cases).toBeGreaterThan(30);
    expect(r.summary.baseline.aiDrafted.value).toBe(0);
    expect(r.summary.period.aiDrafted.value).toBeGreaterThan(0.3);
    expect(r.summary.period.aiClassified.value).toBeGreaterThan(0.5);
    expect(r.summary.period.draftsApprovedUnedited.n).toBeGreaterThan(10);
    const all = estimates(r);
    expect(all.length).toBeGreaterThan(100);
    for (const e of all) expect(typeof e.n).toBe('number');
    expect(r.hoursSaved.effort.method).toBe('allocation');
    expect(r.hoursSaved.fte).toEqual(expect.objectContaining({ n: expect.any(Number) }));
    expect(Object.keys(r.breakdown).sort()).toEqual(['channel', 'kind', 'kleGroup', 'month', 'unit']);
    expect(r.trend.length).toBeGreaterThanOrEqual(6);
    expect(r.conclusions.length).toBeGreaterThan(2);
    expect(r.conclusions[0]).toMatch(/er sammenlignet med perioden før/);
    expect(r.conclusionsEn[0]).toMatch(/is compared with the period before/);
    expect(r.filter).toEqual({ unit: null, kind: null, kle: null, channel: null });

    const unit = JSON.parse((await runCli(['report', 'efficiency', '--from', from, '--to', to, '--unit', 'affald', '--format', 'json'])).out);
    expect(unit.period.cases).toBeLessThan(r.period.cases);
    expect(unit.breakdown.unit.map((row: { key: string }) => row.key)).toEqual(['affald']);
  });

  it('report bias: groups by language, channel and district, tested and corrected, in plain words', async () => {
    const { code, out } = await runCli(['report', 'bias', '--from', from, '--to', to, '--format', 'json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.report).toBe('bias');
    expect(r.attributes.map((a: { attribute: string }) => a.attribute)).toEqual(['language', 'channel', 'district']);
    const channel = r.attributes.find((a: { attribute: string }) => a.attribute === 'channel');
    expect(channel.groups.map((g: { group: string }) => g.group).sort()).toEqual(['email', 'web']);
    const district = r.attributes.find((a: { attribute: string }) => a.attribute === 'district');
    expect(district.groups.length).toBeGreaterThan(3);
    expect(r.method.correction).toBe('holm');
    expect(r.method.tests).toBeGreaterThan(0);
    for (const e of estimates(r)) expect(typeof e.n).toBe('number');
    expect(r.conclusions[0]).toMatch(/korrigeret for, at mange test giver tilfældige udslag \(Holm\)/);
    expect(r.conclusionsEn.length).toBe(r.conclusions.length);
  });

  it('report quality, table output, and wrong use', async () => {
    const quality = JSON.parse((await runCli(['report', 'quality', '--from', from, '--to', to, '--format', 'json'])).out);
    expect(quality.classification.byVersion.map((v: { key: string }) => v.key)).toContain('demo-sorter-1');
    expect(quality.drafts.overall.reviewed).toBeGreaterThan(10);
    const table = await runCli(['report', 'efficiency', '--from', from, '--to', to]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^• Perioden /);
    expect((await runCli(['report', 'efficiency', '--from', from])).code).toBe(2);
    expect((await runCli(['report', 'bias', '--from', '1. juni', '--to', to])).code).toBe(2);
    expect((await runCli(['report', 'efficiency', '--from', to, '--to', from])).code).toBe(2);
    expect((await runCli(['report', 'efficiency', '--from', from, '--to', to, '--effort-share', '2'])).code).toBe(2);
    expect((await runCli(['report', 'efficiency', '--from', from, '--to', to, '--baseline', 'sidste år'])).code).toBe(2);
    expect((await runCli(['report', 'fairness', '--from', from, '--to', to])).code).toBe(2);
  });
});
