/**
 * A case-handling workflow (states and the transitions between them) as a reference model for
 * conformance checking. Each state is a place and each transition, for each state it may be taken
 * from, a visible Petri-net transition labelled `state.changed:<transition id>` — the activity the
 * live case log records when the transition is taken. A silent transition from every final state to
 * one end place makes the net an accepting net with a single final marking: a state machine whose
 * token sits in exactly one place, so it is safe, and sound whenever every state can reach a final
 * state.
 */
import { caseCount, type EventLog, selectEvents } from '../log/event-log';
import { type AcceptingPetriNet, PetriNetBuilder } from '../petri/petri-net';
import { Aligner, MOVE_COST, type TraceAlignment } from './alignments';
import type { FitnessSummary } from './token-replay';

/** The part of a workflow definition that matters to its process (no roles or deadlines). */
export interface WorkflowModelInput {
  initialState: string;
  states: readonly { id: string; isTerminal?: boolean }[];
  transitions: readonly { id: string; from: readonly string[]; to: string }[];
}

/** The activity prefix of workflow transitions in the live case log. */
export const WORKFLOW_ACTIVITY_PREFIX = 'state.changed:';

/** The log activity of taking a workflow transition. */
export function workflowActivity(transitionId: string): string {
  return `${WORKFLOW_ACTIVITY_PREFIX}${transitionId}`;
}

export interface WorkflowNetOptions {
  /**
   * States a case may end in. Default: the terminal states (every state when none is terminal).
   * Passing every state checks a running case as a prefix: it may stop anywhere.
   */
  finalStates?: readonly string[];
}

/** Builds the accepting Petri net of a workflow; throws when it names unknown states. */
export function workflowToPetriNet(workflow: WorkflowModelInput, options: WorkflowNetOptions = {}): AcceptingPetriNet {
  const builder = new PetriNetBuilder('workflow');
  const place = new Map<string, number>();
  for (const s of workflow.states) {
    if (place.has(s.id)) throw new Error(`workflow state ${s.id} is defined twice`);
    place.set(s.id, builder.addPlace(`state:${s.id}`));
  }
  const placeOf = (id: string, where: string): number => {
    const p = place.get(id);
    if (p === undefined) throw new Error(`workflow ${where} refers to unknown state ${id}`);
    return p;
  };
  const initial = placeOf(workflow.initialState, 'initial state');
  for (const t of workflow.transitions) {
    const to = placeOf(t.to, `transition ${t.id}`);
    // A transition allowed from several states is a choice: one net transition per source state.
    for (const from of new Set(t.from)) {
      const source = placeOf(from, `transition ${t.id}`);
      const nt = builder.addTransition(`${t.id}@${from}`, workflowActivity(t.id));
      builder.placeToTransition(source, nt);
      builder.transitionToPlace(nt, to);
    }
  }
  const terminal = workflow.states.filter((s) => s.isTerminal).map((s) => s.id);
  const finals = options.finalStates ?? (terminal.length > 0 ? terminal : workflow.states.map((s) => s.id));
  const end = builder.addPlace('end');
  for (const s of new Set(finals)) {
    const tau = builder.addTransition(`tau_end@${s}`, null);
    builder.placeToTransition(placeOf(s, 'final state'), tau);
    builder.transitionToPlace(tau, end);
  }
  return { net: builder.net, initialMarking: new Map([[initial, 1]]), finalMarking: new Map([[end, 1]]) };
}

/**
 * The log restricted to the events whose activity `keep` accepts (cases left without events are
 * dropped). With the default it is the projection onto the workflow's state changes.
 */
export function projectLog(log: EventLog, keep: (activity: string) => boolean = (a) => a.startsWith(WORKFLOW_ACTIVITY_PREFIX)): EventLog {
  const kept = log.activityNames.map((a) => keep(a));
  return selectEvents(
    log,
    () => true,
    (e) => kept[log.activities[e] ?? -1] === true,
  );
}

/** How one case followed its workflow. */
export interface WorkflowCaseConformance {
  caseId: string;
  fitness: number;
  cost: number;
  /** True when the case had not reached a final state and was checked as a prefix. */
  isOpen: boolean;
  /** Transitions the workflow required that the case did not take (model moves). */
  missing: string[];
  /** Transitions the case took where the workflow did not allow them (log moves). */
  unexpected: string[];
}

