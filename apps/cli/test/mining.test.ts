import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main';
import { capture } from './support';

const logs = fileURLToPath(new URL('../../../../shared/event-logs/', import.meta.url));
const hasShared = existsSync(logs);
if (!hasShared) {
  const reason = `mining CLI tests skipped: ${logs} is absent (it is present in CI and on the developers' machines)`;
  if (process.env.CI) throw new Error(reason);
  console.warn(reason);
}

describe.skipIf(!hasShared)('ekspedit mining (on ../shared/event-logs)', () => {
  it('prints the interface of `mining stats` for an XES.GZ log', async () => {
    const io = capture();
    expect(await main(['mining', 'stats', join(logs, 'running-example.xes.gz'), '--format', 'json'], io)).toBe(0);
    const stats = JSON.parse(io.out);
    expect(Object.keys(stats).sort()).toEqual(['activities', 'caseDuration', 'cases', 'dfg', 'end', 'events', 'start', 'variants']);
    expect(stats).toMatchObject({ cases: 6, events: 42, activities: 8, variants: 6, start: { 'register request': 6 } });
    expect(Object.keys(stats.dfg[0]).sort()).toEqual(['count', 'from', 'meanSeconds', 'medianSeconds', 'to']);
    expect(Object.keys(stats.caseDuration).sort()).toEqual(['maxSeconds', 'meanSeconds', 'medianSeconds', 'minSeconds']);
  });

  it('reads OCEL 2.0 (JSON and XML) with the same figures', async () => {
    const json = capture();
    const xml = capture();
    await main(['mining', 'stats', join(logs, 'ocel20_example.jsonocel'), '--format', 'json'], json);
    await main(['mining', 'stats', join(logs, 'ocel20_example.xmlocel'), '--format', 'json'], xml);
    expect(JSON.parse(json.out).events).toBeGreaterThan(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(xml.out));
  });

  it('discovers a model and replays the log on it (both methods), also from OCEL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ekspedit-mining-'));
    const pnml = join(dir, 'model.pnml');
    expect(await main(['mining', 'discover', join(logs, 'running-example.xes.gz'), '--miner', 'inductive', '--output', pnml], capture())).toBe(0);
    expect(readFileSync(pnml, 'utf8')).toContain('<pnml');
    for (const method of ['tbr', 'alignments']) {
      const io = capture();
      expect(await main(['mining', 'conform', join(logs, 'running-example.xes.gz'), '--model', pnml, '--method', method, '--format', 'json'], io)).toBe(0);
      const fit = JSON.parse(io.out);
      // The inductive miner guarantees a model that fits its own log perfectly. pm4py's alignment log
      // fitness also counts the cost of silent moves (1 each against 10,000 per deviation), so it sits just below 1.
      expect(fit).toMatchObject({ averageTraceFitness: 1, percentFittingTraces: 100 });
      expect(fit.logFitness).toBeGreaterThan(method === 'tbr' ? 0.999999 : 0.9999);
    }
    const bpmn = join(dir, 'model.bpmn');
    expect(
      await main(['mining', 'discover', join(logs, 'ocel20_example.jsonocel'), '--miner', 'inductive', '--noise', '0.2', '--output', bpmn], capture()),
    ).toBe(0);
    expect(readFileSync(bpmn, 'utf8')).toMatch(/<definitions xmlns="http:\/\/www.omg.org\/spec\/BPMN\/20100524\/MODEL"[\s\S]*<task /);
    const ocelFit = capture();
    await main(['mining', 'discover', join(logs, 'ocel20_example.xmlocel'), '--miner', 'inductive', '--output', pnml], capture());
    expect(
      await main(['mining', 'conform', join(logs, 'ocel20_example.xmlocel'), '--model', pnml, '--method', 'alignments', '--format', 'json'], ocelFit),
    ).toBe(0);
    expect(JSON.parse(ocelFit.out).percentFittingTraces).toBe(100);
  });

  it('shows rework, loops and waiting versus working time', async () => {
    const io = capture();
    expect(await main(['mining', 'rework', join(logs, 'interval_event_log.xes'), '--format', 'json'], io)).toBe(0);
    const r = JSON.parse(io.out);
    expect(r.rework[0]).toMatchObject({ activity: 'send reminder' });
    expect(r.loops[0]).toMatchObject({ from: 'send reminder', to: 'send reminder' });
    // The interval log carries start_timestamp: every timed activity has working and waiting time.
    expect(r.activityTimes.length).toBeGreaterThan(3);
    for (const t of r.activityTimes) expect(t.workingMeanSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports a missing file in Danish with exit code 1', async () => {
    const io = capture();
    expect(await main(['mining', 'stats', join(logs, 'findes-ikke.xes'), '--format', 'json'], io)).toBe(1);
    expect(io.err.length).toBeGreaterThan(0);
  });
});
