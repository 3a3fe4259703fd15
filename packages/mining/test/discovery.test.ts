import { describe, expect, it } from 'vitest';
import { discoverInductive, foldTree, leaf, logFromTraces, netSize, node, replayLog, toBpmnXml, treeToPetriNet, treeToString } from '../src/index';

const RUNNING_EXAMPLE = [
  ['register request', 'examine thoroughly', 'check ticket', 'decide', 'reject request'],
  ['register request', 'check ticket', 'examine casually', 'decide', 'pay compensation'],
  ['register request', 'examine casually', 'check ticket', 'decide', 'reinitiate request', 'examine thoroughly', 'check ticket', 'decide', 'pay compensation'],
  ['register request', 'examine casually', 'check ticket', 'decide', 'pay compensation'],
  [
    'register request',
    'examine casually',
    'check ticket',
    'decide',
    'reinitiate request',
    'check ticket',
    'examine casually',
    'decide',
    'reinitiate request',
    'examine casually',
    'check ticket',
    'decide',
    'reject request',
  ],
  ['register request', 'check ticket', 'examine thoroughly', 'decide', 'reject request'],
];

describe('process trees', () => {
  it('folds nested operators and useless taus', () => {
    const tree = node('sequence', [leaf('a'), node('sequence', [leaf(null), leaf('b')]), node('xor', [leaf(null), node('xor', [leaf(null), leaf('c')])])]);
    expect(treeToString(foldTree(tree))).toBe("->( 'a', 'b', X( tau, 'c' ) )");
  });
});

describe('inductive miner', () => {
  it('finds the textbook model of the running example', () => {
    const tree = discoverInductive(logFromTraces(RUNNING_EXAMPLE));
    expect(treeToString(tree)).toBe(
      "->( 'register request', *( ->( +( 'check ticket', X( 'examine casually', 'examine thoroughly' ) ), 'decide' ), 'reinitiate request' ), X( 'pay compensation', 'reject request' ) )",
    );
    const model = treeToPetriNet(tree);
    // pm4py's net for this tree: 9 places, 10 transitions (2 silent), 22 arcs.
    expect(netSize(model.net)).toEqual({ places: 9, transitions: 10, silentTransitions: 2, arcs: 22 });
    expect(replayLog(logFromTraces(RUNNING_EXAMPLE), model).logFitness).toBe(1);
  });
  it('handles choice, empty traces and concurrency', () => {
    expect(treeToString(discoverInductive(logFromTraces([['a'], ['b']])))).toBe("X( 'a', 'b' )");
    expect(treeToString(discoverInductive(logFromTraces([['a', 'b'], []])))).toBe("X( tau, ->( 'a', 'b' ) )");
    expect(
      treeToString(
        discoverInductive(
          logFromTraces([
            ['a', 'b', 'c'],
            ['b', 'a', 'c'],
          ]),
        ),
      ),
    ).toBe("->( +( 'a', 'b' ), 'c' )");
    expect(treeToString(discoverInductive(logFromTraces([['a'], ['a', 'a'], ['a', 'a', 'a']])))).toBe("*( 'a', tau )");
  });
  // Expected trees computed with pm4py 2.7.11 (discover_process_tree_inductive, noise 0 and 0.2).
  const repeat = (n: number, trace: string[]) => Array.from({ length: n }, () => trace);
  const cases: [string, string[][], string, string][] = [
    ['loop', [...repeat(20, ['a', 'b']), ['a', 'b', 'a', 'b']], "*( ->( 'a', 'b' ), tau )", "->( 'a', *( 'b', tau ) )"],
    ['parallel', [...repeat(20, ['a', 'b', 'c']), ['a', 'c', 'b']], "->( 'a', +( 'b', 'c' ) )", "->( 'a', +( 'b', 'c' ) )"],
    ['skip', [...repeat(10, ['a', 'b', 'c']), ...repeat(2, ['a', 'c'])], "->( 'a', X( tau, 'b' ), 'c' )", "->( 'a', 'b', 'c' )"],
    ['rare extra', [...repeat(20, ['a', 'b', 'c']), ['a', 'x', 'b', 'c']], "->( 'a', X( tau, 'x' ), 'b', 'c' )", "->( 'a', X( tau, 'x' ), 'b', 'c' )"],
  ];
  for (const [name, traces, im, imf] of cases) {
    it(`agrees with pm4py on IM and IMf: ${name}`, () => {
      expect(treeToString(discoverInductive(logFromTraces(traces)))).toBe(im);
      expect(treeToString(discoverInductive(logFromTraces(traces), { noiseThreshold: 0.2 }))).toBe(imf);
    });
  }
  it('writes BPMN with tasks, gateways and diagram', () => {
    const xml = toBpmnXml(discoverInductive(logFromTraces(RUNNING_EXAMPLE)));
    expect(xml.match(/<task /g)?.length).toBe(8);
    expect(xml).toContain('<parallelGateway');
    expect(xml).toContain('<exclusiveGateway');
    expect(xml).toContain('<bpmndi:BPMNShape');
  });
});