export interface WorkflowConformance extends FitnessSummary {
  cases: WorkflowCaseConformance[];
  /** Per workflow activity: how often it occurred in the log and how many deviations involve it. */
  perActivity: { activity: string; count: number; deviations: number }[];
}

export interface WorkflowConformanceOptions {
  /**
   * Whether a case is still running and is checked as a prefix (may stop in any state). Default: a
   * case is running unless its last state change leads to a terminal state.
   */
  isOpen?: (caseIndex: number, trace: readonly string[]) => boolean;
}

/**
 * Optimal alignments of every case's state changes against its workflow (standard costs), with
 * pm4py's fitness formulas; events other than `state.changed:*` are ignored. Finished cases must
 * end in a terminal state; running ones are aligned as prefixes.
 */
export function checkWorkflowConformance(log: EventLog, workflow: WorkflowModelInput, options: WorkflowConformanceOptions = {}): WorkflowConformance {
  const terminal = new Set(workflow.states.filter((s) => s.isTerminal).map((s) => s.id));
  const target = new Map(workflow.transitions.map((t) => [workflowActivity(t.id), t.to]));
  const isOpen =
    options.isOpen ??
    ((_: number, trace: readonly string[]) => {
      const last = trace[trace.length - 1];
      const to = last === undefined ? undefined : target.get(last);
      return !(to !== undefined && terminal.has(to));
    });
  const closedAligner = new Aligner(workflowToPetriNet(workflow));
  const openAligner = new Aligner(workflowToPetriNet(workflow, { finalStates: workflow.states.map((s) => s.id) }));
  const memo = new Map<string, TraceAlignment>();
  const isWorkflowActivity = log.activityNames.map((a) => a.startsWith(WORKFLOW_ACTIVITY_PREFIX));

  const cases: WorkflowCaseConformance[] = [];
  const perActivity = new Map<string, { count: number; deviations: number }>();
  const bump = (activity: string, count: number, deviations: number) => {
    const entry = perActivity.get(activity) ?? { count: 0, deviations: 0 };
    entry.count += count;
    entry.deviations += deviations;
    perActivity.set(activity, entry);
  };
  for (const t of workflow.transitions) bump(workflowActivity(t.id), 0, 0);
  let fit = 0;
  let sumFitness = 0;
  let sumCost = 0;
  let sumWorst = 0;
  const n = caseCount(log);
  for (let c = 0; c < n; c++) {
    const trace: string[] = [];
    for (let e = log.caseOffsets[c] ?? 0; e < (log.caseOffsets[c + 1] ?? 0); e++) {
      const a = log.activities[e] ?? -1;
      if (isWorkflowActivity[a]) trace.push(log.activityNames[a] ?? '');
    }
    const open = isOpen(c, trace);
    const key = `${open ? 'o' : 'c'}\u0000${trace.join('\u0000')}`;
    let alignment = memo.get(key);
    if (!alignment) {
      alignment = (open ? openAligner : closedAligner).alignTrace(trace);
      memo.set(key, alignment);
    }
    // pm4py's formula has no denominator for an empty trace: a case that has not moved fits when the model may stop there.
    const fitness = trace.length === 0 ? (alignment.cost < MOVE_COST ? 1 : 0) : alignment.fitness;
    const missing: string[] = [];
    const unexpected: string[] = [];
    for (const m of alignment.moves) {
      if (m.log === null && m.model !== null) missing.push(m.model);
      else if (m.log !== null && m.transition === null) unexpected.push(m.log);
    }
    for (const a of trace) bump(a, 1, 0);
    for (const a of [...missing, ...unexpected]) bump(a, 0, 1);
    if (fitness === 1) fit++;
    sumFitness += fitness;
    sumCost += alignment.cost;
    sumWorst += alignment.bestWorstCost;
    cases.push({ caseId: log.caseIds[c] ?? '', fitness, cost: alignment.cost, isOpen: open, missing, unexpected });
  }
  return {
    cases,
    perActivity: [...perActivity].map(([activity, v]) => ({ activity, ...v })).sort((a, b) => b.deviations - a.deviations || b.count - a.count),
    logFitness: sumWorst > 0 ? 1 - sumCost / sumWorst : n > 0 ? 1 : 0,
    averageTraceFitness: n > 0 ? sumFitness / n : 0,
    percentFittingTraces: n > 0 ? (100 * fit) / n : 0,
  };
}
