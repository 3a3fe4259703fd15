import { describe, expect, it } from 'vitest';
import { alignLog, discoverInductive, netSize, readPnml, readXes, replayLog, treeToPetriNet, treeToString } from '../src/index';
import { hasLogs, logPath, reference } from './support';

interface TbrFigures {
  perc_fit_traces: number;
  average_trace_fitness: number;
  log_fitness: number;
}

describe.skipIf(!hasLogs)('conformance and discovery match pm4py', () => {
  const fitness = hasLogs ? reference<Record<'im' | 'imf02', { tbr_from_pnml: TbrFigures }>>('receipt.pnml-fitness.json') : undefined;

  for (const model of ['im', 'imf02'] as const) {
    it(`token-based replay of receipt on pm4py's ${model} PNML, to 1e-6`, async () => {
      const log = await readXes(logPath('receipt.xes.gz'));
      const result = replayLog(log, await readPnml(logPath(`reference/receipt.${model}.pnml`)));
      const expected = fitness?.[model].tbr_from_pnml;
      expect(Math.abs(result.logFitness - (expected?.log_fitness ?? 0))).toBeLessThan(1e-6);
      expect(Math.abs(result.averageTraceFitness - (expected?.average_trace_fitness ?? 0))).toBeLessThan(1e-6);
      expect(Math.abs(result.percentFittingTraces - (expected?.perc_fit_traces ?? 0))).toBeLessThan(1e-6);
    });
  }

  it('alignments of receipt on both pm4py nets', async () => {
    const log = await readXes(logPath('receipt.xes.gz'));
    const ref =
      reference<Record<string, { log_fitness: number; average_trace_fitness: number; percentage_of_fitting_traces: number }>>('receipt.reference.json');
    for (const [model, key] of [
      ['im', 'alignments_fitness_im'],
      ['imf02', 'alignments_fitness_imf02'],
    ] as const) {
      const result = alignLog(log, await readPnml(logPath(`reference/receipt.${model}.pnml`)));
      const expected = ref[key];
      expect(result.logFitness).toBeCloseTo(expected?.log_fitness ?? 0, 6);
      expect(result.averageTraceFitness).toBeCloseTo(expected?.average_trace_fitness ?? 0, 6);
      expect(result.percentFittingTraces).toBeCloseTo(expected?.percentage_of_fitting_traces ?? 0, 5);
    }
  });

  for (const name of ['running-example', 'receipt']) {
    it(`${name}: inductive miner nets have pm4py's size and fitness`, async () => {
      const log = await readXes(logPath(`${name}.xes.gz`));
      const ref = reference<{
        im_net: { places: number; transitions: number; silent_transitions: number; arcs: number };
        imf02_net: { places: number; transitions: number };
        im_process_tree: string;
        tbr_fitness: TbrFigures;
        tbr_fitness_imf02: TbrFigures;
      }>(`${name}.reference.json`);
      const im = treeToPetriNet(discoverInductive(log));
      expect(netSize(im.net)).toEqual({
        places: ref.im_net.places,
        transitions: ref.im_net.transitions,
        silentTransitions: ref.im_net.silent_transitions,
        arcs: ref.im_net.arcs,
      });
      const imf = treeToPetriNet(discoverInductive(log, { noiseThreshold: 0.2 }));
      expect(netSize(imf.net)).toMatchObject({ places: ref.imf02_net.places, transitions: ref.imf02_net.transitions });
      // The reference figures are rounded to 6 decimals.
      expect(replayLog(log, im).logFitness).toBeCloseTo(ref.tbr_fitness.log_fitness, 6);
      expect(replayLog(log, imf).logFitness).toBeCloseTo(ref.tbr_fitness_imf02.log_fitness, 6);
      if (name === 'running-example') {
        // Same tree up to the order of choice/parallel children (pm4py orders them by label hashes).
        const normalise = (s: string) =>
          s
            .replaceAll(/[^a-z]/g, '')
            .split('')
            .sort()
            .join('');
        expect(normalise(treeToString(discoverInductive(log)))).toBe(normalise(ref.im_process_tree));
      }
    });
  }
});
