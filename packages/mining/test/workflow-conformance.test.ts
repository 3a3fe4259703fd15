import { describe, expect, it } from 'vitest';
import {
  alignLog,
  atMostOnce,
  checkRules,
  checkWorkflowConformance,
  logFromTraces,
  mustHappen,
  mustPrecede,
  neverBoth,
  projectLog,
  replayLog,
  type WorkflowModelInput,
  workflowToPetriNet,
} from '../src/index';

// The shape of the platform's inquiry workflow (packages/core), written out so mining stays independent.
const inquiry: WorkflowModelInput = {
  initialState: 'received',
  states: [{ id: 'received' }, { id: 'in_progress' }, { id: 'awaiting_party' }, { id: 'answered' }, { id: 'closed', isTerminal: true }],
  transitions: [
    { id: 'start', from: ['received'], to: 'in_progress' },
    { id: 'await_party', from: ['in_progress'], to: 'awaiting_party' },
    { id: 'resume', from: ['awaiting_party', 'answered'], to: 'in_progress' },
    { id: 'answer', from: ['received', 'in_progress', 'awaiting_party'], to: 'answered' },
    { id: 'close', from: ['received', 'in_progress', 'awaiting_party', 'answered'], to: 'closed' },
    { id: 'reopen', from: ['closed'], to: 'in_progress' },
  ],
};
const sc = (...ids: string[]) => ids.map((id) => `state.changed:${id}`);

describe('a workflow definition as a reference model', () => {
  it('becomes a state machine with one labelled transition per source state and a silent end', () => {
    const model = workflowToPetriNet(inquiry);
    expect(model.net.places.map((p) => p.id)).toEqual(['state:received', 'state:in_progress', 'state:awaiting_party', 'state:answered', 'state:closed', 'end']);
    // 1 + 1 + 2 + 3 + 4 + 1 visible transitions, one silent one from the single terminal state.
    expect(model.net.transitions.filter((t) => t.label !== null)).toHaveLength(12);
    expect(model.net.transitions.filter((t) => t.label === null).map((t) => t.id)).toEqual(['tau_end@closed']);
    expect(new Set(model.net.transitions.map((t) => t.label))).toEqual(new Set([...sc('start', 'await_party', 'resume', 'answer', 'close', 'reopen'), null]));
    expect([...model.initialMarking]).toEqual([[0, 1]]);
    expect([...model.finalMarking]).toEqual([[5, 1]]);
  });

  it('fits a case that follows the workflow exactly, and not one that skips a step', () => {
    const model = workflowToPetriNet(inquiry);
    const follows = logFromTraces([sc('start', 'await_party', 'resume', 'answer', 'close')]);
    expect(alignLog(follows, model).averageTraceFitness).toBe(1);
    expect(replayLog(follows, model).logFitness).toBe(1);
    // await_party straight from received is not allowed: start was skipped.
    const skips = logFromTraces([sc('await_party', 'resume', 'answer', 'close')]);
    const result = alignLog(skips, model);
    expect(result.averageTraceFitness).toBeLessThan(1);
    expect(result.percentFittingTraces).toBe(0);
  });

  it('rejects a definition that names an unknown state', () => {
    expect(() => workflowToPetriNet({ ...inquiry, transitions: [{ id: 'x', from: ['nowhere'], to: 'closed' }] })).toThrow(/unknown state nowhere/);
  });

  it('projects a case log onto its state changes', () => {
    const log = logFromTraces([['case.created', ...sc('start'), 'message.sent', ...sc('close')], ['case.created']]);
    const projected = projectLog(log);
    expect(projected.caseIds).toEqual(['1']);
    expect(projected.caseOffsets[1]).toBe(2);
  });
});

describe('checking cases against their workflow', () => {
  it('checks finished cases in full and running ones as prefixes, and names the deviations', () => {
    const log = logFromTraces([
      ['case.created', ...sc('start'), 'message.sent', ...sc('answer', 'close')],
      ['case.created', ...sc('start')],
      ['case.created'],
      ['case.created', ...sc('await_party', 'resume', 'answer', 'close')],
    ]);
    const result = checkWorkflowConformance(log, inquiry);
    expect(result.cases.map((c) => [c.caseId, c.isOpen, c.fitness])).toEqual([
      ['1', false, 1],
      ['2', true, 1],
      ['3', true, 1],
      ['4', false, expect.any(Number)],
    ]);
    const bad = result.cases[3];
    expect(bad?.fitness).toBeLessThan(1);
    // The cheapest explanation: start was skipped.
    expect(bad?.missing).toEqual(['state.changed:start']);
    expect(bad?.unexpected).toEqual([]);
    expect(result.percentFittingTraces).toBe(75);
    expect(result.logFitness).toBeLessThan(1);
    expect(result.perActivity[0]?.deviations).toBeGreaterThan(0);
  });
});

describe('rules a process owner writes', () => {
  const log = logFromTraces([
    ['received', 'answer', 'close'],
    ['received', 'close'],
    ['answer', 'received', 'answer'],
    ['received', 'reject', 'answer'],
  ]);
  const rules = [mustHappen('answer'), mustPrecede('received', 'answer'), neverBoth('reject', 'answer'), atMostOnce('answer')];
  const ids = (i: number) => checkRules(log, rules.slice(i, i + 1))[0];

  it('must happen', () => {
    expect(ids(0)).toEqual({ rule: { type: 'must_happen', a: 'answer' }, casesChecked: 4, violatingCaseIds: ['2'] });
  });
  it('must precede: every b has an a before it', () => {
    expect(ids(1)?.violatingCaseIds).toEqual(['3']);
  });
  it('never both', () => {
    expect(ids(2)?.violatingCaseIds).toEqual(['4']);
  });
  it('at most once', () => {
    expect(ids(3)?.violatingCaseIds).toEqual(['3']);
  });
  it('takes rules as written, and refuses a two-activity rule without its second activity', () => {
    expect(checkRules(log, [{ type: 'must_precede', a: 'received', b: 'close' }])[0]?.violatingCaseIds).toEqual([]);
    expect(() => checkRules(log, [{ type: 'never_both', a: 'x' }])).toThrow(/second activity/);
  });
});
