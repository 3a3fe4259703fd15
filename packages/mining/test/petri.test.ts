import { describe, expect, it } from 'vitest';
import { type AcceptingPetriNet, Aligner, alignLog, logFromTraces, netSize, PetriNetBuilder, parsePnml, replayLog, TokenReplayer, toPnml } from '../src/index';

/** source → a → p1 → b → sink, plus a silent skip of b. */
function sequenceNet(withSkip = false): AcceptingPetriNet {
  const b = new PetriNetBuilder('seq');
  const source = b.addPlace('source');
  const p1 = b.addPlace('p1');
  const sink = b.addPlace('sink');
  const ta = b.addTransition('ta', 'a');
  const tb = b.addTransition('tb', 'b');
  b.placeToTransition(source, ta);
  b.transitionToPlace(ta, p1);
  b.placeToTransition(p1, tb);
  b.transitionToPlace(tb, sink);
  if (withSkip) {
    const skip = b.addTransition('skip', null);
    b.placeToTransition(p1, skip);
    b.transitionToPlace(skip, sink);
  }
  return { net: b.net, initialMarking: new Map([[source, 1]]), finalMarking: new Map([[sink, 1]]) };
}

describe('PNML', () => {
  it('round-trips places, silent transitions, weights and markings', () => {
    const model = sequenceNet(true);
    const again = parsePnml(toPnml(model));
    expect(netSize(again.net)).toEqual({ places: 3, transitions: 3, silentTransitions: 1, arcs: 6 });
    expect([...again.initialMarking]).toEqual([[0, 1]]);
    expect([...again.finalMarking]).toEqual([[2, 1]]);
    expect(again.net.transitions.map((t) => t.label)).toEqual(['a', 'b', null]);
  });
  it('guesses the final marking when the file has none', () => {
    const text = toPnml(sequenceNet()).replace(/<finalmarkings>[\s\S]*<\/finalmarkings>/, '');
    expect([...parsePnml(text).finalMarking]).toEqual([[2, 1]]);
  });
  it('rejects what is not PNML', () => {
    expect(() => parsePnml('<foo/>')).toThrow(expect.objectContaining({ code: 'INVALID_PNML' }));
  });
});

describe('token-based replay', () => {
  it('fits a fitting trace', () => {
    expect(new TokenReplayer(sequenceNet()).replayTrace(['a', 'b'])).toMatchObject({
      isFit: true,
      fitness: 1,
      missing: 0,
      remaining: 0,
      consumed: 3,
      produced: 3,
    });
  });
  it('counts missing and remaining tokens', () => {
    expect(new TokenReplayer(sequenceNet()).replayTrace(['b'])).toMatchObject({
      isFit: false,
      fitness: 0.5,
      missing: 1,
      remaining: 1,
      consumed: 2,
      produced: 2,
    });
  });
  it('fires silent transitions to reach the final marking', () => {
    expect(new TokenReplayer(sequenceNet(true)).replayTrace(['a'])).toMatchObject({ isFit: true, fitness: 1 });
  });
  it('summarises a log', () => {
    const result = replayLog(logFromTraces([['a', 'b'], ['b']]), sequenceNet());
    expect(result.percentFittingTraces).toBe(50);
    expect(result.averageTraceFitness).toBe(0.75);
    expect(result.logFitness).toBeCloseTo(0.5 * (1 - 1 / 5) + 0.5 * (1 - 1 / 5), 12);
  });
});

describe('alignments', () => {
  it('finds optimal costs with standard costs', () => {
    const aligner = new Aligner(sequenceNet(true));
    expect(aligner.bestWorstCost()).toBe(10_001);
    expect(aligner.alignTrace(['a', 'b']).cost).toBe(0);
    expect(aligner.alignTrace(['a']).cost).toBe(1);
    const skipped = aligner.alignTrace(['b']);
    expect(skipped.cost).toBe(10_000);
    expect(skipped.moves).toEqual([
      { log: null, model: 'a', transition: 'ta' },
      { log: 'b', model: 'b', transition: 'tb' },
    ]);
    expect(skipped.fitness).toBeCloseTo(1 - 1 / 2, 12);
    expect(aligner.alignTrace(['a', 'x', 'b']).cost).toBe(10_000);
  });
  it('summarises a log as pm4py does', () => {
    const result = alignLog(logFromTraces([['a', 'b'], ['b']]), sequenceNet());
    expect(result.percentFittingTraces).toBe(50);
    expect(result.logFitness).toBeCloseTo(1 - 10_000 / (40_000 + 30_000), 12);
  });
});
